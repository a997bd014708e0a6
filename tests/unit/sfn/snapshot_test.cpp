// Durability: an execution persisted through the observer continues after a "kill -9" (the
// engine destroyed, a new one restored from the last snapshot) with one history, identical to a
// run that never stopped.
#include <gtest/gtest.h>

#include <set>

#include "engine_fixture.hpp"

namespace hoplite::sfn::testing {
namespace {

// What a store (the local cloud's SQLite) keeps: every event, and the latest snapshot; `points`
// remembers each persisted state so a test can crash at any of them.
struct Store final : ExecutionObserver {
  struct Point {
    std::vector<HistoryEvent> history;
    std::string snapshot;
  };
  std::vector<HistoryEvent> history;
  std::vector<Point> points;
  void on_progress(const ExecutionInfo&, std::span<const HistoryEvent> events, const std::string& snapshot) override {
    history.insert(history.end(), events.begin(), events.end());
    points.push_back({history, snapshot});
  }
};

std::vector<std::string> ids_and_types(const std::vector<HistoryEvent>& h) {
  std::vector<std::string> out;
  for (const auto& e : h)
    out.push_back(std::to_string(e.id) + "<" + std::to_string(e.previous_event_id) + " " + to_string(e.type) + " " +
                  e.details);
  return out;
}

const char* kMachine = R"({"StartAt":"Setup","States":{
  "Setup":{"Type":"Pass","Result":[1,2,3],"ResultPath":"$.items","Next":"Both"},
  "Both":{"Type":"Parallel","ResultPath":"$.both","Next":"Pause","Branches":[
    {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,
      "ItemProcessor":{"StartAt":"Sleep","States":{"Sleep":{"Type":"Wait","SecondsPath":"$","Next":"Call"},
        "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"n.$":"$"},
                "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":3}],"End":true}}},"End":true}}},
    {"StartAt":"Short","States":{"Short":{"Type":"Wait","Seconds":1,"End":true}}}]},
  "Pause":{"Type":"Wait","Seconds":3600,"Next":"Done"},
  "Done":{"Type":"Succeed"}}})";

class SnapshotTest : public EngineTest {
 protected:
  // The service: answers each call once; the first call with n == 2 (its task id is the same in
  // every run) fails with Flaky, so the retry path is crossed too.
  void answer_all(InMemoryIntegration& s, std::set<std::string>& answered) {
    for (const auto& r : s.started) {
      if (!answered.insert(r.task_id).second) continue;
      auto n = nlohmann::json::parse(r.parameters)["n"].get<int>();
      if (n == 2 && flaky_id_.empty()) flaky_id_ = r.task_id;
      if (r.task_id == flaky_id_)
        s.handles.at(r.task_id).failed("Flaky", "once");
      else
        s.handles.at(r.task_id).succeeded(R"({"v":)" + std::to_string(n * 10) + "}");
    }
  }
  std::string flaky_id_;

  // Runs to the end on `e`, answering tasks and moving the clock.
  void drive(Engine& e, InMemoryIntegration& s, const std::string& arn, std::set<std::string>& answered) {
    for (int i = 0; i < 1000 && e.describe(arn)->status == ExecutionStatus::running; ++i) {
      e.run();
      answer_all(s, answered);
      e.run();
      if (auto next = e.next_deadline(); next && *next > clock.now()) clock.set(*next);
    }
  }
};

TEST_F(SnapshotTest, ResumingFromAnyPersistedPointGivesTheSameHistory) {
  // The reference: one engine, never stopped.
  counter = 0;
  Store ref_store;
  auto def = definition(kMachine);
  InMemoryIntegration ref_services;
  std::set<std::string> ref_answered;
  EngineOptions o = options();
  o.integration = &ref_services;
  o.observer = &ref_store;
  Engine ref(o);
  auto arn = *ref.start({.definition = def, .state_machine_arn = kMachineArn, .name = "durable", .input = "{}"});
  drive(ref, ref_services, arn, ref_answered);
  ASSERT_EQ(ref.describe(arn)->status, ExecutionStatus::succeeded);
  const auto reference = ids_and_types(ref.history(arn));
  EXPECT_EQ(ids_and_types(ref_store.history), reference);  // the observer saw every event once
  // A point each time the execution waits (timers, tasks, children) and before each call: the
  // Pass and Parallel/Map entries in between share one.
  ASSERT_GE(ref_store.points.size(), 10u);

  for (std::size_t k = 0; k < ref_store.points.size(); ++k) {
    SCOPED_TRACE("crash after persisted point " + std::to_string(k));
    // Replay the first run up to point k on a fresh clock, then "kill -9" it.
    clock.set(t0);
    counter = 0;
    Store store;
    InMemoryIntegration first_services;
    std::set<std::string> answered;
    EngineOptions o1 = options();
    o1.integration = &first_services;
    o1.observer = &store;
    core::TimePoint crash_time;
    {
      Engine first(o1);
      auto a = *first.start({.definition = def, .state_machine_arn = kMachineArn, .name = "durable", .input = "{}"});
      for (int i = 0; i < 1000 && store.points.size() <= k && first.describe(a)->status == ExecutionStatus::running;
           ++i) {
        first.run();
        if (store.points.size() > k) break;
        answer_all(first_services, answered);
        first.run();
        if (store.points.size() > k) break;
        if (auto next = first.next_deadline(); next && *next > clock.now()) clock.set(*next);
      }
      crash_time = clock.now();
    }  // the engine is gone; only `store.points[k]` survives
    ASSERT_GT(store.points.size(), k);
    const auto& point = store.points[k];
    InMemoryIntegration second_services;
    EngineOptions o2 = options();
    o2.integration = &second_services;
    Engine second(o2);
    auto restored = second.restore(def, point.snapshot, point.history);
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    clock.set(crash_time);
    // Calls that were out when the engine died are made again, marked as resumed.
    for (const auto& r : second_services.started) EXPECT_TRUE(r.resumed);
    std::set<std::string> answered2 = answered;
    for (const auto& r : second_services.started) answered2.erase(r.task_id);
    drive(second, second_services, *restored, answered2);
    ASSERT_EQ(second.describe(*restored)->status, ExecutionStatus::succeeded);
    EXPECT_EQ(ids_and_types(second.history(*restored)), reference);
  }
}

TEST_F(SnapshotTest, ASnapshotThatDoesNotFitTheDefinitionIsRefused) {
  Store store;
  EngineOptions o = options();
  o.observer = &store;
  Engine e(o);
  auto arn = *e.start({.definition = definition(kMachine), .state_machine_arn = kMachineArn, .name = "x"});
  e.run();
  ASSERT_FALSE(store.points.empty());
  auto other = definition(R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})");
  Engine fresh(options());
  auto r = fresh.restore(other, store.points.back().snapshot);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "InvalidSnapshot");
  EXPECT_EQ(fresh.restore(definition(kMachine), "{\"version\":1}").error().code, "InvalidSnapshot");
  EXPECT_EQ(fresh.restore(definition(kMachine), "not json").error().code, "InvalidSnapshot");
  (void)arn;
}

}  // namespace
}  // namespace hoplite::sfn::testing
