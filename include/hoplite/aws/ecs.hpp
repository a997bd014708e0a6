#pragma once
/// \file
/// Amazon ECS: clusters, task definitions and Fargate tasks — the shapes the client and the
/// local cloud share (their JSON codecs are in ecs_wire.hpp) and the client.
/// API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/
///
/// Member names follow the API in snake_case; an absent optional member is left out on the wire,
/// as AWS does. Only the members hoplite and the local cloud use are modelled: the others are
/// ignored when read (documented per operation in docs/local.md).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::aws::ecs {

/// JSON 1.1, target prefix AmazonEC2ContainerServiceV20141113, signing name `ecs`.
[[nodiscard]] ServiceInfo service_info();

/// `{name, value}`: environment variables, attachment details.
struct KeyValuePair {
  std::string name;
  std::string value;
};

/// `{key, value}`: resource tags.
struct Tag {
  std::string key;
  std::string value;
};

struct LogConfiguration {
  std::string log_driver;                      ///< `awslogs` is what the local cloud runs
  std::map<std::string, std::string> options;  ///< awslogs-group, awslogs-region, awslogs-stream-prefix
};

struct ContainerDefinition {
  std::string name;
  std::string image;  ///< `registry/repository[:tag|@digest]`
  std::optional<int> cpu;
  std::optional<int> memory;  ///< MiB, hard limit
  std::optional<int> memory_reservation;
  std::optional<bool> essential;  ///< absent: true
  std::vector<std::string> entry_point;
  std::vector<std::string> command;
  std::vector<KeyValuePair> environment;
  std::optional<std::string> working_directory;
  std::optional<std::string> user;
  std::optional<int> stop_timeout;  ///< seconds between SIGTERM and SIGKILL; absent: 30
  std::optional<LogConfiguration> log_configuration;
};

struct RuntimePlatform {
  std::optional<std::string> cpu_architecture;         ///< X86_64 | ARM64
  std::optional<std::string> operating_system_family;  ///< LINUX, …
};

struct TaskDefinition {
  std::string task_definition_arn;
  std::vector<ContainerDefinition> container_definitions;
  std::string family;
  std::optional<std::string> task_role_arn;
  std::optional<std::string> execution_role_arn;
  std::optional<std::string> network_mode;  ///< awsvpc for Fargate
  int revision = 0;
  std::string status;                        ///< ACTIVE | INACTIVE
  std::vector<std::string> compatibilities;  ///< EC2, FARGATE
  std::vector<std::string> requires_compatibilities;
  std::optional<std::string> cpu;     ///< task cpu units as a string ("256")
  std::optional<std::string> memory;  ///< task memory MiB as a string ("512")
  std::optional<RuntimePlatform> runtime_platform;
  std::optional<core::TimePoint> registered_at;
  std::optional<core::TimePoint> deregistered_at;
  std::optional<std::string> registered_by;
};

struct Cluster {
  std::string cluster_arn;
  std::string cluster_name;
  std::string status;  ///< ACTIVE | INACTIVE
  int registered_container_instances_count = 0;
  int running_tasks_count = 0;
  int pending_tasks_count = 0;
  int active_services_count = 0;
  std::vector<Tag> tags;
  std::vector<std::string> capacity_providers;
};

struct Container {
  std::string name;
  std::string last_status;
  std::optional<int> exit_code;  ///< set once the container stopped
  std::string reason;
  std::string container_arn;
  std::string task_arn;
  std::string image;
  std::optional<std::string> image_digest;
  std::optional<std::string> runtime_id;
  std::optional<std::string> cpu;
  std::optional<std::string> memory;
};

struct ContainerOverride {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> command;  ///< replaces the definition's command when set
  std::vector<KeyValuePair> environment;            ///< added to (or replacing in) the definition's
  std::optional<int> cpu;
  std::optional<int> memory;
};

struct TaskOverride {
  std::vector<ContainerOverride> container_overrides;
  std::optional<std::string> cpu;
  std::optional<std::string> memory;
  std::optional<std::string> task_role_arn;
  std::optional<std::string> execution_role_arn;
};

struct AwsVpcConfiguration {
  std::vector<std::string> subnets;
  std::vector<std::string> security_groups;
  std::optional<std::string> assign_public_ip;  ///< ENABLED | DISABLED
};

struct NetworkConfiguration {
  std::optional<AwsVpcConfiguration> awsvpc_configuration;
};

struct Attachment {
  std::string id;
  std::string type;    ///< ElasticNetworkInterface
  std::string status;  ///< PRECREATED, ATTACHED, DELETED, …
  std::vector<KeyValuePair> details;
};

struct Task {
  std::string task_arn;
  std::string cluster_arn;
  std::string task_definition_arn;
  std::string last_status;  ///< PROVISIONING, PENDING, RUNNING, STOPPED, …
  std::string desired_status;
  std::string stop_code;  ///< EssentialContainerExited, TaskFailedToStart, UserInitiated, …
  std::string stopped_reason;
  std::string group;
  std::optional<core::TimePoint> started_at;
  std::optional<core::TimePoint> stopped_at;
  std::vector<Container> containers;
  std::vector<Attachment> attachments;
  std::string availability_zone;
  std::optional<std::string> connectivity;
  std::optional<core::TimePoint> connectivity_at;
  std::optional<std::string> cpu;
  std::optional<std::string> memory;
  std::optional<core::TimePoint> created_at;
  std::optional<core::TimePoint> pull_started_at;
  std::optional<core::TimePoint> pull_stopped_at;
  std::optional<core::TimePoint> stopping_at;
  std::optional<core::TimePoint> execution_stopped_at;
  std::string launch_type;  ///< FARGATE
  std::optional<std::string> platform_version;
  std::optional<std::string> platform_family;
  std::optional<std::string> started_by;
  TaskOverride overrides;
  std::vector<Tag> tags;
  std::int64_t version = 0;  ///< counts the task's status changes
};

struct Failure {
  std::string arn;
  std::string reason;  ///< MISSING, …
  std::string detail;
};

// ---- requests and responses ----

struct CreateClusterRequest {
  std::optional<std::string> cluster_name;  ///< default "default"
  std::vector<Tag> tags;
  std::vector<std::string> capacity_providers;
};
struct ClusterResponse {  ///< CreateCluster, DeleteCluster
  Cluster cluster;
};
struct DeleteClusterRequest {
  std::string cluster;  ///< name or ARN
};
struct DescribeClustersRequest {
  std::vector<std::string> clusters;  ///< names or ARNs; empty: the default cluster
  std::vector<std::string> include;
};
struct DescribeClustersResponse {
  std::vector<Cluster> clusters;
  std::vector<Failure> failures;
};
struct ListClustersRequest {
  std::optional<std::string> next_token;
  std::optional<int> max_results;
};
struct ListClustersResponse {
  std::vector<std::string> cluster_arns;
  std::optional<std::string> next_token;
};

struct RegisterTaskDefinitionRequest {
  std::string family;
  std::optional<std::string> task_role_arn;
  std::optional<std::string> execution_role_arn;
  std::optional<std::string> network_mode;
  std::vector<ContainerDefinition> container_definitions;
  std::vector<std::string> requires_compatibilities;
  std::optional<std::string> cpu;
  std::optional<std::string> memory;
  std::vector<Tag> tags;
  std::optional<RuntimePlatform> runtime_platform;
};
struct TaskDefinitionResponse {  ///< RegisterTaskDefinition, DescribeTaskDefinition, Deregister…
  TaskDefinition task_definition;
  std::vector<Tag> tags;
};
struct DescribeTaskDefinitionRequest {
  std::string task_definition;       ///< family, family:revision or ARN
  std::vector<std::string> include;  ///< TAGS
};
struct DeregisterTaskDefinitionRequest {
  std::string task_definition;  ///< family:revision or ARN
};
struct ListTaskDefinitionsRequest {
  std::optional<std::string> family_prefix;
  std::optional<std::string> status;  ///< ACTIVE (default) | INACTIVE | ALL
  std::optional<std::string> sort;    ///< ASC (default) | DESC
  std::optional<std::string> next_token;
  std::optional<int> max_results;
};
struct ListTaskDefinitionsResponse {
  std::vector<std::string> task_definition_arns;
  std::optional<std::string> next_token;
};

struct RunTaskRequest {
  std::optional<std::string> cluster;  ///< default "default"
  std::optional<int> count;            ///< 1–10, default 1
  std::optional<std::string> group;
  std::optional<std::string> launch_type;
  std::optional<NetworkConfiguration> network_configuration;
  std::optional<TaskOverride> overrides;
  std::optional<std::string> platform_version;
  std::optional<std::string> started_by;
  std::vector<Tag> tags;
  std::string task_definition;  ///< family, family:revision or ARN
  std::optional<bool> enable_execute_command;
  std::optional<std::string> propagate_tags;
  std::optional<std::string> reference_id;
};
struct RunTaskResponse {
  std::vector<Task> tasks;
  std::vector<Failure> failures;
};
struct DescribeTasksRequest {
  std::optional<std::string> cluster;
  std::vector<std::string> tasks;  ///< ids or ARNs, at most 100
  std::vector<std::string> include;
};
struct DescribeTasksResponse {
  std::vector<Task> tasks;
  std::vector<Failure> failures;  ///< tasks that were asked for and not found
};
struct ListTasksRequest {
  std::optional<std::string> cluster;
  std::optional<std::string> family;
  std::optional<std::string> next_token;
  std::optional<int> max_results;  ///< 1–100, default 100
  std::optional<std::string> started_by;
  std::optional<std::string> service_name;
  std::optional<std::string> desired_status;  ///< RUNNING (default) | PENDING | STOPPED
  std::optional<std::string> launch_type;
};
struct ListTasksResponse {
  std::vector<std::string> task_arns;
  std::optional<std::string> next_token;
};
struct StopTaskRequest {
  std::optional<std::string> cluster;
  std::string task;
  std::optional<std::string> reason;
};
struct StopTaskResponse {
  Task task;
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  /// Up to 100 task ARNs or ids per call (the API's limit; not paginated).
  core::Result<DescribeTasksResponse> describe_tasks(const std::string& cluster, const std::vector<std::string>& tasks);
  core::Result<Task> stop_task(const std::string& cluster, const std::string& task,
                               const std::optional<std::string>& reason);
  core::Result<RunTaskResponse> run_task(const RunTaskRequest& request);
  core::Result<TaskDefinitionResponse> register_task_definition(const RegisterTaskDefinitionRequest& request);
  core::Result<ClusterResponse> create_cluster(const CreateClusterRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ecs
