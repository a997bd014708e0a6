// StateMachine::add_to: the CloudFormation side of a state machine (kept apart from the ASL
// rendering so that file does not parse the generated resource headers).
#include <fmt/format.h>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/resources/iam/role.hpp"
#include "hoplite/cfn/resources/stepfunctions/state_machine.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/sfn/state_machine.hpp"

namespace hoplite::sfn {

cfn::Resource& StateMachine::add_to(cfn::Template& t) const {
  using cfn::Json;
  Json trust = Json::object(
      {{"Version", "2012-10-17"},
       {"Statement", Json::array({Json::object({{"Effect", "Allow"},
                                                {"Principal", Json::object({{"Service", "states.amazonaws.com"}})},
                                                {"Action", "sts:AssumeRole"}})})}});
  cfn::iam::Role::Props role_props{.AssumeRolePolicyDocument = trust};
  if (!policy_.empty())
    role_props.Policies.push_back({.PolicyDocument = policy_document(), .PolicyName = logical_id() + "Policy"});
  auto& role = t.add(cfn::iam::Role{role_logical_id(), std::move(role_props)});

  cfn::stepfunctions::StateMachine::Props p;
  if (asl_.substitutions.empty()) {
    // A plain string: Fn::Sub escapes ("${!") must not appear in it.
    p.DefinitionString = resolved_asl([](const std::string&, const Json&) { return std::string(); });
  } else {
    p.DefinitionString = cfn::sub(asl_.text, asl_.substitutions);
  }
  if (props_.logging) {
    cfn::stepfunctions::StateMachine::LoggingConfiguration logging;
    logging.Destinations.push_back(
        {.CloudWatchLogsLogGroup = cfn::stepfunctions::StateMachine::CloudWatchLogsLogGroup{
             .LogGroupArn = cfn::Value<std::string>::from_json(props_.logging->log_group.json())}});
    logging.IncludeExecutionData = props_.logging->include_execution_data;
    logging.Level = props_.logging->level;
    p.LoggingConfiguration = std::move(logging);
  }
  p.RoleArn = cfn::get_att(role, "Arn");
  if (!props_.state_machine_name.empty()) p.StateMachineName = props_.state_machine_name;
  p.StateMachineType = props_.type == MachineType::express ? "EXPRESS" : "STANDARD";
  auto& machine = t.add(cfn::stepfunctions::StateMachine{logical_id(), std::move(p)});
  t.add_output(logical_id() + "Arn", cfn::ref(machine), {.description = fmt::format("state machine '{}'", name_)});
  return machine;
}

}  // namespace hoplite::sfn
