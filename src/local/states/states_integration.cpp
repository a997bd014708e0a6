#include "local/states/states_integration.hpp"

#include <fmt/format.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "hoplite/core/hex.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/ids.hpp"
#include "local/sql_values.hpp"
#include "local/states/states_service.hpp"

namespace hoplite::local::states {
namespace {

using nlohmann::json;

// `<ms since epoch>`: how the integrations' outputs write dates (the Java SDK's serialisation).
std::int64_t millis(core::TimePoint t) { return to_millis(t); }

// `Sun, 06 Nov 1994 08:49:37 GMT` (the HTTP Date header), from the civil date of `t` in UTC.
std::string http_date(core::TimePoint t) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01: Thu
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{days};
  std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - days)};
  std::int64_t n = days.time_since_epoch().count();
  return fmt::format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} GMT", kDays[((n % 7) + 7) % 7],
                     static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

// What AWS's integrations report for a service error.
void fail_with(const sfn::TaskHandle& handle, const core::Error& e, const std::string& request_id) {
  std::string code = e.code.empty() ? "InternalFailure" : e.code;
  handle.failed(
      fmt::format("StepFunctions.{}Exception", code),
      fmt::format("{} (Service: AWSStepFunctions; Status Code: {}; Error Code: {}; Request ID: {}; Proxy: null)",
                  e.message, e.http_status.value_or(400), code, request_id));
}

// The HTTP metadata the Java SDK adds to a request-response integration's output.
json sdk_metadata(const std::string& request_id, std::size_t content_length, core::TimePoint now) {
  std::string date = http_date(now);
  std::string length = std::to_string(content_length);
  return json{{"AllHttpHeaders",
               {{"x-amzn-RequestId", json::array({request_id})},
                {"connection", json::array({"keep-alive"})},
                {"Content-Length", json::array({length})},
                {"Date", json::array({date})},
                {"Content-Type", json::array({"application/x-amz-json-1.0"})}}},
              {"HttpHeaders",
               {{"connection", "keep-alive"},
                {"Content-Length", length},
                {"Content-Type", "application/x-amz-json-1.0"},
                {"Date", date},
                {"x-amzn-RequestId", request_id}}},
              {"HttpStatusCode", 200}};
}

// A child execution's name when the Parameters give none: derived from the task (not random), so a
// task started again after a restart finds the child it started before.
std::string child_name(const sfn::TaskRequest& r) {
  std::string h = core::to_hex(core::sha256(r.execution_arn + "\n" + r.task_id)).substr(0, 32);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) + "-" +
         h.substr(20, 12);
}

// DescribeExecution as `.sync` reports it (PascalCase; `.sync:2` has Input/Output as JSON).
json described(const sfn::ExecutionInfo& info, bool v2) {
  auto payload = [&](const std::string& text) -> json {
    if (!v2) return text;
    json parsed = json::parse(text, nullptr, false);
    return parsed.is_discarded() ? json(text) : parsed;
  };
  json out{{"ExecutionArn", info.execution_arn},
           {"Input", payload(info.input)},
           {"InputDetails", {{"Included", true}}},
           {"Name", info.name}};
  if (info.output) {
    out["Output"] = payload(*info.output);
    out["OutputDetails"] = {{"Included", true}};
  }
  if (info.error) out["Error"] = *info.error;
  if (info.cause) out["Cause"] = *info.cause;
  out["StartDate"] = millis(info.start_date);
  out["StateMachineArn"] = info.state_machine_arn;
  out["Status"] = sfn::to_string(info.status);
  if (info.stop_date) out["StopDate"] = millis(*info.stop_date);
  return out;
}

}  // namespace

Integrations::Integrations(StatesService& states, core::Clock& clock) : states_(states), clock_(clock) {}

void Integrations::start(const sfn::TaskRequest& request, sfn::TaskHandle handle) {
  if (request.resource_type == "states" && request.action.starts_with("startExecution")) {
    if (!post_) return handle.failed("States.TaskFailed", "The local cloud's Step Functions is shutting down.");
    post_([this, request, handle] { start_execution(request, handle); });
    return;
  }
  if (request.resource_type == "lambda" || request.resource.find(":lambda:") != std::string::npos)
    return handle.failed("States.TaskFailed",
                         fmt::format("{} is not run by the local cloud: it has no Lambda service. Run the function's "
                                     "work as an ECS task (ecs:runTask) or test this state against AWS.",
                                     request.resource));
  handle.failed("States.TaskFailed", fmt::format("{} is not run by the local cloud: no local service serves '{}:{}'.",
                                                 request.resource, request.resource_type, request.action));
}

void Integrations::cancel(const sfn::TaskRequest& request) {
  // A `.sync` child is left running, as on AWS (its parent stops waiting for it).
  std::lock_guard lock(mu_);
  for (auto it = watches_.begin(); it != watches_.end(); ++it) {
    if (it->second.handle.task_id() == request.task_id) {
      watches_.erase(it);
      return;
    }
  }
}

void Integrations::start_execution(const sfn::TaskRequest& r, const sfn::TaskHandle& handle) {
  json params = json::parse(r.parameters, nullptr, false);
  if (!params.is_object()) params = json::object();
  aws::sfn::StartExecutionRequest call;
  if (params.contains("StateMachineArn") && params["StateMachineArn"].is_string())
    call.state_machine_arn = params["StateMachineArn"].get<std::string>();
  call.name = params.contains("Name") && params["Name"].is_string() ? params["Name"].get<std::string>() : child_name(r);
  const json input = params.contains("Input") ? params["Input"] : json();
  if (input.is_string()) {
    call.input = input.get<std::string>();
  } else if (!input.is_null()) {
    call.input = input.dump();
  }
  CallContext ctx{
      .request_id = request_id(),
      .region = r.region,
      .principal =
          auth::Principal{
              .account_id = r.account, .arn = r.role_arn, .user_id = {}, .access_key_id = {}, .temporary = true},
      .now = clock_.now(),
      .host = {}};
  const bool wait = r.pattern == sfn::Integration::run_job;
  auto started = states_.start_execution(ctx, call);
  if (!started && !(wait && r.resumed && started.error().code == "ExecutionAlreadyExists"))
    return fail_with(handle, started.error(), ctx.request_id);
  if (!wait) {
    json out{{"ExecutionArn", started->execution_arn}};
    out["StartDate"] = millis(started->start_date.value_or(ctx.now));
    std::size_t length = out.dump().size();
    out["SdkHttpMetadata"] = sdk_metadata(ctx.request_id, length, ctx.now);
    out["SdkResponseMetadata"] = {{"RequestId", ctx.request_id}};
    if (r.pattern == sfn::Integration::wait_for_task_token) return handle.submitted(out.dump());
    return handle.succeeded(out.dump());
  }
  // `.sync`: submitted now, the outcome when the child finishes (perhaps it already has).
  std::string child_arn = started ? started->execution_arn : std::string();
  if (child_arn.empty()) {
    child_arn = call.state_machine_arn;
    child_arn.replace(child_arn.rfind(":stateMachine:"), 14, ":execution:");
    child_arn += ":" + *call.name;
  }
  json submitted{{"ExecutionArn", child_arn}, {"StartDate", millis(ctx.now)}};
  std::size_t length = submitted.dump().size();
  submitted["SdkHttpMetadata"] = sdk_metadata(ctx.request_id, length, ctx.now);
  submitted["SdkResponseMetadata"] = {{"RequestId", ctx.request_id}};
  handle.submitted(submitted.dump());
  {
    std::lock_guard lock(mu_);
    watches_[child_arn] = Watch{handle, r.pattern, r.action.ends_with(":2")};
  }
  auto now = states_.describe_execution(ctx, aws::sfn::DescribeExecutionRequest{child_arn});
  if (now && now->status != "RUNNING") {
    sfn::ExecutionInfo info;
    info.execution_arn = now->execution_arn;
    info.name = now->name;
    info.state_machine_arn = now->state_machine_arn;
    info.status = now->status == "SUCCEEDED"   ? sfn::ExecutionStatus::succeeded
                  : now->status == "TIMED_OUT" ? sfn::ExecutionStatus::timed_out
                  : now->status == "ABORTED"   ? sfn::ExecutionStatus::aborted
                                               : sfn::ExecutionStatus::failed;
    info.start_date = now->start_date.value_or(ctx.now);
    info.stop_date = now->stop_date;
    info.input = now->input.value_or("{}");
    info.output = now->output;
    info.error = now->error;
    info.cause = now->cause;
    execution_finished(info);
  }
}

void Integrations::execution_finished(const sfn::ExecutionInfo& info) {
  Watch watch;
  {
    std::lock_guard lock(mu_);
    auto it = watches_.find(info.execution_arn);
    if (it == watches_.end()) return;
    watch = std::move(it->second);
    watches_.erase(it);
  }
  json out = described(info, watch.v2);
  if (info.status == sfn::ExecutionStatus::succeeded) return watch.handle.succeeded(out.dump());
  // AWS: the child's failure is the parent's States.TaskFailed, its description the cause.
  watch.handle.failed("States.TaskFailed", out.dump());
}

}  // namespace hoplite::local::states
