#pragma once
/// \file
/// ecs:runTask — run an ECS task (Fargate by default) and, with `.sync` (the default), wait
/// until it stops; the task's exit code decides success.
///
/// The machine's role gets exactly: ecs:RunTask on the task definition; iam:PassRole on
/// `pass_roles` (the task's execution and task roles) with iam:PassedToService =
/// ecs-tasks.amazonaws.com; for `.sync` also ecs:StopTask and ecs:DescribeTasks (on "*": task ARNs
/// are not known in advance) and events:PutTargets/PutRule/DescribeRule on the managed rule
/// StepFunctionsGetEventsForECSTaskRule; ecs:TagResource when tags propagate.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
///
/// fargate::Task::run_on() fills these props for a task of the service.

#include <optional>
#include <string>
#include <vector>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/arn.hpp"
#include "hoplite/sfn/task.hpp"

namespace hoplite::sfn {

/// One environment variable override: a literal `value`, or `value_path` read from the state
/// input or the context object (`"$.orderId"`, `"$$.Execution.Id"`, `"$$.Task.Token"`).
struct EcsEnvironment {
  std::string name;        ///< the variable's name
  std::string value;       ///< a literal value; default none
  std::string value_path;  ///< a path to read the value from (renders `Value.$`); replaces `value`
};

/// One container's overrides for this run (ContainerOverrides).
struct EcsContainerOverride {
  std::string container_name;               ///< Name of the container to override (required)
  std::vector<std::string> command;         ///< Command; default: the task definition's
  std::string command_path;                 ///< Command.$: an array taken from the input; default none
  std::vector<EcsEnvironment> environment;  ///< Environment additions; default none
  std::optional<int> cpu;                   ///< Cpu units; default: the task definition's
  std::optional<int> memory_mib;            ///< Memory (MiB); default: the task definition's
};

/// One entry of CapacityProviderStrategy.
struct CapacityProviderItem {
  std::string capacity_provider;  ///< e.g. "FARGATE_SPOT"
  int weight = 1;                 ///< Weight; default 1
  int base = 0;                   ///< Base; default 0
};

/// The `ecs:runTask` parameters: cluster, task definition, network, overrides and pattern.
struct EcsRunTaskProps {
  Arn cluster;                          ///< Cluster ARN (a cluster resource works); required
  Arn task_definition;                  ///< TaskDefinition ARN (a task definition resource works); required
  std::string launch_type = "FARGATE";  ///< LaunchType; ignored when a capacity-provider strategy is given
  std::vector<CapacityProviderItem> capacity_provider_strategy;  ///< default none (use launch_type)
  std::string platform_version;                                  ///< PlatformVersion; default none (LATEST)
  std::vector<cfn::Json> subnets;          ///< awsvpc Subnets (IDs; cfn::ref(subnet)); required for Fargate
  std::vector<cfn::Json> security_groups;  ///< awsvpc SecurityGroups (IDs); default: the VPC's default group
  bool assign_public_ip = false;           ///< AssignPublicIp; needed in public subnets without NAT to pull images
  std::vector<EcsContainerOverride> container_overrides;  ///< default none
  std::optional<int> cpu;                                 ///< task-level Cpu override; default none
  std::optional<int> memory_mib;                          ///< task-level Memory override; default none
  bool propagate_tags = false;          ///< PropagateTags TASK_DEFINITION (adds ecs:TagResource); default false
  bool enable_execute_command = false;  ///< EnableExecuteCommand; default false
  std::vector<Arn> pass_roles;          ///< roles ECS assumes for the task (execution role, task role)
  Integration integration = Integration::run_job;  ///< run_job (.sync), wait_for_task_token, request_response
};

/// A Task that runs an ECS task (`arn:aws:states:::ecs:runTask`, `.sync` by default) and grants the role what it needs.
class EcsRunTask : public Task {
 public:
  /// Throws DefinitionError [302] for an integration pattern ECS does not support.
  EcsRunTask(std::string name, EcsRunTaskProps props, TaskOptions options = {});
};

}  // namespace hoplite::sfn
