#include "sfn_recorded/differential.hpp"

#include <fmt/format.h>

#include <map>
#include <random>
#include <sstream>

#include "hoplite/core/process.hpp"
#include "hoplite/core/time_format.hpp"
#include "hoplite/sfn/asl.hpp"

namespace hoplite::sfn::recorded {
namespace {

struct Outcome {
  std::string status;
  Json output;
};

// One execution on hoplite's interpreter, Waits skipped by moving the clock.
Outcome run_hoplite(const std::string& definition, const Json& input) {
  auto def = read_definition(definition);
  if (!def) return {"REJECTED", Json(def.error().message)};
  core::FixedClock clock(*core::parse_iso8601("2025-06-01T12:00:00Z"));
  Engine engine({.clock = &clock, .random = [n = std::uint64_t{0}]() mutable { return ++n; }});
  auto arn = engine.start({.definition = *def,
                           .state_machine_arn = "arn:aws:states:us-east-1:111111111111:stateMachine:Diff",
                           .name = "diff",
                           .input = input.dump()});
  if (!arn) return {"REJECTED", Json(arn.error().message)};
  for (int i = 0; i < 10000; ++i) {
    engine.run();
    auto next = engine.next_deadline();
    if (!next || engine.describe(*arn)->status != ExecutionStatus::running) break;
    clock.set(std::max(*next, clock.now()));
  }
  const ExecutionInfo& info = *engine.describe(*arn);
  Outcome o{to_string(info.status), Json()};
  if (info.output) o.output = Json::parse(*info.output);
  return o;
}

// Runs every (id, definition, input) through the peer in one Node process.
std::map<std::string, Outcome> run_peer(const std::filesystem::path& script,
                                        const std::vector<std::tuple<std::string, Json, Json>>& jobs) {
  std::string lines;
  for (const auto& [id, definition, input] : jobs)
    lines += Json{{"id", id}, {"definition", definition}, {"input", input}}.dump() + "\n";
  core::PosixProcessRunner runner;
  auto r =
      runner.run({.argv = {"node", script.string(), "cases"}, .stdin_data = lines, .timeout = std::chrono::minutes(5)});
  std::map<std::string, Outcome> out;
  if (!r || r->exit_code != 0) {
    fmt::print(
        "the peer did not run: {}\n",
        r ? fmt::format("exit {}{}: {}", r->exit_code, r->timed_out ? " (timed out)" : "", r->err) : r.error().message);
    return out;
  }
  std::istringstream in(r->out);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    Json j = Json::parse(line);
    out[j["id"].get<std::string>()] = Outcome{j["status"].get<std::string>(), j.value("output", Json())};
  }
  return out;
}

bool uses(const std::string& text, std::initializer_list<const char*> needles) {
  for (const char* n : needles)
    if (text.find(n) != std::string::npos) return true;
  return false;
}

// Data-flow machines for generated inputs: each uses only what both interpreters implement.
const char* const kMachines[] = {
    R"J({"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.obj","Parameters":{"n.$":"$.n","s.$":"$.s","list.$":"$.list","fixed":{"k":[1,2]}},"ResultPath":"$.copy","Next":"B"},
        "B":{"Type":"Pass","OutputPath":"$.copy","End":true}}})J",
    R"J({"StartAt":"F","States":{"F":{"Type":"Pass","Parameters":{"text.$":"States.Format('{} has {} items', $.obj.s, States.ArrayLength($.obj.list))","arr.$":"States.Array($.obj.n, $.obj.s)","json.$":"States.JsonToString($.obj.list)","back.$":"States.StringToJson(States.JsonToString($.obj))","sum.$":"States.MathAdd($.obj.n, 7)","parts.$":"States.ArrayPartition($.obj.list, 2)","has.$":"States.ArrayContains($.obj.list, $.obj.n)"},"End":true}}})J",
    R"J({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
        {"And":[{"Variable":"$.obj.n","NumericGreaterThan":50},{"Variable":"$.obj.s","StringLessThan":"m"}],"Next":"Big"},
        {"Or":[{"Variable":"$.obj.n","NumericLessThanEquals":10},{"Not":{"Variable":"$.obj.flag","BooleanEquals":true}}],"Next":"Small"},
        {"Variable":"$.obj.missing","IsPresent":false,"Next":"Mid"}],"Default":"Mid"},
      "Big":{"Type":"Pass","Result":"big","ResultPath":"$.kind","End":true},
      "Small":{"Type":"Pass","Result":"small","ResultPath":"$.kind","End":true},
      "Mid":{"Type":"Pass","Result":"mid","ResultPath":"$.kind","End":true}}})J",
    R"J({"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.obj.list","MaxConcurrency":1,
        "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Parameters":{"item.$":"$","twice.$":"States.Array($, $)"},"End":true}}},
        "ResultPath":"$.mapped","Next":"P"},
      "P":{"Type":"Parallel","ResultPath":"$.both","End":true,"Branches":[
        {"StartAt":"X","States":{"X":{"Type":"Pass","InputPath":"$.mapped","End":true}}},
        {"StartAt":"Y","States":{"Y":{"Type":"Pass","Parameters":{"count.$":"States.ArrayLength($.mapped)"},"End":true}}}]}}})J",
    R"J({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"S"},
      "S":{"Type":"Pass","InputPath":"$.obj.list[1:]","ResultPath":"$.tail","Next":"T"},
      "T":{"Type":"Pass","Parameters":{"filtered.$":"$.obj.records[?(@.v > 3)].name","first.$":"$.obj.records[0]"},"End":true}}})J",
};

Json random_input(std::mt19937& gen) {
  std::uniform_int_distribution<int> num(0, 100);
  std::uniform_int_distribution<int> len(0, 6);
  const char* words[] = {"alpha", "beta", "gamma", "zeta", "kappa", "omega", "b", "z"};
  Json list = Json::array();
  // aws-local-stepfunctions fails an indefinite path (a slice, a filter) that matches nothing,
  // where AWS (Jayway) gives []: the list keeps two items or more (`[1:]` is never empty) and one
  // record passes the filter, so the comparison is about the values. It also fails
  // `States.Array($, $)` on a Map item 0 (it takes 0 for no value): items start at 1.
  for (int i = len(gen) + 2; i > 0; --i) list.push_back(1 + num(gen) % 100);
  Json records = Json::array();
  for (int i = len(gen); i > 0; --i) records.push_back(Json{{"name", words[num(gen) % 8]}, {"v", num(gen) % 7}});
  records.push_back(Json{{"name", words[num(gen) % 8]}, {"v", 4 + num(gen) % 3}});
  Json obj = Json{
      {"n", num(gen)}, {"s", words[num(gen) % 8]}, {"list", list}, {"flag", num(gen) % 2 == 0}, {"records", records}};
  return Json{{"obj", obj}, {"other", num(gen)}};
}

}  // namespace

int run_differential(const std::vector<RecordedCase>& cases, const std::filesystem::path& peer_script) {
  if (!std::filesystem::exists(peer_script.parent_path() / "node_modules" / "aws-local-stepfunctions")) {
    fmt::print("aws-local-stepfunctions is not installed next to {} (run scripts/setup)\n", peer_script.string());
    return 1;
  }
  std::vector<std::tuple<std::string, Json, Json>> jobs;
  std::map<std::string, const RecordedCase*> recorded;
  for (const auto& c : cases) {
    if (!c.pure_jsonpath()) continue;
    // Pure data flow: no Task (the peer would call AWS), no context object or randomness (the
    // two interpreters' executions differ there), no recording with timestamps made words.
    if (uses(c.definition,
             {"\"Task\"", "$$", "States.UUID", "States.MathRandom", "\"date\"", "\"timestamp\"", "DISTRIBUTED"}))
      continue;
    if (uses(c.input.dump(), {"\"date\"", "\"timestamp\""})) continue;
    jobs.emplace_back(c.id, Json::parse(c.definition), c.input);
    recorded[c.id] = &c;
  }
  std::mt19937 gen(20260101);
  std::map<std::string, std::pair<std::string, Json>> generated;
  for (std::size_t m = 0; m < std::size(kMachines); ++m) {
    for (int i = 0; i < 40; ++i) {
      std::string id = fmt::format("generated-{}-{}", m, i);
      Json input = random_input(gen);
      jobs.emplace_back(id, Json::parse(kMachines[m]), input);
      generated[id] = {kMachines[m], input};
    }
  }
  auto peer = run_peer(peer_script, jobs);
  if (peer.empty()) return 1;

  int identical = 0, peer_deviates = 0, failures = 0;
  for (const auto& [id, definition, input] : jobs) {
    auto it = peer.find(id);
    if (it == peer.end()) {
      fmt::print("DIFF {}: the peer gave no answer\n", id);
      ++failures;
      continue;
    }
    const Outcome& theirs = it->second;
    Outcome ours = run_hoplite(definition.dump(), input);
    bool same = ours.status == theirs.status && (ours.status != "SUCCEEDED" || ours.output == theirs.output);
    if (same) {
      ++identical;
      continue;
    }
    if (auto rc = recorded.find(id); rc != recorded.end()) {
      // Who agrees with AWS? The peer's deviations are expected (it reproduces about 79% of the
      // pure-ASL recordings); hoplite must never be the one that differs.
      const Json& x = rc->second->expected;
      PlaceholderMatcher m;
      bool peer_right = theirs.status == x["status"] && (!x.contains("output") || m.match(x["output"], theirs.output));
      if (!peer_right) {
        ++peer_deviates;
        fmt::print("PEER-DEVIATES {}: aws-local-stepfunctions gives {} {}\n", id, theirs.status,
                   theirs.output.dump().substr(0, 200));
        continue;
      }
    }
    ++failures;
    fmt::print("DIFF {}\n    hoplite: {} {}\n    peer:    {} {}\n    input:   {}\n", id, ours.status,
               ours.output.dump().substr(0, 300), theirs.status, theirs.output.dump().substr(0, 300),
               input.dump().substr(0, 300));
  }
  fmt::print(
      "\ndifferential: {} runs, {} identical, {} where aws-local-stepfunctions differs from AWS's recording, "
      "{} differences\n",
      jobs.size(), identical, peer_deviates, failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace hoplite::sfn::recorded
