#include "hoplite/sfn/condition.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "hoplite/core/time_format.hpp"
#include "hoplite/sfn/error.hpp"
#include "sfn/query/json_path.hpp"

namespace hoplite::sfn {
namespace {

void require_reference_path(const std::string& path, const char* what, const char* op) {
  if (!asl::is_reference_path(path))
    throw DefinitionError(
        DefinitionRule::kInvalidField,
        fmt::format("{} '{}' of a {} condition is not a reference path (e.g. \"$.status\")", what, path, op));
}

cfn::Json number(double v) {
  // Whole numbers render as integers so `NumericEquals: 1` stays `1`, not `1.0`.
  if (std::trunc(v) == v && std::abs(v) < 9.0e15) return cfn::Json(static_cast<std::int64_t>(v));
  return cfn::Json(v);
}

}  // namespace

Condition Condition::compare(std::string variable, const char* op, cfn::Json value) {
  require_reference_path(variable, "variable", op);
  return Condition(cfn::Json::object({{"Variable", std::move(variable)}, {op, std::move(value)}}));
}

Condition Condition::compare_path(std::string variable, const char* op, std::string path) {
  require_reference_path(path, "path", op);
  return compare(std::move(variable), op, std::move(path));
}

Condition Condition::compare_timestamp(std::string variable, const char* op, std::string timestamp) {
  if (!core::parse_iso8601(timestamp, core::TimestampSyntax::rfc3339).has_value())
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("'{}' of a {} condition is not an RFC 3339 timestamp (e.g. "
                                      "\"2016-08-18T17:33:00Z\")",
                                      timestamp, op));
  return compare(std::move(variable), op, std::move(timestamp));
}

#define HOPLITE_SFN_STRING_OP(fn, op)                                      \
  Condition Condition::fn(std::string variable, std::string value) {       \
    return compare(std::move(variable), op, std::move(value));             \
  }                                                                        \
  Condition Condition::fn##_path(std::string variable, std::string path) { \
    return compare_path(std::move(variable), op "Path", std::move(path));  \
  }
#define HOPLITE_SFN_NUMERIC_OP(fn, op)                                     \
  Condition Condition::fn(std::string variable, double value) {            \
    return compare(std::move(variable), op, number(value));                \
  }                                                                        \
  Condition Condition::fn##_path(std::string variable, std::string path) { \
    return compare_path(std::move(variable), op "Path", std::move(path));  \
  }
#define HOPLITE_SFN_TIMESTAMP_OP(fn, op)                                     \
  Condition Condition::fn(std::string variable, std::string timestamp) {     \
    return compare_timestamp(std::move(variable), op, std::move(timestamp)); \
  }                                                                          \
  Condition Condition::fn##_path(std::string variable, std::string path) {   \
    return compare_path(std::move(variable), op "Path", std::move(path));    \
  }

HOPLITE_SFN_STRING_OP(string_equals, "StringEquals")
HOPLITE_SFN_STRING_OP(string_less_than, "StringLessThan")
HOPLITE_SFN_STRING_OP(string_greater_than, "StringGreaterThan")
HOPLITE_SFN_STRING_OP(string_less_than_equals, "StringLessThanEquals")
HOPLITE_SFN_STRING_OP(string_greater_than_equals, "StringGreaterThanEquals")
HOPLITE_SFN_NUMERIC_OP(numeric_equals, "NumericEquals")
HOPLITE_SFN_NUMERIC_OP(numeric_less_than, "NumericLessThan")
HOPLITE_SFN_NUMERIC_OP(numeric_greater_than, "NumericGreaterThan")
HOPLITE_SFN_NUMERIC_OP(numeric_less_than_equals, "NumericLessThanEquals")
HOPLITE_SFN_NUMERIC_OP(numeric_greater_than_equals, "NumericGreaterThanEquals")
HOPLITE_SFN_TIMESTAMP_OP(timestamp_equals, "TimestampEquals")
HOPLITE_SFN_TIMESTAMP_OP(timestamp_less_than, "TimestampLessThan")
HOPLITE_SFN_TIMESTAMP_OP(timestamp_greater_than, "TimestampGreaterThan")
HOPLITE_SFN_TIMESTAMP_OP(timestamp_less_than_equals, "TimestampLessThanEquals")
HOPLITE_SFN_TIMESTAMP_OP(timestamp_greater_than_equals, "TimestampGreaterThanEquals")

#undef HOPLITE_SFN_STRING_OP
#undef HOPLITE_SFN_NUMERIC_OP
#undef HOPLITE_SFN_TIMESTAMP_OP

Condition Condition::string_matches(std::string variable, std::string pattern) {
  return compare(std::move(variable), "StringMatches", std::move(pattern));
}
Condition Condition::boolean_equals(std::string variable, bool value) {
  return compare(std::move(variable), "BooleanEquals", value);
}
Condition Condition::boolean_equals_path(std::string variable, std::string path) {
  return compare_path(std::move(variable), "BooleanEqualsPath", std::move(path));
}
Condition Condition::is_present(std::string variable, bool expected) {
  return compare(std::move(variable), "IsPresent", expected);
}
Condition Condition::is_null(std::string variable, bool expected) {
  return compare(std::move(variable), "IsNull", expected);
}
Condition Condition::is_numeric(std::string variable, bool expected) {
  return compare(std::move(variable), "IsNumeric", expected);
}
Condition Condition::is_string(std::string variable, bool expected) {
  return compare(std::move(variable), "IsString", expected);
}
Condition Condition::is_boolean(std::string variable, bool expected) {
  return compare(std::move(variable), "IsBoolean", expected);
}
Condition Condition::is_timestamp(std::string variable, bool expected) {
  return compare(std::move(variable), "IsTimestamp", expected);
}

Condition Condition::and_(std::vector<Condition> conditions) {
  if (conditions.empty()) throw DefinitionError(DefinitionRule::kInvalidField, "And needs at least one condition");
  cfn::Json::Array items;
  for (auto& c : conditions) items.push_back(c.json_);
  return Condition(cfn::Json::object({{"And", cfn::Json::array(std::move(items))}}));
}

Condition Condition::or_(std::vector<Condition> conditions) {
  if (conditions.empty()) throw DefinitionError(DefinitionRule::kInvalidField, "Or needs at least one condition");
  cfn::Json::Array items;
  for (auto& c : conditions) items.push_back(c.json_);
  return Condition(cfn::Json::object({{"Or", cfn::Json::array(std::move(items))}}));
}

Condition Condition::not_(Condition condition) {
  return Condition(cfn::Json::object({{"Not", std::move(condition.json_)}}));
}

}  // namespace hoplite::sfn
