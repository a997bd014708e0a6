// Execution operations: start (asynchronous and, for EXPRESS, synchronous), describe, stop, list,
// history, and the task token calls.
#include <fmt/format.h>

#include <charconv>

#include "hoplite/sfn/asl.hpp"
#include "local/ids.hpp"
#include "local/paging.hpp"
#include "local/states/states_names.hpp"
#include "local/states/states_runner.hpp"
#include "local/states/states_service.hpp"
#include "local/states/states_store.hpp"
#include "local/validation.hpp"

namespace hoplite::local::states {
namespace {

using namespace aws::sfn;

constexpr std::string_view kListExecutions = "states.ListExecutions";
constexpr std::string_view kHistory = "states.GetExecutionHistory";
constexpr int kDefaultPage = 100;
// AWS's limit on an execution's input and a task's output.
constexpr std::size_t kMaxPayloadBytes = 262144;

Execution to_shape(const ExecutionRecord& e) {
  return Execution{.execution_arn = e.arn,
                   .state_machine_arn = e.machine_arn,
                   .name = e.name,
                   .status = e.status,
                   .start_date = e.start,
                   .stop_date = e.stop,
                   .input = e.input,
                   .output = e.output,
                   .error = e.error,
                   .cause = e.cause};
}

core::Result<std::optional<ExecutionRecord>> load_execution(store::Database& db, const std::string& arn) {
  return db.transaction<std::optional<ExecutionRecord>>(
      [&](store::Tx& tx) -> core::Result<std::optional<ExecutionRecord>> { return StatesTable(tx).execution(arn); });
}

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || n <= 0) return std::nullopt;
  return n;
}

std::size_t page_size(const std::optional<int>& max_results) {
  return max_results.value_or(0) == 0 ? kDefaultPage : static_cast<std::size_t>(*max_results);
}

aws::sfn::HistoryEvent to_shape(const sfn::HistoryEvent& e) {
  return aws::sfn::HistoryEvent{.id = e.id,
                                .previous_event_id = e.previous_event_id,
                                .type = sfn::to_string(e.type),
                                .timestamp = e.timestamp,
                                .details = e.details,
                                .details_member = sfn::details_member(e.type)};
}

}  // namespace

core::Result<StatesService::Started> StatesService::begin_execution(const CallContext& ctx,
                                                                    const StartExecutionRequest& r, bool sync) {
  Violations v;
  v.length("stateMachineArn", r.state_machine_arn, 1, 2048);
  v.length("name", r.name, 1, 80);
  v.length("input", r.input, 0, kMaxPayloadBytes);
  if (auto ok = v.finish(); !ok) return ok.failure();
  auto parsed = parse_state_machine_arn(ctx, r.state_machine_arn);
  if (!parsed) return parsed.failure();
  std::string name = r.name.value_or(request_id());
  if (!is_valid_name(name)) return invalid_name(name);
  std::string input = r.input.value_or("{}");

  auto machine = house_.db.transaction<std::optional<MachineRecord>>(
      [&](store::Tx& tx) -> core::Result<std::optional<MachineRecord>> {
        return StatesTable(tx).machine(r.state_machine_arn);
      });
  if (!machine) return machine.failure();
  if (!*machine) return state_machine_does_not_exist(r.state_machine_arn);
  const MachineRecord& m = **machine;
  if (sync && m.type != "EXPRESS")
    return aws_error("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
  auto def = definition(m.definition);
  if (!def) return def.failure();

  std::string arn = m.arn;
  arn.replace(arn.rfind(":stateMachine:"), 14, ":execution:");
  arn += ":" + name;
  ExecutionRecord record{.arn = arn,
                         .machine_arn = m.arn,
                         .name = name,
                         .role_arn = m.role_arn,
                         .status = "RUNNING",
                         .input = input,
                         .output = {},
                         .error = {},
                         .cause = {},
                         .start = ctx.now,
                         .stop = {},
                         .seq = 0};
  // The record first (an acknowledged start survives a crash: a RUNNING execution without a
  // snapshot starts again from its input), then the engine.
  auto inserted = house_.db.transaction<Started>([&](store::Tx& tx) -> core::Result<Started> {
    StatesTable table(tx);
    auto existing = table.execution(arn);
    if (!existing) return existing.failure();
    if (*existing) {
      const ExecutionRecord& e = **existing;
      if (!sync && e.status == "RUNNING" && e.input == input) return Started{e.arn, e.start, true};
      return aws_error("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }
    if (auto ok = table.insert_execution(record, m.definition); !ok) return ok.failure();
    return Started{arn, ctx.now, false};
  });
  if (!inserted || inserted->existing) return inserted;
  if (sync) runner_->register_waiter(arn);
  auto started = runner_->start_execution(
      ctx.principal.account_id, ctx.region,
      sfn::StartRequest{
          .definition = *def, .state_machine_arn = m.arn, .name = name, .input = input, .role_arn = m.role_arn});
  if (!started) {
    // Refused (input not JSON, ...): the record goes again.
    (void)house_.db.transaction(
        [&](store::Tx& tx) { return tx.exec("DELETE FROM states_executions WHERE arn = ?", {arn}); });
    return started.failure();
  }
  return inserted;
}

core::Result<StartExecutionResponse> StatesService::start_execution(const CallContext& ctx,
                                                                    const StartExecutionRequest& r) {
  auto started = begin_execution(ctx, r, false);
  if (!started) return started.failure();
  return StartExecutionResponse{.execution_arn = started->arn, .start_date = started->start};
}

core::Result<StartSyncExecutionResponse> StatesService::start_sync_execution(const CallContext& ctx,
                                                                             const StartExecutionRequest& r) {
  auto started = begin_execution(ctx, r, true);
  if (!started) return started.failure();
  sfn::ExecutionInfo info = runner_->wait_finished(started->arn);
  StartSyncExecutionResponse out{.execution_arn = started->arn,
                                 .state_machine_arn = r.state_machine_arn,
                                 .name = started->arn.substr(started->arn.rfind(':') + 1),
                                 .status = sfn::to_string(info.status),
                                 .start_date = started->start,
                                 .stop_date = info.stop_date,
                                 .input = r.input.value_or("{}"),
                                 .output = info.output,
                                 .error = info.error,
                                 .cause = info.cause};
  return out;
}

core::Result<Execution> StatesService::describe_execution(const CallContext& ctx, const DescribeExecutionRequest& r) {
  if (auto arn = parse_execution_arn(ctx, r.execution_arn); !arn) return arn.failure();
  auto e = load_execution(house_.db, r.execution_arn);
  if (!e) return e.failure();
  if (!*e) return execution_does_not_exist(r.execution_arn);
  return to_shape(**e);
}

core::Result<StopExecutionResponse> StatesService::stop_execution(const CallContext& ctx,
                                                                  const StopExecutionRequest& r) {
  Violations v;
  v.length("error", r.error, 0, 256);
  v.length("cause", r.cause, 0, 32768);
  if (auto ok = v.finish(); !ok) return ok.failure();
  if (auto arn = parse_execution_arn(ctx, r.execution_arn); !arn) return arn.failure();
  auto e = load_execution(house_.db, r.execution_arn);
  if (!e) return e.failure();
  if (!*e) return execution_does_not_exist(r.execution_arn);
  if ((*e)->status == "RUNNING") {
    auto stopped = runner_->stop(ctx.principal.account_id, ctx.region, r.execution_arn, r.error, r.cause);
    if (!stopped) return stopped.failure();
    e = load_execution(house_.db, r.execution_arn);
    if (!e) return e.failure();
  }
  return StopExecutionResponse{.stop_date = (*e && (*e)->stop) ? (*e)->stop : std::optional(ctx.now)};
}

core::Result<ListExecutionsResponse> StatesService::list_executions(const CallContext& ctx,
                                                                    const ListExecutionsRequest& r) {
  Violations v;
  v.range("maxResults", r.max_results, 0, 1000);
  v.one_of("statusFilter", r.status_filter,
           {"RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"});
  v.length("nextToken", r.next_token, 1, 3096);
  if (auto ok = v.finish(); !ok) return ok.failure();
  if (auto arn = parse_state_machine_arn(ctx, r.state_machine_arn); !arn) return arn.failure();
  std::string listing = std::string(kListExecutions) + ":" + r.state_machine_arn + ":" + r.status_filter.value_or("");
  std::int64_t before = 0;
  if (r.next_token) {
    auto position = read_page_token(listing, *r.next_token);
    auto seq = position ? to_int(*position) : std::nullopt;
    if (!seq) return aws_error("InvalidToken", "Invalid Token: 'Invalid token'");
    before = *seq;
  }
  std::size_t limit = page_size(r.max_results);
  auto page = house_.db.transaction<std::vector<ExecutionRecord>>(
      [&](store::Tx& tx) -> core::Result<std::vector<ExecutionRecord>> {
        StatesTable table(tx);
        auto m = table.machine(r.state_machine_arn);
        if (!m) return m.failure();
        if (!*m) return state_machine_does_not_exist(r.state_machine_arn);
        return table.executions(r.state_machine_arn, r.status_filter, before, limit + 1);
      });
  if (!page) return page.failure();
  ListExecutionsResponse out;
  for (std::size_t i = 0; i < page->size() && i < limit; ++i) {
    Execution e = to_shape((*page)[i]);
    e.input.reset();  // listed executions carry no payloads
    e.output.reset();
    e.error.reset();
    e.cause.reset();
    out.executions.push_back(std::move(e));
  }
  if (page->size() > limit) out.next_token = page_token(listing, std::to_string((*page)[limit - 1].seq));
  return out;
}

core::Result<GetExecutionHistoryResponse> StatesService::get_execution_history(const CallContext& ctx,
                                                                               const GetExecutionHistoryRequest& r) {
  Violations v;
  v.range("maxResults", r.max_results, 0, 1000);
  v.length("nextToken", r.next_token, 1, 3096);
  if (auto ok = v.finish(); !ok) return ok.failure();
  if (auto arn = parse_execution_arn(ctx, r.execution_arn); !arn) return arn.failure();
  std::string listing = std::string(kHistory) + ":" + r.execution_arn + (r.reverse_order ? ":reverse" : ":forward");
  std::int64_t after = 0;
  if (r.next_token) {
    auto position = read_page_token(listing, *r.next_token);
    auto id = position ? to_int(*position) : std::nullopt;
    if (!id) return aws_error("InvalidToken", "Invalid Token: 'Invalid token'");
    after = *id;
  }
  std::size_t limit = page_size(r.max_results);
  auto events = house_.db.transaction<std::vector<sfn::HistoryEvent>>(
      [&](store::Tx& tx) -> core::Result<std::vector<sfn::HistoryEvent>> {
        StatesTable table(tx);
        auto e = table.execution(r.execution_arn);
        if (!e) return e.failure();
        if (!*e) return execution_does_not_exist(r.execution_arn);
        return table.events(r.execution_arn, after, r.reverse_order, limit + 1);
      });
  if (!events) return events.failure();
  GetExecutionHistoryResponse out;
  for (std::size_t i = 0; i < events->size() && i < limit; ++i) out.events.push_back(to_shape((*events)[i]));
  if (events->size() > limit) out.next_token = page_token(listing, std::to_string((*events)[limit - 1].id));
  return out;
}

core::Result<void> StatesService::send_task_success(const CallContext&, const SendTaskSuccessRequest& r) {
  Violations v;
  v.length("taskToken", r.task_token, 1, 2048);
  v.length("output", r.output, 0, kMaxPayloadBytes);
  if (auto ok = v.finish(); !ok) return ok.failure();
  return runner_->send_task_success(r.task_token, r.output);
}

core::Result<void> StatesService::send_task_failure(const CallContext&, const SendTaskFailureRequest& r) {
  Violations v;
  v.length("taskToken", r.task_token, 1, 2048);
  v.length("error", r.error, 0, 256);
  v.length("cause", r.cause, 0, 32768);
  if (auto ok = v.finish(); !ok) return ok.failure();
  return runner_->send_task_failure(r.task_token, r.error.value_or(""), r.cause.value_or(""));
}

core::Result<void> StatesService::send_task_heartbeat(const CallContext&, const SendTaskHeartbeatRequest& r) {
  Violations v;
  v.length("taskToken", r.task_token, 1, 2048);
  if (auto ok = v.finish(); !ok) return ok.failure();
  return runner_->send_task_heartbeat(r.task_token);
}

}  // namespace hoplite::local::states
