// Lambda's function operations: create, read, list, update code and configuration, delete, tags.
// Checks run in AWS's order (the model's constraints, then the service's own rules, then the
// role and the code), and nothing is written until every check passed.
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "hoplite/core/base64.hpp"
#include "hoplite/core/hex.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/iam/iam_service.hpp"
#include "local/ids.hpp"
#include "local/lambda/lambda_names.hpp"
#include "local/lambda/lambda_service.hpp"
#include "local/lambda/lambda_state.hpp"
#include "local/lambda/lambda_zip.hpp"
#include "local/paging.hpp"
#include "local/s3/s3_service.hpp"
#include "local/store/blob_store.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::lambda {

/// A function's code once checked and stored.
struct LambdaService::StoredCode {
  std::optional<std::string> digest;
  std::optional<std::string> image_uri;
  std::int64_t size = 0;
  std::string sha256;
};

namespace {

constexpr std::string_view kListingName = "lambda.ListFunctions";
/// AWS's limit on a function's environment, measured as the variables' JSON.
constexpr std::size_t kMaxEnvironmentBytes = 4096;

/// Variables Lambda sets itself and refuses in a function's environment.
const std::set<std::string, std::less<>>& reserved_environment_keys() {
  static const std::set<std::string, std::less<>> kKeys = {"_HANDLER",
                                                           "_X_AMZN_TRACE_ID",
                                                           "AWS_ACCESS_KEY",
                                                           "AWS_ACCESS_KEY_ID",
                                                           "AWS_DEFAULT_REGION",
                                                           "AWS_EXECUTION_ENV",
                                                           "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                                                           "AWS_LAMBDA_FUNCTION_NAME",
                                                           "AWS_LAMBDA_FUNCTION_VERSION",
                                                           "AWS_LAMBDA_LOG_GROUP_NAME",
                                                           "AWS_LAMBDA_LOG_STREAM_NAME",
                                                           "AWS_LAMBDA_RUNTIME_API",
                                                           "AWS_REGION",
                                                           "AWS_SECRET_ACCESS_KEY",
                                                           "AWS_SECRET_KEY",
                                                           "AWS_SESSION_TOKEN",
                                                           "LAMBDA_RUNTIME_DIR",
                                                           "LAMBDA_TASK_ROOT"};
  return kKeys;
}

void check_environment(Violations& v, const std::optional<std::map<std::string, std::string>>& env) {
  if (!env) return;
  for (const auto& [k, value] : *env)
    if (!is_environment_key(k))
      v.add("environment.variables", k,
            "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: "
            "[a-zA-Z]([a-zA-Z0-9_])+]");
}

core::Result<void> check_environment_rules(const std::optional<std::map<std::string, std::string>>& env) {
  if (!env) return core::ok();
  std::string reserved;
  for (const auto& [k, value] : *env)
    if (reserved_environment_keys().contains(k)) reserved += (reserved.empty() ? "" : ",") + k;
  if (!reserved.empty())
    return invalid_parameter(
        "Lambda was unable to configure your environment variables because the environment variables you have "
        "provided contains reserved keys that are currently not supported for modification. Reserved keys used in "
        "this request: " +
        reserved);
  if (nlohmann::json(*env).dump().size() > kMaxEnvironmentBytes)
    return invalid_parameter(
        "Lambda was unable to configure your environment variables because the environment variables you have "
        "provided exceeded the 4KB limit.");
  return core::ok();
}

void check_common(Violations& v, const std::optional<std::string>& role, const std::optional<std::string>& handler,
                  const std::optional<std::string>& description, const std::optional<std::int64_t>& timeout,
                  const std::optional<std::int64_t>& memory_size, const std::optional<std::string>& runtime) {
  if (role && !is_role_arn(*role))
    v.pattern("role", *role, false, "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
  v.length("handler", handler, 0, 128);
  if (handler && handler->find_first_of(" \t\r\n\f\v") != std::string::npos)
    v.pattern("handler", *handler, false, "[^\\s]+");
  v.length("description", description, 0, 256);
  v.range("timeout", timeout, 1, 900);
  v.range("memorySize", memory_size, 128, 10240);
  check_runtime(v, runtime);
}

void check_tags(Violations& v, const std::map<std::string, std::string>& tags) {
  for (const auto& [k, value] : tags) {
    v.length("tags", k, 1, 128);
    v.length("tags", value, 0, 256);
  }
}

/// The function a request names, in the caller's account and region. A qualifier other than
/// `$LATEST` names a version, which the local Lambda does not publish: not found.
core::Result<FunctionRef> resolve(const CallContext& ctx, const std::string& function_name) {
  auto ref = parse_function_ref(function_name, "functionName");
  if (!ref) return ref.failure();
  const std::string arn = function_arn(ctx.region, ctx.principal.account_id, ref->name);
  if ((ref->account && *ref->account != ctx.principal.account_id) || (ref->region && *ref->region != ctx.region))
    return function_not_found(
        function_arn(ref->region.value_or(ctx.region), ref->account.value_or(ctx.principal.account_id), ref->name));
  if (ref->qualifier && *ref->qualifier != "$LATEST") return function_not_found(arn + ":" + *ref->qualifier);
  return ref;
}

FunctionConfiguration configuration_of(const CallContext& ctx, const StoredFunction& f) {
  FunctionConfiguration c;
  c.function_name = f.name;
  c.function_arn = function_arn(ctx.region, ctx.principal.account_id, f.name);
  c.runtime = f.runtime;
  c.role = f.role;
  c.handler = f.handler;
  c.code_size = f.code_size;
  c.description = f.description;
  c.timeout = f.timeout;
  c.memory_size = f.memory_size;
  c.last_modified = lambda_timestamp(f.modified);
  c.code_sha256 = f.code_sha256;
  c.environment = f.environment;
  c.revision_id = f.revision_id;
  c.package_type = f.package_type;
  c.architectures = f.architectures;
  c.image_uri = f.image_uri;
  return c;
}

core::Failure revision_mismatch() {
  return aws_error("PreconditionFailedException",
                   "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API "
                   "to retrieve the latest Revision Id",
                   412);
}

/// The first bytes of a stored blob (to recognise a zip without reading it whole).
std::string blob_head(const store::BlobStore& blobs, const std::string& digest) {
  auto path = blobs.path_of(digest);
  if (!path) return {};
  std::ifstream in(*path, std::ios::binary);
  std::string head(4, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

}  // namespace

core::Result<void> LambdaService::check_role(const CallContext& ctx, const std::string& role) {
  auto passed = iam_.pass_role(ctx, role, "lambda.amazonaws.com");
  if (!passed && (passed.error().code == "NoSuchEntity" || passed.error().code == "AccessDenied"))
    return invalid_parameter("The role defined for the function cannot be assumed by Lambda.");
  if (!passed) return passed.failure();
  return core::ok();
}

core::Result<LambdaService::StoredCode> LambdaService::store_code(const CallContext& ctx, const FunctionCode& code,
                                                                  const std::string& package_type) {
  const bool s3 = code.s3_bucket || code.s3_key || code.s3_object_version;
  const int sources = (code.zip_file ? 1 : 0) + (s3 ? 1 : 0) + (code.image_uri ? 1 : 0);
  if (package_type == "Image") {
    if (!code.image_uri || sources != 1)
      return invalid_parameter("Please provide ImageUri when updating a function with packageType Image.");
    const std::string& uri = *code.image_uri;
    if (uri.empty() || uri.size() > 256 || uri.find_first_of(" \t\r\n") != std::string::npos)
      return invalid_parameter("Source image " + uri.substr(0, 256) + " is not valid.");
    StoredCode out{.digest = std::nullopt, .image_uri = uri, .size = 0, .sha256 = ""};
    // An image pinned by digest reports it; a tag would need the registry to resolve (not done).
    if (auto at = uri.find("@sha256:"); at != std::string::npos) out.sha256 = uri.substr(at + 8);
    return out;
  }
  if (code.image_uri)
    return invalid_parameter("Please don't provide ImageUri when updating a function with packageType Zip.");
  if (sources == 0) return invalid_parameter("Please provide a source for function code.");
  if (sources > 1)
    return invalid_parameter("Please do not provide other FunctionCode parameters when providing a ZipFile.");
  if (code.zip_file) {
    const std::string& zip = *code.zip_file;
    if (zip.size() > kMaxZipBytes)
      return aws_error("RequestEntityTooLargeException",
                       "Request must be smaller than " + std::to_string(kMaxRequestBytes) + " bytes", 413);
    if (!looks_like_zip(zip))
      return invalid_parameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
    auto blob = house_.blobs.put(zip);
    if (!blob) return blob.failure();
    return StoredCode{.digest = blob->digest,
                      .image_uri = std::nullopt,
                      .size = static_cast<std::int64_t>(blob->size),
                      .sha256 = core::base64_encode(core::sha256(zip))};
  }
  if (!code.s3_bucket || !code.s3_key) return invalid_parameter("Please provide a source for function code.");
  if (code.s3_object_version)
    return invalid_parameter(
        "Error occurred while GetObject. S3 Error Code: NoSuchVersion. S3 Error Message: "
        "The specified version does not exist.");
  auto object = s3_.head_object(ctx, *code.s3_bucket, *code.s3_key);
  if (!object)
    return invalid_parameter("Error occurred while GetObject. S3 Error Code: " + object.error().code +
                             ". S3 Error Message: " + object.error().message);
  if (object->size > kMaxS3ZipBytes)
    return invalid_parameter("Unzipped size must be smaller than " + std::to_string(kMaxS3ZipBytes) + " bytes");
  // The object's bytes are a blob of the same content-addressed store: the function keeps that
  // digest (blobs are never deleted while named) instead of a second copy.
  if (!looks_like_zip(blob_head(house_.blobs, object->digest)))
    return invalid_parameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
  auto raw = core::from_hex(object->digest);
  if (!raw) return aws_error("local.store", "S3 object digest is not hex");
  return StoredCode{.digest = object->digest,
                    .image_uri = std::nullopt,
                    .size = static_cast<std::int64_t>(object->size),
                    .sha256 = core::base64_encode(*raw)};
}

core::Result<FunctionConfiguration> LambdaService::create_function(const CallContext& ctx,
                                                                   const CreateFunctionRequest& request) {
  Violations v;
  v.required("functionName", !request.function_name.empty());
  v.required("role", !request.role.empty());
  v.required("code", request.code.has_value());
  if (auto f = v.finish(); !f) return f.failure();
  auto ref = parse_function_ref(request.function_name, "functionName");
  if (!ref) return ref.failure();
  check_common(v, request.role, request.handler, request.description, request.timeout, request.memory_size,
               request.runtime);
  v.one_of("packageType", request.package_type, {"Zip", "Image"});
  if (request.architectures.size() > 1)
    v.add("architectures", std::nullopt, "Member must have length less than or equal to 1");
  for (const auto& a : request.architectures) v.one_of("architectures", a, {"x86_64", "arm64"});
  check_environment(v, request.environment);
  check_tags(v, request.tags);
  if (auto f = v.finish(); !f) return f.failure();
  if (ref->qualifier || (ref->account && *ref->account != ctx.principal.account_id) ||
      (ref->region && *ref->region != ctx.region))
    return invalid_parameter("The function name " + request.function_name +
                             " names a version or another account or region; CreateFunction takes the function's "
                             "own name.");
  const std::string package_type = request.package_type.value_or("Zip");
  if (package_type == "Zip" && (!request.runtime || !request.handler))
    return invalid_parameter(
        "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
  if (request.tags.size() > kMaxTags) return invalid_parameter("Number of tags exceeds resource tag limit.");
  if (auto e = check_environment_rules(request.environment); !e) return e.failure();
  if (auto r = check_role(ctx, request.role); !r) return r.failure();
  auto code = store_code(ctx, *request.code, package_type);
  if (!code) return code.failure();

  StoredFunction f{
      .name = ref->name,
      .runtime = request.runtime,
      .role = request.role,
      .handler = request.handler,
      .description = request.description.value_or(""),
      .timeout = request.timeout.value_or(3),
      .memory_size = request.memory_size.value_or(128),
      .environment = request.environment.value_or(std::map<std::string, std::string>{}),
      .package_type = package_type,
      .architectures = request.architectures.empty() ? std::vector<std::string>{"x86_64"} : request.architectures,
      .code_digest = code->digest,
      .image_uri = code->image_uri,
      .code_size = code->size,
      .code_sha256 = code->sha256,
      .modified = ctx.now,
      .revision_id = request_id()};
  auto made = house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    FunctionTable table(tx, ctx.principal.account_id, ctx.region);
    auto inserted = table.insert(f);
    if (!inserted) return inserted.failure();
    if (!*inserted) return aws_error("ResourceConflictException", "Function already exist: " + f.name, 409);
    for (const auto& [k, value] : request.tags)
      if (auto t = table.put_tag(f.name, k, value); !t) return t;
    return core::ok();
  });
  if (!made) return made.failure();
  return configuration_of(ctx, f);
}

core::Result<GetFunctionResponse> LambdaService::get_function(const CallContext& ctx,
                                                              const std::string& function_name) {
  auto ref = resolve(ctx, function_name);
  if (!ref) return ref.failure();
  return house_.db.transaction<GetFunctionResponse>([&](store::Tx& tx) -> core::Result<GetFunctionResponse> {
    FunctionTable table(tx, ctx.principal.account_id, ctx.region);
    auto f = table.get(ref->name);
    if (!f) return f.failure();
    if (!*f) return function_not_found(function_arn(ctx.region, ctx.principal.account_id, ref->name));
    auto tags = table.tags(ref->name);
    if (!tags) return tags.failure();
    return GetFunctionResponse{configuration_of(ctx, **f), std::move(*tags)};
  });
}

core::Result<FunctionConfiguration> LambdaService::get_function_configuration(const CallContext& ctx,
                                                                              const std::string& function_name) {
  auto got = get_function(ctx, function_name);
  if (!got) return got.failure();
  return std::move(got->configuration);
}

core::Result<ListFunctionsResponse> LambdaService::list_functions(const CallContext& ctx,
                                                                  const ListFunctionsRequest& request) {
  Violations v;
  v.range("maxItems", request.max_items, 1, 10000);
  if (auto f = v.finish(); !f) return f.failure();
  std::string after;
  if (request.marker) {
    auto position = read_page_token(kListingName, *request.marker);
    if (!position) return invalid_parameter("Invalid marker: " + request.marker->substr(0, 256));
    after = *position;
  }
  const auto limit = static_cast<std::size_t>(request.max_items.value_or(50));
  return house_.db.transaction<ListFunctionsResponse>([&](store::Tx& tx) -> core::Result<ListFunctionsResponse> {
    FunctionTable table(tx, ctx.principal.account_id, ctx.region);
    auto rows = table.list(after, limit + 1);
    if (!rows) return rows.failure();
    ListFunctionsResponse out;
    for (std::size_t i = 0; i < rows->size() && i < limit; ++i)
      out.functions.push_back(configuration_of(ctx, (*rows)[i]));
    if (rows->size() > limit) out.next_marker = page_token(kListingName, out.functions.back().function_name);
    return out;
  });
}

core::Result<FunctionConfiguration> LambdaService::update_function_code(const CallContext& ctx,
                                                                        const UpdateFunctionCodeRequest& request) {
  auto ref = resolve(ctx, request.function_name);
  if (!ref) return ref.failure();
  Violations v;
  if (request.architectures.size() > 1)
    v.add("architectures", std::nullopt, "Member must have length less than or equal to 1");
  for (const auto& a : request.architectures) v.one_of("architectures", a, {"x86_64", "arm64"});
  if (auto f = v.finish(); !f) return f.failure();
  auto current = get_function(ctx, request.function_name);
  if (!current) return current.failure();
  if (request.revision_id && *request.revision_id != current->configuration.revision_id) return revision_mismatch();
  auto code = store_code(ctx, request.code, current->configuration.package_type);
  if (!code) return code.failure();
  return house_.db.transaction<FunctionConfiguration>([&](store::Tx& tx) -> core::Result<FunctionConfiguration> {
    FunctionTable table(tx, ctx.principal.account_id, ctx.region);
    auto f = table.get(ref->name);
    if (!f) return f.failure();
    if (!*f) return function_not_found(function_arn(ctx.region, ctx.principal.account_id, ref->name));
    if (request.revision_id && *request.revision_id != (*f)->revision_id) return revision_mismatch();
    StoredFunction next = std::move(**f);
    next.code_digest = code->digest;
    next.image_uri = code->image_uri;
    next.code_size = code->size;
    next.code_sha256 = code->sha256;
    if (!request.architectures.empty()) next.architectures = request.architectures;
    next.modified = ctx.now;
    next.revision_id = request_id();
    if (auto u = table.update(next); !u) return u.failure();
    return configuration_of(ctx, next);
  });
}

core::Result<FunctionConfiguration> LambdaService::update_function_configuration(
    const CallContext& ctx, const UpdateFunctionConfigurationRequest& request) {
  auto ref = resolve(ctx, request.function_name);
  if (!ref) return ref.failure();
  Violations v;
  check_common(v, request.role, request.handler, request.description, request.timeout, request.memory_size,
               request.runtime);
  check_environment(v, request.environment);
  if (auto f = v.finish(); !f) return f.failure();
  if (auto e = check_environment_rules(request.environment); !e) return e.failure();
  auto current = get_function(ctx, request.function_name);
  if (!current) return current.failure();
  if (request.revision_id && *request.revision_id != current->configuration.revision_id) return revision_mismatch();
  if (request.role && *request.role != current->configuration.role)
    if (auto r = check_role(ctx, *request.role); !r) return r.failure();
  return house_.db.transaction<FunctionConfiguration>([&](store::Tx& tx) -> core::Result<FunctionConfiguration> {
    FunctionTable table(tx, ctx.principal.account_id, ctx.region);
    auto f = table.get(ref->name);
    if (!f) return f.failure();
    if (!*f) return function_not_found(function_arn(ctx.region, ctx.principal.account_id, ref->name));
    if (request.revision_id && *request.revision_id != (*f)->revision_id) return revision_mismatch();
    StoredFunction next = std::move(**f);
    if (request.runtime) next.runtime = request.runtime;
    if (request.role) next.role = *request.role;
    if (request.handler) next.handler = request.handler;
    if (request.description) next.description = *request.description;
    if (request.timeout) next.timeout = *request.timeout;
    if (request.memory_size) next.memory_size = *request.memory_size;
    if (request.environment) next.environment = *request.environment;
    next.modified = ctx.now;
    next.revision_id = request_id();
    if (auto u = table.update(next); !u) return u.failure();
    return configuration_of(ctx, next);
  });
}

core::Result<void> LambdaService::delete_function(const CallContext& ctx, const std::string& function_name) {
  auto ref = resolve(ctx, function_name);
  if (!ref) return ref.failure();
  // The code's blob stays: blobs are content-addressed and may be shared (an S3 object, another
  // function); the store does not count references.
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    FunctionTable table(tx, ctx.principal.account_id, ctx.region);
    auto removed = table.remove(ref->name);
    if (!removed) return removed.failure();
    if (!*removed) return function_not_found(function_arn(ctx.region, ctx.principal.account_id, ref->name));
    return core::ok();
  });
}

core::Result<void> LambdaService::tag_resource(const CallContext& ctx, const std::string& arn,
                                               const std::map<std::string, std::string>& tags) {
  auto ref = resolve(ctx, arn);
  if (!ref) return ref.failure();
  Violations v;
  check_tags(v, tags);
  if (auto f = v.finish(); !f) return f.failure();
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    FunctionTable table(tx, ctx.principal.account_id, ctx.region);
    auto f = table.get(ref->name);
    if (!f) return f.failure();
    if (!*f) return function_not_found(function_arn(ctx.region, ctx.principal.account_id, ref->name));
    auto existing = table.tags(ref->name);
    if (!existing) return existing.failure();
    for (const auto& [k, value] : tags) (*existing)[k] = value;
    if (existing->size() > kMaxTags) return invalid_parameter("Number of tags exceeds resource tag limit.");
    for (const auto& [k, value] : tags)
      if (auto t = table.put_tag(ref->name, k, value); !t) return t;
    return core::ok();
  });
}

core::Result<void> LambdaService::untag_resource(const CallContext& ctx, const std::string& arn,
                                                 const std::vector<std::string>& keys) {
  auto ref = resolve(ctx, arn);
  if (!ref) return ref.failure();
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    FunctionTable table(tx, ctx.principal.account_id, ctx.region);
    auto f = table.get(ref->name);
    if (!f) return f.failure();
    if (!*f) return function_not_found(function_arn(ctx.region, ctx.principal.account_id, ref->name));
    for (const auto& k : keys)
      if (auto t = table.remove_tag(ref->name, k); !t) return t;
    return core::ok();
  });
}

core::Result<std::map<std::string, std::string>> LambdaService::list_tags(const CallContext& ctx,
                                                                          const std::string& arn) {
  auto got = get_function(ctx, arn);
  if (!got) return got.failure();
  return std::move(got->tags);
}

}  // namespace hoplite::local::lambda
