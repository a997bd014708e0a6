// AWS::StepFunctions::StateMachine through the local Step Functions' typed operations. The
// definition is DefinitionString, Definition (an object, written as JSON), or the object
// DefinitionS3Location names in the local S3 (read when the resource is made or its location
// changes, as CloudFormation reads it), with DefinitionSubstitutions' `${key}` replaced as AWS
// does. Ref and Fn::GetAtt Arn are the
// machine's ARN; GetAtt also offers Name and StateMachineRevisionId. A name left out is
// `<logical id>-<12 random characters>`, as AWS generates it. Definition and role change in place.
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/s3/s3_service.hpp"
#include "local/states/states_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

// `${name}` → its substitution, left to right in one pass (a substituted value is not scanned
// again); an unknown name is left as written.
std::string substituted(const std::string& definition, const nlohmann::json& substitutions) {
  if (!substitutions.is_object() || substitutions.empty()) return definition;
  std::string out;
  out.reserve(definition.size());
  std::size_t at = 0;
  while (at < definition.size()) {
    auto open = definition.find("${", at);
    if (open == std::string::npos) break;
    auto close = definition.find('}', open + 2);
    if (close == std::string::npos) break;
    out.append(definition, at, open - at);
    auto it = substitutions.find(definition.substr(open + 2, close - open - 2));
    if (it != substitutions.end()) {
      out += as_text(*it);
    } else {
      out.append(definition, open, close + 1 - open);
    }
    at = close + 1;
  }
  out.append(definition, at);
  return out;
}

/// The properties that make the definition: when none of them changes, neither does it.
nlohmann::json definition_source(const nlohmann::json& props) {
  nlohmann::json out = nlohmann::json::object();
  for (const char* k : {"DefinitionString", "Definition", "DefinitionS3Location", "DefinitionSubstitutions"})
    if (auto it = props.find(k); it != props.end()) out[k] = *it;
  return out;
}

/// Step Functions' quota on a definition's size.
constexpr std::uint64_t kMaxDefinitionBytes = 1024 * 1024;

std::string role_of(const nlohmann::json& props) {
  auto it = props.find("RoleArn");
  return it != props.end() && it->is_string() ? it->get<std::string>() : "";
}

class StateMachineProvider final : public Provider {
 public:
  StateMachineProvider(states::StatesService& states, s3::S3Service* s3) : states_(states), s3_(s3) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::StepFunctions::StateMachine"; }

  [[nodiscard]] std::string generated_name(std::string_view, std::string_view logical_id,
                                           std::string_view random) const override {
    return (std::string(logical_id) + "-" + std::string(random.substr(0, 12))).substr(0, 80);
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    aws::sfn::CreateStateMachineRequest r;
    auto name = props.find("StateMachineName");
    r.name = name != props.end() && name->is_string() ? name->get<std::string>() : call.generated_name;
    auto definition = definition_of(call, props);
    if (!definition) return definition.failure();
    r.definition = std::move(*definition);
    r.role_arn = role_of(props);
    if (auto t = props.find("StateMachineType"); t != props.end() && t->is_string()) r.type = t->get<std::string>();
    if (auto tags = props.find("Tags"); tags != props.end() && tags->is_array())
      for (const auto& t : *tags)
        if (t.is_object()) r.tags.push_back({.key = t.value("Key", ""), .value = t.value("Value", "")});
    auto made = states_.create_state_machine(call.context, r);
    if (!made) return made.failure();
    return described(call, made->state_machine_arn);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    aws::sfn::UpdateStateMachineRequest r{.state_machine_arn = current.physical_id};
    if (definition_source(before) != definition_source(after)) {
      auto definition = definition_of(call, after);
      if (!definition) return definition.failure();
      r.definition = std::move(*definition);
    }
    if (role_of(before) != role_of(after)) r.role_arn = role_of(after);
    if (r.definition || r.role_arn) {
      auto changed = states_.update_state_machine(call.context, r);
      if (!changed) return changed.failure();
    }
    return described(call, current.physical_id);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    return states_.delete_state_machine(call.context, {.state_machine_arn = current.physical_id});
  }

 private:
  core::Result<std::string> definition_of(const ProviderCall& call, const nlohmann::json& props) {
    std::string text;
    if (auto it = props.find("DefinitionString"); it != props.end()) text = as_text(*it);
    if (auto it = props.find("Definition"); it != props.end() && text.empty()) text = it->dump();
    if (auto it = props.find("DefinitionS3Location"); it != props.end() && text.empty() && it->is_object()) {
      std::string bucket = it->value("Bucket", ""), key = it->value("Key", "");
      if (s3_ == nullptr) return aws_error("InvalidRequest", "DefinitionS3Location needs the local S3");
      auto bytes = s3_->get_object_bytes(call.context, bucket, key, kMaxDefinitionBytes);
      if (!bytes) return bytes.failure("reading DefinitionS3Location s3://" + bucket + "/" + key);
      text = std::move(*bytes);
    }
    auto subs = props.find("DefinitionSubstitutions");
    return subs == props.end() ? text : substituted(text, *subs);
  }

  core::Result<ProvidedResource> described(const ProviderCall& call, const std::string& arn) {
    auto d = states_.describe_state_machine(call.context, {.state_machine_arn = arn});
    if (!d) return d.failure();
    return ProvidedResource{
        .physical_id = arn,
        .attributes = {{"Arn", arn}, {"Name", d->name}, {"StateMachineRevisionId", d->revision_id.value_or(arn)}}};
  }

  states::StatesService& states_;
  s3::S3Service* s3_;  ///< DefinitionS3Location's objects; none without an S3 service
};

}  // namespace

std::unique_ptr<Provider> make_state_machine_provider(states::StatesService& states, s3::S3Service* s3) {
  return std::make_unique<StateMachineProvider>(states, s3);
}

}  // namespace hoplite::local::cloudformation
