#pragma once
/// \file
/// The base of every generated resource class: logical ID, AWS type, attributes, resource
/// attributes (DependsOn, DeletionPolicy, UpdateReplacePolicy, Condition, Metadata) and raw
/// property overrides.
///
/// Generated classes (`include/hoplite/cfn/resources/<service>/<type>.hpp`) add a typed `props`
/// member whose fields keep the AWS spelling, in spec order, so designated initializers work:
///
///     cfn::ec2::VPC vpc{"Vpc", {.CidrBlock = "10.0.0.0/16", .EnableDnsHostnames = true}};
///     cfn::logs::LogGroup logs{"Logs", {.RetentionInDays = 7}, {.deletion_policy = cfn::DeletionPolicy::retain}};

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/cfn/json.hpp"

namespace hoplite::cfn {

class Resource;

/// What happens to the physical resource when it is deleted from the stack or replaced.
enum class DeletionPolicy { delete_, retain, snapshot };

/// "Delete", "Retain" or "Snapshot".
[[nodiscard]] std::string_view to_string(DeletionPolicy policy);

/// A DependsOn entry: a resource object or its logical ID.
struct Dependency {
  std::string logical_id;  ///< the resource depended on
  ///@{
  /// The resource itself or its logical ID (implicit, so `{.depends_on = {role, "Queue"}}` works).
  Dependency(const Resource& resource);  // NOLINT(google-explicit-constructor)
  Dependency(std::string id) : logical_id(std::move(id)) {}
  Dependency(const char* id) : logical_id(id) {}
  ///@}
};

/// Resource attributes that are not properties. All default to "not set".
struct ResourceOptions {
  std::vector<Dependency> depends_on;                   ///< explicit ordering beyond references
  std::optional<DeletionPolicy> deletion_policy;        ///< default: CloudFormation's (Delete)
  std::optional<DeletionPolicy> update_replace_policy;  ///< default: CloudFormation's (Delete)
  std::string condition;                                ///< a condition name; "" = always created
  Json metadata;                                        ///< null = none
};

/// One resource of a template: logical ID, type, attributes, resource options and property
/// overrides. The generated classes (cfn::iam::Role, …) and RawResource derive from it.
class Resource {
 public:
  virtual ~Resource();

  /// The logical ID (the key under Resources; what Ref and Fn::GetAtt name).
  [[nodiscard]] const std::string& logical_id() const { return logical_id_; }
  /// "AWS::SNS::Topic".
  [[nodiscard]] std::string_view type() const { return type_; }
  /// The attributes Fn::GetAtt may read, from the specification.
  [[nodiscard]] std::span<const std::string_view> attribute_names() const { return attributes_; }
  /// True when Fn::GetAtt may read `name` (one of attribute_names()).
  [[nodiscard]] bool has_attribute(std::string_view name) const;

  ///@{
  /// DependsOn, DeletionPolicy, UpdateReplacePolicy, Condition and Metadata.
  [[nodiscard]] ResourceOptions& options() { return options_; }
  [[nodiscard]] const ResourceOptions& options() const { return options_; }
  ///@}
  /// Adds `other` to DependsOn (once).
  Resource& add_dependency(const Resource& other);

  /// Raw override of one property (dotted path for nested ones, "A.B.C"; a number indexes an
  /// existing list item, "ContainerDefinitions.0.Image"), applied in order after the typed
  /// properties are rendered — for properties the spec subset lacks or values the typed model
  /// cannot express (CDK's addPropertyOverride). Validation still checks the result.
  Resource& set_property_override(std::string path, Json value);
  /// Removes a property (dotted path) from the rendered output.
  Resource& remove_property(std::string path);

  /// The rendered Properties object: typed properties, then overrides.
  [[nodiscard]] Json properties() const;

  /// A copy of the resource (same dynamic type).
  [[nodiscard]] virtual std::unique_ptr<Resource> clone() const = 0;

 protected:
  /// `type` and `attributes` must outlive the resource (generated classes pass static data).
  Resource(std::string logical_id, std::string_view type, std::span<const std::string_view> attributes,
           ResourceOptions options);
  ///@{
  /// Copies and moves for subclasses (clone()); protected so a Resource is never sliced.
  Resource(const Resource&) = default;
  Resource& operator=(const Resource&) = default;
  Resource(Resource&&) = default;
  Resource& operator=(Resource&&) = default;
  ///@}

  /// The typed properties as a JSON object (generated code implements it).
  [[nodiscard]] virtual Json typed_properties() const = 0;
  /// For subclasses that own their type name and attribute list (RawResource).
  void rebind(std::string_view type, std::span<const std::string_view> attributes) {
    type_ = type;
    attributes_ = attributes;
  }

 private:
  struct Override {
    std::string path;
    std::optional<Json> value;  ///< nullopt: remove
  };
  std::string logical_id_;
  std::string_view type_;
  std::span<const std::string_view> attributes_;
  ResourceOptions options_;
  std::vector<Override> overrides_;
};

/// A resource of a type the spec subset does not cover (e.g. "Custom::Thing" or a new AWS type):
/// properties are raw JSON and are not checked against the spec. Prefer extending the subset.
class RawResource final : public Resource {
 public:
  /// A resource of `type` whose Properties are `properties` and whose Fn::GetAtt names are `attributes`.
  RawResource(std::string logical_id, std::string type, Json properties = Json::object(),
              std::vector<std::string> attributes = {}, ResourceOptions options = {});
  /// A copy that shares the (immutable) type and attribute storage.
  RawResource(const RawResource& other);
  RawResource& operator=(const RawResource&) = delete;

  Json props;  ///< the Properties object, rendered as it is

  [[nodiscard]] std::unique_ptr<Resource> clone() const override;

 private:
  [[nodiscard]] Json typed_properties() const override { return props; }
  // Owned storage behind the base class's string_view/span.
  std::shared_ptr<const std::string> type_storage_;
  std::shared_ptr<const std::vector<std::string>> attribute_storage_;
  std::shared_ptr<const std::vector<std::string_view>> attribute_views_;
};

}  // namespace hoplite::cfn
