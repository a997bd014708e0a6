// ECS task definitions: RegisterTaskDefinition (revisions, Fargate checks), Describe,
// Deregister, ListTaskDefinitions.
#include <charconv>
#include <set>

#include "hoplite/fargate/task_sizes.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/ecs/ecs_state.hpp"
#include "local/paging.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ecs {
namespace {

using aws::ecs::TaskDefinition;

/// A task-level size as ECS reads it: a number of units/MiB, or "N vCPU" / "N GB".
std::optional<int> task_size(const std::string& text, std::string_view unit, int per_unit) {
  std::string_view s = text;
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  int factor = 1;
  if (s.size() > unit.size() && s.substr(s.size() - unit.size()) == unit) {
    s.remove_suffix(unit.size());
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    factor = per_unit;
  }
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || v <= 0 || v * factor > 1'000'000)
    return std::nullopt;
  return static_cast<int>(v * factor);
}

bool valid_container_name(std::string_view name) { return valid_family(name); }

bool contains(const std::vector<std::string>& v, std::string_view s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

core::Result<void> check_definition(aws::ecs::RegisterTaskDefinitionRequest& r) {
  if (!valid_family(r.family))
    return client_error(
        "Family contains invalid characters or is too long: up to 255 letters (uppercase and lowercase), numbers, "
        "hyphens, and underscores are allowed.");
  if (r.container_definitions.empty()) return client_error("Container list cannot be empty.");
  if (r.container_definitions.size() > 10)
    return client_error("Too many containers: a task definition can have at most 10.");
  std::set<std::string> names;
  bool uses_awslogs = false;
  for (auto& c : r.container_definitions) {
    if (c.name.empty()) return client_error("Container.name should not be null or empty.");
    if (!valid_container_name(c.name))
      return client_error(
          "Container.name contains invalid characters: up to 255 letters (uppercase and lowercase), "
          "numbers, hyphens, and underscores are allowed.");
    if (!names.insert(c.name).second) return client_error("Duplicate container names are not allowed.");
    if (c.image.empty()) return client_error("Container.image should not be null or empty.");
    if (c.image.size() > 2048) return client_error("Container.image is longer than 2048 characters.");
    if (!c.essential) c.essential = true;
    if (c.log_configuration && c.log_configuration->log_driver == "awslogs") {
      uses_awslogs = true;
      if (!c.log_configuration->options.contains("awslogs-group"))
        return client_error("Log driver awslogs requires options: awslogs-group");
    }
    if (c.stop_timeout && (*c.stop_timeout < 2 || *c.stop_timeout > 120))
      return client_error("stopTimeout must be between 2 and 120 seconds.");
  }
  bool essential = false;
  for (const auto& c : r.container_definitions) essential = essential || c.essential.value_or(true);
  if (!essential) return client_error("At least one essential container is required.");

  for (const auto& compat : r.requires_compatibilities)
    if (compat != "EC2" && compat != "FARGATE" && compat != "EXTERNAL")
      return client_error("Invalid compatibility: " + compat.substr(0, 64));
  if (r.network_mode && *r.network_mode != "awsvpc" && *r.network_mode != "bridge" && *r.network_mode != "host" &&
      *r.network_mode != "none")
    return client_error("Invalid networkMode: " + r.network_mode->substr(0, 64));

  std::optional<int> cpu, memory;
  if (r.cpu) {
    cpu = task_size(*r.cpu, "vCPU", 1024);
    if (!cpu) return client_error("Invalid 'cpu' setting for task.");
    r.cpu = std::to_string(*cpu);
  }
  if (r.memory) {
    memory = task_size(*r.memory, "GB", 1024);
    if (!memory) return client_error("Invalid 'memory' setting for task.");
    r.memory = std::to_string(*memory);
  }
  if (contains(r.requires_compatibilities, "FARGATE")) {
    if (r.network_mode.value_or("") != "awsvpc")
      return client_error("Fargate only supports network mode \u2018awsvpc\u2019.");
    if (!cpu) return client_error("Fargate requires that 'cpu' be defined at the task level.");
    if (!memory) return client_error("Fargate requires that 'memory' be defined at the task level.");
    if (!fargate::is_valid_task_size(*cpu, *memory))
      return client_error("No Fargate configuration exists for given values: " + std::to_string(*cpu) + " CPU, " +
                          std::to_string(*memory) + " memory. See the Amazon ECS documentation for the valid values.");
    if (uses_awslogs && !r.execution_role_arn)
      return client_error("Fargate requires task definition to have execution role ARN to support log driver awslogs.");
  }
  if (r.tags.size() > 50) return invalid_parameter("Too many tags: at most 50 are allowed.");
  return core::ok();
}

core::Failure unable_to_describe() { return client_error("Unable to describe task definition."); }

}  // namespace

core::Result<aws::ecs::TaskDefinitionResponse> EcsService::register_task_definition(
    const CallContext& ctx, const aws::ecs::RegisterTaskDefinitionRequest& request) {
  const Scope scope = scope_of(ctx);
  auto r = request;
  if (auto ok = check_definition(r); !ok) return ok.failure();
  return house_.db.transaction<aws::ecs::TaskDefinitionResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::TaskDefinitionResponse> {
        EcsTables tables(tx, scope);
        auto last = tables.last_revision(r.family);
        if (!last) return last.failure();
        TaskDefinition d{.task_definition_arn = task_definition_arn(scope, r.family, *last + 1),
                         .container_definitions = r.container_definitions,
                         .family = r.family,
                         .task_role_arn = r.task_role_arn,
                         .execution_role_arn = r.execution_role_arn,
                         .network_mode = r.network_mode,
                         .revision = *last + 1,
                         .status = "ACTIVE",
                         .compatibilities = {"EC2"},
                         .requires_compatibilities = r.requires_compatibilities,
                         .cpu = r.cpu,
                         .memory = r.memory,
                         .runtime_platform = r.runtime_platform,
                         .registered_at = ctx.now,
                         .deregistered_at = std::nullopt,
                         .registered_by = ctx.principal.arn};
        if (d.network_mode.value_or("") == "awsvpc" && d.cpu && d.memory) d.compatibilities.emplace_back("FARGATE");
        if (auto w = tables.put_task_definition(d, r.tags); !w) return w.failure();
        return aws::ecs::TaskDefinitionResponse{std::move(d), r.tags};
      });
}

core::Result<aws::ecs::TaskDefinitionResponse> EcsService::describe_task_definition(
    const CallContext& ctx, const aws::ecs::DescribeTaskDefinitionRequest& request) {
  const Scope scope = scope_of(ctx);
  auto ref = parse_task_definition(scope, request.task_definition);
  if (!ref) return unable_to_describe();
  bool tags = false;
  for (const auto& i : request.include) tags = tags || i == "TAGS";
  return house_.db.transaction<aws::ecs::TaskDefinitionResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::TaskDefinitionResponse> {
        EcsTables tables(tx, scope);
        auto d = tables.task_definition(ref->family, ref->revision);
        if (!d) return d.failure();
        if (!*d) return unable_to_describe();
        aws::ecs::TaskDefinitionResponse out{std::move(**d), {}};
        if (tags) {
          auto t = tables.task_definition_tags(out.task_definition.family, out.task_definition.revision);
          if (!t) return t.failure();
          out.tags = std::move(*t);
        }
        return out;
      });
}

core::Result<aws::ecs::TaskDefinitionResponse> EcsService::deregister_task_definition(
    const CallContext& ctx, const aws::ecs::DeregisterTaskDefinitionRequest& request) {
  const Scope scope = scope_of(ctx);
  auto ref = parse_task_definition(scope, request.task_definition);
  if (!ref) return client_error("The specified task definition does not exist.");
  if (!ref->revision) return client_error("Invalid revision number. Number: " + request.task_definition.substr(0, 64));
  return house_.db.transaction<aws::ecs::TaskDefinitionResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::TaskDefinitionResponse> {
        EcsTables tables(tx, scope);
        auto d = tables.task_definition(ref->family, ref->revision);
        if (!d) return d.failure();
        if (!*d) return client_error("The specified task definition does not exist.");
        if ((*d)->status == "ACTIVE") {
          (*d)->status = "INACTIVE";
          (*d)->deregistered_at = ctx.now;
          auto tags = tables.task_definition_tags(ref->family, *ref->revision);
          if (!tags) return tags.failure();
          if (auto w = tables.put_task_definition(**d, *tags); !w) return w.failure();
        }
        return aws::ecs::TaskDefinitionResponse{std::move(**d), {}};
      });
}

core::Result<aws::ecs::ListTaskDefinitionsResponse> EcsService::list_task_definitions(
    const CallContext& ctx, const aws::ecs::ListTaskDefinitionsRequest& request) {
  const Scope scope = scope_of(ctx);
  int max = request.max_results.value_or(100);
  if (max < 1 || max > 100) return invalid_parameter("maxResults must be between 1 and 100.");
  std::string status = request.status.value_or("ACTIVE");
  if (status != "ACTIVE" && status != "INACTIVE" && status != "DELETE_IN_PROGRESS")
    return invalid_parameter("status must be one of ACTIVE, INACTIVE, DELETE_IN_PROGRESS.");
  std::string sort = request.sort.value_or("ASC");
  if (sort != "ASC" && sort != "DESC") return invalid_parameter("sort must be ASC or DESC.");
  std::string after;
  if (request.next_token) {
    auto position = read_page_token("ecs.ListTaskDefinitions", *request.next_token);
    if (!position) return invalid_parameter("Invalid token");
    after = *position;
  }
  return house_.db.transaction<aws::ecs::ListTaskDefinitionsResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::ListTaskDefinitionsResponse> {
        EcsTables tables(tx, scope);
        auto rows = tables.task_definition_arns(request.family_prefix.value_or(""), status, sort == "DESC", after,
                                                static_cast<std::size_t>(max) + 1);
        if (!rows) return rows.failure();
        aws::ecs::ListTaskDefinitionsResponse out;
        for (std::size_t i = 0; i < rows->size() && i < static_cast<std::size_t>(max); ++i)
          out.task_definition_arns.push_back((*rows)[i].second);
        if (rows->size() > static_cast<std::size_t>(max))
          out.next_token = page_token("ecs.ListTaskDefinitions", (*rows)[static_cast<std::size_t>(max) - 1].first);
        return out;
      });
}

}  // namespace hoplite::local::ecs
