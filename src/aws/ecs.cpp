#include "hoplite/aws/ecs.hpp"

#include "aws/protocol/json_call.hpp"
#include "hoplite/aws/ecs_wire.hpp"

namespace hoplite::aws::ecs {

ServiceInfo service_info() {
  return {.name = "ecs",
          .endpoint_id = "ecs",
          .signing_name = "ecs",
          .protocol = Protocol::json_1_1,
          .target_prefix = "AmazonEC2ContainerServiceV20141113"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<DescribeTasksResponse> Client::describe_tasks(const std::string& cluster,
                                                           const std::vector<std::string>& tasks) {
  auto out = detail::json_call(caller_, "DescribeTasks",
                               wire::encode_request(DescribeTasksRequest{.cluster = cluster, .tasks = tasks}));
  if (!out) return out.failure();
  return wire::decode_describe_tasks_response(*out);
}

core::Result<Task> Client::stop_task(const std::string& cluster, const std::string& task,
                                     const std::optional<std::string>& reason) {
  auto out = detail::json_call(
      caller_, "StopTask", wire::encode_request(StopTaskRequest{.cluster = cluster, .task = task, .reason = reason}));
  if (!out) return out.failure();
  if (!out->contains("task")) return core::fail("aws.ecs", "StopTask response has no task");
  auto r = wire::decode_stop_task_response(*out);
  if (!r) return r.failure();
  return std::move(r->task);
}

core::Result<RunTaskResponse> Client::run_task(const RunTaskRequest& request) {
  auto out = detail::json_call(caller_, "RunTask", wire::encode_request(request));
  if (!out) return out.failure();
  return wire::decode_run_task_response(*out);
}

core::Result<TaskDefinitionResponse> Client::register_task_definition(const RegisterTaskDefinitionRequest& request) {
  auto out = detail::json_call(caller_, "RegisterTaskDefinition", wire::encode_request(request));
  if (!out) return out.failure();
  return wire::decode_task_definition_response(*out);
}

core::Result<ClusterResponse> Client::create_cluster(const CreateClusterRequest& request) {
  auto out = detail::json_call(caller_, "CreateCluster", wire::encode_request(request));
  if (!out) return out.failure();
  return wire::decode_cluster_response(*out);
}

core::Result<ServiceResponse> Client::create_service(const CreateServiceRequest& request) {
  auto out = detail::json_call(caller_, "CreateService", wire::encode_request(request));
  if (!out) return out.failure();
  return wire::decode_service_response(*out);
}

core::Result<ServiceResponse> Client::update_service(const UpdateServiceRequest& request) {
  auto out = detail::json_call(caller_, "UpdateService", wire::encode_request(request));
  if (!out) return out.failure();
  return wire::decode_service_response(*out);
}

core::Result<ServiceResponse> Client::delete_service(const DeleteServiceRequest& request) {
  auto out = detail::json_call(caller_, "DeleteService", wire::encode_request(request));
  if (!out) return out.failure();
  return wire::decode_service_response(*out);
}

core::Result<DescribeServicesResponse> Client::describe_services(const DescribeServicesRequest& request) {
  auto out = detail::json_call(caller_, "DescribeServices", wire::encode_request(request));
  if (!out) return out.failure();
  return wire::decode_describe_services_response(*out);
}

core::Result<ListServicesResponse> Client::list_services(const ListServicesRequest& request) {
  auto out = detail::json_call(caller_, "ListServices", wire::encode_request(request));
  if (!out) return out.failure();
  return wire::decode_list_services_response(*out);
}

}  // namespace hoplite::aws::ecs
