#pragma once
/// \file
/// Evaluating a read template: conditions, intrinsic functions, pseudo parameters and
/// outputs, against a Resolver that supplies what only a running engine knows (physical IDs,
/// attributes, exports, availability zones, SSM parameters).
///
/// **Example** (what CreateChangeSet does before it computes changes):
///
///     auto doc = cfn::read_template(body);                           if (!doc) return doc.failure();
///     if (auto ok = cfn::check_template(*doc); !ok) return ok.failure();
///     auto params = cfn::bind_parameters(*doc, given, {}, &resolver); if (!params) return params.failure();
///     cfn::Evaluator eval(*doc, context, *params, resolver);
///     if (auto ok = eval.evaluate_conditions(); !ok) return ok.failure();
///     if (auto ok = cfn::check_active_references(*doc, eval); !ok) return ok.failure();
///     for (const auto& r : doc->resources)
///       if (eval.active(r)) { auto props = eval.properties(r); if (!props) return props.failure(); ... }
///
/// Supported: Ref (parameters, resources, pseudo parameters incl. AWS::NoValue), Fn::GetAtt (list
/// and "A.B" forms, attribute names from Ref), Fn::Join, Fn::Sub (with and without a variable
/// map, `${!Literal}`), Fn::Select, Fn::Split, Fn::GetAZs, Fn::If, Fn::Equals/Not/And/Or,
/// Condition, Fn::FindInMap (with AWS::LanguageExtensions' DefaultValue), Fn::Base64,
/// Fn::ImportValue, Fn::Cidr (IPv4 and IPv6), and with AWS::LanguageExtensions Fn::Length and
/// Fn::ToJsonString. Errors carry AWS's messages (`Template error: ...`).
///
/// A value the resolver cannot know yet (a resource not created, an attribute of a resource being
/// replaced) is kKnownAfterApply; any function of it is kKnownAfterApply too, as AWS shows in
/// change sets. Recursion is bounded by the template's nesting depth (TemplateLimits::max_depth).

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/cfn/parameters.hpp"
#include "hoplite/cfn/template_reader.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::cfn {

/// The value AWS shows for what is only known once the change set runs.
inline constexpr std::string_view kKnownAfterApply = "{{changeSet:KNOWN_AFTER_APPLY}}";

/// True for kKnownAfterApply.
[[nodiscard]] bool is_known_after_apply(const TemplateValue& v);

/// The pseudo parameters of the stack being evaluated.
struct StackContext {
  std::string account_id = "000000000000";     ///< AWS::AccountId (the local cloud's default account)
  std::string region = "us-east-1";            ///< AWS::Region
  std::string partition = "aws";               ///< AWS::Partition
  std::string url_suffix = "amazonaws.com";    ///< AWS::URLSuffix
  std::string stack_name;                      ///< AWS::StackName
  std::string stack_id;                        ///< AWS::StackId (the stack's ARN)
  std::vector<std::string> notification_arns;  ///< AWS::NotificationARNs
};

/// What only the engine knows. Every call gets a resource that exists in the template and whose
/// condition holds. A value not known yet is returned as TemplateValue(kKnownAfterApply).
class Resolver {
 public:
  virtual ~Resolver() = default;
  /// `Ref` of a resource: its physical ID (an ARN, a name, a URL... as AWS defines per type).
  virtual core::Result<TemplateValue> resource_ref(const TemplateResource& resource) = 0;
  /// `Fn::GetAtt` of a resource (the attribute is not checked against the spec here).
  virtual core::Result<TemplateValue> resource_attribute(const TemplateResource& resource,
                                                         const std::string& attribute) = 0;
  /// `Fn::ImportValue`: the value exported under `name` in this account and region. When there
  /// is none, an error (AWS: `No export named X found.`).
  virtual core::Result<std::string> import_value(const std::string& name) = 0;
  /// `Fn::GetAZs`: the availability zones of `region`, in order.
  virtual std::vector<std::string> availability_zones(const std::string& region) = 0;
  /// The value of an SSM parameter (AWS::SSM::Parameter::Value<...> types, `{{resolve:ssm:...}}`).
  virtual core::Result<std::string> ssm_parameter(const std::string& name) = 0;
};

/// What an evaluation read: the inputs a value depends on (for change sets' ChangeSource and
/// CausingEntity). Sorted sets, so the trace is deterministic.
struct EvaluationTrace {
  std::set<std::string> parameters;                          ///< template parameters (not pseudo parameters)
  std::set<std::string> resources;                           ///< Ref of resources
  std::set<std::pair<std::string, std::string>> attributes;  ///< Fn::GetAtt (resource, attribute)
  std::set<std::string> imports;                             ///< Fn::ImportValue names
  bool pseudo_parameters = false;                            ///< any AWS::... pseudo parameter
};

/// An output whose condition holds, evaluated.
struct EvaluatedOutput {
  std::string key;                         ///< the key under Outputs
  TemplateValue value;                     ///< a string (or kKnownAfterApply)
  std::string description;                 ///< "" = none
  std::optional<std::string> export_name;  ///< Export.Name, evaluated; none = not exported
};

/// Evaluates a checked template for one stack: conditions, resource properties, outputs and every intrinsic, asking a
/// Resolver for what only the deployed stack knows.
class Evaluator {
 public:
  /// All arguments must outlive the evaluator.
  Evaluator(const TemplateDocument& doc, const StackContext& context, const std::vector<ParameterValue>& parameters,
            Resolver& resolver);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  /// Evaluates every condition of the template (in dependency order). Call before the rest.
  core::Result<void> evaluate_conditions();
  /// A condition's value; "" is true. False for an unknown name (check_template rejects those).
  [[nodiscard]] bool condition(std::string_view name) const;
  /// True when the resource's Condition holds (or it has none).
  [[nodiscard]] bool active(const TemplateResource& resource) const;

  /// Evaluates any template value. AWS::NoValue removes the member or list item that holds it;
  /// a NoValue at the top gives a discarded value (`is_discarded()`).
  core::Result<TemplateValue> evaluate(const TemplateValue& value, EvaluationTrace* trace = nullptr);
  /// The resource's Properties, evaluated (an object).
  core::Result<TemplateValue> properties(const TemplateResource& resource, EvaluationTrace* trace = nullptr);
  /// Outputs whose condition holds, in template order.
  core::Result<std::vector<EvaluatedOutput>> outputs();

  /// Replaces `{{resolve:ssm:name}}` / `{{resolve:ssm:name:version}}` in every string of `value`
  /// (done on final property values at provisioning time, as AWS does). Other dynamic reference
  /// kinds (ssm-secure, secretsmanager) are left as they are.
  core::Result<TemplateValue> resolve_dynamic_references(const TemplateValue& value);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The checks CloudFormation makes before it looks at parameter values (ValidateTemplate and
/// the first step of CreateStack/CreateChangeSet): every Ref, Fn::Sub variable, Fn::GetAtt and
/// DependsOn names something that exists; Conditions reference no resources; every condition
/// used is declared; intrinsic function names are known; no circular dependency between
/// resources. Errors carry AWS's messages, e.g. `Template format error: Unresolved resource
/// dependencies [X] in the Resources block of the template`.
[[nodiscard]] core::Result<void> check_template(const TemplateDocument& doc);

/// After conditions are evaluated: an active resource or output must not reference a resource
/// whose condition is false (outside a Fn::If branch not taken). AWS:
/// `Template format error: Unresolved resource dependencies [X] in the Resources block of the template`
/// and `Unresolved resource dependencies [X] in the Outputs block of the template`.
[[nodiscard]] core::Result<void> check_active_references(const TemplateDocument& doc, const Evaluator& evaluator);

}  // namespace hoplite::cfn
