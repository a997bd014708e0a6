// AWS::Lambda::Function through the local Lambda service's typed operations: Ref is the function
// name; Fn::GetAtt offers Arn and SnapStartResponse's two members (SnapStart is never on here).
// A name left out is `<stack>-<logical id>-<12 characters>` cut to Lambda's 64. Code changes go
// through UpdateFunctionCode, the rest through UpdateFunctionConfiguration and the tag calls; a
// new FunctionName or PackageType replaces the function. `Code.ZipFile` is source text, which
// CloudFormation zips as `index.js` or `index.py` (nodejs and python runtimes only), as here —
// without the cfn-response module AWS puts beside it (nothing runs the code locally).
// Properties only a running function needs (VpcConfig, Layers, DeadLetterConfig, …) are accepted
// and not kept: the local Lambda does not run functions (docs/local.md).
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"

#include <charconv>

#include "local/lambda/lambda_names.hpp"
#include "local/lambda/lambda_service.hpp"
#include "local/lambda/lambda_zip.hpp"

namespace hoplite::local::cloudformation {
namespace {

const nlohmann::json& lambda_property(const nlohmann::json& props, const char* key) {
  static const nlohmann::json kNull;
  auto it = props.find(key);
  return it == props.end() ? kNull : *it;
}

core::Result<std::optional<std::int64_t>> lambda_integer(const nlohmann::json& props, const char* key) {
  auto t = text(props, key);
  if (!t) return std::optional<std::int64_t>{};
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(t->data(), t->data() + t->size(), n);
  if (ec != std::errc{} || p != t->data() + t->size())
    return aws_error("ValidationError", std::string("Property ") + key + " must be an integer, not " + *t);
  return std::optional<std::int64_t>{n};
}

std::optional<std::map<std::string, std::string>> lambda_environment(const nlohmann::json& props) {
  const auto& env = lambda_property(props, "Environment");
  if (!env.is_object()) return std::nullopt;
  std::map<std::string, std::string> out;
  auto vars = env.find("Variables");
  if (vars != env.end() && vars->is_object())
    for (const auto& [k, v] : vars->items()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return out;
}

std::vector<std::string> lambda_architectures(const nlohmann::json& props) {
  std::vector<std::string> out;
  const auto& a = lambda_property(props, "Architectures");
  if (a.is_array())
    for (const auto& v : a) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

/// The Code property as Lambda's FunctionCode: inline source becomes a one-file zip.
core::Result<lambda::FunctionCode> lambda_code(const nlohmann::json& props) {
  const auto& code = lambda_property(props, "Code");
  if (!code.is_object()) return aws_error("ValidationError", "Property Code cannot be empty.");
  lambda::FunctionCode out{.zip_file = std::nullopt,
                           .s3_bucket = text(code, "S3Bucket"),
                           .s3_key = text(code, "S3Key"),
                           .s3_object_version = text(code, "S3ObjectVersion"),
                           .image_uri = text(code, "ImageUri")};
  if (auto source = text(code, "ZipFile")) {
    std::string runtime = text(props, "Runtime").value_or("");
    const char* file = runtime.starts_with("nodejs")   ? "index.js"
                       : runtime.starts_with("python") ? "index.py"
                                                       : nullptr;
    if (file == nullptr)
      return aws_error("ValidationError",
                       "ZipFile can only be used when Runtime is set to a nodejs or python runtime.");
    out.zip_file = lambda::zip_one_file(file, *source);
  }
  return out;
}

class LambdaFunctionProvider final : public Provider {
 public:
  explicit LambdaFunctionProvider(lambda::LambdaService& lambda) : lambda_(lambda) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::Lambda::Function"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    return name_with_random_tail(stack_name, logical_id, random, 64);  // function names: at most 64
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    return text(props, "FunctionName").value_or(call.generated_name);
  }

  [[nodiscard]] bool needs_replacement(const nlohmann::json& before, const nlohmann::json& after) const override {
    // Lambda cannot turn a zip function into an image one (or back): CloudFormation replaces it.
    return Provider::needs_replacement(before, after) ||
           text(before, "PackageType").value_or("Zip") != text(after, "PackageType").value_or("Zip");
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    auto code = lambda_code(props);
    if (!code) return code.failure();
    auto timeout = lambda_integer(props, "Timeout");
    if (!timeout) return timeout.failure();
    auto memory = lambda_integer(props, "MemorySize");
    if (!memory) return memory.failure();
    lambda::CreateFunctionRequest r{.function_name = planned_physical_id(call, props),
                                    .runtime = text(props, "Runtime"),
                                    .role = text(props, "Role").value_or(""),
                                    .handler = text(props, "Handler"),
                                    .code = std::move(*code),
                                    .description = text(props, "Description"),
                                    .timeout = *timeout,
                                    .memory_size = *memory,
                                    .environment = lambda_environment(props),
                                    .package_type = text(props, "PackageType"),
                                    .architectures = lambda_architectures(props),
                                    .tags = tag_map(props)};
    auto made = lambda_.create_function(call.context, r);
    if (!made) return made.failure();
    return provided(made->function_name, made->function_arn);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    const std::string& name = current.physical_id;
    if (lambda_property(before, "Code") != lambda_property(after, "Code") ||
        lambda_architectures(before) != lambda_architectures(after) ||
        (text(before, "Runtime") != text(after, "Runtime") && lambda_property(after, "Code").contains("ZipFile"))) {
      auto code = lambda_code(after);
      if (!code) return code.failure();
      auto updated = lambda_.update_function_code(call.context, {.function_name = name,
                                                                 .code = std::move(*code),
                                                                 .architectures = lambda_architectures(after),
                                                                 .revision_id = std::nullopt});
      if (!updated) return updated.failure();
    }
    auto timeout = lambda_integer(after, "Timeout");
    if (!timeout) return timeout.failure();
    auto memory = lambda_integer(after, "MemorySize");
    if (!memory) return memory.failure();
    // A property the template no longer sets goes back to Lambda's default, as in AWS.
    auto configured = lambda_.update_function_configuration(
        call.context, {.function_name = name,
                       .runtime = text(after, "Runtime"),
                       .role = text(after, "Role"),
                       .handler = text(after, "Handler"),
                       .description = text(after, "Description").value_or(""),
                       .timeout = timeout->value_or(3),
                       .memory_size = memory->value_or(128),
                       .environment = lambda_environment(after).value_or(std::map<std::string, std::string>{}),
                       .revision_id = std::nullopt});
    if (!configured) return configured.failure();
    auto old_tags = tag_map(before);
    auto new_tags = tag_map(after);
    if (old_tags != new_tags) {
      std::vector<std::string> gone;
      for (const auto& [k, v] : old_tags)
        if (!new_tags.contains(k)) gone.push_back(k);
      if (!gone.empty())
        if (auto u = lambda_.untag_resource(call.context, configured->function_arn, gone); !u) return u.failure();
      if (!new_tags.empty())
        if (auto t = lambda_.tag_resource(call.context, configured->function_arn, new_tags); !t) return t.failure();
    }
    return provided(name, configured->function_arn);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = lambda_.delete_function(call.context, current.physical_id);
    if (!r && r.error().code == "ResourceNotFoundException") return core::ok();
    return r;
  }

 private:
  static ProvidedResource provided(const std::string& name, const std::string& arn) {
    return {.physical_id = name,
            .attributes = {
                {"Arn", arn}, {"SnapStartResponse.ApplyOn", "None"}, {"SnapStartResponse.OptimizationStatus", "Off"}}};
  }

  lambda::LambdaService& lambda_;
};

}  // namespace

std::unique_ptr<Provider> make_lambda_function_provider(lambda::LambdaService& lambda) {
  return std::make_unique<LambdaFunctionProvider>(lambda);
}

}  // namespace hoplite::local::cloudformation
