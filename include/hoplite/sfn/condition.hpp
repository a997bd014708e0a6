#pragma once
/// \file
/// Choice rules: every comparison operator of the ASL (JSONPath query language), its `…Path`
/// variant, the `Is…` type tests and And/Or/Not. The variable and every `…Path` operand are checked
/// to be reference paths when the condition is made (DefinitionError [303]).
///
/// **Example**:
/// \code
///   using C = sfn::Condition;
///   auto adult = C::and_({C::is_present("$.age"), C::numeric_greater_than_equals("$.age", 18)});
/// \endcode
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html

#include <string>
#include <vector>

#include "hoplite/cfn/json.hpp"

namespace hoplite::sfn {

/// One Choice rule (without Next), made by the static functions: a comparison of the value at
/// `variable` (a path such as `$.status`) with a literal or, for the `_path` forms, with the value
/// at another path; a type test; or And/Or/Not of rules. Each function renders the ASL operator
/// of the same name (string_equals → StringEquals, numeric_less_than_path → NumericLessThanPath).
class Condition {
 public:
  ///@{
  /// Strings. `string_matches` takes a pattern where `*` matches any run of characters (`\*` is a star).
  static Condition string_equals(std::string variable, std::string value);
  static Condition string_equals_path(std::string variable, std::string path);
  static Condition string_less_than(std::string variable, std::string value);
  static Condition string_less_than_path(std::string variable, std::string path);
  static Condition string_greater_than(std::string variable, std::string value);
  static Condition string_greater_than_path(std::string variable, std::string path);
  static Condition string_less_than_equals(std::string variable, std::string value);
  static Condition string_less_than_equals_path(std::string variable, std::string path);
  static Condition string_greater_than_equals(std::string variable, std::string value);
  static Condition string_greater_than_equals_path(std::string variable, std::string path);
  static Condition string_matches(std::string variable, std::string pattern);

  ///@}
  ///@{
  /// Numbers (integers render without a fraction).
  static Condition numeric_equals(std::string variable, double value);
  static Condition numeric_equals_path(std::string variable, std::string path);
  static Condition numeric_less_than(std::string variable, double value);
  static Condition numeric_less_than_path(std::string variable, std::string path);
  static Condition numeric_greater_than(std::string variable, double value);
  static Condition numeric_greater_than_path(std::string variable, std::string path);
  static Condition numeric_less_than_equals(std::string variable, double value);
  static Condition numeric_less_than_equals_path(std::string variable, std::string path);
  static Condition numeric_greater_than_equals(std::string variable, double value);
  static Condition numeric_greater_than_equals_path(std::string variable, std::string path);

  ///@}
  ///@{
  /// Booleans.
  static Condition boolean_equals(std::string variable, bool value);
  static Condition boolean_equals_path(std::string variable, std::string path);

  ///@}
  ///@{
  /// Timestamps: RFC 3339 with a zone, e.g. "2016-08-18T17:33:00Z" (checked).
  static Condition timestamp_equals(std::string variable, std::string timestamp);
  static Condition timestamp_equals_path(std::string variable, std::string path);
  static Condition timestamp_less_than(std::string variable, std::string timestamp);
  static Condition timestamp_less_than_path(std::string variable, std::string path);
  static Condition timestamp_greater_than(std::string variable, std::string timestamp);
  static Condition timestamp_greater_than_path(std::string variable, std::string path);
  static Condition timestamp_less_than_equals(std::string variable, std::string timestamp);
  static Condition timestamp_less_than_equals_path(std::string variable, std::string path);
  static Condition timestamp_greater_than_equals(std::string variable, std::string timestamp);
  static Condition timestamp_greater_than_equals_path(std::string variable, std::string path);

  ///@}
  ///@{
  /// Type tests; `expected` false tests the opposite (IsPresent: false = "is missing").
  static Condition is_present(std::string variable, bool expected = true);
  static Condition is_null(std::string variable, bool expected = true);
  static Condition is_numeric(std::string variable, bool expected = true);
  static Condition is_string(std::string variable, bool expected = true);
  static Condition is_boolean(std::string variable, bool expected = true);
  static Condition is_timestamp(std::string variable, bool expected = true);

  ///@}
  ///@{
  /// Combinators; And/Or need at least one condition (DefinitionError [303]).
  static Condition and_(std::vector<Condition> conditions);
  static Condition or_(std::vector<Condition> conditions);
  static Condition not_(Condition condition);
  ///@}

  /// The rule as ASL JSON (without Next).
  [[nodiscard]] const cfn::Json& json() const { return json_; }

 private:
  explicit Condition(cfn::Json json) : json_(std::move(json)) {}
  static Condition compare(std::string variable, const char* op, cfn::Json value);
  static Condition compare_path(std::string variable, const char* op, std::string path);
  static Condition compare_timestamp(std::string variable, const char* op, std::string timestamp);
  cfn::Json json_;
};

}  // namespace hoplite::sfn
