#include "hoplite/fargate/task.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/logical_id.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/fargate/cluster.hpp"
#include "hoplite/fargate/error.hpp"
#include "hoplite/fargate/network.hpp"
#include "hoplite/fargate/task_sizes.hpp"

namespace hoplite::fargate {
namespace {

using cfn::Json;

// The values CloudWatch Logs accepts for RetentionInDays.
constexpr std::array<int, 22> kRetentionDays = {1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                                365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

Json trust_ecs_tasks() {
  return Json::object(
      {{"Version", "2012-10-17"},
       {"Statement", Json::array({Json::object({{"Effect", "Allow"},
                                                {"Principal", Json::object({{"Service", "ecs-tasks.amazonaws.com"}})},
                                                {"Action", "sts:AssumeRole"}})})}});
}

std::string id_of(const std::string& name) {
  std::string id = cfn::sanitize_logical_id(name);
  if (id.empty()) throw DefinitionError(104, fmt::format("task name '{}' needs a letter or digit", name));
  return id;
}

void check_size(const std::string& name, int cpu, int memory) {
  auto memory_for_cpu = valid_memory_mib(cpu);
  if (memory_for_cpu.empty()) {
    throw DefinitionError(101, fmt::format("task '{}' has cpu {}, which Fargate does not offer; valid cpu values: {}",
                                           name, cpu, fmt::join(valid_cpus(), ", ")));
  }
  if (!is_valid_task_size(cpu, memory)) {
    throw DefinitionError(102, fmt::format("task '{}' has cpu {} with memory {} MiB, which Fargate does not offer; "
                                           "valid memory for cpu {}: {} MiB",
                                           name, cpu, memory, cpu, fmt::join(memory_for_cpu, ", ")));
  }
}

}  // namespace

Task::Task(std::string name, TaskProps props)
    : name_(std::move(name)),
      props_(std::move(props)),
      log_group_(id_of(name_) + "LogGroup"),
      execution_role_(id_of(name_) + "ExecutionRole"),
      task_role_(id_of(name_) + "TaskRole"),
      task_definition_(id_of(name_) + "TaskDefinition") {
  check_size(name_, props_.cpu, props_.memory_mib);
  if (props_.command.empty() || props_.command.front().empty()) {
    throw DefinitionError(104, fmt::format("task '{}' needs a command: the task subcommand to run, e.g. "
                                           "{{\"fargateTask\"}}",
                                           name_));
  }
  if (props_.container_name.empty()) throw DefinitionError(104, fmt::format("task '{}' needs a container name", name_));
  if (std::find(kRetentionDays.begin(), kRetentionDays.end(), props_.log_retention_days) == kRetentionDays.end()) {
    throw DefinitionError(105, fmt::format("log retention of task '{}' is {} days; CloudWatch Logs accepts {}", name_,
                                           props_.log_retention_days, fmt::join(kRetentionDays, ", ")));
  }

  log_group_.props.RetentionInDays = props_.log_retention_days;

  execution_role_.props.AssumeRolePolicyDocument = trust_ecs_tasks();
  execution_role_.props.ManagedPolicyArns = {
      cfn::sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")};
  task_role_.props.AssumeRolePolicyDocument = trust_ecs_tasks();

  cfn::ecs::TaskDefinition::ContainerDefinition container;
  container.Command = props_.command;
  for (const auto& e : props_.environment) container.Environment.push_back({.Name = e.name, .Value = e.value});
  container.Essential = true;
  container.Image = cfn::ref(cfn::Parameter(kImageParameter, {}));
  cfn::ecs::TaskDefinition::LogConfiguration logs;
  logs.LogDriver = "awslogs";
  logs.Options["awslogs-group"] = cfn::ref(log_group_);
  logs.Options["awslogs-region"] = cfn::pseudo::region();
  logs.Options["awslogs-stream-prefix"] = id_of(name_);
  container.LogConfiguration = std::move(logs);
  container.Name = props_.container_name;

  auto& p = task_definition_.props;
  p.ContainerDefinitions.push_back(std::move(container));
  p.Cpu = std::to_string(props_.cpu);
  p.ExecutionRoleArn = cfn::get_att(execution_role_, "Arn");
  p.Memory = std::to_string(props_.memory_mib);
  p.NetworkMode = "awsvpc";
  p.RequiresCompatibilities = {"FARGATE"};
  p.RuntimePlatform = cfn::ecs::TaskDefinition::RuntimePlatform{
      .CpuArchitecture = props_.architecture == Architecture::arm64 ? "ARM64" : "X86_64",
      .OperatingSystemFamily = "LINUX"};
  p.TaskRoleArn = cfn::get_att(task_role_, "Arn");
}

Task& Task::add_to_task_role(cfn::iam::PolicyStatement statement) {
  task_role_statements_.push_back(std::move(statement));
  return *this;
}

void Task::add_to(cfn::Template& t) const {
  if (!t.find_parameter(kImageParameter)) {
    t.add_parameter(kImageParameter,
                    {.type = "String",
                     .description = "Container image of the service (repository@sha256:digest); set by provision"});
  }
  t.add(log_group_);
  t.add(execution_role_);
  cfn::iam::Role role = task_role_;
  if (!task_role_statements_.empty()) {
    role.props.Policies.push_back({.PolicyDocument = cfn::iam::policy_document(task_role_statements_),
                                   .PolicyName = task_role_.logical_id() + "Policy"});
  }
  t.add(std::move(role));
  t.add(task_definition_);
  t.add_output(task_definition_.logical_id(), cfn::ref(task_definition_),
               {.description = fmt::format("task definition of '{}'", name_)});
  t.add_output(log_group_.logical_id(), cfn::ref(log_group_), {.description = fmt::format("log group of '{}'", name_)});
}

sfn::EcsRunTaskProps Task::run_on(const Cluster& cluster, const Network& network) const {
  sfn::EcsRunTaskProps p;
  p.cluster = sfn::Arn(cluster.resource());
  p.task_definition = sfn::Arn(task_definition_);
  p.launch_type = "FARGATE";
  p.platform_version = props_.platform_version;
  p.subnets = network.subnets;
  p.security_groups = network.security_groups;
  p.assign_public_ip = network.assign_public_ip;
  p.pass_roles = {sfn::Arn(execution_role_), sfn::Arn(task_role_)};
  return p;
}

}  // namespace hoplite::fargate
