#include "hoplite/aws/protocol_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hoplite/core/json.hpp"

namespace hoplite::aws {

std::string_view json_content_type(JsonVersion v) {
  return v == JsonVersion::v1_0 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
}

std::string json_target(std::string_view target_prefix, std::string_view operation) {
  return fmt::format("{}.{}", target_prefix, operation);
}

std::string strip_error_type(std::string_view type) {
  auto colon = type.find(':');
  if (colon != std::string_view::npos) type = type.substr(0, colon);
  auto hash = type.rfind('#');
  if (hash != std::string_view::npos) type = type.substr(hash + 1);
  return std::string(type);
}

ServiceError parse_json_error(const http::Response& response) {
  ServiceError e;
  e.http_status = response.status;
  e.request_id = request_id_from(response.headers);
  auto parsed = core::parse_json(response.body, "the error response");
  const nlohmann::json doc = parsed ? std::move(*parsed) : nlohmann::json();
  if (doc.is_object()) {
    for (const char* key : {"__type", "code", "Code"}) {
      auto it = doc.find(key);
      if (it != doc.end() && it->is_string()) {
        e.code = strip_error_type(it->get<std::string>());
        break;
      }
    }
    for (const char* key : {"message", "Message", "errorMessage"}) {
      auto it = doc.find(key);
      if (it != doc.end() && it->is_string()) {
        e.message = it->get<std::string>();
        break;
      }
    }
  }
  if (e.code.empty()) {
    if (auto header = response.headers.get("x-amzn-ErrorType")) e.code = strip_error_type(*header);
  }
  if (e.code.empty()) e.code = code_for_status(response.status);
  return e;
}

}  // namespace hoplite::aws
