#pragma once
/// \file What CreateStack, UpdateStack and CreateChangeSet do to a template before anything is
/// provisioned (docs/cfn.md, "An engine's call sequence"): read it, check it, check its resource
/// types and capabilities, bind the parameters, evaluate conditions and every active resource and
/// output with a preview resolver. Errors fail the call with AWS's messages. Also the JSON form
/// of bound parameters the state keeps.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/cfn/evaluator.hpp"
#include "hoplite/cfn/parameters.hpp"
#include "hoplite/cfn/template_reader.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::local::cloudformation {

struct PreparedTemplate {
  cfn::TemplateDocument doc;
  std::vector<cfn::ParameterValue> parameters;
};

/// Reads and checks `body`, binds `given` (with `previous` for UsePreviousValue), evaluates it with
/// `resolver` (which answers for the deployed stack, or a preview when there is none).
core::Result<PreparedTemplate> prepare_template(const std::string& body,
                                                const std::vector<aws::cloudformation::Parameter>& given,
                                                const std::vector<cfn::ParameterValue>& previous,
                                                const cfn::StackContext& context, cfn::Resolver& resolver);

/// InsufficientCapabilitiesException ("Requires capabilities : [CAPABILITY_IAM]") when the
/// template has IAM resources and `capabilities` does not acknowledge them.
core::Result<void> check_capabilities(const cfn::TemplateDocument& doc, const std::vector<std::string>& capabilities);

/// RollbackConfiguration's triggers: CloudWatch alarms only, each named by an alarm's ARN
/// (`arn:aws:cloudwatch:<region>:<account>:alarm:<name>`). AWS's messages.
core::Result<void> check_rollback_triggers(const std::vector<aws::cloudformation::RollbackTrigger>& triggers);
/// ResourceTypes: every resource type of the template is one of `allowed`, named exactly or by a
/// `<prefix>::*` pattern (`AWS::*`, `AWS::EC2::*`, `Custom::*`); an empty list allows any.
core::Result<void> check_resource_types(const cfn::TemplateDocument& doc, const std::vector<std::string>& allowed);

/// The capabilities a stack keeps from those a request acknowledged: AWS keeps all of them, in the
/// request's order, even when the template needs none (recorded cases with only SNS/SSM/VPC).
[[nodiscard]] std::vector<std::string> kept_capabilities(const cfn::TemplateDocument& doc,
                                                         const std::vector<std::string>& given);

/// The capabilities a template needs and why (ValidateTemplate / GetTemplateSummary).
struct NeededCapabilities {
  std::vector<std::string> capabilities;
  std::string reason;
};
[[nodiscard]] NeededCapabilities needed_capabilities(const cfn::TemplateDocument& doc);

/// Bound parameters to and from the state's JSON.
[[nodiscard]] nlohmann::json parameters_to_json(const std::vector<cfn::ParameterValue>& params);
[[nodiscard]] std::vector<cfn::ParameterValue> parameters_from_json(const nlohmann::json& j);
/// As DescribeStacks shows them (NoEcho masked, ResolvedValue for SSM types).
[[nodiscard]] std::vector<aws::cloudformation::Parameter> shown_parameters(const nlohmann::json& j);

/// The template as parsed JSON for a state column (evaluations read it back with read_template).
[[nodiscard]] std::string template_json_text(const cfn::TemplateValue& body);

}  // namespace hoplite::local::cloudformation
