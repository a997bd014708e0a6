// ECS services (REPLICA, Fargate): CreateService, DescribeServices, UpdateService, DeleteService,
// ListServices, and the reconciler that keeps each service's desiredCount tasks running.
#include <algorithm>
#include <chrono>

#include "hoplite/core/log.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/ecs/ecs_state.hpp"
#include "local/ids.hpp"
#include "local/paging.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ecs {
namespace {

using ServiceShape = aws::ecs::Service;

constexpr std::size_t kMaxEvents = 100;

/// Service names: 1–255 of letters, digits, `-` and `_` (the rule of cluster names).
bool valid_service_name(std::string_view name) { return valid_cluster_name(name); }

/// The service a reference names: its name, or the last segment of its ARN.
std::string service_name_of(std::string_view reference) {
  if (reference.starts_with("arn:")) {
    auto slash = reference.rfind('/');
    if (slash != std::string_view::npos) return std::string(reference.substr(slash + 1));
  }
  return std::string(reference);
}

core::Failure service_not_found() { return aws_error("ServiceNotFoundException", "Service not found."); }
core::Failure service_not_active() { return aws_error("ServiceNotActiveException", "Service was not ACTIVE."); }

/// `ecs-svc/` and 19 digits, as ECS names deployments.
std::string deployment_id() {
  std::string digits;
  for (char c : random_hex(19)) digits += static_cast<char>('0' + (c <= '9' ? c - '0' : c - 'a' + 10) % 10);
  if (digits[0] == '0') digits[0] = '1';
  return "ecs-svc/" + digits;
}

/// ECS's `rolloutStateReason` of a deployment in progress.
std::string in_progress(const std::string& deployment) { return "ECS deployment " + deployment + " in progress."; }

/// A service's new PRIMARY deployment: its current task definition, count and network.
aws::ecs::Deployment primary_deployment(const ServiceShape& s, core::TimePoint now) {
  std::string id = deployment_id();
  return {.id = id,
          .status = "PRIMARY",
          .task_definition = s.task_definition,
          .desired_count = s.desired_count,
          .created_at = now,
          .updated_at = now,
          .launch_type = "FARGATE",
          .rollout_state = "IN_PROGRESS",
          .rollout_state_reason = in_progress(id),
          .network_configuration = s.network_configuration};
}

void add_event(ServiceShape& s, const std::string& message, core::TimePoint now) {
  if (!s.events.empty() && s.events.front().message == message) return;  // not the same line twice
  std::string h = random_hex(32);
  aws::ecs::ServiceEvent e{.id = h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
                                 "-" + h.substr(20, 12),
                           .created_at = now,
                           .message = message};
  s.events.insert(s.events.begin(), std::move(e));
  if (s.events.size() > kMaxEvents) s.events.resize(kMaxEvents);
}

/// The tasks of a deployment that are meant to run: (id, last status), oldest first.
core::Result<std::vector<std::pair<std::string, std::string>>> deployment_tasks(EcsTables& tables,
                                                                                const std::string& cluster,
                                                                                const std::string& deployment) {
  auto ids = tables.task_ids(cluster, "RUNNING", std::nullopt, deployment, "", 10000);
  if (!ids) return ids.failure();
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [position, id] : *ids) {
    auto t = tables.task(id);
    if (!t) return t.failure();
    if (*t) out.emplace_back(id, (*t)->task.last_status);
  }
  return out;
}

/// The deployment configuration a service ends up with: what the request sets over what the
/// service had, ECS's defaults (200 %, 100 %, no circuit breaker) for the rest.
aws::ecs::DeploymentConfiguration deployment_configuration(
    const std::optional<aws::ecs::DeploymentConfiguration>& asked,
    const std::optional<aws::ecs::DeploymentConfiguration>& had) {
  aws::ecs::DeploymentConfiguration out = had.value_or(aws::ecs::DeploymentConfiguration{});
  if (asked) {
    if (asked->deployment_circuit_breaker) out.deployment_circuit_breaker = asked->deployment_circuit_breaker;
    if (asked->maximum_percent) out.maximum_percent = asked->maximum_percent;
    if (asked->minimum_healthy_percent) out.minimum_healthy_percent = asked->minimum_healthy_percent;
  }
  if (!out.deployment_circuit_breaker) out.deployment_circuit_breaker = aws::ecs::DeploymentCircuitBreaker{};
  if (!out.maximum_percent) out.maximum_percent = 200;
  if (!out.minimum_healthy_percent) out.minimum_healthy_percent = 100;
  return out;
}

/// True when the service's circuit breaker is on.
bool breaker_enabled(const ServiceShape& s) {
  return s.deployment_configuration && s.deployment_configuration->deployment_circuit_breaker &&
         s.deployment_configuration->deployment_circuit_breaker->enable;
}

/// How many of a deployment's tasks may fail to start before the circuit breaker fails it: half
/// the desired count, at least 3 and at most 200 (ECS's documented threshold).
int failure_threshold(int desired) { return std::clamp((desired + 1) / 2, 3, 200); }

/// Running and pending counts, computed from the tasks.
core::Result<void> fill_counts(EcsTables& tables, const std::string& cluster, ServiceShape& s) {
  s.running_count = s.pending_count = 0;
  for (auto& d : s.deployments) {
    auto tasks = deployment_tasks(tables, cluster, d.id);
    if (!tasks) return tasks.failure();
    d.running_count = d.pending_count = 0;
    for (const auto& [id, status] : *tasks) (status == "RUNNING" ? d.running_count : d.pending_count) += 1;
    s.running_count += d.running_count;
    s.pending_count += d.pending_count;
  }
  return core::ok();
}

}  // namespace

core::Result<aws::ecs::ServiceResponse> EcsService::create_service(const CallContext& ctx,
                                                                   const aws::ecs::CreateServiceRequest& request) {
  const Scope scope = scope_of(ctx);
  if (!valid_service_name(request.service_name))
    return invalid_parameter("Service name must be 1-255 letters, numbers, hyphens and underscores.");
  if (request.scheduling_strategy && *request.scheduling_strategy != "REPLICA")
    return invalid_parameter("Fargate only supports the REPLICA scheduling strategy.");
  if (request.launch_type && *request.launch_type != "FARGATE")
    return invalid_parameter("The local cloud runs services on FARGATE only.");
  if (!request.task_definition || request.task_definition->empty())
    return invalid_parameter("TaskDefinition cannot be empty.");
  if (!request.desired_count)
    return invalid_parameter("desiredCount is required when schedulingStrategy is REPLICA or not specified.");
  if (*request.desired_count < 0) return invalid_parameter("desiredCount can not be less than 0.");
  if (request.tags.size() > 50) return invalid_parameter("Too many tags: at most 50 are allowed.");
  auto ref = parse_task_definition(scope, *request.task_definition);
  auto out =
      house_.db.transaction<aws::ecs::ServiceResponse>([&](store::Tx& tx) -> core::Result<aws::ecs::ServiceResponse> {
        EcsTables tables(tx, scope);
        auto cluster = active_cluster(tables, scope, request.cluster);
        if (!cluster) return cluster.failure();
        if (!ref) return client_error("TaskDefinition not found.");
        auto d = tables.task_definition(ref->family, ref->revision);
        if (!d) return d.failure();
        if (!*d) return client_error("TaskDefinition not found.");
        if ((*d)->status != "ACTIVE") return client_error("TaskDefinition is inactive");
        bool fargate = false;
        for (const auto& c : (*d)->compatibilities) fargate = fargate || c == "FARGATE";
        if (!fargate) return invalid_parameter("Task definition does not support launch_type FARGATE.");
        if ((*d)->network_mode.value_or("") == "awsvpc") {
          if (!request.network_configuration || !request.network_configuration->awsvpc_configuration)
            return invalid_parameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
          const auto& v = *request.network_configuration->awsvpc_configuration;
          if (v.subnets.empty()) return invalid_parameter("subnets can not be empty.");
          auto found = check_network_exists(tx, scope, v);
          if (!found) return found.failure();
        }
        auto existing = tables.service(*cluster, request.service_name);
        if (!existing) return existing.failure();
        if (*existing && (*existing)->status != "INACTIVE")
          return invalid_parameter("Creation of service was not idempotent.");
        ServiceShape s;
        s.service_arn = service_arn(scope, *cluster, request.service_name);
        s.service_name = request.service_name;
        s.cluster_arn = cluster_arn(scope, *cluster);
        s.status = "ACTIVE";
        s.desired_count = *request.desired_count;
        s.launch_type = "FARGATE";
        s.platform_version = request.platform_version.value_or("LATEST");
        s.task_definition = (*d)->task_definition_arn;
        s.network_configuration = request.network_configuration;
        s.created_at = ctx.now;
        s.created_by = ctx.principal.arn;
        s.scheduling_strategy = "REPLICA";
        s.tags = request.tags;
        s.deployment_configuration = deployment_configuration(request.deployment_configuration, std::nullopt);
        s.deployments.push_back(primary_deployment(s, ctx.now));
        if (auto w = tables.put_service(*cluster, s, ctx.host.empty() ? std::string("127.0.0.1:4566") : ctx.host); !w)
          return w.failure();
        return aws::ecs::ServiceResponse{s};
      });
  if (out) poke_services();
  return out;
}

core::Result<aws::ecs::DescribeServicesResponse> EcsService::describe_services(
    const CallContext& ctx, const aws::ecs::DescribeServicesRequest& request) {
  const Scope scope = scope_of(ctx);
  if (request.services.empty()) return invalid_parameter("Services cannot be empty.");
  if (request.services.size() > 10) return invalid_parameter("Services cannot have more than 10 elements");
  bool tags = std::find(request.include.begin(), request.include.end(), "TAGS") != request.include.end();
  return house_.db.transaction<aws::ecs::DescribeServicesResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::DescribeServicesResponse> {
        EcsTables tables(tx, scope);
        auto cluster = active_cluster(tables, scope, request.cluster);
        if (!cluster) return cluster.failure();
        aws::ecs::DescribeServicesResponse out;
        for (const auto& reference : request.services) {
          auto name = service_name_of(reference);
          auto s = tables.service(*cluster, name);
          if (!s) return s.failure();
          if (!*s) {
            out.failures.push_back(
                {.arn = service_arn(scope, *cluster, name.substr(0, 255)), .reason = "MISSING", .detail = ""});
            continue;
          }
          if (auto c = fill_counts(tables, *cluster, **s); !c) return c.failure();
          if (!tags) (*s)->tags.clear();
          out.services.push_back(std::move(**s));
        }
        return out;
      });
}

core::Result<aws::ecs::ServiceResponse> EcsService::update_service(const CallContext& ctx,
                                                                   const aws::ecs::UpdateServiceRequest& request) {
  const Scope scope = scope_of(ctx);
  if (request.desired_count && *request.desired_count < 0)
    return invalid_parameter("desiredCount can not be less than 0.");
  std::optional<TaskDefinitionRef> ref;
  if (request.task_definition) {
    ref = parse_task_definition(scope, *request.task_definition);
    if (!ref) return client_error("TaskDefinition not found.");
  }
  std::vector<std::string> retired;  // tasks of a replaced deployment
  std::string cluster_used;
  auto out =
      house_.db.transaction<aws::ecs::ServiceResponse>([&](store::Tx& tx) -> core::Result<aws::ecs::ServiceResponse> {
        retired.clear();
        EcsTables tables(tx, scope);
        auto cluster = active_cluster(tables, scope, request.cluster);
        if (!cluster) return cluster.failure();
        cluster_used = *cluster;
        auto found = tables.service(*cluster, service_name_of(request.service));
        if (!found) return found.failure();
        if (!*found) return service_not_found();
        ServiceShape& s = **found;
        if (s.status != "ACTIVE") return service_not_active();
        bool redeploy = request.force_new_deployment.value_or(false);
        if (ref) {
          auto d = tables.task_definition(ref->family, ref->revision);
          if (!d) return d.failure();
          if (!*d) return client_error("TaskDefinition not found.");
          if ((*d)->status != "ACTIVE") return client_error("TaskDefinition is inactive");
          redeploy = redeploy || (*d)->task_definition_arn != s.task_definition;
          s.task_definition = (*d)->task_definition_arn;
        }
        if (request.network_configuration) {
          if (request.network_configuration->awsvpc_configuration) {
            const auto& v = *request.network_configuration->awsvpc_configuration;
            if (v.subnets.empty()) return invalid_parameter("subnets can not be empty.");
            auto checked = check_network_exists(tx, scope, v);
            if (!checked) return checked.failure();
          }
          s.network_configuration = request.network_configuration;
          redeploy = true;
        }
        if (request.desired_count) s.desired_count = *request.desired_count;
        s.deployment_configuration =
            deployment_configuration(request.deployment_configuration, s.deployment_configuration);
        if (redeploy && !s.deployments.empty()) {
          auto old = deployment_tasks(tables, *cluster, s.deployments.front().id);
          if (!old) return old.failure();
          for (const auto& [id, status] : *old) retired.push_back(id);
          s.deployments.clear();
        }
        if (s.deployments.empty()) s.deployments.push_back(primary_deployment(s, ctx.now));
        auto& primary = s.deployments.front();
        if (primary.desired_count != s.desired_count) {
          primary.desired_count = s.desired_count;
          primary.updated_at = ctx.now;
          primary.rollout_state = "IN_PROGRESS";
          primary.rollout_state_reason = in_progress(primary.id);
        }
        if (auto w = tables.put_service(*cluster, s); !w) return w.failure();
        if (auto c = fill_counts(tables, *cluster, s); !c) return c.failure();
        return aws::ecs::ServiceResponse{s};
      });
  if (!out) return out;
  for (const auto& id : retired)
    (void)stop_task(ctx, {.cluster = cluster_used,
                          .task = id,
                          .reason = "Deployment replaced by " + out->service.deployments.front().id});
  poke_services();
  return out;
}

core::Result<aws::ecs::ServiceResponse> EcsService::delete_service(const CallContext& ctx,
                                                                   const aws::ecs::DeleteServiceRequest& request) {
  const Scope scope = scope_of(ctx);
  auto out =
      house_.db.transaction<aws::ecs::ServiceResponse>([&](store::Tx& tx) -> core::Result<aws::ecs::ServiceResponse> {
        EcsTables tables(tx, scope);
        auto cluster = active_cluster(tables, scope, request.cluster);
        if (!cluster) return cluster.failure();
        auto found = tables.service(*cluster, service_name_of(request.service));
        if (!found) return found.failure();
        if (!*found || (*found)->status == "INACTIVE") return service_not_found();
        ServiceShape& s = **found;
        if (s.status == "ACTIVE" && s.desired_count > 0 && !request.force.value_or(false))
          return invalid_parameter("The service cannot be stopped while it is scaled above 0.");
        s.status = "DRAINING";
        s.desired_count = 0;
        for (auto& d : s.deployments) d.desired_count = 0;
        if (auto w = tables.put_service(*cluster, s); !w) return w.failure();
        if (auto c = fill_counts(tables, *cluster, s); !c) return c.failure();
        return aws::ecs::ServiceResponse{s};
      });
  if (out) poke_services();
  return out;
}

core::Result<aws::ecs::ListServicesResponse> EcsService::list_services(const CallContext& ctx,
                                                                       const aws::ecs::ListServicesRequest& request) {
  const Scope scope = scope_of(ctx);
  int max = request.max_results.value_or(10);
  if (max < 1 || max > 100) return invalid_parameter("maxResults must be between 1 and 100.");
  std::string after;
  if (request.next_token) {
    auto position = read_page_token("ecs.ListServices", *request.next_token);
    if (!position) return invalid_parameter("Invalid token");
    after = *position;
  }
  return house_.db.transaction<aws::ecs::ListServicesResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::ListServicesResponse> {
        EcsTables tables(tx, scope);
        auto cluster = active_cluster(tables, scope, request.cluster);
        if (!cluster) return cluster.failure();
        aws::ecs::ListServicesResponse out;
        if ((request.launch_type && *request.launch_type != "FARGATE") ||
            (request.scheduling_strategy && *request.scheduling_strategy != "REPLICA"))
          return out;
        auto names = tables.service_names(*cluster, after, static_cast<std::size_t>(max) + 1);
        if (!names) return names.failure();
        for (std::size_t i = 0; i < names->size() && i < static_cast<std::size_t>(max); ++i)
          out.service_arns.push_back(service_arn(scope, *cluster, (*names)[i]));
        if (names->size() > static_cast<std::size_t>(max))
          out.next_token = page_token("ecs.ListServices", (*names)[static_cast<std::size_t>(max) - 1]);
        return out;
      });
}

// ---- the reconciler ----

void EcsService::poke_services() {
  {
    std::lock_guard lock(reconcile_mutex_);
    reconcile_poked_ = true;
  }
  reconcile_cv_.notify_all();
}

void EcsService::reconcile_loop() {
  // A pass every second, or sooner when poked; never two passes within a quarter second, so a
  // service whose tasks cannot start retries at a bounded rate instead of spinning.
  for (;;) {
    {
      std::unique_lock lock(reconcile_mutex_);
      reconcile_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return reconcile_quit_ || reconcile_poked_; });
      if (reconcile_quit_) return;
      reconcile_poked_ = false;
    }
    auto keys = house_.db.transaction<std::vector<ServiceKey>>(
        [](store::Tx& tx) -> core::Result<std::vector<ServiceKey>> { return live_services(tx); });
    if (!keys) {
      core::log::warn("ecs: cannot read the services: {}", keys.error().to_string());
    } else {
      for (const auto& k : *keys) reconcile(k);
    }
    std::unique_lock lock(reconcile_mutex_);
    if (reconcile_cv_.wait_for(lock, std::chrono::milliseconds(250), [&] { return reconcile_quit_; })) return;
  }
}

void EcsService::reconcile(const ServiceKey& key) {
  struct Plan {
    ServiceShape service;
    std::vector<std::pair<std::string, std::string>> tasks;
    int stopping = 0;         ///< tasks told to stop that have not yet
    int failed_to_start = 0;  ///< the deployment's tasks that stopped before they ran
  };
  auto plan = house_.db.transaction<std::optional<Plan>>([&](store::Tx& tx) -> core::Result<std::optional<Plan>> {
    EcsTables tables(tx, key.scope);
    auto s = tables.service(key.cluster, key.name);
    if (!s) return s.failure();
    if (!*s || (*s)->status == "INACTIVE" || (*s)->deployments.empty()) return std::optional<Plan>{};
    auto tasks = deployment_tasks(tables, key.cluster, (*s)->deployments.front().id);
    if (!tasks) return tasks.failure();
    int stopping = 0, failed_to_start = 0;
    if (breaker_enabled(**s) && (*s)->deployments.front().rollout_state.value_or("") == "IN_PROGRESS") {
      auto ended = tables.task_ids(key.cluster, "STOPPED", std::nullopt, (*s)->deployments.front().id, "", 10000);
      if (!ended) return ended.failure();
      for (const auto& [position, id] : *ended) {
        auto t = tables.task(id);
        if (!t) return t.failure();
        if (*t && (*t)->task.last_status == "STOPPED" && (*t)->task.stop_code == "TaskFailedToStart") ++failed_to_start;
      }
    }
    if ((*s)->status == "DRAINING") {
      // INACTIVE only once every task really stopped (the cluster can then be deleted).
      auto told = tables.task_ids(key.cluster, "STOPPED", std::nullopt, (*s)->deployments.front().id, "", 100000);
      if (!told) return told.failure();
      for (const auto& [position, id] : *told) {
        auto t = tables.task(id);
        if (!t) return t.failure();
        if (*t && (*t)->task.last_status != "STOPPED") ++stopping;
      }
    }
    return std::optional<Plan>{Plan{std::move(**s), std::move(*tasks), stopping, failed_to_start}};
  });
  if (!plan || !*plan) return;
  ServiceShape& s = (*plan)->service;
  const auto& tasks = (*plan)->tasks;
  const auto& deployment = s.deployments.front();
  const int want = s.status == "ACTIVE" ? s.desired_count : 0;
  const int have = static_cast<int>(tasks.size());
  auto now = house_.clock.now();
  CallContext ctx{.request_id = random_hex(16),
                  .region = key.scope.region,
                  .principal = {.account_id = key.scope.account,
                                .arn = "arn:aws:iam::" + key.scope.account + ":root",
                                .user_id = key.scope.account,
                                .access_key_id = {},
                                .temporary = false},
                  .now = now,
                  .host = key.host};
  std::vector<std::string> messages;
  std::optional<std::string> status;
  std::optional<std::string> rollout, rollout_reason;
  const int failed = (*plan)->failed_to_start;
  // A deployment the circuit breaker failed starts no more tasks. It is not rolled back here (the
  // local ECS keeps one deployment); under CloudFormation the stack's own rollback restores the
  // previous task definition.
  const bool gave_up = deployment.rollout_state.value_or("") == "FAILED";
  if (failed > 0 && failed >= failure_threshold(want) && !gave_up) {
    messages.push_back("(service " + s.service_name + ") (deployment " + deployment.id +
                       ") deployment failed: tasks failed to start.");
    rollout = "FAILED";
    rollout_reason = "ECS deployment circuit breaker: tasks failed to start.";
  } else if (have < want) {
    if (gave_up) return;  // until an UpdateService starts a new rollout
    aws::ecs::RunTaskRequest r;
    r.cluster = key.cluster;
    r.count = std::min(want - have, 10);
    r.group = "service:" + s.service_name;
    r.launch_type = "FARGATE";
    r.network_configuration = s.network_configuration;
    r.platform_version = s.platform_version;
    r.started_by = deployment.id;
    r.task_definition = deployment.task_definition;
    auto run = run_task(ctx, r);
    if (!run) {
      auto reason = run.error().message;
      if (!reason.empty() && reason.back() == '.') reason.pop_back();
      messages.push_back("(service " + s.service_name + ") was unable to place a task. Reason: " + reason + ".");
    } else if (!run->tasks.empty()) {
      std::string m = "(service " + s.service_name + ") has started " + std::to_string(run->tasks.size()) + " tasks:";
      for (const auto& t : run->tasks) m += " (task " + t.task_arn.substr(t.task_arn.rfind('/') + 1) + ")";
      messages.push_back(m + ".");
      rollout = "IN_PROGRESS";
      rollout_reason = in_progress(deployment.id);
    }
  } else if (have > want) {
    // Scale in: the newest go first.
    std::string m = "(service " + s.service_name + ") has stopped " + std::to_string(have - want) + " running tasks:";
    for (int i = have - 1; i >= want; --i) {
      const auto& id = tasks[static_cast<std::size_t>(i)].first;
      (void)stop_task(ctx, {.cluster = key.cluster,
                            .task = id,
                            .reason = "Scaling activity initiated by (deployment " + deployment.id + ")"});
      m += " (task " + id + ")";
    }
    messages.push_back(m + ".");
    rollout = "IN_PROGRESS";
    rollout_reason = in_progress(deployment.id);
  } else {
    bool all_running = std::all_of(tasks.begin(), tasks.end(), [](const auto& t) { return t.second == "RUNNING"; });
    if (s.status == "DRAINING" && have == 0 && (*plan)->stopping == 0) {
      status = "INACTIVE";
    } else if (all_running && !gave_up && deployment.rollout_state.value_or("") != "COMPLETED") {
      messages.push_back("(service " + s.service_name + ") has reached a steady state.");
      rollout = "COMPLETED";
      rollout_reason = "ECS deployment " + deployment.id + " completed.";
    }
  }
  if (messages.empty() && !status && !rollout && failed <= deployment.failed_tasks) return;
  auto w = house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    EcsTables tables(tx, key.scope);
    auto current = tables.service(key.cluster, key.name);
    if (!current) return current.failure();
    if (!*current) return core::ok();
    ServiceShape& c = **current;
    for (const auto& m : messages) add_event(c, m, now);
    if (status) c.status = *status;
    if (!c.deployments.empty() && c.deployments.front().id == deployment.id) {
      auto& d = c.deployments.front();
      if (failed > d.failed_tasks) d.failed_tasks = failed;
      if (rollout) {
        d.rollout_state = rollout;
        d.rollout_state_reason = rollout_reason;
        d.updated_at = now;
      }
    }
    return tables.put_service(key.cluster, c);
  });
  if (!w) core::log::warn("ecs: cannot record service {}: {}", key.name, w.error().to_string());
}

}  // namespace hoplite::local::ecs
