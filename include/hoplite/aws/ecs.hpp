#pragma once
/// \file Amazon ECS: what happened to a Fargate task, and stopping one.
/// API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/

#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::aws::ecs {

/// JSON 1.1, target prefix AmazonEC2ContainerServiceV20141113, signing name `ecs`.
[[nodiscard]] ServiceInfo service_info();

struct Container {
  std::string name;
  std::string last_status;
  std::optional<int> exit_code;  ///< set once the container stopped
  std::string reason;
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
};

struct Failure {
  std::string arn;
  std::string reason;  ///< MISSING, …
  std::string detail;
};

struct DescribeTasksResponse {
  std::vector<Task> tasks;
  std::vector<Failure> failures;  ///< tasks that were asked for and not found
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  /// Up to 100 task ARNs or ids per call (the API's limit; not paginated).
  core::Result<DescribeTasksResponse> describe_tasks(const std::string& cluster, const std::vector<std::string>& tasks);
  core::Result<Task> stop_task(const std::string& cluster, const std::string& task,
                               const std::optional<std::string>& reason);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ecs
