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
  std::string name;   ///< `name` on the wire
  std::string value;  ///< `value` on the wire
};

/// `{key, value}`: resource tags.
struct Tag {
  std::string key;    ///< `key` on the wire
  std::string value;  ///< `value` on the wire
};

/// AWS's `LogConfiguration` data type:
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html
struct LogConfiguration {
  std::string log_driver;                      ///< `awslogs` is what the local cloud runs
  std::map<std::string, std::string> options;  ///< awslogs-group, awslogs-region, awslogs-stream-prefix
};

/// AWS's `ContainerDefinition` data type:
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
struct ContainerDefinition {
  std::string name;                                   ///< `name` on the wire
  std::string image;                                  ///< `registry/repository[:tag|@digest]`
  std::optional<int> cpu;                             ///< `cpu` on the wire
  std::optional<int> memory;                          ///< MiB, hard limit
  std::optional<int> memory_reservation;              ///< `memoryReservation` on the wire
  std::optional<bool> essential;                      ///< absent: true
  std::vector<std::string> entry_point;               ///< `entryPoint` on the wire
  std::vector<std::string> command;                   ///< `command` on the wire
  std::vector<KeyValuePair> environment;              ///< `environment` on the wire
  std::optional<std::string> working_directory;       ///< `workingDirectory` on the wire
  std::optional<std::string> user;                    ///< `user` on the wire
  std::optional<int> stop_timeout;                    ///< seconds between SIGTERM and SIGKILL; absent: 30
  std::optional<LogConfiguration> log_configuration;  ///< `logConfiguration` on the wire
};

/// AWS's `RuntimePlatform` data type:
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RuntimePlatform.html
struct RuntimePlatform {
  std::optional<std::string> cpu_architecture;         ///< X86_64 | ARM64
  std::optional<std::string> operating_system_family;  ///< LINUX, …
};

/// AWS's `TaskDefinition` data type: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html
struct TaskDefinition {
  std::string task_definition_arn;                         ///< `taskDefinitionArn` on the wire
  std::vector<ContainerDefinition> container_definitions;  ///< `containerDefinitions` on the wire
  std::string family;                                      ///< `family` on the wire
  std::optional<std::string> task_role_arn;                ///< `taskRoleArn` on the wire
  std::optional<std::string> execution_role_arn;           ///< `executionRoleArn` on the wire
  std::optional<std::string> network_mode;                 ///< awsvpc for Fargate
  int revision = 0;                                        ///< `revision` on the wire
  std::string status;                                      ///< ACTIVE | INACTIVE
  std::vector<std::string> compatibilities;                ///< EC2, FARGATE
  std::vector<std::string> requires_compatibilities;       ///< `requiresCompatibilities` on the wire
  std::optional<std::string> cpu;                          ///< task cpu units as a string ("256")
  std::optional<std::string> memory;                       ///< task memory MiB as a string ("512")
  std::optional<RuntimePlatform> runtime_platform;         ///< `runtimePlatform` on the wire
  std::optional<core::TimePoint> registered_at;            ///< `registeredAt` on the wire
  std::optional<core::TimePoint> deregistered_at;          ///< `deregisteredAt` on the wire
  std::optional<std::string> registered_by;                ///< `registeredBy` on the wire
};

/// AWS's `Cluster` data type: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Cluster.html
struct Cluster {
  std::string cluster_arn;                       ///< `clusterArn` on the wire
  std::string cluster_name;                      ///< `clusterName` on the wire
  std::string status;                            ///< ACTIVE | INACTIVE
  int registered_container_instances_count = 0;  ///< `registeredContainerInstancesCount` on the wire
  int running_tasks_count = 0;                   ///< `runningTasksCount` on the wire
  int pending_tasks_count = 0;                   ///< `pendingTasksCount` on the wire
  int active_services_count = 0;                 ///< `activeServicesCount` on the wire
  std::vector<Tag> tags;                         ///< `tags` on the wire
  std::vector<std::string> capacity_providers;   ///< `capacityProviders` on the wire
};

/// AWS's `Container` data type: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Container.html
struct Container {
  std::string name;                         ///< `name` on the wire
  std::string last_status;                  ///< `lastStatus` on the wire
  std::optional<int> exit_code;             ///< set once the container stopped
  std::string reason;                       ///< `reason` on the wire
  std::string container_arn;                ///< `containerArn` on the wire
  std::string task_arn;                     ///< `taskArn` on the wire
  std::string image;                        ///< `image` on the wire
  std::optional<std::string> image_digest;  ///< `imageDigest` on the wire
  std::optional<std::string> runtime_id;    ///< `runtimeId` on the wire
  std::optional<std::string> cpu;           ///< `cpu` on the wire
  std::optional<std::string> memory;        ///< `memory` on the wire
};

/// AWS's `ContainerOverride` data type:
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerOverride.html
struct ContainerOverride {
  std::optional<std::string> name;                  ///< `name` on the wire
  std::optional<std::vector<std::string>> command;  ///< replaces the definition's command when set
  std::vector<KeyValuePair> environment;            ///< added to (or replacing in) the definition's
  std::optional<int> cpu;                           ///< `cpu` on the wire
  std::optional<int> memory;                        ///< `memory` on the wire
};

/// AWS's `TaskOverride` data type: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskOverride.html
struct TaskOverride {
  std::vector<ContainerOverride> container_overrides;  ///< `containerOverrides` on the wire
  std::optional<std::string> cpu;                      ///< `cpu` on the wire
  std::optional<std::string> memory;                   ///< `memory` on the wire
  std::optional<std::string> task_role_arn;            ///< `taskRoleArn` on the wire
  std::optional<std::string> execution_role_arn;       ///< `executionRoleArn` on the wire
};

/// AWS's `AwsVpcConfiguration` data type:
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html
struct AwsVpcConfiguration {
  std::vector<std::string> subnets;             ///< `subnets` on the wire
  std::vector<std::string> security_groups;     ///< `securityGroups` on the wire
  std::optional<std::string> assign_public_ip;  ///< ENABLED | DISABLED
};

/// AWS's `NetworkConfiguration` data type:
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_NetworkConfiguration.html
struct NetworkConfiguration {
  std::optional<AwsVpcConfiguration> awsvpc_configuration;  ///< `awsvpcConfiguration` on the wire
};

/// AWS's `Attachment` data type: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Attachment.html
struct Attachment {
  std::string id;                     ///< `id` on the wire
  std::string type;                   ///< ElasticNetworkInterface
  std::string status;                 ///< PRECREATED, ATTACHED, DELETED, …
  std::vector<KeyValuePair> details;  ///< `details` on the wire
};

/// AWS's `Task` data type: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html
struct Task {
  std::string task_arn;                            ///< `taskArn` on the wire
  std::string cluster_arn;                         ///< `clusterArn` on the wire
  std::string task_definition_arn;                 ///< `taskDefinitionArn` on the wire
  std::string last_status;                         ///< PROVISIONING, PENDING, RUNNING, STOPPED, …
  std::string desired_status;                      ///< `desiredStatus` on the wire
  std::string stop_code;                           ///< EssentialContainerExited, TaskFailedToStart, UserInitiated, …
  std::string stopped_reason;                      ///< `stoppedReason` on the wire
  std::string group;                               ///< `group` on the wire
  std::optional<core::TimePoint> started_at;       ///< `startedAt` on the wire
  std::optional<core::TimePoint> stopped_at;       ///< `stoppedAt` on the wire
  std::vector<Container> containers;               ///< `containers` on the wire
  std::vector<Attachment> attachments;             ///< `attachments` on the wire
  std::string availability_zone;                   ///< `availabilityZone` on the wire
  std::optional<std::string> connectivity;         ///< `connectivity` on the wire
  std::optional<core::TimePoint> connectivity_at;  ///< `connectivityAt` on the wire
  std::optional<std::string> cpu;                  ///< `cpu` on the wire
  std::optional<std::string> memory;               ///< `memory` on the wire
  std::optional<core::TimePoint> created_at;       ///< `createdAt` on the wire
  std::optional<core::TimePoint> pull_started_at;  ///< `pullStartedAt` on the wire
  std::optional<core::TimePoint> pull_stopped_at;  ///< `pullStoppedAt` on the wire
  std::optional<core::TimePoint> stopping_at;      ///< `stoppingAt` on the wire
  std::optional<core::TimePoint> execution_stopped_at;  ///< `executionStoppedAt` on the wire
  std::string launch_type;                              ///< FARGATE
  std::optional<std::string> platform_version;          ///< `platformVersion` on the wire
  std::optional<std::string> platform_family;           ///< `platformFamily` on the wire
  std::optional<std::string> started_by;                ///< `startedBy` on the wire
  TaskOverride overrides;                               ///< `overrides` on the wire
  std::vector<Tag> tags;                                ///< `tags` on the wire
  std::int64_t version = 0;                             ///< counts the task's status changes
};

/// AWS's `Failure` data type: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Failure.html
struct Failure {
  std::string arn;     ///< `arn` on the wire
  std::string reason;  ///< MISSING, …
  std::string detail;
};

// ---- requests and responses ----

/// The parameters of CreateCluster (Client::create_cluster).
struct CreateClusterRequest {
  std::optional<std::string> cluster_name;      ///< default "default"
  std::vector<Tag> tags;                        ///< `tags` on the wire
  std::vector<std::string> capacity_providers;  ///< `capacityProviders` on the wire
};
/// What CreateCluster returns.
struct ClusterResponse {  ///< CreateCluster, DeleteCluster
  Cluster cluster;
};
/// The parameters of DeleteCluster (served by the local cloud's ECS).
struct DeleteClusterRequest {
  std::string cluster;  ///< name or ARN
};
/// The parameters of DescribeClusters (served by the local cloud's ECS).
struct DescribeClustersRequest {
  std::vector<std::string> clusters;  ///< names or ARNs; empty: the default cluster
  std::vector<std::string> include;   ///< `include` on the wire
};
/// What DescribeClusters returns.
struct DescribeClustersResponse {
  std::vector<Cluster> clusters;  ///< `clusters` on the wire
  std::vector<Failure> failures;  ///< `failures` on the wire
};
/// The parameters of ListClusters (served by the local cloud's ECS).
struct ListClustersRequest {
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
  std::optional<int> max_results;         ///< `maxResults` on the wire
};
/// What ListClusters returns.
struct ListClustersResponse {
  std::vector<std::string> cluster_arns;  ///< `clusterArns` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};

/// The parameters of RegisterTaskDefinition (Client::register_task_definition).
struct RegisterTaskDefinitionRequest {
  std::string family;                                      ///< `family` on the wire
  std::optional<std::string> task_role_arn;                ///< `taskRoleArn` on the wire
  std::optional<std::string> execution_role_arn;           ///< `executionRoleArn` on the wire
  std::optional<std::string> network_mode;                 ///< `networkMode` on the wire
  std::vector<ContainerDefinition> container_definitions;  ///< `containerDefinitions` on the wire
  std::vector<std::string> requires_compatibilities;       ///< `requiresCompatibilities` on the wire
  std::optional<std::string> cpu;                          ///< `cpu` on the wire
  std::optional<std::string> memory;                       ///< `memory` on the wire
  std::vector<Tag> tags;                                   ///< `tags` on the wire
  std::optional<RuntimePlatform> runtime_platform;         ///< `runtimePlatform` on the wire
};
/// What RegisterTaskDefinition returns.
struct TaskDefinitionResponse {  ///< RegisterTaskDefinition, DescribeTaskDefinition, Deregister…
  TaskDefinition task_definition;
  std::vector<Tag> tags;  ///< `tags` on the wire
};
/// The parameters of DescribeTaskDefinition (served by the local cloud's ECS).
struct DescribeTaskDefinitionRequest {
  std::string task_definition;       ///< family, family:revision or ARN
  std::vector<std::string> include;  ///< TAGS
};
/// The parameters of DeregisterTaskDefinition (served by the local cloud's ECS).
struct DeregisterTaskDefinitionRequest {
  std::string task_definition;  ///< family:revision or ARN
};
/// The parameters of ListTaskDefinitions (served by the local cloud's ECS).
struct ListTaskDefinitionsRequest {
  std::optional<std::string> family_prefix;  ///< `familyPrefix` on the wire
  std::optional<std::string> status;         ///< ACTIVE (default) | INACTIVE | ALL
  std::optional<std::string> sort;           ///< ASC (default) | DESC
  std::optional<std::string> next_token;     ///< `nextToken` on the wire
  std::optional<int> max_results;            ///< `maxResults` on the wire
};
/// What ListTaskDefinitions returns.
struct ListTaskDefinitionsResponse {
  std::vector<std::string> task_definition_arns;  ///< `taskDefinitionArns` on the wire
  std::optional<std::string> next_token;          ///< `nextToken` on the wire
};

/// The parameters of RunTask (Client::run_task).
struct RunTaskRequest {
  std::optional<std::string> cluster;                         ///< default "default"
  std::optional<int> count;                                   ///< 1–10, default 1
  std::optional<std::string> group;                           ///< `group` on the wire
  std::optional<std::string> launch_type;                     ///< `launchType` on the wire
  std::optional<NetworkConfiguration> network_configuration;  ///< `networkConfiguration` on the wire
  std::optional<TaskOverride> overrides;                      ///< `overrides` on the wire
  std::optional<std::string> platform_version;                ///< `platformVersion` on the wire
  std::optional<std::string> started_by;                      ///< `startedBy` on the wire
  std::vector<Tag> tags;                                      ///< `tags` on the wire
  std::string task_definition;                                ///< family, family:revision or ARN
  std::optional<bool> enable_execute_command;                 ///< `enableExecuteCommand` on the wire
  std::optional<std::string> propagate_tags;                  ///< `propagateTags` on the wire
  std::optional<std::string> reference_id;                    ///< `referenceId` on the wire
};
/// What RunTask returns.
struct RunTaskResponse {
  std::vector<Task> tasks;        ///< `tasks` on the wire
  std::vector<Failure> failures;  ///< `failures` on the wire
};
/// The parameters of DescribeTasks (Client::describe_tasks).
struct DescribeTasksRequest {
  std::optional<std::string> cluster;  ///< `cluster` on the wire
  std::vector<std::string> tasks;      ///< ids or ARNs, at most 100
  std::vector<std::string> include;    ///< `include` on the wire
};
/// What DescribeTasks returns.
struct DescribeTasksResponse {
  std::vector<Task> tasks;        ///< `tasks` on the wire
  std::vector<Failure> failures;  ///< tasks that were asked for and not found
};
/// The parameters of ListTasks (served by the local cloud's ECS).
struct ListTasksRequest {
  std::optional<std::string> cluster;         ///< `cluster` on the wire
  std::optional<std::string> family;          ///< `family` on the wire
  std::optional<std::string> next_token;      ///< `nextToken` on the wire
  std::optional<int> max_results;             ///< 1–100, default 100
  std::optional<std::string> started_by;      ///< `startedBy` on the wire
  std::optional<std::string> service_name;    ///< `serviceName` on the wire
  std::optional<std::string> desired_status;  ///< RUNNING (default) | PENDING | STOPPED
  std::optional<std::string> launch_type;     ///< `launchType` on the wire
};
/// What ListTasks returns.
struct ListTasksResponse {
  std::vector<std::string> task_arns;     ///< `taskArns` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};
/// The parameters of StopTask (Client::stop_task).
struct StopTaskRequest {
  std::optional<std::string> cluster;  ///< `cluster` on the wire
  std::string task;                    ///< `task` on the wire
  std::optional<std::string> reason;   ///< `reason` on the wire
};
/// What StopTask returns.
struct StopTaskResponse {
  Task task;  ///< `task` on the wire
};

// ---- services ----

/// One of a service's deployments: the task definition its tasks run (the local cloud keeps the
/// PRIMARY one only: an update replaces the tasks at once, docs/local.md).
struct Deployment {
  std::string id;                                   ///< `ecs-svc/` and 19 digits: the `startedBy` of its tasks
  std::string status;                               ///< PRIMARY
  std::string task_definition;                      ///< `taskDefinition` on the wire
  int desired_count = 0;                            ///< `desiredCount` on the wire
  int pending_count = 0;                            ///< `pendingCount` on the wire
  int running_count = 0;                            ///< `runningCount` on the wire
  int failed_tasks = 0;                             ///< `failedTasks` on the wire
  std::optional<core::TimePoint> created_at;        ///< `createdAt` on the wire
  std::optional<core::TimePoint> updated_at;        ///< `updatedAt` on the wire
  std::string launch_type;                          ///< FARGATE
  std::optional<std::string> rollout_state;         ///< IN_PROGRESS | COMPLETED | FAILED
  std::optional<std::string> rollout_state_reason;  ///< `rolloutStateReason` on the wire
  std::optional<NetworkConfiguration> network_configuration;  ///< `networkConfiguration` on the wire
};

/// One entry of a service's event log (DescribeServices `events`).
struct ServiceEvent {
  std::string id;                             ///< `id` on the wire
  std::optional<core::TimePoint> created_at;  ///< `createdAt` on the wire
  std::string message;                        ///< `(service web) has started 2 tasks: (task …) (task …).`
};

/// The deployment circuit breaker: a deployment whose tasks keep failing to start is FAILED.
struct DeploymentCircuitBreaker {
  bool enable = false;    ///< `enable` on the wire
  bool rollback = false;  ///< `rollback` on the wire
};
/// How a service deploys (`deploymentConfiguration`); ECS fills in 200 / 100 and a disabled breaker.
struct DeploymentConfiguration {
  std::optional<DeploymentCircuitBreaker> deployment_circuit_breaker;  ///< `deploymentCircuitBreaker`
  std::optional<int> maximum_percent;                                  ///< `maximumPercent` on the wire
  std::optional<int> minimum_healthy_percent;                          ///< `minimumHealthyPercent`
};

/// An ECS service: keeps `desiredCount` tasks of its task definition running (DescribeServices).
struct Service {
  std::string service_arn;                                          ///< `serviceArn` on the wire
  std::string service_name;                                         ///< `serviceName` on the wire
  std::string cluster_arn;                                          ///< `clusterArn` on the wire
  std::string status;                                               ///< ACTIVE | DRAINING | INACTIVE
  int desired_count = 0;                                            ///< `desiredCount` on the wire
  int running_count = 0;                                            ///< `runningCount` on the wire
  int pending_count = 0;                                            ///< `pendingCount` on the wire
  std::string launch_type;                                          ///< FARGATE
  std::optional<std::string> platform_version;                      ///< `platformVersion` on the wire
  std::string task_definition;                                      ///< `taskDefinition` on the wire
  std::optional<NetworkConfiguration> network_configuration;        ///< `networkConfiguration` on the wire
  std::vector<Deployment> deployments;                              ///< `deployments` on the wire
  std::optional<DeploymentConfiguration> deployment_configuration;  ///< `deploymentConfiguration`
  std::vector<ServiceEvent> events;                                 ///< newest first, at most 100
  std::optional<core::TimePoint> created_at;                        ///< `createdAt` on the wire
  std::optional<std::string> created_by;                            ///< `createdBy` on the wire
  std::string scheduling_strategy;                                  ///< REPLICA
  std::vector<Tag> tags;                                            ///< `tags` on the wire
};

/// The parameters of CreateService (Client::create_service).
struct CreateServiceRequest {
  std::optional<std::string> cluster;                               ///< `cluster` on the wire
  std::string service_name;                                         ///< `serviceName` on the wire
  std::optional<std::string> task_definition;                       ///< `taskDefinition` on the wire
  std::optional<int> desired_count;                                 ///< REPLICA: required (0 allowed)
  std::optional<std::string> launch_type;                           ///< `launchType` on the wire
  std::optional<NetworkConfiguration> network_configuration;        ///< `networkConfiguration` on the wire
  std::optional<std::string> platform_version;                      ///< `platformVersion` on the wire
  std::optional<std::string> scheduling_strategy;                   ///< REPLICA (DAEMON is not Fargate's)
  std::optional<std::string> client_token;                          ///< `clientToken` on the wire
  std::vector<Tag> tags;                                            ///< `tags` on the wire
  std::optional<DeploymentConfiguration> deployment_configuration;  ///< `deploymentConfiguration`
};
/// What CreateService, UpdateService and DeleteService return.
struct ServiceResponse {
  Service service;  ///< `service` on the wire  ///< `service` on the wire
};
/// The parameters of UpdateService (Client::update_service).
struct UpdateServiceRequest {
  std::optional<std::string> cluster;                               ///< `cluster` on the wire
  std::string service;                                              ///< name or ARN
  std::optional<int> desired_count;                                 ///< `desiredCount` on the wire
  std::optional<std::string> task_definition;                       ///< `taskDefinition` on the wire
  std::optional<NetworkConfiguration> network_configuration;        ///< `networkConfiguration` on the wire
  std::optional<bool> force_new_deployment;                         ///< `forceNewDeployment` on the wire
  std::optional<DeploymentConfiguration> deployment_configuration;  ///< `deploymentConfiguration`
};
/// The parameters of DeleteService (Client::delete_service).
struct DeleteServiceRequest {
  std::optional<std::string> cluster;  ///< `cluster` on the wire
  std::string service;                 ///< `service` on the wire
  std::optional<bool> force;           ///< delete while desiredCount > 0
};
/// The parameters of DescribeServices (Client::describe_services).
struct DescribeServicesRequest {
  std::optional<std::string> cluster;  ///< `cluster` on the wire
  std::vector<std::string> services;   ///< names or ARNs, at most 10
  std::vector<std::string> include;    ///< TAGS
};
/// What DescribeServices returns.
struct DescribeServicesResponse {
  std::vector<Service> services;  ///< `services` on the wire
  std::vector<Failure> failures;  ///< `failures` on the wire
};
/// The parameters of ListServices (Client::list_services).
struct ListServicesRequest {
  std::optional<std::string> cluster;              ///< `cluster` on the wire
  std::optional<std::string> next_token;           ///< `nextToken` on the wire
  std::optional<int> max_results;                  ///< 1–100, default 10
  std::optional<std::string> launch_type;          ///< `launchType` on the wire
  std::optional<std::string> scheduling_strategy;  ///< `schedulingStrategy` on the wire
};
/// What ListServices returns.
struct ListServicesResponse {
  std::vector<std::string> service_arns;  ///< `serviceArns` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};

/// The ECS client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Up to 100 task ARNs or ids per call (the API's limit; not paginated).
  core::Result<DescribeTasksResponse> describe_tasks(const std::string& cluster, const std::vector<std::string>& tasks);
  /// Calls StopTask: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopTask.html
  core::Result<Task> stop_task(const std::string& cluster, const std::string& task,
                               const std::optional<std::string>& reason);
  /// Calls RunTask: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html
  core::Result<RunTaskResponse> run_task(const RunTaskRequest& request);
  /// Calls RegisterTaskDefinition:
  /// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
  core::Result<TaskDefinitionResponse> register_task_definition(const RegisterTaskDefinitionRequest& request);
  /// Calls CreateCluster: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html
  core::Result<ClusterResponse> create_cluster(const CreateClusterRequest& request);
  /// Calls CreateService: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
  core::Result<ServiceResponse> create_service(const CreateServiceRequest& request);
  /// Calls UpdateService: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
  core::Result<ServiceResponse> update_service(const UpdateServiceRequest& request);
  /// Calls DeleteService: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteService.html
  core::Result<ServiceResponse> delete_service(const DeleteServiceRequest& request);
  /// Calls DescribeServices: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html
  core::Result<DescribeServicesResponse> describe_services(const DescribeServicesRequest& request);
  /// Calls ListServices: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListServices.html
  core::Result<ListServicesResponse> list_services(const ListServicesRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ecs
