// AWS::SSM::Parameter through the local SSM service's typed operations. Ref is the parameter's
// name; Fn::GetAtt offers Type and Value. A name left out is `CFN-<logical id>-<12 characters>`,
// as AWS generates it (recorded: "CFN-A-xvqPt7CmcHKX").
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"

#include "local/ssm/ssm_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

std::vector<aws::ssm::Tag> tags_of(const nlohmann::json& props) {
  std::vector<aws::ssm::Tag> out;
  auto it = props.find("Tags");
  if (it == props.end() || !it->is_object()) return out;
  for (const auto& [k, v] : it->items())
    out.push_back({.key = k, .value = v.is_string() ? v.get<std::string>() : v.dump()});
  return out;
}

class SsmParameterProvider final : public Provider {
 public:
  explicit SsmParameterProvider(ssm::SsmService& ssm) : ssm_(ssm) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::SSM::Parameter"; }

  [[nodiscard]] std::string generated_name(std::string_view, std::string_view logical_id,
                                           std::string_view random) const override {
    return "CFN-" + std::string(logical_id) + "-" + std::string(random.substr(0, 12));
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    return text(props, "Name").value_or(call.generated_name);
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    std::string name = planned_physical_id(call, props);
    aws::ssm::PutParameterRequest r{.name = name,
                                    .description = text(props, "Description"),
                                    .value = text(props, "Value").value_or(""),
                                    .type = text(props, "Type"),
                                    .key_id = std::nullopt,
                                    .overwrite = std::nullopt,
                                    .allowed_pattern = text(props, "AllowedPattern"),
                                    .tags = tags_of(props),
                                    .tier = text(props, "Tier"),
                                    .data_type = text(props, "DataType")};
    auto put = ssm_.put_parameter(call.context, r);
    if (!put) return put.failure();
    return provided(name, props);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    aws::ssm::PutParameterRequest r{.name = current.physical_id,
                                    .description = text(after, "Description"),
                                    .value = text(after, "Value").value_or(""),
                                    .type = text(after, "Type"),
                                    .key_id = std::nullopt,
                                    .overwrite = true,
                                    .allowed_pattern = text(after, "AllowedPattern"),
                                    .tags = {},
                                    .tier = text(after, "Tier"),
                                    .data_type = text(after, "DataType")};
    auto put = ssm_.put_parameter(call.context, r);
    if (!put) return put.failure();
    if (before.value("Tags", nlohmann::json()) != after.value("Tags", nlohmann::json())) {
      std::vector<std::string> gone;
      for (const auto& t : tags_of(before)) gone.push_back(t.key);
      if (!gone.empty()) {
        auto removed = ssm_.remove_tags_from_resource(
            call.context, {.resource_type = "Parameter", .resource_id = current.physical_id, .tag_keys = gone});
        if (!removed) return removed.failure();
      }
      auto now = tags_of(after);
      if (!now.empty()) {
        auto added = ssm_.add_tags_to_resource(
            call.context, {.resource_type = "Parameter", .resource_id = current.physical_id, .tags = now});
        if (!added) return added.failure();
      }
    }
    return provided(current.physical_id, after);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ssm_.delete_parameter(call.context, {.name = current.physical_id});
    if (!r && r.error().code == "ParameterNotFound") return core::ok();
    return r;
  }

 private:
  static ProvidedResource provided(const std::string& name, const nlohmann::json& props) {
    return {.physical_id = name,
            .attributes = {{"Type", text(props, "Type").value_or("")}, {"Value", text(props, "Value").value_or("")}}};
  }

  ssm::SsmService& ssm_;
};

}  // namespace

std::unique_ptr<Provider> make_ssm_parameter_provider(ssm::SsmService& ssm) {
  return std::make_unique<SsmParameterProvider>(ssm);
}

}  // namespace hoplite::local::cloudformation
