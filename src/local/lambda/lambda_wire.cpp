#include "local/lambda/lambda_wire.hpp"

#include "hoplite/core/base64.hpp"
#include "local/service.hpp"

namespace hoplite::local::lambda::wire {
namespace {

core::Failure bad_content(const std::string& member, const char* expected) {
  return aws_error("InvalidRequestContentException",
                   "Could not parse request body into json: Could not parse payload into json: member " + member +
                       " must be " + expected,
                   400);
}

/// Reads the optional members of one JSON object, remembering the first type error.
class LambdaReader {
 public:
  explicit LambdaReader(const nlohmann::json& in) : in_(in) {}

  std::optional<std::string> text(const char* key) {
    auto it = in_.find(key);
    if (it == in_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) return fail(key, "a string"), std::nullopt;
    return it->get<std::string>();
  }
  std::optional<std::int64_t> integer(const char* key) {
    auto it = in_.find(key);
    if (it == in_.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer()) return fail(key, "an integer"), std::nullopt;
    return it->get<std::int64_t>();
  }
  std::optional<std::map<std::string, std::string>> string_map(const nlohmann::json& where, const char* key) {
    auto it = where.find(key);
    if (it == where.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) return fail(key, "an object"), std::nullopt;
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : it->items()) {
      if (!v.is_string()) return fail(key + ("." + k), "a string"), std::nullopt;
      out[k] = v.get<std::string>();
    }
    return out;
  }
  std::vector<std::string> strings(const char* key) {
    std::vector<std::string> out;
    auto it = in_.find(key);
    if (it == in_.end() || it->is_null()) return out;
    if (!it->is_array()) return fail(key, "a list"), out;
    for (const auto& v : *it) {
      if (!v.is_string()) return fail(key, "a list of strings"), out;
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  /// Environment: `{"Variables": {...}}`.
  std::optional<std::map<std::string, std::string>> environment() {
    auto it = in_.find("Environment");
    if (it == in_.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) return fail("Environment", "an object"), std::nullopt;
    auto vars = string_map(*it, "Variables");
    return vars.value_or(std::map<std::string, std::string>{});
  }
  std::optional<FunctionCode> code(const char* key) {
    auto it = in_.find(key);
    if (it == in_.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) return fail(key, "an object"), std::nullopt;
    return code_of(*it);
  }
  /// The code members of `where` (UpdateFunctionCode has them at the top).
  FunctionCode code_of(const nlohmann::json& where) {
    LambdaReader r(where);
    FunctionCode c{.zip_file = std::nullopt,
                   .s3_bucket = r.text("S3Bucket"),
                   .s3_key = r.text("S3Key"),
                   .s3_object_version = r.text("S3ObjectVersion"),
                   .image_uri = r.text("ImageUri")};
    if (auto zip = r.text("ZipFile")) {
      c.zip_file = core::base64_decode(*zip);
      if (!c.zip_file) r.fail("ZipFile", "base64");
    }
    if (!r.error_.empty() && error_.empty()) error_ = r.error_, error_expected_ = r.error_expected_;
    return c;
  }

  [[nodiscard]] core::Result<void> finish() const {
    if (error_.empty()) return core::ok();
    return bad_content(error_, error_expected_);
  }

 private:
  void fail(const std::string& key, const char* expected) {
    if (!error_.empty()) return;
    error_ = key;
    error_expected_ = expected;
  }

  const nlohmann::json& in_;
  std::string error_;
  const char* error_expected_ = "";
};

nlohmann::json lambda_string_map(const std::map<std::string, std::string>& m) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, v] : m) out[k] = v;
  return out;
}

}  // namespace

core::Result<CreateFunctionRequest> decode_create_function(const nlohmann::json& in) {
  LambdaReader r(in);
  CreateFunctionRequest out{.function_name = r.text("FunctionName").value_or(""),
                            .runtime = r.text("Runtime"),
                            .role = r.text("Role").value_or(""),
                            .handler = r.text("Handler"),
                            .code = r.code("Code"),
                            .description = r.text("Description"),
                            .timeout = r.integer("Timeout"),
                            .memory_size = r.integer("MemorySize"),
                            .environment = r.environment(),
                            .package_type = r.text("PackageType"),
                            .architectures = r.strings("Architectures"),
                            .tags = {}};
  out.tags = r.string_map(in, "Tags").value_or(std::map<std::string, std::string>{});
  if (auto f = r.finish(); !f) return f.failure();
  return out;
}

core::Result<UpdateFunctionCodeRequest> decode_update_function_code(const nlohmann::json& in, std::string name) {
  LambdaReader r(in);
  UpdateFunctionCodeRequest out{.function_name = std::move(name),
                                .code = r.code_of(in),
                                .architectures = r.strings("Architectures"),
                                .revision_id = r.text("RevisionId")};
  if (auto f = r.finish(); !f) return f.failure();
  return out;
}

core::Result<UpdateFunctionConfigurationRequest> decode_update_function_configuration(const nlohmann::json& in,
                                                                                      std::string name) {
  LambdaReader r(in);
  UpdateFunctionConfigurationRequest out{.function_name = std::move(name),
                                         .runtime = r.text("Runtime"),
                                         .role = r.text("Role"),
                                         .handler = r.text("Handler"),
                                         .description = r.text("Description"),
                                         .timeout = r.integer("Timeout"),
                                         .memory_size = r.integer("MemorySize"),
                                         .environment = r.environment(),
                                         .revision_id = r.text("RevisionId")};
  if (auto f = r.finish(); !f) return f.failure();
  return out;
}

core::Result<std::map<std::string, std::string>> decode_tags(const nlohmann::json& in) {
  LambdaReader r(in);
  auto tags = r.string_map(in, "Tags");
  if (auto f = r.finish(); !f) return f.failure();
  return tags.value_or(std::map<std::string, std::string>{});
}

nlohmann::json encode_configuration(const FunctionConfiguration& c) {
  nlohmann::json out{{"FunctionName", c.function_name},
                     {"FunctionArn", c.function_arn},
                     {"Role", c.role},
                     {"CodeSize", c.code_size},
                     {"Description", c.description},
                     {"Timeout", c.timeout},
                     {"MemorySize", c.memory_size},
                     {"LastModified", c.last_modified},
                     {"CodeSha256", c.code_sha256},
                     {"Version", c.version},
                     {"TracingConfig", {{"Mode", "PassThrough"}}},
                     {"RevisionId", c.revision_id},
                     {"State", "Active"},
                     {"LastUpdateStatus", "Successful"},
                     {"PackageType", c.package_type},
                     {"Architectures", c.architectures},
                     {"EphemeralStorage", {{"Size", 512}}},
                     {"SnapStart", {{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}}},
                     {"LoggingConfig", {{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/" + c.function_name}}}};
  if (c.runtime) out["Runtime"] = *c.runtime;
  if (c.handler) out["Handler"] = *c.handler;
  if (!c.environment.empty()) out["Environment"] = {{"Variables", lambda_string_map(c.environment)}};
  return out;
}

nlohmann::json encode_get_function(const GetFunctionResponse& r) {
  nlohmann::json out{{"Configuration", encode_configuration(r.configuration)}};
  // The code's download URL (AWS: a presigned S3 URL) is not offered: docs/local.md.
  if (r.configuration.image_uri) {
    out["Code"] = {{"RepositoryType", "ECR"}, {"ImageUri", *r.configuration.image_uri}};
  } else {
    out["Code"] = {{"RepositoryType", "S3"}};
  }
  if (!r.tags.empty()) out["Tags"] = lambda_string_map(r.tags);
  return out;
}

nlohmann::json encode_list_functions(const ListFunctionsResponse& r) {
  nlohmann::json fns = nlohmann::json::array();
  for (const auto& f : r.functions) fns.push_back(encode_configuration(f));
  nlohmann::json out{{"Functions", std::move(fns)}};
  if (r.next_marker) out["NextMarker"] = *r.next_marker;
  return out;
}

}  // namespace hoplite::local::lambda::wire
