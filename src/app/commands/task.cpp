#include "app/commands/task.hpp"

#include <exception>
#include <memory>
#include <ostream>

#include "app/commands.hpp"
#include "hoplite/app/run.hpp"

namespace hoplite::app {

void add_tasks(CLI::App& app, CommandEnv& env) {
  for (const Task& task : env.service.tasks()) {
    CLI::App* sub = app.add_subcommand(task.name, task.summary);
    sub->group(kTasksGroup);
    // Everything after the task name belongs to the task, flags included (only -h/--help is
    // ours): the container's command line is the task's command line.
    sub->prefix_command();
    sub->fallthrough(false);
    const std::string name = task.name;
    env.on_run(sub, CommandKind::task, [&env, sub, name] {
      return run_task(env, TaskOptions{name, sub->remaining()});
    });
  }
}

int task_exit_code(const std::string& task, int returned) {
  if (returned >= 0 && returned <= 255) return returned;
  core::log::error("task '{}' returned {}, which is not an exit code (0-255); exiting with 1", task, returned);
  return kExitFailure;
}

int run_task(CommandEnv& env, const TaskOptions& options) {
  const Task* task = env.service.find_task(options.task);
  if (task == nullptr) {
    core::log::error("no task named '{}'", options.task);
    return kExitUsage;
  }
  TaskContext ctx({.service_name = env.service.name(),
                   .task_name = task->name,
                   .args = options.args,
                   .environment = env.environment(),
                   .globals = env.globals,
                   .out = &env.out,
                   .err = &env.err,
                   .build_id = [&env] { return env.build_id().value; }});
  int returned = kExitFailure;
  try {
    returned = task->fn(ctx);
  } catch (const std::exception& e) {
    env.out.flush();
    ctx.log().error("task failed: {}", e.what());
    return kExitFailure;
  } catch (...) {
    env.out.flush();
    ctx.log().error("task failed: an exception that is not a std::exception");
    return kExitFailure;
  }
  env.out.flush();
  return task_exit_code(task->name, returned);
}

}  // namespace hoplite::app
