#pragma once
/// \file
/// Checking a read template against the resource specification subset (spec/): resource
/// types, Fn::GetAtt attributes, and each resource's evaluated properties (unknown, missing
/// required, wrong type), with AWS's messages. The same tables the typed classes are generated
/// from, so what hoplite synthesizes and what it accepts agree.
///
/// When AWS reports each:
/// - check_resource_types: at CreateStack/CreateChangeSet (`Template format error: Unrecognized
///   resource types: [AWS::Foo::Bar]`).
/// - check_attributes: when the change set executes; the stack rolls back with the message plus
///   AWS's " Rollback requested by user." (the engine appends that).
/// - validate_properties: per resource, when it is about to be created or updated; the resource
///   ends CREATE_FAILED/UPDATE_FAILED with the message as its status reason.

#include <string_view>

#include "hoplite/cfn/template_reader.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::cfn {

/// True when the spec subset has `type` (the types hoplite can synthesize and the local cloud provides).
[[nodiscard]] bool is_supported_resource_type(std::string_view type);

/// The spec's UpdateType of a top-level property of `type`: "Mutable", "Immutable",
/// "Conditional", or "" when the spec does not say (or knows neither the type nor the property).
/// The engine replaces a resource when an Immutable property changes.
[[nodiscard]] std::string_view property_update_type(std::string_view type, std::string_view property);

/// Every resource's Type is in the spec subset.
[[nodiscard]] core::Result<void> check_resource_types(const TemplateDocument& doc);

/// Every Fn::GetAtt (and `${X.Y}` in Fn::Sub) names an attribute the resource's type has, or one of
/// its top-level properties (AWS resolves those too). AWS:
/// `[Error] /Outputs/Out/Value/Fn::GetAtt: Resource type AWS::SSM::Parameter does not support attribute {Invalid}.`
/// Types outside the subset are not checked here.
[[nodiscard]] core::Result<void> check_attributes(const TemplateDocument& doc);

/// Checks a resource's evaluated Properties against its type's spec. AWS's wording, all problems
/// in one message: `Property validation failure: [The property {/Type} is required]`,
/// `... [Value of property {/DelaySeconds} does not match type {Integer}]`,
/// `... [Encountered unsupported properties in {/}: [Foo]]`. Values CloudFormation converts are
/// accepted ("2" for an Integer, true for a String); kKnownAfterApply matches anything.
[[nodiscard]] core::Result<void> validate_properties(std::string_view type, const TemplateValue& properties);

}  // namespace hoplite::cfn
