#pragma once
/// \file
/// Intrinsic functions and pseudo parameters as typed values that take the resource object.
///
///     auto& role  = t.add(cfn::iam::Role{"TaskRole", {...}});
///     cfn::Value<std::string> arn = cfn::get_att(role, "Arn");   // {"Fn::GetAtt": ["TaskRole", "Arn"]}
///     cfn::Value<std::string> url = cfn::sub("https://${Bucket.DomainName}/x");
///     cfn::List<std::string> azs  = cfn::get_azs();
///
/// `ref` and `get_att` read the logical ID from the object, so renaming a resource cannot leave a
/// dangling string; `get_att` checks the attribute against the specification at once (throws
/// cfn::ValidationError [cfn.validate.005]). Every intrinsic records what it references
/// (Json::references()), which synthesis uses to reject references to logical IDs that are not in
/// the template and to find dependency cycles.
///
/// Functions whose result type CloudFormation decides (Ref of a parameter, GetAtt, If, Select,
/// FindInMap, ImportValue) return Intrinsic, which converts to any Value<T>, List<T> or Json.
/// Functions with a fixed result type return it (Join/Sub/Base64: string; Split/GetAZs: list).

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hoplite/cfn/json.hpp"
#include "hoplite/cfn/value.hpp"

namespace hoplite::cfn {

class Resource;
class Parameter;

/// A condition expression (Fn::Equals, Fn::Not, Fn::And, Fn::Or, or a named condition) for
/// Template::add_condition, and inside and_/or_/not_.
class Condition {
 public:
  /// Wraps a condition expression (use the helpers: equals(), and_(), …).
  explicit Condition(Json json) : json_(std::move(json)) {}
  /// The expression as JSON.
  [[nodiscard]] const Json& json() const { return json_; }

 private:
  Json json_;
};

/// The name of a condition declared with Template::add_condition; usable in if_, in and_/or_/not_
/// (renders {"Condition": name}) and as a resource's or output's `condition`.
struct ConditionName {
  std::string name;  ///< the key under Conditions
  ///@{
  /// The condition named `n`.
  ConditionName(std::string n) : name(std::move(n)) {}
  ConditionName(const char* n) : name(n) {}
  ///@}
  /// `{"Condition": name}`, for and_/or_/not_.
  operator Condition() const;  // NOLINT(google-explicit-constructor)
  /// So `{.condition = is_prod}` works in ResourceOptions and OutputOptions.
  operator std::string() const { return name; }  // NOLINT(google-explicit-constructor)
};

/// {"Ref": logical ID} of a resource: its physical ID (the Ref value the resource type defines).
[[nodiscard]] Value<std::string> ref(const Resource& resource);
/// {"Ref": name} of a template parameter: the parameter's value, of the parameter's type.
[[nodiscard]] Intrinsic ref(const Parameter& parameter);
/// {"Fn::GetAtt": [logical ID, attribute]}. Throws ValidationError [cfn.validate.005] when the
/// resource's type has no such attribute (the message lists the ones it has).
[[nodiscard]] Intrinsic get_att(const Resource& resource, std::string_view attribute);
/// {"Fn::Join": [delimiter, values]}.
[[nodiscard]] Value<std::string> join(std::string_view delimiter, List<std::string> values);
/// {"Fn::Sub": text}. `${Name}` refers to a parameter, resource or pseudo parameter (AWS::Region),
/// `${Name.Attribute}` to an attribute, `${!Literal}` is the literal `${Literal}`.
[[nodiscard]] Value<std::string> sub(std::string_view text);
/// {"Fn::Sub": [text, {variable: value, ...}]}; variables may be intrinsics. Names bound here are
/// not references to logical IDs.
[[nodiscard]] Value<std::string> sub(std::string_view text, std::vector<std::pair<std::string, Json>> variables);
/// {"Fn::Select": [index, list]}.
[[nodiscard]] Intrinsic select(Json index, List<std::string> list);
/// {"Fn::Split": [delimiter, source]}.
[[nodiscard]] List<std::string> split(std::string_view delimiter, Value<std::string> source);
/// {"Fn::GetAZs": region}; default "" (the stack's region).
[[nodiscard]] List<std::string> get_azs(Value<std::string> region = std::string());
/// {"Fn::If": [condition, when_true, when_false]}; use pseudo::no_value() to drop a property.
[[nodiscard]] Intrinsic if_(const ConditionName& condition, Json when_true, Json when_false);
/// {"Fn::Equals": [a, b]}.
[[nodiscard]] Condition equals(Json a, Json b);
/// {"Fn::Not": [condition]}.
[[nodiscard]] Condition not_(Condition condition);
/// {"Fn::And": [conditions...]}; CloudFormation needs 2 to 10 (checked here).
[[nodiscard]] Condition and_(std::vector<Condition> conditions);
/// {"Fn::Or": [conditions...]}; CloudFormation needs 2 to 10 (checked here).
[[nodiscard]] Condition or_(std::vector<Condition> conditions);
/// {"Fn::Base64": value}.
[[nodiscard]] Value<std::string> base64(Value<std::string> value);
/// {"Fn::FindInMap": [map, top-level key, second-level key]}; keys may be intrinsics.
[[nodiscard]] Intrinsic find_in_map(std::string_view map_name, Json top_level_key, Json second_level_key);
/// {"Fn::ImportValue": exported name}.
[[nodiscard]] Intrinsic import_value(Value<std::string> exported_name);

/// The pseudo parameters ({"Ref": "AWS::..."}).
namespace pseudo {
[[nodiscard]] Value<std::string> region();            ///< AWS::Region
[[nodiscard]] Value<std::string> account_id();        ///< AWS::AccountId
[[nodiscard]] Value<std::string> partition();         ///< AWS::Partition ("aws", "aws-cn", ...)
[[nodiscard]] Value<std::string> stack_name();        ///< AWS::StackName
[[nodiscard]] Value<std::string> stack_id();          ///< AWS::StackId
[[nodiscard]] Value<std::string> url_suffix();        ///< AWS::URLSuffix ("amazonaws.com", ...)
[[nodiscard]] Intrinsic no_value();                   ///< AWS::NoValue: removes the property (in if_)
[[nodiscard]] List<std::string> notification_arns();  ///< AWS::NotificationARNs
/// True for the names above ("AWS::Region", ...): Ref targets that need no declaration.
[[nodiscard]] bool is_pseudo_parameter(std::string_view name);
}  // namespace pseudo

}  // namespace hoplite::cfn
