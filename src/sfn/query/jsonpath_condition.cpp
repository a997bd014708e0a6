#include "sfn/query/jsonpath_condition.hpp"

#include <fmt/format.h>

#include "hoplite/core/time_format.hpp"
#include "sfn/query/scope.hpp"

namespace hoplite::sfn::asl {
namespace {

struct Entry {
  const char* name;
  ChoiceOperatorInfo info;
};

constexpr Entry kOperators[] = {
    {"StringEquals", {ChoiceOperator::kStringEquals, OperandType::kString, true}},
    {"StringLessThan", {ChoiceOperator::kStringLessThan, OperandType::kString, true}},
    {"StringGreaterThan", {ChoiceOperator::kStringGreaterThan, OperandType::kString, true}},
    {"StringLessThanEquals", {ChoiceOperator::kStringLessThanEquals, OperandType::kString, true}},
    {"StringGreaterThanEquals", {ChoiceOperator::kStringGreaterThanEquals, OperandType::kString, true}},
    {"StringMatches", {ChoiceOperator::kStringMatches, OperandType::kString, false}},
    {"NumericEquals", {ChoiceOperator::kNumericEquals, OperandType::kNumber, true}},
    {"NumericLessThan", {ChoiceOperator::kNumericLessThan, OperandType::kNumber, true}},
    {"NumericGreaterThan", {ChoiceOperator::kNumericGreaterThan, OperandType::kNumber, true}},
    {"NumericLessThanEquals", {ChoiceOperator::kNumericLessThanEquals, OperandType::kNumber, true}},
    {"NumericGreaterThanEquals", {ChoiceOperator::kNumericGreaterThanEquals, OperandType::kNumber, true}},
    {"BooleanEquals", {ChoiceOperator::kBooleanEquals, OperandType::kBoolean, true}},
    {"TimestampEquals", {ChoiceOperator::kTimestampEquals, OperandType::kTimestamp, true}},
    {"TimestampLessThan", {ChoiceOperator::kTimestampLessThan, OperandType::kTimestamp, true}},
    {"TimestampGreaterThan", {ChoiceOperator::kTimestampGreaterThan, OperandType::kTimestamp, true}},
    {"TimestampLessThanEquals", {ChoiceOperator::kTimestampLessThanEquals, OperandType::kTimestamp, true}},
    {"TimestampGreaterThanEquals", {ChoiceOperator::kTimestampGreaterThanEquals, OperandType::kTimestamp, true}},
    {"IsNull", {ChoiceOperator::kIsNull, OperandType::kBoolean, false}},
    {"IsPresent", {ChoiceOperator::kIsPresent, OperandType::kBoolean, false}},
    {"IsNumeric", {ChoiceOperator::kIsNumeric, OperandType::kBoolean, false}},
    {"IsString", {ChoiceOperator::kIsString, OperandType::kBoolean, false}},
    {"IsBoolean", {ChoiceOperator::kIsBoolean, OperandType::kBoolean, false}},
    {"IsTimestamp", {ChoiceOperator::kIsTimestamp, OperandType::kBoolean, false}},
};

// -1, 0, 1; nullopt when the values cannot be compared under the operator's type.
std::optional<int> order(OperandType type, const Json& a, const Json& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : (x > y ? 1 : 0); };
  switch (type) {
    case OperandType::kString:
      if (!a.is_string() || !b.is_string()) return std::nullopt;
      return sign(a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>()), 0);
    case OperandType::kNumber:
      if (!a.is_number() || !b.is_number()) return std::nullopt;
      if (a.is_number_integer() && b.is_number_integer() && !a.is_number_unsigned() && !b.is_number_unsigned())
        return sign(a.get<std::int64_t>(), b.get<std::int64_t>());
      return sign(a.get<double>(), b.get<double>());
    case OperandType::kBoolean:
      if (!a.is_boolean() || !b.is_boolean()) return std::nullopt;
      return a.get<bool>() == b.get<bool>() ? 0 : 1;
    case OperandType::kTimestamp: {
      if (!a.is_string() || !b.is_string()) return std::nullopt;
      auto x = parse_asl_timestamp(a.get_ref<const std::string&>());
      auto y = parse_asl_timestamp(b.get_ref<const std::string&>());
      if (!x || !y) return std::nullopt;
      return sign(*x, *y);
    }
  }
  return std::nullopt;
}

bool holds(ChoiceOperator op, int o) {
  switch (op) {
    case ChoiceOperator::kStringLessThan:
    case ChoiceOperator::kNumericLessThan:
    case ChoiceOperator::kTimestampLessThan:
      return o < 0;
    case ChoiceOperator::kStringGreaterThan:
    case ChoiceOperator::kNumericGreaterThan:
    case ChoiceOperator::kTimestampGreaterThan:
      return o > 0;
    case ChoiceOperator::kStringLessThanEquals:
    case ChoiceOperator::kNumericLessThanEquals:
    case ChoiceOperator::kTimestampLessThanEquals:
      return o <= 0;
    case ChoiceOperator::kStringGreaterThanEquals:
    case ChoiceOperator::kNumericGreaterThanEquals:
    case ChoiceOperator::kTimestampGreaterThanEquals:
      return o >= 0;
    default:
      return o == 0;
  }
}

OperandType operand_type(ChoiceOperator op) {
  for (const auto& e : kOperators)
    if (e.info.op == op) return e.info.operand;
  return OperandType::kString;
}

core::Failure invalid_path(const JsonPath& p) {
  return core::fail("States.Runtime", fmt::format("Invalid path '{}': The choice state's condition path references an "
                                                  "invalid value.",
                                                  p.text()));
}

}  // namespace

std::optional<ChoiceOperatorInfo> find_choice_operator(std::string_view field, bool* is_path) {
  bool path = field.ends_with("Path");
  std::string_view base = path ? field.substr(0, field.size() - 4) : field;
  for (const auto& e : kOperators) {
    if (base == e.name && (!path || e.info.has_path_variant)) {
      if (is_path) *is_path = path;
      return e.info;
    }
  }
  return std::nullopt;
}

std::optional<core::TimePoint> parse_asl_timestamp(std::string_view text) {
  return core::parse_iso8601(text, core::TimestampSyntax::rfc3339);
}

bool string_matches(std::string_view text, std::string_view pattern) {
  // Greedy wildcard matching with one backtrack point: linear in practice, O(n*m) at worst,
  // no recursion and no regular expressions.
  std::vector<std::pair<char, bool>> p;  // (character, is_wildcard)
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size() && (pattern[i + 1] == '*' || pattern[i + 1] == '\\')) {
      p.emplace_back(pattern[++i], false);
    } else {
      p.emplace_back(pattern[i], pattern[i] == '*');
    }
  }
  std::size_t t = 0, k = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (k < p.size() && p[k].second) {
      star = k++;
      resume = t;
    } else if (k < p.size() && p[k].first == text[t]) {
      ++k;
      ++t;
    } else if (star != std::string_view::npos) {
      k = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (k < p.size() && p[k].second) ++k;
  return k == p.size();
}

core::Result<bool> JsonPathRule::test(const Json& input, const Environment& env) const {
  switch (kind) {
    case Kind::kAnd:
      for (const auto& c : children) {
        auto r = c->test(input, env);
        if (!r || !*r) return r;
      }
      return true;
    case Kind::kOr:
      for (const auto& c : children) {
        auto r = c->test(input, env);
        if (!r || *r) return r;
      }
      return false;
    case Kind::kNot: {
      auto r = children[0]->test(input, env);
      if (!r) return r;
      return !*r;
    }
    case Kind::kCompare:
      break;
  }
  Scope scope{input, env.context, &env.random};
  auto var = scope.read(*variable);
  if (op == ChoiceOperator::kIsPresent) return var.ok() == value.get<bool>();
  if (!var) return invalid_path(*variable);
  const Json& v = *var;
  switch (op) {
    case ChoiceOperator::kIsNull:
      return v.is_null() == value.get<bool>();
    case ChoiceOperator::kIsNumeric:
      return v.is_number() == value.get<bool>();
    case ChoiceOperator::kIsString:
      return v.is_string() == value.get<bool>();
    case ChoiceOperator::kIsBoolean:
      return v.is_boolean() == value.get<bool>();
    case ChoiceOperator::kIsTimestamp:
      return (v.is_string() && parse_asl_timestamp(v.get_ref<const std::string&>()).has_value()) == value.get<bool>();
    case ChoiceOperator::kStringMatches:
      return v.is_string() && string_matches(v.get_ref<const std::string&>(), value.get_ref<const std::string&>());
    default:
      break;
  }
  Json other;
  if (value_path) {
    auto o = scope.read(*value_path);
    if (!o) return invalid_path(*value_path);
    other = std::move(*o);
  }
  const Json& operand = value_path ? other : value;
  auto o = order(operand_type(op), v, operand);
  return o.has_value() && holds(op, *o);
}

}  // namespace hoplite::sfn::asl
