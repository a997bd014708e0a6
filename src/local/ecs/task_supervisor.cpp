#include "local/ecs/task_supervisor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hoplite/core/log.hpp"
#include "local/ecs/task_plan.hpp"

namespace hoplite::local::ecs {
namespace {

using SteadyClock = std::chrono::steady_clock;

/// awslogs splits a line longer than CloudWatch's event limit (256 KiB less the 26-byte overhead).
constexpr std::size_t kMaxEventBytes = 256 * 1024 - 26;

int pidfd_open(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

std::string key_of(const Scope& s, const std::string& id) { return s.account + "/" + s.region + "/" + id; }

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 255;
}

}  // namespace

std::string runtime_id(const std::string& task_id, std::size_t index) {
  return "hoplite-" + task_id + "-" + std::to_string(index);
}

struct TaskSupervisor::Container {
  std::string name;
  std::string runtime_id;
  bool essential = true;
  std::chrono::seconds stop_timeout{kDefaultStopTimeoutSeconds};
  runtime::Started started;
  int pidfd = -1;
  bool exited = false;
  int exit_code = 0;
  std::string partial[2];  ///< stdout, stderr: the unfinished last line
  std::optional<LogDestination> log;
  bool create_group = false;
  std::vector<LogLine> pending;
  std::optional<SteadyClock::time_point> kill_at;
  std::filesystem::path work_dir;
};

struct TaskSupervisor::Running {
  Scope scope;
  std::string id;
  std::vector<Container> containers;
  bool stopping = false;
};

TaskSupervisor::TaskSupervisor(SupervisorOptions options) : options_(std::move(options)) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("local ecs: cannot create a pipe");
  wake_read_ = fds[0];
  wake_write_ = fds[1];
  thread_ = std::thread([this] { loop(); });
}

TaskSupervisor::~TaskSupervisor() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake();
  thread_.join();
  close_fd(wake_read_);
  close_fd(wake_write_);
}

void TaskSupervisor::start(StoredTask task) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(Command{.kind = Command::start, .task = std::move(task), .scope = {}, .id = {}});
  }
  wake();
}

void TaskSupervisor::stop(const Scope& scope, const std::string& id) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(Command{.kind = Command::stop, .task = {}, .scope = scope, .id = id});
  }
  wake();
}

void TaskSupervisor::wake() {
  char c = 1;
  (void)!::write(wake_write_, &c, 1);
}

void TaskSupervisor::fail_to_start(const StoredTask& task, const std::string& reason) {
  auto now = options_.clock->now();
  (void)options_.update(task.scope, task.id, [&](aws::ecs::Task& t) {
    t.last_status = "STOPPED";
    t.desired_status = "STOPPED";
    t.stop_code = "TaskFailedToStart";
    t.stopped_reason = reason;
    if (!t.stopping_at) t.stopping_at = now;
    t.execution_stopped_at = now;
    t.stopped_at = now;
    if (t.connectivity) t.connectivity = "DISCONNECTED";
    for (auto& c : t.containers) {
      c.last_status = "STOPPED";
      c.reason = reason;
    }
  });
}

void TaskSupervisor::launch(StoredTask task) {
  auto now = options_.clock->now();
  auto pending = options_.update(task.scope, task.id, [&](aws::ecs::Task& t) {
    t.last_status = "PENDING";
    t.pull_started_at = now;
  });
  if (!pending) return;
  if (pending->desired_status == "STOPPED") {
    // StopTask came first: the task stops without running, keeping the user's code and reason.
    (void)options_.update(task.scope, task.id, [&](aws::ecs::Task& t) {
      t.last_status = "STOPPED";
      t.stopped_at = t.execution_stopped_at = now;
      for (auto& c : t.containers) c.last_status = "STOPPED";
    });
    return;
  }
  if (auto why = options_.runtime->unusable()) return fail_to_start(task, "ResourceInitializationError: " + *why);

  const auto& defs = task.definition.container_definitions;
  std::vector<CachedImage> images;
  for (const auto& def : defs) {
    std::unique_ptr<ImageStore> store;
    if (options_.local_images) store = options_.local_images(task.scope.account, task.scope.region, def.image);
    std::optional<oci::Credentials> login;
    if (!store && options_.registry_credentials)
      login = options_.registry_credentials(task.scope.account, task.scope.region, def.image);
    auto image = options_.images->get(def.image, std::move(login), store.get());
    if (!image) return fail_to_start(task, image.error().message);
    images.push_back(std::move(*image));
  }
  auto pulled = options_.clock->now();

  TaskEnvironment env{.region = task.scope.region, .account = task.scope.account, .task_id = task.id, .platform = {}};
  if (options_.platform_env) env.platform = options_.platform_env(task);
  auto running = std::make_unique<Running>();
  running->scope = task.scope;
  running->id = task.id;
  auto abandon = [&](const std::string& reason) {
    for (auto& c : running->containers) {
      (void)options_.runtime->kill(c.runtime_id, c.started.pid, SIGKILL);
      int status = 0;
      ::waitpid(c.started.pid, &status, 0);
      close_fd(c.started.stdout_fd);
      close_fd(c.started.stderr_fd);
      close_fd(c.pidfd);
      options_.runtime->remove(c.runtime_id);
      std::error_code ec;
      std::filesystem::remove_all(c.work_dir, ec);
    }
    fail_to_start(task, reason);
  };
  for (std::size_t i = 0; i < defs.size(); ++i) {
    auto spec = plan_container(task.definition, defs[i], task.task.overrides, images[i].config, env);
    if (!spec) return abandon(spec.error().message);
    Container c;
    c.name = defs[i].name;
    c.runtime_id = runtime_id(task.id, i);
    c.essential = defs[i].essential.value_or(true);
    c.stop_timeout = std::chrono::seconds(defs[i].stop_timeout.value_or(kDefaultStopTimeoutSeconds));
    c.log = log_destination(defs[i], env);
    if (defs[i].log_configuration) {
      auto create = defs[i].log_configuration->options.find("awslogs-create-group");
      c.create_group = create != defs[i].log_configuration->options.end() && create->second == "true";
    }
    c.work_dir = options_.work_dir / task.id / std::to_string(i);
    std::error_code ec;
    std::filesystem::remove_all(c.work_dir, ec);
    spec->id = c.runtime_id;
    spec->image_rootfs = images[i].rootfs;
    spec->work_dir = c.work_dir;
    auto started = options_.runtime->start(*spec);
    if (!started) return abandon("CannotStartContainerError: " + started.error().message);
    c.started = *started;
    c.pidfd = pidfd_open(c.started.pid);
    running->containers.push_back(std::move(c));
    if (running->containers.back().pidfd < 0) return abandon("CannotStartContainerError: pidfd_open failed");
  }

  auto started_at = options_.clock->now();
  auto updated = options_.update(task.scope, task.id, [&](aws::ecs::Task& t) {
    t.last_status = "RUNNING";
    t.pull_stopped_at = pulled;
    t.started_at = started_at;
    t.connectivity = "CONNECTED";
    t.connectivity_at = started_at;
    for (std::size_t i = 0; i < t.containers.size() && i < running->containers.size(); ++i) {
      t.containers[i].last_status = "RUNNING";
      t.containers[i].runtime_id = running->containers[i].runtime_id;
      t.containers[i].image_digest = images[i].digest;
    }
  });
  bool stop_now = updated && updated->desired_status == "STOPPED";
  auto& slot = running_[key_of(task.scope, task.id)];
  slot = std::move(running);
  if (stop_now) begin_stop(*slot, SteadyClock::now());
}

void TaskSupervisor::begin_stop(Running& task, SteadyClock::time_point now) {
  if (task.stopping) return;
  task.stopping = true;
  for (auto& c : task.containers) {
    if (c.exited) continue;
    (void)options_.runtime->kill(c.runtime_id, c.started.pid, SIGTERM);
    c.kill_at = now + c.stop_timeout;
  }
}

void TaskSupervisor::read_output(Running& task, Container& c, int fd, bool final) {
  (void)task;
  int stream = fd == c.started.stdout_fd ? 0 : 1;
  std::string& partial = c.partial[stream];
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      auto now = options_.clock->now();
      std::string_view chunk(buf, static_cast<std::size_t>(n));
      while (!chunk.empty()) {
        auto nl = chunk.find('\n');
        if (nl == std::string_view::npos) {
          partial.append(chunk);
          break;
        }
        partial.append(chunk.substr(0, nl));
        chunk.remove_prefix(nl + 1);
        c.pending.push_back({now, std::move(partial)});
        partial.clear();
      }
      while (partial.size() > kMaxEventBytes) {
        c.pending.push_back({now, partial.substr(0, kMaxEventBytes)});
        partial.erase(0, kMaxEventBytes);
      }
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !final) return;
    break;  // end of file, an error, or nothing more after the container exited
  }
  if (!partial.empty()) {
    c.pending.push_back({options_.clock->now(), std::move(partial)});
    partial.clear();
  }
  if (stream == 0) {
    close_fd(c.started.stdout_fd);
  } else {
    close_fd(c.started.stderr_fd);
  }
}

void TaskSupervisor::finish(Running& task) {
  auto now = options_.clock->now();
  auto stopped = options_.update(task.scope, task.id, [&](aws::ecs::Task& t) {
    if (t.stop_code.empty()) {
      t.stop_code = "EssentialContainerExited";
      t.stopped_reason = "Essential container in task exited";
    }
    t.last_status = "STOPPED";
    t.desired_status = "STOPPED";
    if (!t.stopping_at) t.stopping_at = now;
    t.execution_stopped_at = now;
    t.stopped_at = now;
    t.connectivity = "DISCONNECTED";
    for (std::size_t i = 0; i < t.containers.size() && i < task.containers.size(); ++i) {
      t.containers[i].last_status = "STOPPED";
      t.containers[i].exit_code = task.containers[i].exit_code;
    }
  });
  if (!stopped) core::log::warn("ecs: cannot record the end of task {}: {}", task.id, stopped.error().to_string());
  for (auto& c : task.containers) {
    std::error_code ec;
    std::filesystem::remove_all(c.work_dir, ec);
  }
  std::error_code ec;
  std::filesystem::remove(options_.work_dir / task.id, ec);
}

void TaskSupervisor::loop() {
  std::vector<pollfd> fds;
  struct Slot {
    Running* task;
    Container* container;
    int kind;  // 0 stdout, 1 stderr, 2 pidfd
  };
  std::vector<Slot> slots;
  for (;;) {
    std::deque<Command> commands;
    bool quit = false;
    {
      std::lock_guard lock(mutex_);
      commands.swap(queue_);
      quit = quit_;
    }
    if (quit) break;
    for (auto& cmd : commands) {
      if (cmd.kind == Command::start) {
        launch(std::move(cmd.task));
      } else if (auto it = running_.find(key_of(cmd.scope, cmd.id)); it != running_.end()) {
        begin_stop(*it->second, SteadyClock::now());
      }
    }

    fds.clear();
    slots.clear();
    fds.push_back({wake_read_, POLLIN, 0});
    slots.push_back({nullptr, nullptr, -1});
    auto now = SteadyClock::now();
    std::optional<SteadyClock::time_point> next_deadline;
    for (auto& [key, task] : running_) {
      for (auto& c : task->containers) {
        if (c.started.stdout_fd >= 0) {
          fds.push_back({c.started.stdout_fd, POLLIN, 0});
          slots.push_back({task.get(), &c, 0});
        }
        if (c.started.stderr_fd >= 0) {
          fds.push_back({c.started.stderr_fd, POLLIN, 0});
          slots.push_back({task.get(), &c, 1});
        }
        if (!c.exited) {
          fds.push_back({c.pidfd, POLLIN, 0});
          slots.push_back({task.get(), &c, 2});
          if (c.kill_at && (!next_deadline || *c.kill_at < *next_deadline)) next_deadline = *c.kill_at;
        }
      }
    }
    int timeout = -1;
    if (next_deadline)
      timeout = static_cast<int>(std::max<std::int64_t>(
          0, std::chrono::duration_cast<std::chrono::milliseconds>(*next_deadline - now).count() + 1));
    int n = ::poll(fds.data(), fds.size(), timeout);
    if (n < 0 && errno != EINTR) core::log::warn("ecs: poll failed: {}", std::strerror(errno));

    if (fds[0].revents & POLLIN) {
      char buf[256];
      while (::read(wake_read_, buf, sizeof buf) > 0) {
      }
    }
    for (std::size_t i = 1; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      auto& s = slots[i];
      if (s.kind == 2) {
        int status = 0;
        if (::waitpid(s.container->started.pid, &status, WNOHANG) == s.container->started.pid) {
          s.container->exited = true;
          s.container->exit_code = exit_code_of(status);
          close_fd(s.container->pidfd);
          if (s.container->started.stdout_fd >= 0)
            read_output(*s.task, *s.container, s.container->started.stdout_fd, true);
          if (s.container->started.stderr_fd >= 0)
            read_output(*s.task, *s.container, s.container->started.stderr_fd, true);
          if (s.container->essential) begin_stop(*s.task, SteadyClock::now());
        }
      } else {
        int fd = s.kind == 0 ? s.container->started.stdout_fd : s.container->started.stderr_fd;
        if (fd >= 0) read_output(*s.task, *s.container, fd, false);
      }
    }

    now = SteadyClock::now();
    for (auto it = running_.begin(); it != running_.end();) {
      auto& task = *it->second;
      bool all_exited = true;
      for (auto& c : task.containers) {
        if (!c.exited && c.kill_at && *c.kill_at <= now) {
          (void)options_.runtime->kill(c.runtime_id, c.started.pid, SIGKILL);
          c.kill_at.reset();
        }
        if (!c.pending.empty()) {
          if (options_.logs != nullptr && c.log) options_.logs->put(*c.log, c.create_group, std::move(c.pending));
          c.pending.clear();
        }
        all_exited = all_exited && c.exited;
      }
      if (all_exited) {
        finish(task);
        it = running_.erase(it);
      } else {
        ++it;
      }
    }
  }

  // Shutting down: no container outlives the local cloud. Their tasks are settled at the next
  // start, as after a crash.
  for (auto& [key, task] : running_) {
    for (auto& c : task->containers) {
      if (c.exited) continue;
      (void)options_.runtime->kill(c.runtime_id, c.started.pid, SIGKILL);
      int status = 0;
      ::waitpid(c.started.pid, &status, 0);
      close_fd(c.pidfd);
      close_fd(c.started.stdout_fd);
      close_fd(c.started.stderr_fd);
      options_.runtime->remove(c.runtime_id);
    }
  }
  running_.clear();
}

}  // namespace hoplite::local::ecs
