#pragma once
/// \file The template as describe sees it: resources in template order, each with the references
/// it makes (Ref, Fn::GetAtt, Fn::Sub placeholders, DependsOn), its parameters and outputs.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "describe/json_input.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::describe {

/// How one resource refers to another; each kind is drawn differently.
enum class RefKind { ref, get_att, sub, depends_on };

/// "Ref", "GetAtt", "Sub" or "DependsOn".
[[nodiscard]] const char* to_string(RefKind kind);

struct Reference {
  std::string target;  ///< logical id, parameter or pseudo parameter (AWS::Region)
  RefKind kind = RefKind::ref;
  std::string attribute;  ///< for get_att and `${X.Attr}`; "" otherwise
  bool operator==(const Reference&) const = default;
};

struct Resource {
  std::string logical_id;
  std::string type;        ///< "AWS::EC2::VPC"
  std::string service;     ///< "EC2" (the type's second part; "Custom" for Custom::…)
  std::string short_type;  ///< "VPC" (the rest after the service)
  Json definition;         ///< the whole resource object (Type, Properties, DependsOn, …)
  /// Every reference made anywhere in the resource, without repeats, in document order, then
  /// DependsOn. Targets may be parameters or pseudo parameters.
  std::vector<Reference> references;
};

struct TemplateModel {
  std::string description;
  Json parameters = Json::object();  ///< the Parameters object, as written
  Json outputs = Json::object();     ///< the Outputs object, as written
  std::vector<Resource> resources;   ///< template order

  /// nullptr when `logical_id` is not a resource of the template.
  [[nodiscard]] const Resource* find(std::string_view logical_id) const;
  /// Index into `resources`, or npos.
  [[nodiscard]] std::size_t index_of(std::string_view logical_id) const;

  std::map<std::string, std::size_t, std::less<>> index;  ///< logical id → position in `resources`
};

/// The most resources describe draws (CloudFormation allows 500 per stack).
inline constexpr std::size_t kMaxResources = 2000;

/// Reads a JSON template. Errors `describe.template`: not JSON (or too large or deep), no
/// Resources object, a resource that is not an object with a string Type, more than kMaxResources.
[[nodiscard]] core::Result<TemplateModel> read_template(std::string_view text);

/// The references made by `value` and everything inside it (Ref, Fn::GetAtt in both spellings,
/// Fn::Sub placeholders that its variable map does not define), without repeats, in document
/// order. Iterative: the depth of `value` costs no stack.
[[nodiscard]] std::vector<Reference> collect_references(const Json& value);

/// The logical id a RoleArn-like value names: {"Fn::GetAtt": [id, "Arn"]} or {"Ref": id}; empty when
/// it names none.
[[nodiscard]] std::string referenced_id(const Json& value);

/// One `${…}` placeholder of an Fn::Sub string: `${Name}` or `${Name.Attribute}`; `${!…}` is a
/// literal and is not returned.
struct SubPlaceholder {
  std::string name;
  std::string attribute;
};
[[nodiscard]] std::vector<SubPlaceholder> sub_placeholders(std::string_view text);

}  // namespace hoplite::describe
