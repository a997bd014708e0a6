#include "hoplite/aws/json_reader.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace hoplite::aws {
namespace {

/// How AWS's JSON services name a value's kind when it cannot be converted.
std::string_view kind_of(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::object:
      return "a structure";
    case nlohmann::json::value_t::array:
      return "a list";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return "a number";
    default:
      return "null";
  }
}

}  // namespace

JsonReader::JsonReader(const nlohmann::json& object, std::string_view error_code)
    : object_(object), code_(error_code), error_(&own_error_) {
  if (!object_.is_object()) mismatch("", object_, "a structure");
}

JsonReader::JsonReader(const nlohmann::json& object, const JsonReader& parent, std::string_view member)
    : object_(object),
      code_(parent.code_),
      path_(parent.path_.empty() ? std::string(member) : parent.path_ + "." + std::string(member)),
      error_(parent.error_) {
  if (!object_.is_object()) mismatch("", object_, "a structure");
}

const nlohmann::json* JsonReader::find(std::string_view key) const {
  if (failed() || !object_.is_object()) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool JsonReader::has(std::string_view key) const { return find(key) != nullptr; }

core::Result<void> JsonReader::status() const {
  if (failed()) return core::fail(**error_);
  return core::ok();
}

void JsonReader::mismatch(std::string_view key, const nlohmann::json& value, std::string_view expected) {
  if (failed()) return;
  std::string where = path_;
  if (!key.empty()) where += (where.empty() ? "" : ".") + std::string(key);
  std::string message = where.empty()
                            ? fmt::format("Expected {} but found {}", expected, kind_of(value))
                            : fmt::format("Expected {} for '{}' but found {}", expected, where, kind_of(value));
  std::optional<int> status;
  if (code_ == kSerializationException) status = 400;
  *error_ = core::Error{code_, std::move(message), status, false, {}};
}

const nlohmann::json* JsonReader::array(std::string_view key) {
  const nlohmann::json* v = find(key);
  if (v != nullptr && !v->is_array()) {
    mismatch(key, *v, "a list");
    return nullptr;
  }
  return v;
}

bool JsonReader::integral(std::string_view key, const nlohmann::json& v, std::int64_t min, std::int64_t max,
                          std::int64_t& out) {
  if (v.is_number_integer()) {
    out = v.get<std::int64_t>();
  } else if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      mismatch(key, v, "an integer in range");
      return false;
    }
    out = static_cast<std::int64_t>(u);
  } else if (v.is_number_float()) {
    // AWS's parsers accept 10.0 for an integer; 10.5 is not one.
    double d = v.get<double>();
    if (!std::isfinite(d) || std::trunc(d) != d || d < -9.2e18 || d > 9.2e18) {
      mismatch(key, v, "an integer");
      return false;
    }
    out = static_cast<std::int64_t>(d);
  } else {
    mismatch(key, v, "an integer");
    return false;
  }
  if (out < min || out > max) {
    mismatch(key, v, "an integer in range");
    return false;
  }
  return true;
}

void JsonReader::get(std::string_view key, std::string& out) {
  std::optional<std::string> v;
  get(key, v);
  if (v) out = std::move(*v);
}

void JsonReader::get(std::string_view key, std::optional<std::string>& out) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return;
  if (!v->is_string()) return mismatch(key, *v, "a string");
  out = v->get<std::string>();
}

void JsonReader::get(std::string_view key, bool& out) {
  std::optional<bool> v;
  get(key, v);
  if (v) out = *v;
}

void JsonReader::get(std::string_view key, std::optional<bool>& out) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return;
  if (!v->is_boolean()) return mismatch(key, *v, "a boolean");
  out = v->get<bool>();
}

void JsonReader::get(std::string_view key, std::int64_t& out) {
  std::optional<std::int64_t> v;
  get(key, v);
  if (v) out = *v;
}

void JsonReader::get(std::string_view key, std::optional<std::int64_t>& out) {
  const nlohmann::json* v = find(key);
  std::int64_t n = 0;
  if (v != nullptr &&
      integral(key, *v, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), n))
    out = n;
}

void JsonReader::get(std::string_view key, int& out) {
  std::optional<int> v;
  get(key, v);
  if (v) out = *v;
}

void JsonReader::get(std::string_view key, std::optional<int>& out) {
  const nlohmann::json* v = find(key);
  std::int64_t n = 0;
  if (v != nullptr && integral(key, *v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), n))
    out = static_cast<int>(n);
}

void JsonReader::get(std::string_view key, std::optional<double>& out) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return;
  if (!v->is_number()) return mismatch(key, *v, "a number");
  out = v->get<double>();
}

void JsonReader::get(std::string_view key, std::optional<core::TimePoint>& out) {
  std::optional<double> seconds;
  get(key, seconds);
  if (!seconds) return;
  // Beyond ±10^11 s (year ~5000) the time_point's milliseconds would overflow nothing, but no AWS
  // timestamp is there either: refuse rather than wrap.
  if (!std::isfinite(*seconds) || std::fabs(*seconds) > 1e11) return mismatch(key, *find(key), "a timestamp");
  auto millis = static_cast<std::int64_t>(std::llround(*seconds * 1000.0));
  out = core::TimePoint{} + std::chrono::milliseconds(millis);
}

void JsonReader::get(std::string_view key, std::vector<std::string>& out) {
  const nlohmann::json* v = array(key);
  if (v == nullptr) return;
  std::vector<std::string> values;
  values.reserve(v->size());
  for (const auto& e : *v) {
    if (!e.is_string()) return mismatch(std::string(key) + "[]", e, "a string");
    values.push_back(e.get<std::string>());
  }
  out = std::move(values);
}

void JsonReader::get(std::string_view key, std::map<std::string, std::string>& out) {
  const nlohmann::json* v = find(key);
  if (v == nullptr) return;
  if (!v->is_object()) return mismatch(key, *v, "a map");
  std::map<std::string, std::string> values;
  for (const auto& [k, e] : v->items()) {
    if (!e.is_string()) return mismatch(std::string(key) + "." + k, e, "a string");
    values.emplace(k, e.get<std::string>());
  }
  out = std::move(values);
}

double epoch_seconds(core::TimePoint t) {
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return static_cast<double>(millis) / 1000.0;
}

void put_time_if(nlohmann::json& j, std::string_view key, const std::optional<core::TimePoint>& t) {
  if (t) j[std::string(key)] = epoch_seconds(*t);
}

}  // namespace hoplite::aws
