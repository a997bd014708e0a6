// Lambda's route table: each REST-JSON operation decoded (lambda_wire.hpp), run, and encoded.
#include "local/lambda/lambda_service.hpp"
#include "local/inspect_names.hpp"

#include <charconv>
#include <stdexcept>

#include "local/lambda/lambda_names.hpp"
#include "local/lambda/lambda_state.hpp"
#include "local/lambda/lambda_wire.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::lambda {
namespace {

using Out = core::Result<RestJsonResponse>;

constexpr std::string_view kFunctions = "/2015-03-31/functions";
constexpr std::string_view kFunction = "/2015-03-31/functions/{FunctionName}";
constexpr std::string_view kTags = "/2017-03-31/tags/{ARN}";

/// The path with `suffix` appended (route templates are built from the two prefixes above).
std::string lambda_path(std::string_view base, std::string_view suffix = "") {
  return std::string(base) + std::string(suffix);
}

template <typename T>
Out lambda_json(int status, const core::Result<T>& r, nlohmann::json (*encode)(const T&)) {
  if (!r) return r.failure();
  return RestJsonResponse{status, encode(*r)};
}

/// A query-string integer (MaxItems); a value that is not one is InvalidParameterValueException.
core::Result<std::optional<std::int64_t>> lambda_query_int(const RestJsonRequest& in, std::string_view name) {
  auto text = in.query_value(name);
  if (!text) return std::optional<std::int64_t>{};
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc{} || p != text->data() + text->size())
    return invalid_parameter("Invalid " + std::string(name) + ": " + text->substr(0, 64));
  return std::optional<std::int64_t>{n};
}

/// The function a path names, with `?Qualifier=` folded in as `name:qualifier`.
std::string lambda_function_name(const RestJsonRequest& in) {
  std::string name = in.path_value("FunctionName");
  if (auto q = in.query_value("Qualifier")) name += ":" + *q;
  return name;
}

}  // namespace

LambdaService::LambdaService(ServiceContext& house, iam::IamService& iam, s3::S3Service& s3)
    : spec_{.signing_name = "lambda", .protocol = Protocol::rest_json, .max_body_bytes = kMaxRequestBytes},
      api_(spec_, "InvalidRequestContentException"),
      house_(house),
      iam_(iam),
      s3_(s3) {
  if (auto m = house_.db.migrate("lambda", migrations()); !m)
    throw std::runtime_error("local lambda: " + m.error().to_string());
  add_routes();
}

void LambdaService::add_routes() {
  api_.add("POST", kFunctions, "CreateFunction", [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
    auto request = wire::decode_create_function(in.body);
    if (!request) return request.failure();
    return lambda_json(201, create_function(ctx, *request), wire::encode_configuration);
  });
  auto list = [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
    auto max_items = lambda_query_int(in, "MaxItems");
    if (!max_items) return max_items.failure();
    return lambda_json(200, list_functions(ctx, {.marker = in.query_value("Marker"), .max_items = *max_items}),
                       wire::encode_list_functions);
  };
  api_.add("GET", lambda_path(kFunctions, "/"), "ListFunctions", list);
  api_.add("GET", kFunctions, "ListFunctions", list);
  api_.add("GET", kFunction, "GetFunction", [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
    return lambda_json(200, get_function(ctx, lambda_function_name(in)), wire::encode_get_function);
  });
  api_.add("GET", lambda_path(kFunction, "/configuration"), "GetFunctionConfiguration",
           [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
             return lambda_json(200, get_function_configuration(ctx, lambda_function_name(in)),
                                wire::encode_configuration);
           });
  api_.add("PUT", lambda_path(kFunction, "/code"), "UpdateFunctionCode",
           [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
             auto request = wire::decode_update_function_code(in.body, in.path_value("FunctionName"));
             if (!request) return request.failure();
             return lambda_json(200, update_function_code(ctx, *request), wire::encode_configuration);
           });
  api_.add("PUT", lambda_path(kFunction, "/configuration"), "UpdateFunctionConfiguration",
           [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
             auto request = wire::decode_update_function_configuration(in.body, in.path_value("FunctionName"));
             if (!request) return request.failure();
             return lambda_json(200, update_function_configuration(ctx, *request), wire::encode_configuration);
           });
  api_.add("DELETE", kFunction, "DeleteFunction", [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
    if (auto d = delete_function(ctx, lambda_function_name(in)); !d) return d.failure();
    return RestJsonResponse{204, nullptr};
  });
  // Functions are stored, not run: Invoke names the function (so a missing one is still
  // ResourceNotFoundException) and then says so, as a client error that SDKs do not retry.
  api_.add("POST", lambda_path(kFunction, "/invocations"), "Invoke",
           [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
             auto f = get_function(ctx, lambda_function_name(in));
             if (!f) return f.failure();
             return aws_error("UnsupportedOperationException",
                              "The local cloud stores Lambda functions but does not run them: Invoke is not "
                              "emulated (see docs/local.md, \"Lambda\").",
                              400);
           });
  api_.add("GET", kTags, "ListTags", [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
    auto tags = list_tags(ctx, in.path_value("ARN"));
    if (!tags) return tags.failure();
    nlohmann::json body{{"Tags", nlohmann::json::object()}};
    for (const auto& [k, v] : *tags) body["Tags"][k] = v;
    return RestJsonResponse{200, std::move(body)};
  });
  api_.add("POST", kTags, "TagResource", [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
    auto tags = wire::decode_tags(in.body);
    if (!tags) return tags.failure();
    if (auto t = tag_resource(ctx, in.path_value("ARN"), *tags); !t) return t.failure();
    return RestJsonResponse{204, nullptr};
  });
  api_.add("DELETE", kTags, "UntagResource", [this](const RestJsonRequest& in, CallContext& ctx) -> Out {
    if (auto t = untag_resource(ctx, in.path_value("ARN"), in.query_values("tagKeys")); !t) return t.failure();
    return RestJsonResponse{204, nullptr};
  });
}

nlohmann::json LambdaService::inspect() {
  return inspect_names(house_.db, "SELECT account, region, name FROM lambda_functions ORDER BY account, region, name",
                       "functions");
}

}  // namespace hoplite::local::lambda
