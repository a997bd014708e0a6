#include "hoplite/aws/ecs.hpp"

#include "aws/protocol/json_call.hpp"

namespace hoplite::aws::ecs {
namespace {

using nlohmann::json;

Task parse_task(const json& j) {
  Task t{.task_arn = detail::str(j, "taskArn"),
         .cluster_arn = detail::str(j, "clusterArn"),
         .task_definition_arn = detail::str(j, "taskDefinitionArn"),
         .last_status = detail::str(j, "lastStatus"),
         .desired_status = detail::str(j, "desiredStatus"),
         .stop_code = detail::str(j, "stopCode"),
         .stopped_reason = detail::str(j, "stoppedReason"),
         .group = detail::str(j, "group"),
         .started_at = detail::opt_epoch(j, "startedAt"),
         .stopped_at = detail::opt_epoch(j, "stoppedAt")};
  for (const auto& c : detail::array_at(j, "containers")) {
    auto code = detail::opt_int(c, "exitCode");
    t.containers.push_back({.name = detail::str(c, "name"),
                            .last_status = detail::str(c, "lastStatus"),
                            .exit_code = code ? std::optional<int>(static_cast<int>(*code)) : std::nullopt,
                            .reason = detail::str(c, "reason")});
  }
  return t;
}

}  // namespace

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
  auto out = detail::json_call(caller_, "DescribeTasks", json{{"cluster", cluster}, {"tasks", tasks}});
  if (!out) return out.failure();
  DescribeTasksResponse r;
  for (const auto& t : detail::array_at(*out, "tasks")) r.tasks.push_back(parse_task(t));
  for (const auto& f : detail::array_at(*out, "failures"))
    r.failures.push_back(
        {.arn = detail::str(f, "arn"), .reason = detail::str(f, "reason"), .detail = detail::str(f, "detail")});
  return r;
}

core::Result<Task> Client::stop_task(const std::string& cluster, const std::string& task,
                                     const std::optional<std::string>& reason) {
  json in{{"cluster", cluster}, {"task", task}};
  if (reason) in["reason"] = *reason;
  auto out = detail::json_call(caller_, "StopTask", in);
  if (!out) return out.failure();
  auto it = out->find("task");
  if (it == out->end()) return core::fail("aws.ecs", "StopTask response has no task");
  return parse_task(*it);
}

}  // namespace hoplite::aws::ecs
