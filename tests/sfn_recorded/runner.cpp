#include "sfn_recorded/runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include "hoplite/core/time_format.hpp"
#include "hoplite/sfn/asl.hpp"

namespace hoplite::sfn::recorded {
namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The test recorded `json.dumps(input)` (Python): ", " and ": " separators, non-ASCII as \uXXXX.
// AWS echoes the input text as given, so the runner sends the same text.
void python_dumps(const Json& v, std::string& out) {
  if (v.is_object()) {
    out += '{';
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first) out += ", ";
      first = false;
      python_dumps(Json(it.key()), out);
      out += ": ";
      python_dumps(*it, out);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      python_dumps(v[i], out);
    }
    out += ']';
  } else {
    out += v.dump(-1, ' ', true);  // ensure_ascii, as Python's default
  }
}

Json parse_or_string(const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  return j.is_discarded() ? Json(text) : j;
}

// Recorded details hold payload fields (input, output, cause, parameters) parsed when the text
// began with '{'; parse ours the same way before comparing.
Json normalise_details(const Json& expected, Json actual) {
  if (!expected.is_object() || !actual.is_object()) return actual;
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    if (!actual.contains(it.key())) continue;
    Json& a = actual[it.key()];
    if (it->is_object() && a.is_string()) a = parse_or_string(a.get<std::string>());
  }
  return actual;
}

// The snapshot tool replaced timestamps by words, in inputs and definitions too. The runner puts
// one fixed timestamp back in their place; cases whose outcome hinged on two different timestamps
// (TimestampLessThan of two values both recorded as "date") cannot be reproduced that way.
constexpr const char* kRecordedNow = "2025-06-01T12:00:00Z";

bool put_back_timestamps(Json& v) {
  bool changed = false;
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "date" || s == "timestamp" || s == "datetime") {
      v = kRecordedNow;
      return true;
    }
  } else if (v.is_structured()) {
    for (auto& child : v) changed = put_back_timestamps(child) || changed;
  }
  return changed;
}

const char* details_key(const Json& ev) {
  for (auto it = ev.begin(); it != ev.end(); ++it)
    if (it.key().ends_with("EventDetails")) return it.key().c_str();
  return nullptr;
}

std::string types_of(const std::vector<const Json*>& events) {
  std::string out;
  for (const Json* e : events) out += (*e)["type"].get<std::string>() + " ";
  return out;
}

// Events are compared by id: recorded events with a number for id must be ours with that id and
// type; a slice the snapshot tool sorted (ids shown as [0]) must be a multiset of ours between its
// neighbours; ids the recording skipped (LocalStack's normaliser dropped events, the notes say so)
// are ours left over in those gaps.
void compare_events(const RecordedCase& c, const Json& expected, const std::vector<HistoryEvent>& history,
                    PlaceholderMatcher& m, CaseResult& r) {
  std::vector<Json> ours;
  for (const auto& ev : history) ours.push_back(Json::parse(ev.to_json()));
  bool notes_dropped = false;
  for (const auto& note : c.meta["notes"])
    notes_dropped = notes_dropped || note.get<std::string>().find("missing") != std::string::npos;
  auto our = [&](std::int64_t id) -> const Json* {
    return id >= 1 && id <= static_cast<std::int64_t>(ours.size()) ? &ours[static_cast<std::size_t>(id - 1)] : nullptr;
  };
  std::vector<const Json*> want_all;
  std::vector<const Json*> got_all;
  for (const auto& e : expected) want_all.push_back(&e);
  for (const auto& a : ours) got_all.push_back(&a);
  auto differ = [&](const std::string& what) {
    r.reasons.push_back(fmt::format("event types differ ({}):\n      got:      {}\n      expected: {}", what,
                                    types_of(got_all), types_of(want_all)));
    r.details_match = false;
    r.previous_ids_match = false;
  };
  std::int64_t last_id = 0;  // the previous numbered event
  std::size_t i = 0;
  while (i < expected.size()) {
    if (!expected[i]["id"].is_array()) {
      std::int64_t id = expected[i]["id"].get<std::int64_t>();
      if (id != last_id + 1 && !notes_dropped) return differ(fmt::format("recorded id {} follows {}", id, last_id));
      const Json* a = our(id);
      if (a == nullptr || (*a)["type"] != expected[i]["type"])
        return differ(fmt::format("event {} is {}", id, a ? (*a)["type"].get<std::string>() : "missing"));
      last_id = id;
      ++i;
      continue;
    }
    // A sorted slice up to the next numbered event (or the end).
    std::size_t end = i;
    while (end < expected.size() && expected[end]["id"].is_array()) ++end;
    std::int64_t next_id =
        end < expected.size() ? expected[end]["id"].get<std::int64_t>() : static_cast<std::int64_t>(ours.size()) + 1;
    std::vector<std::string> gap;
    for (std::int64_t id = last_id + 1; id < next_id; ++id)
      if (const Json* a = our(id)) gap.push_back((*a)["type"].get<std::string>());
    std::vector<std::string> block;
    for (std::size_t k = i; k < end; ++k) block.push_back(expected[k]["type"].get<std::string>());
    std::sort(gap.begin(), gap.end());
    std::sort(block.begin(), block.end());
    bool subset = std::includes(gap.begin(), gap.end(), block.begin(), block.end());
    if (!subset || (gap.size() != block.size() && !notes_dropped)) return differ("a sorted slice");
    last_id = next_id - 1;
    i = end;
  }
  if (last_id != static_cast<std::int64_t>(ours.size()) &&
      !(notes_dropped && last_id < static_cast<std::int64_t>(ours.size())))
    return differ(fmt::format("{} events instead of {}", ours.size(), last_id));
  for (const auto& e : expected) {
    if (e["id"].is_array()) continue;  // sorted slices: which event is which is unknown
    const Json& a = *our(e["id"].get<std::int64_t>());
    if (e["previousEventId"] != a["previousEventId"]) r.previous_ids_match = false;
    const char* key = details_key(e);
    if (key == nullptr) continue;
    std::string why;
    Json ad = a.contains(key) ? normalise_details(e[key], a[key]) : Json();
    if (!m.match(e[key], ad, &why)) {
      if (r.details_match)
        r.reasons.push_back(
            fmt::format("(details) event {} {}: {}", e["id"].get<std::int64_t>(), e["type"].get<std::string>(), why));
      r.details_match = false;
    }
  }
}

}  // namespace

bool RecordedCase::uses_jsonata() const {
  for (const auto& f : meta["asl"]["features"]) {
    std::string s = f.get<std::string>();
    if (s.find("JSONata") != std::string::npos || s.find("jsonata") != std::string::npos || s == "field:Assign")
      return true;
  }
  return false;
}

bool RecordedCase::pure_jsonpath() const { return meta["needs"].empty() && !uses_jsonata(); }

std::vector<RecordedCase> load_cases(const std::filesystem::path& data_dir) {
  std::filesystem::path root = data_dir;
  if (std::filesystem::exists(root / "stepfunctions")) root /= "stepfunctions";
  std::vector<RecordedCase> out;
  for (const auto& e : std::filesystem::directory_iterator(root)) {
    if (!e.is_directory() || !std::filesystem::exists(e.path() / "case.json")) continue;
    RecordedCase c;
    c.id = e.path().filename().string();
    c.dir = e.path();
    c.meta = Json::parse(read_file(e.path() / "case.json"));
    c.definition = read_file(e.path() / "definition.json");
    c.input = Json::parse(read_file(e.path() / "input.json"));
    c.expected = Json::parse(read_file(e.path() / "expected.json"));
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

CaseResult run_case(const RecordedCase& c, TaskIntegration* integration, const std::function<bool()>& pump,
                    const Json* input_override) {
  CaseResult r;
  r.id = c.id;
  r.ran = true;
  Json definition = Json::parse(c.definition);
  Json input_value = input_override != nullptr ? *input_override : c.input;
  r.timestamps_put_back = put_back_timestamps(definition);
  r.timestamps_put_back = put_back_timestamps(input_value) || r.timestamps_put_back;
  auto def = read_definition(r.timestamps_put_back ? definition.dump() : c.definition);
  if (!def) {
    r.reasons.push_back("definition rejected: " + def.error().message);
    return r;
  }
  core::FixedClock clock(*core::parse_iso8601(kRecordedNow));
  auto gen = std::make_shared<std::mt19937_64>(42);
  Engine engine(
      {.clock = &clock, .integration = integration, .region = "us-east-1", .account = "111111111111", .random = [gen] {
         return (*gen)();
       }});
  std::string input;
  python_dumps(input_value, input);
  auto arn = engine.start({.definition = *def,
                           .state_machine_arn = "arn:aws:states:us-east-1:111111111111:stateMachine:RecordedMachine",
                           .name = "recorded-execution",
                           .input = input,
                           .role_arn = "arn:aws:iam::111111111111:role/RecordedRole"});
  if (!arn) {
    r.reasons.push_back("start failed: " + arn.error().message);
    return r;
  }
  // Drive the engine: run what is ready, then jump the clock to the next timer.
  for (int i = 0; i < 100000; ++i) {
    engine.run();
    if (pump && pump()) continue;  // the integration's work may have reported to the engine
    if (engine.describe(*arn)->status != ExecutionStatus::running) break;
    auto next = engine.next_deadline();
    if (!next) break;
    if (*next > clock.now()) clock.set(*next);
  }
  const ExecutionInfo& info = *engine.describe(*arn);
  for (const auto& ev : engine.history(*arn)) r.history.push_back(ev.to_json());

  PlaceholderMatcher m;
  // The README's wildcard words: timestamps, the tests' own names, and the words tests put in
  // place of random values (also where a case's normalised_by_test list missed them).
  for (const char* w : {"timestamp", "datetime", "date", "time", "snf_role_arn", "state_machine_role_arn",
                        "generated-uuid", "start-time", "RandomNumberGenerated"})
    m.add_wildcard_word(w);
  for (const auto& n : c.meta["normalised_by_test"]) {
    m.add_wildcard_word(n["replaced_by"].get<std::string>());
    std::string path = n["jsonpath"].get<std::string>();
    m.add_wildcard_key(path.substr(path.find_last_of('.') + 1));
  }
  const Json& x = c.expected;
  std::string why;
  if (x["status"] != to_string(info.status))
    r.reasons.push_back(fmt::format("status {} instead of {}{}", to_string(info.status), x["status"].get<std::string>(),
                                    info.cause ? " (cause: " + info.cause->substr(0, 300) + ")" : ""));
  if (x.contains("output") && info.output) {
    if (!m.match(x["output"], parse_or_string(*info.output), &why)) r.reasons.push_back("output differs " + why);
  } else if (x.contains("output")) {
    r.reasons.push_back("no output");
  }
  Json expected_error = x.value("error", Json());
  Json actual_error = info.error ? Json(*info.error) : Json();
  why.clear();
  if (!m.match(expected_error, actual_error, &why)) r.reasons.push_back("error differs " + why);
  if (x.contains("cause") || info.cause) {
    Json expected_cause = x.value("cause", Json());
    Json actual_cause =
        info.cause ? (expected_cause.is_structured() ? parse_or_string(*info.cause) : Json(*info.cause)) : Json();
    why.clear();
    if (!m.match(expected_cause, actual_cause, &why)) r.reasons.push_back("cause differs " + why);
  }

  r.details_match = true;
  r.previous_ids_match = true;
  if (x.contains("events")) compare_events(c, x["events"], engine.history(*arn), m, r);
  // Only the primary checks decide; detail notes are kept for the report.
  r.passed = std::none_of(r.reasons.begin(), r.reasons.end(),
                          [](const std::string& s) { return !s.starts_with("(details)"); });
  return r;
}

}  // namespace hoplite::sfn::recorded
