#include "hoplite/sfn/tasks/ecs_run_task.hpp"

#include <fmt/format.h>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/sfn/error.hpp"
#include "sfn/query/json_path.hpp"

namespace hoplite::sfn {
namespace {

using cfn::Json;

Json container_override(const std::string& state, const EcsContainerOverride& o) {
  if (o.container_name.empty())
    throw DefinitionError(DefinitionRule::kMissingField,
                          fmt::format("a container override of Task '{}' needs container_name", state));
  Json j = Json::object({{"Name", o.container_name}});
  if (!o.command.empty() && !o.command_path.empty())
    throw DefinitionError(
        DefinitionRule::kInvalidField,
        fmt::format("container override '{}' of Task '{}' has both command and command_path", o.container_name, state));
  if (!o.command.empty()) {
    Json::Array cmd;
    for (const auto& c : o.command) cmd.emplace_back(c);
    j.set("Command", Json::array(std::move(cmd)));
  }
  if (!o.command_path.empty()) j.set("Command.$", o.command_path);
  if (!o.environment.empty()) {
    Json::Array env;
    for (const auto& e : o.environment) {
      if (e.name.empty() || (!e.value.empty() && !e.value_path.empty()))
        throw DefinitionError(DefinitionRule::kInvalidField,
                              fmt::format("environment override '{}' of Task '{}' needs a name and one of value and "
                                          "value_path",
                                          e.name, state));
      Json item = Json::object({{"Name", e.name}});
      if (!e.value_path.empty())
        item.set("Value.$", e.value_path);
      else
        item.set("Value", e.value);
      env.push_back(std::move(item));
    }
    j.set("Environment", Json::array(std::move(env)));
  }
  if (o.cpu) j.set("Cpu", *o.cpu);
  if (o.memory_mib) j.set("Memory", *o.memory_mib);
  return j;
}

}  // namespace

EcsRunTask::EcsRunTask(std::string name, EcsRunTaskProps props, TaskOptions options)
    : Task(std::move(name), "ecs:runTask", props.integration,
           {Integration::request_response, Integration::run_job, Integration::wait_for_task_token},
           std::move(options)) {
  const std::string& state = this->name();
  if (!props.cluster.is_set() || !props.task_definition.is_set())
    throw DefinitionError(DefinitionRule::kMissingField,
                          fmt::format("ecs:runTask '{}' needs a cluster and a task_definition", state));
  Json p = Json::object();
  if (props.capacity_provider_strategy.empty()) {
    p.set("LaunchType", props.launch_type);
  } else {
    Json::Array strategy;
    for (const auto& c : props.capacity_provider_strategy)
      strategy.push_back(
          Json::object({{"CapacityProvider", c.capacity_provider}, {"Weight", c.weight}, {"Base", c.base}}));
    p.set("CapacityProviderStrategy", Json::array(std::move(strategy)));
  }
  if (!props.platform_version.empty()) p.set("PlatformVersion", props.platform_version);
  p.set("Cluster", props.cluster.json());
  p.set("TaskDefinition", props.task_definition.json());
  if (!props.subnets.empty()) {
    Json vpc = Json::object({{"Subnets", Json::array(props.subnets)}});
    if (!props.security_groups.empty()) vpc.set("SecurityGroups", Json::array(props.security_groups));
    vpc.set("AssignPublicIp", props.assign_public_ip ? "ENABLED" : "DISABLED");
    p.set("NetworkConfiguration", Json::object({{"AwsvpcConfiguration", std::move(vpc)}}));
  } else if (props.launch_type == "FARGATE" && props.capacity_provider_strategy.empty()) {
    throw DefinitionError(
        DefinitionRule::kMissingField,
        fmt::format("ecs:runTask '{}' runs on Fargate (awsvpc) and needs at least one subnet", state));
  }
  Json overrides = Json::object();
  if (!props.container_overrides.empty()) {
    Json::Array list;
    for (const auto& o : props.container_overrides) list.push_back(container_override(state, o));
    overrides.set("ContainerOverrides", Json::array(std::move(list)));
  }
  // RunTask takes the task-level overrides as strings.
  if (props.cpu) overrides.set("Cpu", std::to_string(*props.cpu));
  if (props.memory_mib) overrides.set("Memory", std::to_string(*props.memory_mib));
  if (overrides.size() > 0) p.set("Overrides", std::move(overrides));
  if (props.propagate_tags) p.set("PropagateTags", "TASK_DEFINITION");
  if (props.enable_execute_command) p.set("EnableExecuteCommand", true);
  if (props.integration == Integration::wait_for_task_token && p.dump().find("$$.Task.Token") == std::string::npos)
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("ecs:runTask '{}' waits for a task token but passes none to the task; add an "
                                      "environment override with value_path \"$$.Task.Token\"",
                                      state));
  set_parameters(std::move(p));

  add_policy({{"ecs:RunTask"}, {props.task_definition.json()}, {}});
  if (props.integration == Integration::run_job) {
    add_policy({{"ecs:StopTask", "ecs:DescribeTasks"}, {"*"}, {}});
    add_policy({{"events:PutTargets", "events:PutRule", "events:DescribeRule"},
                {cfn::sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/"
                          "StepFunctionsGetEventsForECSTaskRule")},
                {}});
  }
  if (!props.pass_roles.empty()) {
    std::vector<Json> roles;
    for (const auto& r : props.pass_roles) roles.push_back(r.json());
    add_policy({{"iam:PassRole"},
                roles,
                Json::object({{"StringEquals", Json::object({{"iam:PassedToService", "ecs-tasks.amazonaws.com"}})}})});
  }
  if (props.propagate_tags)
    add_policy(
        {{"ecs:TagResource"}, {cfn::sub("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/*")}, {}});
}

}  // namespace hoplite::sfn
