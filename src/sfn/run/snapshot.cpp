// An execution as JSON text and back: everything a restarted engine needs to continue it.
#include <fmt/format.h>

#include "hoplite/core/time_format.hpp"
#include "sfn/json/text.hpp"
#include "sfn/run/execution.hpp"

namespace hoplite::sfn::asl {
namespace {

constexpr int kSnapshotVersion = 1;

Json time_json(const std::optional<core::TimePoint>& t) { return t ? Json(core::to_epoch_millis(*t)) : Json(nullptr); }

std::optional<core::TimePoint> time_of(const Json& v) {
  if (!v.is_number_integer()) return std::nullopt;
  return core::from_epoch_millis(v.get<std::int64_t>());
}

Json optional_string(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }
std::optional<std::string> string_of(const Json& v) {
  return v.is_string() ? std::optional<std::string>(v.get<std::string>()) : std::nullopt;
}

const char* status_name(ExecutionStatus s) { return to_string(s); }

std::optional<ExecutionStatus> status_of(const std::string& s) {
  for (auto st : {ExecutionStatus::running, ExecutionStatus::succeeded, ExecutionStatus::failed,
                  ExecutionStatus::timed_out, ExecutionStatus::aborted})
    if (s == to_string(st)) return st;
  return std::nullopt;
}

Json task_json(const TaskRequest& r) {
  return Json{{"taskId", r.task_id},
              {"resource", r.resource},
              {"resourceType", r.resource_type},
              {"action", r.action},
              {"pattern", static_cast<int>(r.pattern)},
              {"parameters", r.parameters},
              {"taskToken", r.task_token},
              {"timeoutSeconds", r.timeout_seconds ? Json(*r.timeout_seconds) : Json(nullptr)},
              {"heartbeatSeconds", r.heartbeat_seconds ? Json(*r.heartbeat_seconds) : Json(nullptr)}};
}

}  // namespace

std::string Execution::snapshot() const {
  Json s = Json::object();
  s["version"] = kSnapshotVersion;
  s["info"] = Json{{"executionArn", info.execution_arn},        {"name", info.name},
                   {"stateMachineArn", info.state_machine_arn}, {"roleArn", info.role_arn},
                   {"status", status_name(info.status)},        {"startDate", core::to_epoch_millis(info.start_date)},
                   {"stopDate", time_json(info.stop_date)},     {"input", info.input},
                   {"output", optional_string(info.output)},    {"error", optional_string(info.error)},
                   {"cause", optional_string(info.cause)}};
  s["nextEventId"] = next_event_id_;
  s["nextTaskSeq"] = next_task_seq_;
  s["nextFrameId"] = next_frame_id_;
  s["timeoutAt"] = time_json(timeout_at_);
  s["executionContext"] = execution_context_;
  s["stateMachineContext"] = state_machine_context_;
  s["ready"] = Json(std::vector<int>(ready_.begin(), ready_.end()));
  Json frames = Json::array();
  for (const auto& [id, fp] : frames_) {
    const Frame& f = *fp;
    Json j = Json::object();
    j["id"] = f.id;
    j["parent"] = f.parent;
    j["slot"] = f.slot;
    j["graph"] = f.graph_key;
    j["silent"] = f.silent;
    j["state"] = f.state ? Json(f.state->name) : Json(nullptr);
    j["phase"] = static_cast<int>(f.phase);
    j["rawInput"] = f.raw_input;
    j["inputLiteral"] = optional_string(f.input_literal);
    j["effective"] = f.effective;
    j["enteredEvent"] = f.entered_event;
    j["enteredTime"] = core::to_epoch_millis(f.entered_time);
    j["lastEvent"] = f.last_event;
    j["retryCounts"] = f.retry_counts;
    j["deadline"] = time_json(f.deadline);
    j["heartbeatDeadline"] = time_json(f.heartbeat_deadline);
    j["taskId"] = f.task_id;
    j["taskToken"] = f.task_token;
    j["taskSubmitted"] = f.task_submitted;
    if (f.phase == Phase::kTask) j["task"] = task_json(f.task);
    if (f.fan) {
      const FanOut& n = *f.fan;
      j["fan"] = Json{{"map", n.map},
                      {"distributed", n.distributed},
                      {"total", n.total},
                      {"nextIndex", n.next_index},
                      {"running", n.running},
                      {"succeeded", n.succeeded},
                      {"failed", n.failed},
                      {"maxConcurrency", n.max_concurrency},
                      {"toleratedCount", n.tolerated_count ? Json(*n.tolerated_count) : Json(nullptr)},
                      {"toleratedPercentage", n.tolerated_percentage ? Json(*n.tolerated_percentage) : Json(nullptr)},
                      {"children", n.children},
                      {"items", n.items},
                      {"selectorInput", n.selector_input},
                      {"results", n.results},
                      {"lastChildEvent", n.last_child_event},
                      {"mapRunArn", n.map_run_arn},
                      {"failure", n.failure ? Json{{"error", optional_string(n.failure->error)},
                                                   {"cause", optional_string(n.failure->cause)}}
                                            : Json(nullptr)}};
    }
    frames.push_back(std::move(j));
  }
  s["frames"] = std::move(frames);
  return to_text(s);
}

bool Execution::restore(const Json& s, std::string* why) {
  auto bad = [&](std::string what) {
    if (why) *why = std::move(what);
    return false;
  };
  try {
    if (s.value("version", 0) != kSnapshotVersion) return bad("unknown snapshot version");
    const Json& i = s.at("info");
    info.execution_arn = i.at("executionArn").get<std::string>();
    info.name = i.at("name").get<std::string>();
    info.state_machine_arn = i.at("stateMachineArn").get<std::string>();
    info.role_arn = i.at("roleArn").get<std::string>();
    auto st = status_of(i.at("status").get<std::string>());
    if (!st) return bad("unknown status");
    info.status = *st;
    auto start = time_of(i.at("startDate"));
    if (!start) return bad("bad startDate");
    info.start_date = *start;
    info.stop_date = time_of(i.at("stopDate"));
    info.input = i.at("input").get<std::string>();
    info.output = string_of(i.at("output"));
    info.error = string_of(i.at("error"));
    info.cause = string_of(i.at("cause"));
    next_event_id_ = s.at("nextEventId").get<std::int64_t>();
    next_task_seq_ = s.at("nextTaskSeq").get<std::int64_t>();
    next_frame_id_ = s.at("nextFrameId").get<int>();
    timeout_at_ = time_of(s.at("timeoutAt"));
    execution_context_ = s.at("executionContext");
    state_machine_context_ = s.at("stateMachineContext");
    for (const auto& id : s.at("ready")) ready_.push_back(id.get<int>());
    const Definition& def = *definition_;
    for (const auto& j : s.at("frames")) {
      auto f = std::make_unique<Frame>();
      f->id = j.at("id").get<int>();
      f->parent = j.at("parent").get<int>();
      f->slot = j.at("slot").get<std::size_t>();
      f->graph_key = j.at("graph").get<std::string>();
      f->silent = j.at("silent").get<bool>();
      // The graph: the machine, a Parallel branch ("P:<state>:<n>") or a Map processor ("M:<state>").
      if (f->graph_key.empty()) {
        f->graph = def.root.get();
      } else {
        const std::string& key = f->graph_key;
        bool parallel = key.starts_with("P:");
        std::string rest = key.substr(2);
        std::size_t branch = 0;
        if (parallel) {
          auto colon = rest.rfind(':');
          if (colon == std::string::npos) return bad("bad graph key " + key);
          branch = std::stoul(rest.substr(colon + 1));
          rest = rest.substr(0, colon);
        }
        auto owner = def.all_states.find(rest);
        if (owner == def.all_states.end()) return bad("no state '" + rest + "' in the definition");
        if (parallel) {
          if (branch >= owner->second->branches.size()) return bad("no branch " + key);
          f->graph = owner->second->branches[branch].get();
        } else {
          if (!owner->second->map) return bad("'" + rest + "' is not a Map state");
          f->graph = owner->second->map->processor.get();
        }
      }
      if (!j.at("state").is_null()) {
        auto st2 = def.all_states.find(j.at("state").get<std::string>());
        if (st2 == def.all_states.end()) return bad("no state " + j.at("state").dump());
        f->state = st2->second;
      }
      int phase = j.at("phase").get<int>();
      if (phase < 0 || phase > static_cast<int>(Phase::kDone)) return bad("bad phase");
      f->phase = static_cast<Phase>(phase);
      f->raw_input = j.at("rawInput");
      f->input_literal = string_of(j.at("inputLiteral"));
      f->effective = j.at("effective");
      f->entered_event = j.at("enteredEvent").get<std::int64_t>();
      f->entered_time = time_of(j.at("enteredTime")).value_or(core::TimePoint{});
      f->last_event = j.at("lastEvent").get<std::int64_t>();
      f->retry_counts = j.at("retryCounts").get<std::vector<std::int64_t>>();
      if (f->state && f->retry_counts.size() != f->state->retriers.size()) return bad("retry counts do not fit");
      f->deadline = time_of(j.at("deadline"));
      f->heartbeat_deadline = time_of(j.at("heartbeatDeadline"));
      f->task_id = j.at("taskId").get<std::string>();
      f->task_token = j.at("taskToken").get<std::string>();
      f->task_submitted = j.at("taskSubmitted").get<bool>();
      if (const Json* t = find_member(j, "task")) {
        TaskRequest& r = f->task;
        r.execution_arn = info.execution_arn;
        r.state_name = f->state ? f->state->name : "";
        r.task_id = t->at("taskId").get<std::string>();
        r.resource = t->at("resource").get<std::string>();
        r.resource_type = t->at("resourceType").get<std::string>();
        r.action = t->at("action").get<std::string>();
        r.pattern = static_cast<Integration>(t->at("pattern").get<int>());
        r.parameters = t->at("parameters").get<std::string>();
        r.task_token = t->at("taskToken").get<std::string>();
        if (!t->at("timeoutSeconds").is_null()) r.timeout_seconds = t->at("timeoutSeconds").get<std::int64_t>();
        if (!t->at("heartbeatSeconds").is_null()) r.heartbeat_seconds = t->at("heartbeatSeconds").get<std::int64_t>();
        r.role_arn = info.role_arn;
        r.region = engine_.options.region;
        r.account = engine_.options.account;
      }
      if (const Json* n = find_member(j, "fan")) {
        auto fan = std::make_unique<FanOut>();
        fan->map = n->at("map").get<bool>();
        fan->distributed = n->at("distributed").get<bool>();
        fan->total = n->at("total").get<std::size_t>();
        fan->next_index = n->at("nextIndex").get<std::size_t>();
        fan->running = n->at("running").get<std::size_t>();
        fan->succeeded = n->at("succeeded").get<std::size_t>();
        fan->failed = n->at("failed").get<std::size_t>();
        fan->max_concurrency = n->at("maxConcurrency").get<std::int64_t>();
        if (!n->at("toleratedCount").is_null()) fan->tolerated_count = n->at("toleratedCount").get<std::int64_t>();
        if (!n->at("toleratedPercentage").is_null())
          fan->tolerated_percentage = n->at("toleratedPercentage").get<double>();
        fan->children = n->at("children").get<std::vector<int>>();
        fan->items = n->at("items");
        fan->selector_input = n->at("selectorInput");
        fan->results = n->at("results");
        fan->last_child_event = n->at("lastChildEvent").get<std::int64_t>();
        fan->map_run_arn = n->at("mapRunArn").get<std::string>();
        if (!n->at("failure").is_null())
          fan->failure = StateError{string_of(n->at("failure").at("error")), string_of(n->at("failure").at("cause"))};
        if (fan->children.size() != fan->total || !fan->results.is_array() || fan->results.size() != fan->total)
          return bad("fan-out does not fit");
        f->fan = std::move(fan);
      }
      int id = f->id;
      frames_.emplace(id, std::move(f));
    }
  } catch (const nlohmann::json::exception& e) {
    return bad(std::string("malformed snapshot: ") + e.what());
  } catch (const std::exception& e) {
    return bad(std::string("malformed snapshot: ") + e.what());
  }
  for (const auto& [id, f] : frames_)
    if (!f->task_token.empty() && f->phase == Phase::kTask) engine_.tokens[f->task_token] = info.execution_arn;
  return true;
}

void Execution::resume_tasks() {
  for (auto& [id, f] : frames_) {
    if (f->phase != Phase::kTask || engine_.integration == nullptr) continue;
    TaskRequest r = f->task;
    r.resumed = true;
    engine_.integration->start(r, TaskHandle(engine_.inbox, info.execution_arn, r.task_id));
  }
}

}  // namespace hoplite::sfn::asl
