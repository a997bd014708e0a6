#include "app/commands/execute.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/stack_lookup.hpp"
#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/logs.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/terminal_text.hpp"

namespace hoplite::app {
namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxInputBytes = 256 * 1024;  // Step Functions' own input limit

json parse_details(const std::string& text) {
  if (text.empty() || text.size() > 1'000'000) return json::object();
  auto j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_object() ? j : json::object();
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

core::Result<std::string> read_input(const std::string& input) {
  if (input.empty()) return std::string("{}");
  std::string text = input;
  if (input.starts_with('@')) {
    std::ifstream in(input.substr(1), std::ios::binary);
    if (!in) return core::fail("app.usage", "--input: cannot read " + input.substr(1));
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  if (text.size() > kMaxInputBytes)
    return core::fail("app.usage",
                      fmt::format("--input is {} bytes; Step Functions accepts {}", text.size(), kMaxInputBytes));
  auto j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return core::fail("app.usage", "--input is not JSON");
  return j.dump();
}

// The history after `last_id` (ids grow by one per event), all pages.
core::Result<std::vector<aws::sfn::HistoryEvent>> new_history(aws::sfn::Client& sfn, const std::string& arn,
                                                              std::int64_t last_id) {
  auto all = sfn.get_execution_history_all({.execution_arn = arn});
  if (!all) return all.failure("reading the history of " + arn);
  std::vector<aws::sfn::HistoryEvent> out;
  for (auto& e : *all)
    if (e.id > last_id) out.push_back(std::move(e));
  return out;
}

}  // namespace

std::string history_line(const aws::sfn::HistoryEvent& e) {
  const json d = parse_details(e.details);
  auto safe = [](const std::string& s) { return core::terminal_safe(s, 512); };
  const std::string& t = e.type;
  if (t.ends_with("StateEntered")) return "state entered: " + safe(str(d, "name"));
  if (t.ends_with("StateExited")) return "state exited: " + safe(str(d, "name"));
  if (t == "TaskStarted") return "task started: " + safe(str(d, "resourceType")) + ":" + safe(str(d, "resource"));
  if (t == "TaskSubmitted") return "task submitted: " + safe(str(d, "resourceType")) + ":" + safe(str(d, "resource"));
  if (t == "TaskSucceeded") return "task succeeded: " + safe(str(d, "resourceType")) + ":" + safe(str(d, "resource"));
  if (t == "TaskFailed" || t == "ExecutionFailed" || t == "TaskTimedOut" || t == "ExecutionTimedOut")
    return fmt::format("{}: {}", t, safe(str(d, "error")));
  if (t == "ExecutionSucceeded") return "execution succeeded";
  if (t == "ExecutionAborted") return "execution aborted";
  return "";
}

std::vector<TaskFailure> task_failures(const std::vector<aws::sfn::HistoryEvent>& history) {
  std::vector<TaskFailure> out;
  std::map<std::int64_t, std::string> state_of;  // event id → the state it belongs to
  std::string current;
  for (const auto& e : history) {
    const json d = parse_details(e.details);
    if (e.type.ends_with("StateEntered")) current = str(d, "name");
    state_of[e.id] = current;
    if (e.type != "TaskFailed" && e.type != "TaskTimedOut") continue;
    TaskFailure f{.state = current, .error = str(d, "error"), .cause = str(d, "cause")};
    const json cause = parse_details(f.cause);
    f.stopped_reason = str(cause, "StoppedReason");
    f.task_arn = str(cause, "TaskArn");
    if (auto c = cause.find("Containers"); c != cause.end() && c->is_array()) {
      for (const auto& container : *c) {
        auto code = container.find("ExitCode");
        if (code != container.end() && code->is_number_integer()) {
          f.exit_code = code->get<int>();
          break;
        }
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

void add_execute(CLI::App& app, CommandEnv& env) {
  auto options = std::make_shared<ExecuteOptions>();
  CLI::App* sub = app.add_subcommand("execute", "Start the state machine, follow it and show the task's logs");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  sub->add_option("--input", options->input, "The execution's input: JSON text, or @FILE (default {})")
      ->type_name("JSON|@FILE");
  sub->add_flag("--no-follow", options->no_follow, "Print the execution's ARN and return at once");
  sub->add_option("--state-machine", options->state_machine,
                  "Logical id of the state machine to start, when the stack has several")
      ->type_name("LOGICAL_ID");
  sub->add_option("--name", options->name,
                  "Name of the execution; starting again with the same name and input is the same execution")
      ->type_name("NAME");
  env.on_run(sub, CommandKind::deploy, [&env, options] { return run_execute(env, *options); });
}

CommandResult run_execute(CommandEnv& env, const ExecuteOptions& options) {
  auto input = read_input(options.input);
  if (!input) return input.failure();
  auto session = env.aws();
  if (!session) return session.failure();
  const aws::ClientConfig& config = (*session)->config();
  aws::cloudformation::Client cfn(config);
  const std::string& stack = env.service.name();
  auto machine = stack_resource_id(cfn, stack, "AWS::StepFunctions::StateMachine", options.state_machine);
  if (!machine) return machine.failure();
  if (env.globals.noop) {
    core::log::info("noop: would start {} with input {}", *machine, core::terminal_safe(*input, 512));
    return kExitOk;
  }
  // The task's log group, if the stack has exactly one (logs are a bonus, not a requirement).
  auto log_group = stack_resource_id(cfn, stack, "AWS::Logs::LogGroup");

  aws::sfn::Client sfn(config);
  aws::sfn::StartExecutionRequest req{.state_machine_arn = *machine, .input = *input};
  if (!options.name.empty()) req.name = options.name;
  auto started = sfn.start_execution(req);
  if (!started) return started.failure("starting " + *machine);
  const std::string arn = started->execution_arn;
  core::log::info("started execution {}", arn);
  if (options.no_follow) {
    env.out << arn << '\n';
    return finish_output(env, "execute");
  }

  core::Clock& clock = config.clock;
  aws::logs::Client logs(config);
  // Log lines since a little before the start (clocks of client and service differ slightly).
  const auto start_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            started->start_date.value_or(clock.now()).time_since_epoch())
                            .count() -
                        5'000;
  std::set<std::string> seen_lines;
  auto print_logs = [&]() {
    if (!log_group) return;
    auto page = logs.filter_log_events_all({.log_group_name = *log_group, .start_time_ms = start_ms});
    if (!page) {
      core::log::debug("reading {}: {}", *log_group, page.error().to_string());
      return;
    }
    for (const auto& e : *page) {
      const std::string key =
          e.event_id.empty() ? e.log_stream_name + std::to_string(e.timestamp_ms) + e.message : e.event_id;
      if (!seen_lines.insert(key).second) continue;
      std::string line = core::terminal_safe(e.message, 16 * 1024);
      while (!line.empty() && line.back() == '\n') line.pop_back();
      env.out << line << '\n' << std::flush;
    }
  };

  std::int64_t last_id = 0;
  std::vector<aws::sfn::HistoryEvent> history;
  auto interval = std::chrono::milliseconds(20);
  // Each poll reads the history, the execution and the log group. On AWS the backoff stops at 1 s
  // (FilterLogEvents allows 5 calls a second per account); the local cloud has no such quota, so
  // there it stops at 100 ms and a sub-second execution is seen finished within 100 ms.
  const auto max_interval = std::chrono::milliseconds((*session)->local() ? 100 : 1000);
  for (;;) {
    auto fresh = new_history(sfn, arn, last_id);
    if (!fresh) return fresh.failure();
    for (auto& e : *fresh) {
      last_id = std::max(last_id, e.id);
      if (auto line = history_line(e); !line.empty()) core::log::info("{}", line);
      history.push_back(std::move(e));
    }
    print_logs();
    auto ex = sfn.describe_execution(arn);
    if (!ex) return ex.failure("describing " + arn);
    if (ex->status != "RUNNING") {
      // What arrived between the last read and the end.
      if (auto rest = new_history(sfn, arn, last_id); rest) {
        for (auto& e : *rest) {
          if (auto line = history_line(e); !line.empty()) core::log::info("{}", line);
          history.push_back(std::move(e));
        }
      }
      print_logs();
      if (ex->status == "SUCCEEDED") {
        core::log::info("execution SUCCEEDED");
        if (ex->output) env.out << core::terminal_safe(*ex->output, 64 * 1024) << '\n';
        return finish_output(env, "execute");
      }
      std::string message = fmt::format("execution {}", ex->status);
      if (ex->error) message += ": " + core::terminal_safe(*ex->error, 512);
      const auto failures = task_failures(history);
      // A failed ECS task's cause is the whole task description (kilobytes of JSON); when the
      // execution's cause is that, the failure below says what matters (exit code, reason).
      const bool summarised = ex->cause && std::any_of(failures.begin(), failures.end(), [&](const TaskFailure& f) {
                                return f.cause == *ex->cause && (f.exit_code || !f.stopped_reason.empty());
                              });
      if (ex->cause && !summarised) message += ": " + core::terminal_safe(*ex->cause, 2048);
      for (const auto& f : failures) {
        message += fmt::format("; state '{}' failed: {}", core::terminal_safe(f.state, 256),
                               core::terminal_safe(f.error, 256));
        if (f.exit_code) message += fmt::format(", container exit code {}", *f.exit_code);
        if (!f.stopped_reason.empty()) message += ", " + core::terminal_safe(f.stopped_reason, 512);
        if (!f.exit_code && f.stopped_reason.empty() && !f.cause.empty())
          message += ": " + core::terminal_safe(f.cause, 1024);
      }
      env.out.flush();
      return core::fail("app.execute.failed", message);
    }
    clock.sleep_for(interval);
    interval = std::min(interval * 2, max_interval);
  }
}

}  // namespace hoplite::app
