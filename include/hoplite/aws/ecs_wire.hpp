#pragma once
/// \file
/// Amazon ECS on the wire, both directions (see docs/local.md, "Wire shapes"): the client
/// encodes requests and decodes responses, the local cloud decodes requests and encodes responses
/// (and stores tasks and task definitions in their wire form), with the same functions. JSON 1.1:
/// a shape is the request or response body; member names are the API's camelCase.
///
/// Decoders check types only (a `count` that is not a number is a `SerializationException`); the
/// service checks constraints. Response decoders fail with `aws.json`.

#include <nlohmann/json.hpp>

#include "hoplite/aws/ecs.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::ecs::wire {

// ---- structures (also the local cloud's stored form) ----
[[nodiscard]] nlohmann::json encode(const Task& task);
core::Result<Task> decode_task(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode(const TaskDefinition& definition);
core::Result<TaskDefinition> decode_task_definition(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode(const Cluster& cluster);

// ---- clusters ----
[[nodiscard]] nlohmann::json encode_request(const CreateClusterRequest& request);
core::Result<CreateClusterRequest> decode_create_cluster_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ClusterResponse& response);
core::Result<ClusterResponse> decode_cluster_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteClusterRequest& request);
core::Result<DeleteClusterRequest> decode_delete_cluster_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeClustersRequest& request);
core::Result<DescribeClustersRequest> decode_describe_clusters_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DescribeClustersResponse& response);
core::Result<DescribeClustersResponse> decode_describe_clusters_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListClustersRequest& request);
core::Result<ListClustersRequest> decode_list_clusters_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListClustersResponse& response);

// ---- task definitions ----
[[nodiscard]] nlohmann::json encode_request(const RegisterTaskDefinitionRequest& request);
core::Result<RegisterTaskDefinitionRequest> decode_register_task_definition_request(const nlohmann::json& body);
/// `{taskDefinition, tags}` (tags left out when empty).
[[nodiscard]] nlohmann::json encode_response(const TaskDefinitionResponse& response);
core::Result<TaskDefinitionResponse> decode_task_definition_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeTaskDefinitionRequest& request);
core::Result<DescribeTaskDefinitionRequest> decode_describe_task_definition_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeregisterTaskDefinitionRequest& request);
core::Result<DeregisterTaskDefinitionRequest> decode_deregister_task_definition_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListTaskDefinitionsRequest& request);
core::Result<ListTaskDefinitionsRequest> decode_list_task_definitions_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListTaskDefinitionsResponse& response);

// ---- tasks ----
[[nodiscard]] nlohmann::json encode_request(const RunTaskRequest& request);
core::Result<RunTaskRequest> decode_run_task_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const RunTaskResponse& response);
core::Result<RunTaskResponse> decode_run_task_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeTasksRequest& request);
core::Result<DescribeTasksRequest> decode_describe_tasks_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DescribeTasksResponse& response);
core::Result<DescribeTasksResponse> decode_describe_tasks_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListTasksRequest& request);
core::Result<ListTasksRequest> decode_list_tasks_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListTasksResponse& response);
core::Result<ListTasksResponse> decode_list_tasks_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const StopTaskRequest& request);
core::Result<StopTaskRequest> decode_stop_task_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const StopTaskResponse& response);
core::Result<StopTaskResponse> decode_stop_task_response(const nlohmann::json& body);

// ---- services ----
[[nodiscard]] nlohmann::json encode(const Service& service);
core::Result<Service> decode_service(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const CreateServiceRequest& request);
core::Result<CreateServiceRequest> decode_create_service_request(const nlohmann::json& body);
/// `{service}`: CreateService, UpdateService, DeleteService.
[[nodiscard]] nlohmann::json encode_response(const ServiceResponse& response);
core::Result<ServiceResponse> decode_service_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const UpdateServiceRequest& request);
core::Result<UpdateServiceRequest> decode_update_service_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteServiceRequest& request);
core::Result<DeleteServiceRequest> decode_delete_service_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeServicesRequest& request);
core::Result<DescribeServicesRequest> decode_describe_services_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DescribeServicesResponse& response);
core::Result<DescribeServicesResponse> decode_describe_services_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListServicesRequest& request);
core::Result<ListServicesRequest> decode_list_services_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListServicesResponse& response);
core::Result<ListServicesResponse> decode_list_services_response(const nlohmann::json& body);

}  // namespace hoplite::aws::ecs::wire
