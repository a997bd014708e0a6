#include "app/commands/logs.hpp"

#include <algorithm>
#include <ostream>
#include <set>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/commands/execute.hpp"
#include "app/stack_lookup.hpp"
#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/logs.hpp"
#include "hoplite/aws/sfn.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/terminal_text.hpp"
#include "hoplite/core/time_format.hpp"

namespace hoplite::app {

void add_logs(CLI::App& app, CommandEnv& env) {
  auto options = std::make_shared<LogsOptions>();
  CLI::App* sub = app.add_subcommand("logs", "Print the task's log lines from CloudWatch Logs");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  sub->add_flag("-f,--follow", options->follow, "Keep printing new lines until interrupted");
  sub->add_option_function<std::string>(
         "--since", [options](const std::string& v) { options->since = core::parse_duration(v).value(); },
         "Lines from this long ago on, e.g. 90s, 10m, 2h (default 10m)")
      ->check([](const std::string& v) {
        return core::parse_duration(v) ? std::string() : "'" + v + "' is not a duration such as 90s, 10m or 2h";
      })
      ->type_name("DURATION");
  sub->add_option("--execution", options->execution, "Only the lines of this execution's task(s)")->type_name("ARN");
  sub->add_option("--log-group", options->log_group, "Logical id of the log group, when the stack has several")
      ->type_name("LOGICAL_ID");
  env.on_run(sub, CommandKind::quiet, [&env, options] { return run_logs(env, *options); });
}

CommandResult run_logs(CommandEnv& env, const LogsOptions& options) {
  auto session = env.aws();
  if (!session) return session.failure();
  const aws::ClientConfig& config = (*session)->config();
  aws::cloudformation::Client cfn(config);
  auto group = stack_resource_id(cfn, env.service.name(), "AWS::Logs::LogGroup", options.log_group);
  if (!group) return group.failure();

  aws::logs::FilterLogEventsRequest req{.log_group_name = *group};
  req.start_time_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>((config.clock.now() - options.since).time_since_epoch())
          .count();
  if (!options.execution.empty()) {
    // The execution's ECS tasks: their ids end the awslogs stream names (prefix/container/task-id).
    aws::sfn::Client sfn(config);
    auto history = sfn.get_execution_history_all({.execution_arn = options.execution});
    if (!history) return history.failure("reading the history of " + options.execution);
    std::set<std::string> task_ids;
    for (const auto& e : *history) {
      const auto at = e.details.find("arn:aws:ecs:");
      if (at == std::string::npos) continue;
      const auto task = e.details.find(":task/", at);
      if (task == std::string::npos) continue;
      std::string rest = e.details.substr(task + 6, 200);
      rest = rest.substr(0, rest.find_first_of("\"\\,}"));
      const auto slash = rest.rfind('/');
      task_ids.insert(slash == std::string::npos ? rest : rest.substr(slash + 1));
    }
    if (task_ids.empty()) {
      core::log::info("execution {} ran no ECS task (yet)", options.execution);
      return kExitOk;
    }
    aws::logs::Client logs(config);
    auto streams = logs.describe_log_streams_all({.log_group_name = *group});
    if (!streams) return streams.failure("listing the streams of " + *group);
    for (const auto& s : *streams) {
      for (const auto& id : task_ids)
        if (s.log_stream_name.ends_with("/" + id)) req.log_stream_names.push_back(s.log_stream_name);
    }
    if (req.log_stream_names.empty()) {
      core::log::info("no log lines of execution {} yet", options.execution);
      if (!options.follow) return kExitOk;
    }
  }

  aws::logs::Client logs(config);
  std::set<std::string> seen;
  for (;;) {
    auto events = logs.filter_log_events_all(req);
    if (!events) return events.failure("reading " + *group);
    std::stable_sort(events->begin(), events->end(),
                     [](const auto& a, const auto& b) { return a.timestamp_ms < b.timestamp_ms; });
    for (const auto& e : *events) {
      const std::string key =
          e.event_id.empty() ? e.log_stream_name + std::to_string(e.timestamp_ms) + e.message : e.event_id;
      if (!seen.insert(key).second) continue;
      std::string message = core::terminal_safe(e.message, 16 * 1024);
      while (!message.empty() && message.back() == '\n') message.pop_back();
      const auto t = core::TimePoint{} + std::chrono::milliseconds(e.timestamp_ms);
      env.out << core::format_iso8601_millis(t) << ' ' << core::terminal_safe(e.log_stream_name, 512) << ' ' << message
              << '\n';
    }
    env.out.flush();
    if (!env.out) return finish_output(env, "logs");
    if (!options.follow) return finish_output(env, "logs");
    if (!events->empty()) req.start_time_ms = std::max<std::int64_t>(*req.start_time_ms, events->back().timestamp_ms);
    config.clock.sleep_for(std::chrono::milliseconds(1000));
  }
}

}  // namespace hoplite::app
