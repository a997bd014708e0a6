#pragma once
/// \file A Choice rule in the JSONPath query language: And/Or/Not over comparisons of a
/// `Variable` with a literal or (`…Path`) another path.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "sfn/query/json_path.hpp"
#include "sfn/query/language.hpp"

namespace hoplite::sfn::asl {

/// Every comparison operator of the ASL, without the `Path` suffix.
enum class ChoiceOperator {
  kStringEquals,
  kStringLessThan,
  kStringGreaterThan,
  kStringLessThanEquals,
  kStringGreaterThanEquals,
  kStringMatches,
  kNumericEquals,
  kNumericLessThan,
  kNumericGreaterThan,
  kNumericLessThanEquals,
  kNumericGreaterThanEquals,
  kBooleanEquals,
  kTimestampEquals,
  kTimestampLessThan,
  kTimestampGreaterThan,
  kTimestampLessThanEquals,
  kTimestampGreaterThanEquals,
  kIsNull,
  kIsPresent,
  kIsNumeric,
  kIsString,
  kIsBoolean,
  kIsTimestamp,
};

/// What the operand of an operator must be when given literally.
enum class OperandType { kString, kNumber, kBoolean, kTimestamp };

struct ChoiceOperatorInfo {
  ChoiceOperator op;
  OperandType operand;
  bool has_path_variant;  ///< `StringEqualsPath` exists; `StringMatches` and `Is…` have none
};

/// Looks up an operator by its field name; `is_path` tells whether the name had the `Path`
/// suffix. nullopt for any other name.
[[nodiscard]] std::optional<ChoiceOperatorInfo> find_choice_operator(std::string_view field, bool* is_path);

class JsonPathRule final : public Condition {
 public:
  enum class Kind { kAnd, kOr, kNot, kCompare };
  Kind kind = Kind::kCompare;
  std::vector<std::unique_ptr<JsonPathRule>> children;  ///< And/Or (one or more), Not (one)

  std::shared_ptr<const JsonPath> variable;
  ChoiceOperator op = ChoiceOperator::kStringEquals;
  Json value;                                  ///< literal operand
  std::shared_ptr<const JsonPath> value_path;  ///< `…Path` operand

  /// Recursion follows the rule's nesting, which the reader caps (kMaxRuleDepth).
  [[nodiscard]] core::Result<bool> test(const Json& input, const Environment& env) const override;
};

/// `*` matches any run of characters; `\*` and `\\` are a literal star and backslash.
[[nodiscard]] bool string_matches(std::string_view text, std::string_view pattern);

/// An ASL timestamp (RFC 3339 with upper-case T and a zone).
[[nodiscard]] std::optional<core::TimePoint> parse_asl_timestamp(std::string_view text);

}  // namespace hoplite::sfn::asl
