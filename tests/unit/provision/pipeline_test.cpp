#include "hoplite/provision/pipeline.hpp"

#include <gtest/gtest.h>

namespace hoplite::provision {
namespace {

using Outcome = OpRecord::Outcome;

class Recorder final : public PipelineObserver {
 public:
  std::vector<std::string> seen;
  void op_started(const OpRecord& op) override { seen.push_back("start " + op.stage + "/" + op.name); }
  void op_ended(const OpRecord& op) override { seen.push_back("end " + op.stage + "/" + op.name); }
};

TEST(Pipeline, RunsOpsInOrderAndRecordsThem) {
  std::vector<std::string> calls;
  Pipeline p;
  p.stage("build").op_void("image", [&]() -> core::Result<void> {
    calls.push_back("image");
    return {};
  });
  p.stage("deploy").op("stack", [&]() -> core::Result<Step> {
    calls.push_back("stack");
    return Step::next;
  });
  Recorder rec;
  ASSERT_TRUE(p.run(&rec));
  EXPECT_EQ(calls, (std::vector<std::string>{"image", "stack"}));
  EXPECT_EQ(rec.seen, (std::vector<std::string>{"start build/image", "end build/image", "start deploy/stack",
                                                "end deploy/stack"}));
  ASSERT_EQ(p.records().size(), 2u);
  EXPECT_EQ(p.records()[0].stage, "build");
  EXPECT_EQ(p.records()[1].outcome, Outcome::done);
  EXPECT_NE(p.timings().find("build/image"), std::string::npos);
}

TEST(Pipeline, FailureRollsBackNewestFirstAndNamesTheOp) {
  std::vector<std::string> calls;
  Pipeline p;
  p.stage("a").op_void(
      "one", [&]() -> core::Result<void> { return {}; }, [&] { calls.push_back("undo one"); });
  p.op_void("two", [&]() -> core::Result<void> { return {}; });  // no rollback
  p.stage("b").op_void(
      "three", [&]() -> core::Result<void> { return core::fail("x.broken", "it broke"); },
      [&] { calls.push_back("undo three"); });
  p.op_void("four", [&]() -> core::Result<void> {
    calls.push_back("four ran");
    return {};
  });
  auto r = p.run();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "x.broken");
  EXPECT_EQ(r.error().message, "b/three: it broke");
  EXPECT_EQ(calls, (std::vector<std::string>{"undo three", "undo one"}));
  EXPECT_EQ(p.records()[0].outcome, Outcome::rolled_back);
  EXPECT_EQ(p.records()[1].outcome, Outcome::done);
  EXPECT_EQ(p.records()[2].outcome, Outcome::rolled_back);
  EXPECT_EQ(p.records()[3].outcome, Outcome::skipped);
}

TEST(Pipeline, FinishEndsEarlyWithSuccess) {
  bool later = false;
  Pipeline p;
  p.op("changes?", []() -> core::Result<Step> { return Step::finish; });
  p.op("execute", [&]() -> core::Result<Step> {
    later = true;
    return Step::next;
  });
  ASSERT_TRUE(p.run());
  EXPECT_FALSE(later);
  EXPECT_EQ(p.records()[0].outcome, Outcome::finished);
  EXPECT_EQ(p.records()[1].outcome, Outcome::skipped);
  EXPECT_EQ(p.records()[0].stage, "main");
}

}  // namespace
}  // namespace hoplite::provision
