#include "aws/protocol/response.hpp"

#include <charconv>
#include <cmath>
#include <ctime>

#include <fmt/format.h>

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
  auto doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object())
    return core::fail("aws.json", fmt::format("{} response: malformed JSON body", operation));
  return doc;
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  auto r = std::from_chars(s.data() + pos, s.data() + pos + n, out);
  return r.ec == std::errc{} && r.ptr == s.data() + pos + n;
}

}  // namespace

std::optional<core::TimePoint> parse_timestamp(std::string_view t) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(t, 0, 4, year) || t.size() < 19 || t[4] != '-' || !digits(t, 5, 2, month) || t[7] != '-' ||
      !digits(t, 8, 2, day) || (t[10] != 'T' && t[10] != ' ') || !digits(t, 11, 2, hour) || t[13] != ':' ||
      !digits(t, 14, 2, minute) || t[16] != ':' || !digits(t, 17, 2, second))
    return std::nullopt;
  std::size_t pos = 19;
  int millis = 0;
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    int scale = 100;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
      millis += (t[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
  }
  int offset_minutes = 0;
  if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    int oh = 0, om = 0;
    if (!digits(t, pos + 1, 2, oh) || t.size() < pos + 6 || !digits(t, pos + 4, 2, om)) return std::nullopt;
    offset_minutes = (oh * 60 + om) * (t[pos] == '-' ? -1 : 1);
    pos += 6;
  } else if (pos < t.size() && t[pos] == 'Z') {
    ++pos;
  }
  if (pos != t.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  std::time_t secs = timegm(&tm);
  return core::TimePoint{} + std::chrono::seconds(secs) - std::chrono::minutes(offset_minutes) +
         std::chrono::milliseconds(millis);
}

std::optional<core::TimePoint> time_at(const XmlElement& e, std::string_view path) {
  auto text = e.optional_text(path);
  if (!text) return std::nullopt;
  return parse_timestamp(*text);
}

core::TimePoint from_epoch_seconds(double seconds) {
  return from_epoch_millis(static_cast<std::int64_t>(std::llround(seconds * 1000.0)));
}

core::TimePoint from_epoch_millis(std::int64_t millis) {
  return core::TimePoint{} + std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::milliseconds(millis));
}

std::int64_t to_epoch_millis(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
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
  if (it->is_number_float()) return static_cast<std::int64_t>(it->get<double>());
  return it->get<std::int64_t>();
}

std::optional<core::TimePoint> opt_epoch(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return from_epoch_seconds(it->get<double>());
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
