#include "local/ecs/task_plan.hpp"

#include <charconv>

namespace hoplite::local::ecs {
namespace {

/// `NAME=value` entries with later names replacing earlier ones, first-seen order kept.
class Environment {
 public:
  void set(std::string_view name, std::string_view value) {
    for (auto& [n, v] : entries_)
      if (n == name) {
        v = std::string(value);
        return;
      }
    entries_.emplace_back(std::string(name), std::string(value));
  }
  void set_entry(std::string_view entry) {
    auto eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) return;
    set(entry.substr(0, eq), entry.substr(eq + 1));
  }
  [[nodiscard]] bool has(std::string_view name) const {
    for (const auto& e : entries_)
      if (e.first == name) return true;
    return false;
  }
  [[nodiscard]] std::vector<std::string> lines() const {
    std::vector<std::string> out;
    out.reserve(entries_.size());
    for (const auto& [n, v] : entries_) out.push_back(n + "=" + v);
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

std::optional<std::uint32_t> number(std::string_view s) {
  std::uint32_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::int64_t> as_int(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc{} || end != s->data() + s->size() || v <= 0) return std::nullopt;
  return v;
}

const aws::ecs::ContainerOverride* override_for(const aws::ecs::TaskOverride& o, const std::string& name) {
  for (const auto& c : o.container_overrides)
    if (c.name && *c.name == name) return &c;
  return nullptr;
}

}  // namespace

core::Result<runtime::ContainerSpec> plan_container(const aws::ecs::TaskDefinition& definition,
                                                    const aws::ecs::ContainerDefinition& container,
                                                    const aws::ecs::TaskOverride& overrides,
                                                    const oci::ImageConfig& image, const TaskEnvironment& env) {
  runtime::ContainerSpec spec;
  const auto* over = override_for(overrides, container.name);

  const auto& entry_point = container.entry_point.empty() ? image.config.entrypoint : container.entry_point;
  std::vector<std::string> command;
  if (over != nullptr && over->command) {
    command = *over->command;
  } else if (!container.command.empty()) {
    command = container.command;
  } else if (container.entry_point.empty()) {
    command = image.config.cmd;  // a new entryPoint resets the image's CMD, as in Docker
  }
  spec.args = entry_point;
  spec.args.insert(spec.args.end(), command.begin(), command.end());
  if (spec.args.empty())
    return core::fail("ecs.start", "CannotStartContainerError: container " + container.name +
                                       " has no command: neither the task definition nor the image sets one");

  Environment e;
  e.set("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  for (const auto& line : image.config.env) e.set_entry(line);
  for (const auto& kv : container.environment) e.set(kv.name, kv.value);
  if (over != nullptr)
    for (const auto& kv : over->environment) e.set(kv.name, kv.value);
  e.set("AWS_REGION", env.region);
  e.set("AWS_DEFAULT_REGION", env.region);
  e.set("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE");
  for (const auto& [name, value] : env.platform) e.set(name, value);
  e.set("HOSTNAME", "ip-" + env.task_id.substr(0, 12));
  spec.env = e.lines();
  spec.hostname = "ip-" + env.task_id.substr(0, 12);

  spec.cwd = container.working_directory ? *container.working_directory
                                         : (image.config.working_dir.empty() ? "/" : image.config.working_dir);
  std::string user = container.user ? *container.user : image.config.user;
  if (!user.empty()) {
    std::string_view u = user, g;
    if (auto colon = u.find(':'); colon != std::string_view::npos) {
      g = u.substr(colon + 1);
      u = u.substr(0, colon);
    }
    auto uid = u == "root" ? std::optional<std::uint32_t>(0) : number(u);
    auto gid = g.empty() ? uid : (g == "root" ? std::optional<std::uint32_t>(0) : number(g));
    // Names would have to be looked up in the image's /etc/passwd; reading a file of an
    // untrusted root filesystem safely is not worth it for a local cloud: ask for numbers.
    if (!uid || !gid)
      return core::fail("ecs.start", "CannotStartContainerError: container " + container.name + ": user '" +
                                         user.substr(0, 64) +
                                         "' is not numeric; the local cloud runs containers as uid[:gid] or root");
    spec.uid = *uid;
    spec.gid = *gid;
  }

  auto memory = container.memory ? std::optional<std::int64_t>(*container.memory) : as_int(overrides.memory);
  if (!memory) memory = as_int(definition.memory);
  if (over != nullptr && over->memory) memory = *over->memory;
  if (memory) spec.memory_bytes = *memory * 1024 * 1024;
  auto cpu = as_int(overrides.cpu);
  if (!cpu) cpu = as_int(definition.cpu);
  if (cpu) spec.cpu_units = *cpu;
  return spec;
}

std::optional<LogDestination> log_destination(const aws::ecs::ContainerDefinition& container,
                                              const TaskEnvironment& env) {
  const auto& log = container.log_configuration;
  if (!log || log->log_driver != "awslogs") return std::nullopt;
  auto group = log->options.find("awslogs-group");
  if (group == log->options.end()) return std::nullopt;
  auto region = log->options.find("awslogs-region");
  auto prefix = log->options.find("awslogs-stream-prefix");
  LogDestination d{.account = env.account,
                   .region = region != log->options.end() ? region->second : env.region,
                   .group = group->second,
                   .stream = {}};
  // With a prefix: prefix/container-name/task-id (Fargate requires the prefix).
  d.stream = prefix != log->options.end() ? prefix->second + "/" + container.name + "/" + env.task_id : env.task_id;
  return d;
}

}  // namespace hoplite::local::ecs
