#include "local/runtime/runtime_spec.hpp"

namespace hoplite::local::runtime {
namespace {

using nlohmann::json;

json mount(std::string destination, std::string type, std::string source, std::vector<std::string> options) {
  json m{{"destination", std::move(destination)}, {"type", std::move(type)}, {"source", std::move(source)}};
  if (!options.empty()) m["options"] = std::move(options);
  return m;
}

}  // namespace

json runtime_spec(const ContainerSpec& spec, const std::filesystem::path& rootfs) {
  const json caps = json::array({"CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"});
  json process{{"terminal", false},
               {"user", {{"uid", spec.uid}, {"gid", spec.gid}}},
               {"args", spec.args},
               {"env", spec.env},
               {"cwd", spec.cwd.empty() ? std::string("/") : spec.cwd},
               {"capabilities",
                {{"bounding", caps},
                 {"effective", caps},
                 {"inheritable", json::array()},
                 {"permitted", caps},
                 {"ambient", caps}}},
               {"noNewPrivileges", true}};
  json mounts = json::array({
      mount("/proc", "proc", "proc", {}),
      mount("/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}),
      mount("/dev/pts", "devpts", "devpts", {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}),
      mount("/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}),
      mount("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}),
      mount("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}),
      mount("/tmp", "tmpfs", "tmpfs", {"nosuid", "nodev", "mode=1777"}),
  });
  json resources = json::object();
  if (spec.memory_bytes) resources["memory"] = {{"limit", *spec.memory_bytes}};
  if (spec.cpu_units) {
    // ECS cpu units → a CFS quota of that share of one CPU per 100 ms period (1024 = one vCPU),
    // and proportional shares.
    resources["cpu"] = {{"shares", *spec.cpu_units}, {"period", 100000}, {"quota", *spec.cpu_units * 100000 / 1024}};
  }
  json linux{
      {"namespaces", json::array({{{"type", "pid"}}, {{"type", "ipc"}}, {{"type", "uts"}}, {{"type", "mount"}}})},
      {"maskedPaths",
       {"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"}},
      {"readonlyPaths", {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}}};
  if (!resources.empty()) linux["resources"] = std::move(resources);
  return json{{"ociVersion", "1.0.0"},
              {"process", std::move(process)},
              {"root", {{"path", rootfs.string()}, {"readonly", false}}},
              {"hostname", spec.hostname},
              {"mounts", std::move(mounts)},
              {"linux", std::move(linux)}};
}

}  // namespace hoplite::local::runtime
