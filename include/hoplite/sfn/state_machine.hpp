#pragma once
/// \file
/// sfn::StateMachine — a checked state machine definition, its ASL, its derived IAM role and
/// its rendering into a CloudFormation template.
///
/// The whole graph is checked when the machine is constructed (names, scopes, transitions, and the
/// ASL rules of sfn::check_asl on the rendered document), so a wrong definition throws
/// DefinitionError while the service is being defined.
///
/// **Example**:
/// \code
///   auto run  = sfn::EcsRunTask{"Run Fargate Task", task.run_on(cluster, net)};
///   auto ok   = sfn::SnsPublish{"Notify Success", {.topic = topic, .message = "task succeeded"}};
///   auto fail = sfn::SnsPublish{"Notify Failure", {.topic = topic, .message = "task failed"}};
///   sfn::StateMachine machine{"Machine", sfn::chain(run.catch_all(fail), ok)};
///   machine.add_to(tmpl);   // AWS::StepFunctions::StateMachine + AWS::IAM::Role
/// \endcode
///
/// **References in the definition.** Values in Parameters (and Resource ARNs) may be intrinsics
/// (`cfn::ref(topic)`). The ASL text then holds `${Name}` placeholders and the template's
/// `DefinitionString` is `{"Fn::Sub": [asl, {Name: intrinsic, ...}]}`, so CloudFormation resolves
/// the references and sees the dependencies; a literal `${` in the definition is written `${!`.
/// `Name` is the logical ID for a Ref, logical ID + attribute for a GetAtt, else `Value` + a hash.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hoplite/cfn/iam.hpp"
#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/arn.hpp"
#include "hoplite/sfn/state.hpp"

namespace hoplite::cfn {
class Template;
class Resource;
}  // namespace hoplite::cfn

namespace hoplite::sfn {

/// StateMachineType: STANDARD (durable, up to a year) or EXPRESS (short, at-least-once).
enum class MachineType { standard, express };

/// Execution history logging to CloudWatch Logs (LoggingConfiguration).
struct Logging {
  Arn log_group;                        ///< the log group (resource or ARN); required
  std::string level = "ALL";            ///< ALL, ERROR, FATAL or OFF; default ALL
  bool include_execution_data = false;  ///< log inputs and outputs; default false (they may hold secrets)
};

/// The state machine's optional settings; each default leaves the property out.
struct StateMachineProps {
  std::string comment;                       ///< top-level Comment; default none
  MachineType type = MachineType::standard;  ///< StateMachineType; default STANDARD
  std::optional<int> timeout_seconds;        ///< top-level TimeoutSeconds; default none (one year)
  std::optional<Logging> logging;            ///< LoggingConfiguration; default none
  std::string state_machine_name;            ///< StateMachineName; default: CloudFormation generates one
};

/// The definition as ASL text plus the values of its `${Name}` placeholders.
struct AslDocument {
  std::string text;  ///< 2-space indented JSON, trailing newline
  std::vector<std::pair<std::string, cfn::Json>>
      substitutions;  ///< placeholder name and the template value CloudFormation substitutes (DefinitionSubstitutions)
};

/// A state machine: a checked definition plus settings, added to a template as an AWS::StepFunctions::StateMachine and
/// its IAM role.
class StateMachine {
 public:
  /// Checks the graph reachable from `definition` (throws DefinitionError).
  StateMachine(std::string name, const Chain& definition, StateMachineProps props = {});

  /// The name given at construction.
  [[nodiscard]] const std::string& name() const { return name_; }
  /// The settings given at construction.
  [[nodiscard]] const StateMachineProps& props() const { return props_; }
  /// Logical IDs used by add_to(): the machine (name without non-alphanumerics) and its role.
  [[nodiscard]] std::string logical_id() const;
  /// The role's logical ID (see logical_id()).
  [[nodiscard]] std::string role_logical_id() const;

  /// The ASL document (rendered once at construction).
  [[nodiscard]] const AslDocument& asl() const { return asl_; }
  /// The ASL with every placeholder replaced by `resolve(name, value)` — e.g. fake ARNs for
  /// offline validators.
  [[nodiscard]] std::string resolved_asl(
      const std::function<std::string(const std::string&, const cfn::Json&)>& resolve) const;

  /// The permissions derived from the states: one statement per distinct action set and
  /// condition, resources merged, in the order the states appear; logging permissions when
  /// logging is on. Nothing else.
  [[nodiscard]] const std::vector<cfn::iam::PolicyStatement>& policy() const { return policy_; }
  /// The policy as an IAM PolicyDocument.
  [[nodiscard]] cfn::Json policy_document() const;

  /// Adds the execution role (trusting states.amazonaws.com, with policy()) and the
  /// AWS::StepFunctions::StateMachine to `t`, and the Output `<logical id>Arn` (the machine's ARN);
  /// returns the state machine resource.
  cfn::Resource& add_to(cfn::Template& t) const;

 private:
  std::string name_;
  StateMachineProps props_;
  AslDocument asl_;
  std::vector<cfn::iam::PolicyStatement> policy_;
};

}  // namespace hoplite::sfn
