#pragma once
/// \file What a Fargate task's containers read from the platform, served by the local cloud under
/// `/_ecs/` (no SigV4: the ECS service answers these itself, `ServiceSpec::own_auth_prefix`):
///
/// - task metadata v4 — `ECS_CONTAINER_METADATA_URI_V4` = `<endpoint>/_ecs/v4/<task id>`:
///   `GET <uri>` the container's metadata, `GET <uri>/task` the task's (the shapes of
///   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html,
///   the fields the local cloud knows);
/// - the task role's credentials — `AWS_CONTAINER_CREDENTIALS_FULL_URI` =
///   `<endpoint>/_ecs/credentials/<task id>` with `AWS_CONTAINER_AUTHORIZATION_TOKEN`, as the AWS
///   SDKs read them for a full URI on a loopback address: temporary keys of
///   `assumed-role/<role name>/<task id>` that the local cloud accepts, issued while the task
///   has not stopped. Only when the task has a task role.

#include <string>
#include <utility>
#include <vector>

#include "hoplite/http/handler.hpp"
#include "local/ecs/ecs_state.hpp"
#include "local/service.hpp"

namespace hoplite::local::ecs {

inline constexpr std::string_view kTaskEndpointPrefix = "/_ecs/";

/// The variables that point a task's containers at these endpoints, and `AWS_ENDPOINT_URL` at the
/// local cloud itself (where the task role's credentials are valid).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> task_endpoint_environment(const StoredTask& task);

/// Answers a request under kTaskEndpointPrefix: 404 for an unknown task or path, 401 for a
/// credentials request without the task's token, 400 once the task stopped.
[[nodiscard]] http::Response serve_task_endpoint(ServiceContext& house, const http::ServerRequest& request);

}  // namespace hoplite::local::ecs
