#pragma once
/// \file
/// Change computation: given the deployed template and parameters (none for a CREATE change
/// set) and a new template and parameters, the `Changes[]` DescribeChangeSet reports, as AWS
/// computes them: Action Add/Modify/Remove, Replacement True/False/Conditional from the spec's
/// UpdateType and from how each change comes about (Details with Target, Evaluation Static/Dynamic,
/// ChangeSource DirectModification/ResourceReference/ParameterReference/ResourceAttribute,
/// CausingEntity), PolicyAction, Scope, and with IncludePropertyValues the Before/AfterContext and
/// Before/AfterValue.
///
/// AWS answers DescribeChangeSet differently with and without IncludePropertyValues (two change
/// engines). Both are modelled, from AWS's recorded responses (tests/testdata/cfn/aws-recorded):
/// - without property values ("classic"): a Fn::GetAtt of a resource that is modified in place is
///   a possible change (ResourceAttribute, Dynamic); a Ref or GetAtt of a replaced resource is a
///   ResourceReference / ResourceAttribute, Static.
/// - with property values: values are evaluated against what is deployed; a Ref/GetAtt of a
///   resource that is added or replaced is `{{changeSet:KNOWN_AFTER_APPLY}}` (DirectModification,
///   Dynamic, plus the ResourceReference/ResourceAttribute that causes it, Static).
/// In both, a value read through a changed parameter is a ParameterReference (Static) plus a
/// DirectModification (Dynamic). Replacement: a Static change of an Immutable property -> True, a
/// Dynamic one -> Conditional, a Conditional property -> Conditional, else False.
///
/// **Example** (CreateChangeSet of type UPDATE, then DescribeChangeSet):
///
///     cfn::ChangeSetInput in{.before = &deployed_doc, .before_parameters = deployed_params,
///                            .after = &new_doc, .after_parameters = new_params,
///                            .context = context, .deployed = &engine_resolver};
///     auto changes = cfn::compute_changes(in, {.include_property_values = true});
///     if (!changes) return changes.failure();            // e.g. a resource type change
///     if (!changes->has_changes()) fail_change_set(cfn::kNoChangesReason);
///     response["Changes"] = cfn::changes_to_json(changes->changes, true);

#include <optional>
#include <string>
#include <vector>

#include "hoplite/cfn/evaluator.hpp"
#include "hoplite/cfn/parameters.hpp"
#include "hoplite/cfn/template_reader.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::cfn {

/// The StatusReason of a change set without changes (it ends FAILED), and UpdateStack's error.
inline constexpr std::string_view kNoChangesReason =
    "The submitted information didn't contain changes. Submit different information to create a change set.";
/// UpdateStack's error message when the template and parameters change nothing.
inline constexpr std::string_view kNoUpdatesMessage = "No updates are to be performed.";

/// What a change set compares: the deployed template and parameters against the submitted ones.
struct ChangeSetInput {
  /// The deployed template; nullptr for a CREATE change set (everything is Add).
  const TemplateDocument* before = nullptr;
  std::vector<ParameterValue> before_parameters;  ///< the deployed stack's parameters
  const TemplateDocument* after = nullptr;        ///< the submitted template (required)
  std::vector<ParameterValue> after_parameters;   ///< bound with bind_parameters
  StackContext context;                           ///< pseudo parameters (the same stack before and after)
  /// Answers for the deployed stack: Ref/GetAtt of its resources (called with the *deployed*
  /// template's resource), exports, AZs, SSM parameters. Required when `before` is set; for a
  /// CREATE change set it is still asked for exports, AZs and SSM values.
  Resolver* deployed = nullptr;
};

/// How compute_changes describes the changes (DescribeChangeSet's options).
struct ChangeSetOptions {
  bool include_property_values = false;  ///< DescribeChangeSet's IncludePropertyValues
  /// AWS until mid-May 2025 also put `"Replacement": "True"` on Add changes when property values
  /// were included; off = AWS's current behaviour. (Only for comparing with older recordings.)
  bool replacement_on_add = false;
};

/// ResourceTargetDefinition.
struct ChangeTarget {
  std::string attribute;            ///< "Properties", "Metadata" or "Tags"
  std::string name;                 ///< property name; "" for Metadata/Tags
  std::string requires_recreation;  ///< "Never", "Conditionally" or "Always"
  // With IncludePropertyValues only:
  std::string path;                         ///< "/Properties/Name"
  std::string attribute_change_type;        ///< "Add", "Remove" or "Modify"
  std::optional<std::string> before_value;  ///< JSON text unless a string
  std::optional<std::string> after_value;   ///< JSON text unless a string
};

/// ResourceChangeDetail.
struct ChangeDetail {
  ChangeTarget target;         ///< what changes in the resource
  std::string evaluation;      ///< "Static" or "Dynamic"
  std::string change_source;   ///< "DirectModification", "ResourceReference", "ParameterReference", "ResourceAttribute"
  std::string causing_entity;  ///< "" = none; a parameter, a logical ID, or "LogicalId.Attribute"
};

/// ResourceChange.
struct ResourceChange {
  std::string action;                 ///< "Add", "Modify" or "Remove"
  std::string logical_id;             ///< the resource's logical ID
  std::string physical_id;            ///< "" for Add
  std::string resource_type;          ///< "AWS::SNS::Topic"
  std::string replacement;            ///< "True", "False", "Conditional"; "" = absent (Add, Remove)
  std::string policy_action;          ///< "Delete", "Retain", "Snapshot", "ReplaceAndDelete", ...; "" = absent
  std::vector<std::string> scope;     ///< what the change touches: "Properties", "Metadata", "Tags"
  std::vector<ChangeDetail> details;  ///< one entry per changed property or attribute
  std::optional<TemplateValue> before_context;  ///< {"Properties": {...}} (IncludePropertyValues)
  std::optional<TemplateValue> after_context;   ///< {"Properties": {...}} (IncludePropertyValues)
};

/// What compute_changes found: DescribeChangeSet's Changes and status.
struct ChangeSetResult {
  std::vector<ResourceChange> changes;  ///< sorted by logical ID
  bool outputs_changed = false;         ///< an output's value, description or export differs
  /// With IncludePropertyValues: AWS's "[WARN] --include-property-values option can return
  /// incomplete ChangeSet data because: ..." when a value could not be computed (e.g. a missing
  /// export); "" otherwise.
  std::string status_reason;

  /// False when the change set must fail with kNoChangesReason (UpdateStack: kNoUpdatesMessage).
  [[nodiscard]] bool has_changes() const { return !changes.empty() || outputs_changed; }
};

/// Computes the changes. Errors: evaluation errors of either template (AWS's messages) and
/// `Update of resource type is not permitted. The new template modifies resource type of the
/// following resources: [X]`.
[[nodiscard]] core::Result<ChangeSetResult> compute_changes(const ChangeSetInput& input,
                                                            const ChangeSetOptions& options);

/// DescribeChangeSet's `Changes` member: [{"Type": "Resource", "ResourceChange": {...}}, ...] with
/// AWS's member names; the property-value members only when `include_property_values`.
[[nodiscard]] TemplateValue changes_to_json(const std::vector<ResourceChange>& changes, bool include_property_values);

}  // namespace hoplite::cfn
