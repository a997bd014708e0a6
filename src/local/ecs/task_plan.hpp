#pragma once
/// \file How a task definition, the task's overrides and the image become the process a container
/// runs — the rules of the ECS agent and Docker: the definition's entryPoint replaces the
/// image's ENTRYPOINT (and then its CMD), `command` (an override first) replaces CMD; environment
/// is the image's, then the definition's, then the override's, then what Fargate adds
/// (`AWS_REGION`, `AWS_DEFAULT_REGION`, `AWS_EXECUTION_ENV`, `ECS_CONTAINER_METADATA_URI_V4`,
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` …), a later value replacing an earlier one of the same
/// name; workingDirectory and user likewise. Pure: no I/O.

#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/ecs.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/oci/image_config.hpp"
#include "local/ecs/task_logs.hpp"
#include "local/runtime/container_runtime.hpp"

namespace hoplite::local::ecs {

/// What the Fargate platform adds to every container of a task.
struct TaskEnvironment {
  std::string region;
  std::string account;
  std::string task_id;
  /// Extra variables (metadata and credentials endpoints), added last.
  std::vector<std::pair<std::string, std::string>> platform;
};

/// The container process and limits. `id`, `image_rootfs` and `work_dir` are the caller's.
/// Errors (`ecs.start`, the message as ECS words a start failure): a user that is not numeric.
core::Result<runtime::ContainerSpec> plan_container(const aws::ecs::TaskDefinition& definition,
                                                    const aws::ecs::ContainerDefinition& container,
                                                    const aws::ecs::TaskOverride& overrides,
                                                    const oci::ImageConfig& image, const TaskEnvironment& env);

/// The awslogs destination of a container, or nullopt when it has no `awslogs` log configuration
/// (its output is then dropped, as on Fargate).
[[nodiscard]] std::optional<LogDestination> log_destination(const aws::ecs::ContainerDefinition& container,
                                                            const TaskEnvironment& env);

/// ECS's default stop timeout (seconds between SIGTERM and SIGKILL) when the definition sets none.
inline constexpr int kDefaultStopTimeoutSeconds = 30;

}  // namespace hoplite::local::ecs
