// ECS tasks: RunTask (FARGATE), DescribeTasks, ListTasks, StopTask. The tasks themselves run on
// the supervisor (task_supervisor.hpp); these operations store and read their state.
#include <set>

#include "local/ec2/ec2_cidr.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/ecs/ecs_state.hpp"
#include "local/ecs/task_supervisor.hpp"
#include "local/ids.hpp"
#include "local/paging.hpp"
#include "local/regions.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ecs {
namespace {

using aws::ecs::Task;

/// `prefix-` followed by 8 or 17 lower-case hex digits, the form of EC2 ids.
bool ec2_id(std::string_view id, std::string_view prefix) {
  if (!id.starts_with(prefix)) return false;
  auto hex = id.substr(prefix.size());
  if (hex.size() != 8 && hex.size() != 17) return false;
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

/// The awsvpc configuration as ECS checks its shape (then EcsService::check_network_exists looks
/// its subnets and security groups up in the local EC2).
core::Result<void> check_network(const aws::ecs::TaskDefinition& d, const aws::ecs::RunTaskRequest& r) {
  if (d.network_mode.value_or("") != "awsvpc") return core::ok();
  if (!r.network_configuration || !r.network_configuration->awsvpc_configuration)
    return invalid_parameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  const auto& v = *r.network_configuration->awsvpc_configuration;
  if (v.subnets.empty()) return invalid_parameter("subnets can not be empty.");
  if (v.subnets.size() > 16) return invalid_parameter("subnets can have at most 16 items.");
  if (v.security_groups.size() > 5) return invalid_parameter("securityGroups can have at most 5 items.");
  for (const auto& s : v.subnets)
    if (!ec2_id(s, "subnet-"))
      return invalid_parameter("Error retrieving subnet information for [" + s.substr(0, 64) + "]: The subnet ID '" +
                               s.substr(0, 64) + "' is malformed");
  for (const auto& g : v.security_groups)
    if (!ec2_id(g, "sg-"))
      return invalid_parameter("Error retrieving security group information for [" + g.substr(0, 64) +
                               "]: The security group '" + g.substr(0, 64) + "' is malformed");
  if (v.assign_public_ip && *v.assign_public_ip != "ENABLED" && *v.assign_public_ip != "DISABLED")
    return invalid_parameter("assignPublicIp must be ENABLED or DISABLED.");
  return core::ok();
}

std::string uuid() {
  std::string h = random_hex(32);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) + "-" +
         h.substr(20, 12);
}

/// An address of the subnet's block for the task's ENI, as EC2 hands them out: not one of the
/// five it reserves (network, router, DNS, future use, broadcast). Loopback when the block is
/// unknown (no EC2) or too small.
std::string private_address(const std::optional<std::string>& cidr_block) {
  auto cidr = cidr_block ? ec2::parse_cidr(*cidr_block) : std::nullopt;
  if (!cidr || cidr->size() < 8) return "127.0.0.1";
  std::uint64_t usable = cidr->size() - 5;
  std::uint64_t pick = 0;
  for (char c : random_hex(8)) pick = pick * 16 + static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  auto a = static_cast<std::uint32_t>(cidr->address + 4 + pick % usable);
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." + std::to_string((a >> 8) & 255) + "." +
         std::to_string(a & 255);
}

Task new_task(const Scope& scope, const std::string& cluster, const std::string& id, const aws::ecs::TaskDefinition& d,
              const aws::ecs::RunTaskRequest& r, const CallContext& ctx, const std::optional<std::string>& cidr_block) {
  Task t;
  t.task_arn = task_arn(scope, cluster, id);
  t.cluster_arn = cluster_arn(scope, cluster);
  t.task_definition_arn = d.task_definition_arn;
  t.last_status = "PROVISIONING";
  t.desired_status = "RUNNING";
  t.group = r.group.value_or("family:" + d.family);
  t.launch_type = "FARGATE";
  t.platform_version = r.platform_version && *r.platform_version != "LATEST" ? *r.platform_version : "1.4.0";
  t.platform_family = "Linux";
  t.started_by = r.started_by;
  t.created_at = ctx.now;
  t.overrides = r.overrides.value_or(aws::ecs::TaskOverride{});
  t.cpu = t.overrides.cpu ? t.overrides.cpu : d.cpu;
  t.memory = t.overrides.memory ? t.overrides.memory : d.memory;
  t.tags = r.tags;
  t.version = 1;
  auto zones = availability_zones(scope.region);
  t.availability_zone = zones.empty() ? scope.region + "a" : zones.front();
  if (r.network_configuration && r.network_configuration->awsvpc_configuration) {
    const auto& v = *r.network_configuration->awsvpc_configuration;
    // The task shares the host's network; its "ENI" gets an address of its subnet's block, as on
    // AWS, which nothing routes to locally (docs/local.md).
    t.attachments.push_back({.id = uuid(),
                             .type = "ElasticNetworkInterface",
                             .status = "PRECREATED",
                             .details = {{"subnetId", v.subnets.front()},
                                         {"networkInterfaceId", "eni-" + random_hex(17)},
                                         {"privateIPv4Address", private_address(cidr_block)}}});
  }
  for (const auto& c : d.container_definitions) {
    aws::ecs::Container out;
    out.container_arn = container_arn(scope, cluster, id, uuid());
    out.task_arn = t.task_arn;
    out.name = c.name;
    out.image = c.image;
    out.last_status = "PENDING";
    out.cpu = std::to_string(c.cpu.value_or(0));
    if (c.memory) out.memory = std::to_string(*c.memory);
    t.containers.push_back(std::move(out));
  }
  return t;
}

/// ECS's message for a subnet or security group EC2 does not know: EC2's own error inside.
core::Failure not_found(std::string_view what, const std::string& id, std::string_view ec2_text,
                        std::string_view ec2_code) {
  auto shown = id.substr(0, 64);
  return invalid_parameter("Error retrieving " + std::string(what) + " information for [" + shown +
                           "]: " + std::string(ec2_text) + " '" + shown +
                           "' does not exist (ErrorCode: " + std::string(ec2_code) + ")");
}

}  // namespace

core::Result<std::optional<std::string>> EcsService::check_network_exists(store::Tx& tx, const Scope& scope,
                                                                          const aws::ecs::AwsVpcConfiguration& v) {
  if (!options_.network) return std::optional<std::string>{};
  std::vector<aws::ec2::Subnet> subnets;
  for (const auto& id : v.subnets) {
    auto s = options_.network->subnet(tx, scope, id);
    if (!s) return s.failure();
    if (!*s) return not_found("subnet", id, "The subnet ID", "InvalidSubnetID.NotFound");
    subnets.push_back(std::move(**s));
  }
  for (const auto& id : v.security_groups) {
    auto g = options_.network->security_group(tx, scope, id);
    if (!g) return g.failure();
    if (!*g) return not_found("security group", id, "The security group", "InvalidGroup.NotFound");
    for (const auto& s : subnets)
      if (s.vpc_id != (*g)->vpc_id)
        return invalid_parameter("Security group " + id.substr(0, 64) + " and subnet " + s.subnet_id +
                                 " belong to different networks.");
  }
  return std::optional<std::string>{subnets.front().cidr_block};
}

core::Result<aws::ecs::RunTaskResponse> EcsService::run_task(const CallContext& ctx,
                                                             const aws::ecs::RunTaskRequest& request) {
  const Scope scope = scope_of(ctx);
  int count = request.count.value_or(1);
  if (count < 1 || count > 10) return invalid_parameter("Count must be between 1 and 10.");
  if (request.task_definition.empty()) return invalid_parameter("TaskDefinition cannot be empty.");
  auto ref = parse_task_definition(scope, request.task_definition);
  if (request.launch_type && *request.launch_type != "FARGATE" && *request.launch_type != "EC2" &&
      *request.launch_type != "EXTERNAL")
    return invalid_parameter("launchType must be one of EC2, FARGATE, EXTERNAL.");
  if (request.started_by && request.started_by->size() > 128)
    return invalid_parameter("startedBy must be at most 128 characters.");
  if (request.group && request.group->size() > 255) return invalid_parameter("group must be at most 255 characters.");
  if (request.tags.size() > 50) return invalid_parameter("Too many tags: at most 50 are allowed.");

  std::vector<StoredTask> created;
  auto response =
      house_.db.transaction<aws::ecs::RunTaskResponse>([&](store::Tx& tx) -> core::Result<aws::ecs::RunTaskResponse> {
        created.clear();
        EcsTables tables(tx, scope);
        auto cluster = active_cluster(tables, scope, request.cluster);
        if (!cluster) return cluster.failure();
        if (!ref) return client_error("TaskDefinition not found.");
        auto d = tables.task_definition(ref->family, ref->revision);
        if (!d) return d.failure();
        if (!*d) return client_error("TaskDefinition not found.");
        if ((*d)->status != "ACTIVE") return client_error("TaskDefinition is inactive");
        aws::ecs::RunTaskResponse out;
        // Only Fargate capacity exists locally: EC2 tasks find no container instance, as in a
        // cluster without any.
        if (request.launch_type && *request.launch_type != "FARGATE") {
          for (int i = 0; i < count; ++i)
            out.failures.push_back(
                {.arn = "", .reason = "No Container Instances were found in your cluster.", .detail = ""});
          return out;
        }
        bool fargate = false;
        for (const auto& c : (*d)->compatibilities) fargate = fargate || c == "FARGATE";
        if (!fargate) return invalid_parameter("Task definition does not support launch_type FARGATE.");
        if (auto n = check_network(**d, request); !n) return n.failure();
        std::optional<std::string> cidr_block;
        if ((*d)->network_mode.value_or("") == "awsvpc") {
          auto found = check_network_exists(tx, scope, *request.network_configuration->awsvpc_configuration);
          if (!found) return found.failure();
          cidr_block = *found;
        }
        if (request.overrides) {
          std::set<std::string> names;
          for (const auto& c : (*d)->container_definitions) names.insert(c.name);
          for (const auto& o : request.overrides->container_overrides)
            if (!o.name || !names.contains(*o.name))
              return invalid_parameter("Override for container named " + o.name.value_or("").substr(0, 255) +
                                       " is not a container in the TaskDefinition.");
        }
        for (int i = 0; i < count; ++i) {
          StoredTask t;
          t.scope = scope;
          t.id = random_hex(32);
          t.cluster = *cluster;
          t.definition = **d;
          t.task = new_task(scope, *cluster, t.id, **d, request, ctx, cidr_block);
          t.endpoint = "http://" + (ctx.host.empty() ? std::string("127.0.0.1:4566") : ctx.host);
          t.token = random_hex(32);
          if (auto w = tables.put_task(t); !w) return w.failure();
          out.tasks.push_back(t.task);
          created.push_back(std::move(t));
        }
        return out;
      });
  if (!response) return response.failure();
  for (auto& t : created) supervisor_->start(std::move(t));
  return response;
}

core::Result<aws::ecs::DescribeTasksResponse> EcsService::describe_tasks(
    const CallContext& ctx, const aws::ecs::DescribeTasksRequest& request) {
  const Scope scope = scope_of(ctx);
  if (request.tasks.empty()) return invalid_parameter("Tasks cannot be empty.");
  if (request.tasks.size() > 100) return invalid_parameter("Tasks cannot have more than 100 elements");
  bool tags = false;
  for (const auto& i : request.include) tags = tags || i == "TAGS";
  return house_.db.transaction<aws::ecs::DescribeTasksResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::DescribeTasksResponse> {
        EcsTables tables(tx, scope);
        auto cluster = active_cluster(tables, scope, request.cluster);
        if (!cluster) return cluster.failure();
        aws::ecs::DescribeTasksResponse out;
        for (const auto& reference : request.tasks) {
          auto id = task_id(scope, reference);
          std::optional<StoredTask> found;
          if (id) {
            auto t = tables.task(*id);
            if (!t) return t.failure();
            if (*t && (*t)->cluster == *cluster) found = std::move(*t);
          }
          if (!found) {
            out.failures.push_back(
                {.arn = reference.starts_with("arn:") ? reference : task_arn(scope, *cluster, reference),
                 .reason = "MISSING",
                 .detail = ""});
            continue;
          }
          if (!tags) found->task.tags.clear();
          out.tasks.push_back(std::move(found->task));
        }
        return out;
      });
}

core::Result<aws::ecs::ListTasksResponse> EcsService::list_tasks(const CallContext& ctx,
                                                                 const aws::ecs::ListTasksRequest& request) {
  const Scope scope = scope_of(ctx);
  int max = request.max_results.value_or(100);
  if (max < 1 || max > 100) return invalid_parameter("maxResults must be between 1 and 100.");
  std::string desired = request.desired_status.value_or("RUNNING");
  if (desired != "RUNNING" && desired != "PENDING" && desired != "STOPPED")
    return invalid_parameter("desiredStatus must be one of RUNNING, PENDING, STOPPED.");
  if (request.launch_type && *request.launch_type != "FARGATE" && *request.launch_type != "EC2" &&
      *request.launch_type != "EXTERNAL")
    return invalid_parameter("launchType must be one of EC2, FARGATE, EXTERNAL.");
  std::string after;
  if (request.next_token) {
    auto position = read_page_token("ecs.ListTasks", *request.next_token);
    if (!position) return invalid_parameter("Invalid token");
    after = *position;
  }
  return house_.db.transaction<aws::ecs::ListTasksResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::ListTasksResponse> {
        EcsTables tables(tx, scope);
        auto cluster = active_cluster(tables, scope, request.cluster);
        if (!cluster) return cluster.failure();
        aws::ecs::ListTasksResponse out;
        auto started_by = request.started_by;
        if (request.service_name) {
          // A service's tasks are its deployment's: the ones it started.
          auto name = *request.service_name;
          if (name.starts_with("arn:") && name.rfind('/') != std::string::npos) name = name.substr(name.rfind('/') + 1);
          auto s = tables.service(*cluster, name);
          if (!s) return s.failure();
          if (!*s || (*s)->deployments.empty()) return aws_error("ServiceNotFoundException", "Service not found.");
          started_by = (*s)->deployments.front().id;
        }
        if (request.launch_type && *request.launch_type != "FARGATE") return out;
        auto ids =
            tables.task_ids(*cluster, desired, request.family, started_by, after, static_cast<std::size_t>(max) + 1);
        if (!ids) return ids.failure();
        for (std::size_t i = 0; i < ids->size() && i < static_cast<std::size_t>(max); ++i)
          out.task_arns.push_back(task_arn(scope, *cluster, (*ids)[i].second));
        if (ids->size() > static_cast<std::size_t>(max))
          out.next_token = page_token("ecs.ListTasks", (*ids)[static_cast<std::size_t>(max) - 1].first);
        return out;
      });
}

core::Result<aws::ecs::StopTaskResponse> EcsService::stop_task(const CallContext& ctx,
                                                               const aws::ecs::StopTaskRequest& request) {
  const Scope scope = scope_of(ctx);
  if (request.reason && request.reason->size() > 255)
    return invalid_parameter("reason must be at most 255 characters.");
  auto id = task_id(scope, request.task);
  std::optional<std::string> stopping;
  auto out =
      house_.db.transaction<aws::ecs::StopTaskResponse>([&](store::Tx& tx) -> core::Result<aws::ecs::StopTaskResponse> {
        EcsTables tables(tx, scope);
        auto cluster = active_cluster(tables, scope, request.cluster);
        if (!cluster) return cluster.failure();
        if (!id) return invalid_parameter("The referenced task was not found.");
        auto t = tables.task(*id);
        if (!t) return t.failure();
        if (!*t || (*t)->cluster != *cluster) return invalid_parameter("The referenced task was not found.");
        auto& task = (*t)->task;
        if (task.desired_status != "STOPPED") {
          task.desired_status = "STOPPED";
          task.stop_code = "UserInitiated";
          task.stopped_reason = request.reason.value_or("Task stopped by user");
          task.stopping_at = ctx.now;
          ++task.version;
          if (auto w = tables.put_task(**t); !w) return w.failure();
          stopping = *id;
        }
        return aws::ecs::StopTaskResponse{task};
      });
  if (out && stopping) supervisor_->stop(scope, *stopping);
  return out;
}

}  // namespace hoplite::local::ecs
