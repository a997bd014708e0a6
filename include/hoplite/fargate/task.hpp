#pragma once
/// \file
/// fargate::Task — a Fargate task definition that runs one of the service's task
/// subcommands in the service's own image, with its log group and roles.
///
/// **Example**:
/// \code
///   fargate::Task task{"Task", {.command = {"fargateTask"}, .cpu = 256, .memory_mib = 512}};
///   task.add_to(tmpl);
///   sfn::EcsRunTask run{"Run Fargate Task", task.run_on(cluster, net)};
/// \endcode
///
/// Resources (logical IDs from the name): `<id>TaskDefinition` (FARGATE, awsvpc, cpu/memory,
/// runtime platform, one essential container named `container_name`), `<id>LogGroup` (awslogs
/// destination, retention), `<id>ExecutionRole` (ECS pulls the image and writes logs with it:
/// managed policy AmazonECSTaskExecutionRolePolicy), `<id>TaskRole` (what the code in the container
/// may do: nothing until you add_to_task_role()). Outputs `<id>TaskDefinition` and `<id>LogGroup`.
///
/// **The image.** The container's image is the template parameter `ImageUri` (declared by
/// add_to(), shared by every task of the template), which `provision` sets to the pushed image by
/// digest (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:…`). So `synth` stays pure (no
/// registry needed), the template text does not change when only the image does, and a rebuild
/// with the same digest changes nothing. The image's entrypoint is the service binary, so the
/// container command is just the task subcommand and its arguments.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hoplite/cfn/iam.hpp"
#include "hoplite/cfn/resources/ecs/task_definition.hpp"
#include "hoplite/cfn/resources/iam/role.hpp"
#include "hoplite/cfn/resources/logs/log_group.hpp"
#include "hoplite/sfn/tasks/ecs_run_task.hpp"

namespace hoplite::cfn {
class Template;
}

namespace hoplite::fargate {

class Cluster;
struct Network;

/// The template parameter holding the image reference (see the file comment).
inline constexpr const char* kImageParameter = "ImageUri";

/// The CPU architecture the task's image is built for (RuntimePlatform).
enum class Architecture { x86_64, arm64 };

/// One environment variable of the task's container.
struct EnvironmentVariable {
  std::string name;   ///< the variable's name
  std::string value;  ///< its value (visible in the task definition: no secrets)
};

/// What a Fargate task runs and with which resources.
struct TaskProps {
  /// The container's command: a task subcommand of the service and its arguments (required).
  std::vector<std::string> command;
  int cpu = 256;         ///< CPU units; default 256 (0.25 vCPU)
  int memory_mib = 512;  ///< MiB; must be valid for `cpu` (fargate::valid_memory_mib); default 512
  Architecture architecture = Architecture::x86_64;  ///< RuntimePlatform CpuArchitecture; default X86_64
  std::vector<EnvironmentVariable> environment;      ///< container environment; default none
  int log_retention_days = 30;              ///< RetentionInDays of the log group (a CloudWatch Logs value); default 30
  std::string container_name = "service";   ///< the container's name; default "service"
  std::string platform_version = "LATEST";  ///< PlatformVersion used by run_on(); default LATEST
};

/// A Fargate task of the service's own image: its task definition, log group, execution and task roles; run it from a
/// state machine with run_on().
class Task {
 public:
  /// Checks the props at once: cpu/memory against the Fargate table (fargate::DefinitionError
  /// [101]/[102], listing the valid values), command, container name and log retention.
  Task(std::string name, TaskProps props);

  /// Adds the task definition, log group, roles, the ImageUri parameter (once) and outputs.
  void add_to(cfn::Template& t) const;

  /// Lets the code in the container call AWS: adds a statement to the task role.
  Task& add_to_task_role(cfn::iam::PolicyStatement statement);

  /// The typed RunTask parameters that run this task on `cluster` in `network`: FARGATE,
  /// the network's subnets/security groups/public IP, and iam:PassRole for both roles.
  [[nodiscard]] sfn::EcsRunTaskProps run_on(const Cluster& cluster, const Network& network) const;

  /// The name given at construction.
  [[nodiscard]] const std::string& name() const { return name_; }
  /// The props given at construction.
  [[nodiscard]] const TaskProps& props() const { return props_; }
  /// The AWS::ECS::TaskDefinition resource.
  [[nodiscard]] const cfn::ecs::TaskDefinition& task_definition() const { return task_definition_; }
  /// The log group the container logs to.
  [[nodiscard]] const cfn::logs::LogGroup& log_group() const { return log_group_; }
  /// The role ECS uses to pull the image and write logs.
  [[nodiscard]] const cfn::iam::Role& execution_role() const { return execution_role_; }
  /// The role the code in the container runs as (see add_to_task_role()).
  [[nodiscard]] const cfn::iam::Role& task_role() const { return task_role_; }

 private:
  std::string name_;
  TaskProps props_;
  cfn::logs::LogGroup log_group_;
  cfn::iam::Role execution_role_;
  cfn::iam::Role task_role_;
  std::vector<cfn::iam::PolicyStatement> task_role_statements_;
  cfn::ecs::TaskDefinition task_definition_;
};

}  // namespace hoplite::fargate
