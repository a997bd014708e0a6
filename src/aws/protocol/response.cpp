#include "aws/protocol/response.hpp"

#include <cstdint>

#include <fmt/format.h>

#include "hoplite/core/json.hpp"
#include "hoplite/core/time_format.hpp"

namespace hoplite::aws::detail {

core::Result<XmlElement> query_result(const http::Response& response, std::string_view operation) {
  auto doc = parse_xml(response.body);
  if (!doc) return doc.failure(fmt::format("{} response", operation));
  const XmlElement* result = doc->child(fmt::format("{}Result", operation));
  if (result == nullptr) return XmlElement{};
  return *result;
}

core::Result<nlohmann::json> json_body(const http::Response& response, std::string_view operation) {
  if (response.body.empty()) return nlohmann::json::object();
  auto doc = core::parse_json(response.body, fmt::format("the {} response", operation));
  if (!doc) {
    core::Error e = doc.error();
    if (e.code == "json.parse") e.code = "aws.json";  // limits.* keep their own codes
    return core::fail(std::move(e));
  }
  if (!doc->is_object()) return core::fail("aws.json", fmt::format("{} response: malformed JSON body", operation));
  return doc;
}

std::optional<core::TimePoint> time_at(const XmlElement& e, std::string_view path) {
  auto text = e.optional_text(path);
  if (!text) return std::nullopt;
  return core::parse_iso8601(*text);
}

std::string str(const nlohmann::json& j, std::string_view key) { return opt_str(j, key).value_or(""); }

std::optional<std::string> opt_str(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::int64_t> opt_int(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  if (it->is_number_float()) {
    // A hostile 1e300 must not reach a float-to-integer cast (undefined behaviour).
    double d = it->get<double>();
    if (!(d > -9.2e18 && d < 9.2e18)) return std::nullopt;
    return static_cast<std::int64_t>(d);
  }
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > std::uint64_t{INT64_MAX}) return std::nullopt;
  return it->get<std::int64_t>();
}

std::optional<core::TimePoint> opt_epoch(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return core::from_epoch_seconds(it->get<double>());
}

bool flag(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return false;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

const nlohmann::json& array_at(const nlohmann::json& j, std::string_view key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return kEmpty;
  return *it;
}

bool xml_bool(const XmlElement& e, std::string_view path) { return e.text_at(path) == "true"; }

}  // namespace hoplite::aws::detail
