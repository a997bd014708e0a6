#include "local/ecs/task_endpoints.hpp"

#include "hoplite/core/sha256.hpp"
#include "hoplite/core/time_format.hpp"
#include "local/regions.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ecs {
namespace {

using nlohmann::json;

/// Temporary credentials handed to a task last this long (Fargate's are refreshed hourly, valid 6 h).
constexpr auto kCredentialLifetime = std::chrono::hours(6);

http::Response json_answer(int status, const json& body) {
  return http::make_response(status, body.dump(), "application/json");
}
http::Response error(int status, std::string message) {
  return json_answer(status,
                     json{{"code", status == 401 ? "AccessDenied" : "NotFound"}, {"message", std::move(message)}});
}

std::optional<std::string> task_role(const StoredTask& t) {
  if (t.task.overrides.task_role_arn) return t.task.overrides.task_role_arn;
  return t.definition.task_role_arn;
}

std::string iso(const std::optional<core::TimePoint>& t) { return t ? core::format_iso8601_millis(*t) : ""; }

json container_metadata(const StoredTask& t, std::size_t i) {
  const auto& def = t.definition.container_definitions.at(i);
  const auto& c = t.task.containers.at(i);
  json j{{"DockerId", c.runtime_id.value_or("")},
         {"Name", c.name},
         {"DockerName", c.runtime_id.value_or("")},
         {"Image", c.image},
         {"ImageID", c.image_digest.value_or("")},
         {"Labels",
          {{"com.amazonaws.ecs.cluster", t.task.cluster_arn},
           {"com.amazonaws.ecs.container-name", c.name},
           {"com.amazonaws.ecs.task-arn", t.task.task_arn},
           {"com.amazonaws.ecs.task-definition-family", t.definition.family},
           {"com.amazonaws.ecs.task-definition-version", std::to_string(t.definition.revision)}}},
         {"DesiredStatus", t.task.desired_status},
         {"KnownStatus", c.last_status},
         {"Limits", {{"CPU", def.cpu.value_or(0)}}},
         {"Type", "NORMAL"},
         {"ContainerARN", c.container_arn},
         {"Networks", json::array({{{"NetworkMode", "awsvpc"}, {"IPv4Addresses", {"127.0.0.1"}}}})}};
  if (def.memory) j["Limits"]["Memory"] = *def.memory;
  if (c.exit_code) j["ExitCode"] = *c.exit_code;
  if (def.log_configuration) {
    j["LogDriver"] = def.log_configuration->log_driver;
    j["LogOptions"] = def.log_configuration->options;
  }
  if (t.task.started_at) j["StartedAt"] = iso(t.task.started_at);
  return j;
}

json task_metadata(const StoredTask& t) {
  json containers = json::array();
  for (std::size_t i = 0; i < t.task.containers.size(); ++i) containers.push_back(container_metadata(t, i));
  json j{{"Cluster", t.task.cluster_arn},
         {"TaskARN", t.task.task_arn},
         {"Family", t.definition.family},
         {"Revision", std::to_string(t.definition.revision)},
         {"DesiredStatus", t.task.desired_status},
         {"KnownStatus", t.task.last_status},
         {"Containers", std::move(containers)},
         {"AvailabilityZone", t.task.availability_zone},
         {"LaunchType", "FARGATE"}};
  json limits = json::object();
  if (t.task.cpu) limits["CPU"] = std::stod(*t.task.cpu) / 1024.0;
  if (t.task.memory) limits["Memory"] = std::stoll(*t.task.memory);
  j["Limits"] = std::move(limits);
  if (t.task.pull_started_at) j["PullStartedAt"] = iso(t.task.pull_started_at);
  if (t.task.pull_stopped_at) j["PullStoppedAt"] = iso(t.task.pull_stopped_at);
  return j;
}

/// `arn:<partition>:iam::<account>:role/<path/>name` → name; "" when not a role ARN.
std::string role_name(std::string_view arn) {
  auto role = arn.find(":role/");
  if (!arn.starts_with("arn:") || role == std::string_view::npos) return {};
  auto name = arn.substr(role + 6);
  if (auto slash = name.rfind('/'); slash != std::string_view::npos) name = name.substr(slash + 1);
  return std::string(name);
}

/// Compares without an early exit, so the time taken does not tell how much of a guess matched.
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> task_endpoint_environment(const StoredTask& t) {
  std::string base = t.endpoint + std::string(kTaskEndpointPrefix);
  // AWS_ENDPOINT_URL is the local cloud's own addition (Fargate sets no such thing): the task
  // role's keys are valid only here, so a container's SDK calls (the AWS SDKs, the AWS CLI v2 and
  // hoplite's clients all read it) must come here too — e.g. the SendTaskSuccess of a
  // `.waitForTaskToken` task. It wins over a definition's own value for the same reason.
  std::vector<std::pair<std::string, std::string>> out{{"ECS_CONTAINER_METADATA_URI_V4", base + "v4/" + t.id},
                                                       {"ECS_CONTAINER_METADATA_URI", base + "v4/" + t.id},
                                                       {"AWS_ENDPOINT_URL", t.endpoint}};
  if (task_role(t)) {
    out.emplace_back("AWS_CONTAINER_CREDENTIALS_FULL_URI", base + "credentials/" + t.id);
    out.emplace_back("AWS_CONTAINER_AUTHORIZATION_TOKEN", t.token);
  }
  return out;
}

http::Response serve_task_endpoint(ServiceContext& house, const http::ServerRequest& request) {
  if (request.method != "GET") return error(405, "use GET");
  std::string_view path = request.path().substr(kTaskEndpointPrefix.size());
  bool credentials = path.starts_with("credentials/");
  bool metadata = path.starts_with("v4/");
  if (!credentials && !metadata) return error(404, "no such endpoint");
  path.remove_prefix(credentials ? 12 : 3);
  bool task_level = false;
  if (metadata && path.ends_with("/task")) {
    path.remove_suffix(5);
    task_level = true;
  }
  if (path.empty() || path.size() > 64 || path.find('/') != std::string_view::npos) return error(404, "no such task");
  auto found =
      house.db.transaction<std::optional<StoredTask>>([&](store::Tx& tx) { return task_by_id(tx, std::string(path)); });
  if (!found || !*found) return error(404, "no such task");
  const StoredTask& t = **found;
  if (metadata) return json_answer(200, task_level ? task_metadata(t) : container_metadata(t, 0));

  auto role = task_role(t);
  if (!role) return error(404, "the task has no task role");
  if (!same_secret(request.headers.get("Authorization").value_or(""), t.token))
    return error(401, "the Authorization header is not this task's AWS_CONTAINER_AUTHORIZATION_TOKEN");
  if (t.task.last_status == "STOPPED") return error(400, "the task has stopped");
  auto now = house.clock.now();
  std::string account = t.scope.account;
  std::string name = role_name(*role);
  auth::Principal principal{
      .account_id = account,
      .arn = "arn:" + partition_of(t.scope.region) + ":sts::" + account + ":assumed-role/" + name + "/" + t.id,
      .user_id = "AROA" + core::sha256_hex(*role).substr(0, 17) + ":" + t.id,
      .access_key_id = {},
      .temporary = true};
  if (auto purged = house.accounts.purge_expired(now); !purged) return error(500, "cannot issue credentials");
  auto key = house.accounts.issue_temporary(principal, now + kCredentialLifetime);
  if (!key) return error(500, "cannot issue credentials");
  return json_answer(200, json{{"AccessKeyId", key->id},
                               {"SecretAccessKey", key->secret},
                               {"Token", key->session_token},
                               {"Expiration", core::format_iso8601(*key->expires)},
                               {"RoleArn", *role}});
}

}  // namespace hoplite::local::ecs
