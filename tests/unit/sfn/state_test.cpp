// Definition-time errors raised while states are created and linked (one test per rule).
#include "hoplite/sfn/state.hpp"

#include <gtest/gtest.h>

#include <string>

#include "hoplite/sfn/choice.hpp"
#include "hoplite/sfn/error.hpp"
#include "hoplite/sfn/fail.hpp"
#include "hoplite/sfn/map.hpp"
#include "hoplite/sfn/parallel.hpp"
#include "hoplite/sfn/pass.hpp"
#include "hoplite/sfn/succeed.hpp"
#include "hoplite/sfn/task.hpp"
#include "hoplite/sfn/wait.hpp"
#include "support/golden.hpp"

namespace hoplite::sfn {
namespace {

constexpr const char* kLambdaFunction = "arn:aws:lambda:us-east-1:123456789012:function:Work";

TEST(StateErrors, NameLongerThan80Characters) {
  EXPECT_NO_THROW(Pass(std::string(80, 'x')));
  EXPECT_THROW_WITH(Pass(std::string(81, 'x')), DefinitionError,
                    "[sfn.definition.102] state name '" + std::string(81, 'x') + "' has 81 characters");
  EXPECT_THROW_WITH(Pass(""), DefinitionError, "[sfn.definition.102]");
}

TEST(StateErrors, NextAfterSucceedFailOrChoice) {
  Pass after{"After"};
  Succeed done{"Done"};
  EXPECT_THROW_WITH(done.next(after), DefinitionError,
                    "[sfn.definition.204] Succeed state 'Done' cannot continue with 'After': it ends the execution");
  Fail failed{"Failed"};
  EXPECT_THROW_WITH(failed.next(after), DefinitionError, "[sfn.definition.204] Fail state 'Failed'");
  Choice choice{"Choose"};
  EXPECT_THROW_WITH(chain(choice, after), DefinitionError,
                    "[sfn.definition.204] the chain starting at 'Choose' has no open end to continue with 'After'");
  EXPECT_THROW_WITH(chain(Pass{"A"}, done, after), DefinitionError, "[sfn.definition.204]");
}

TEST(StateErrors, StateAlreadyContinuesElsewhere) {
  Pass a{"A"};
  Pass b{"B"};
  a.next(b);
  EXPECT_NO_THROW(a.next(b)) << "the same link twice is fine";
  EXPECT_THROW_WITH(a.next(Pass{"C"}), DefinitionError,
                    "[sfn.definition.205] state 'A' already continues with 'B'; it cannot also continue with 'C'");
}

TEST(StateErrors, RetryOrCatchOnAStateTypeWithoutThem) {
  Pass pass{"P"};
  EXPECT_THROW_WITH(pass.add_retry({}), DefinitionError,
                    "[sfn.definition.301] Pass state 'P' cannot have Retry (only Task, Parallel and Map can)");
  Wait wait{"W", {.time = WaitTime::seconds(1)}};
  EXPECT_THROW_WITH(wait.catch_all(Succeed{"S"}), DefinitionError,
                    "[sfn.definition.301] Wait state 'W' cannot have Catch");
  Choice choice{"C"};
  EXPECT_THROW_WITH(choice.add_retry({}), DefinitionError, "[sfn.definition.301] Choice state 'C'");
  Task task{"T", {.resource = kLambdaFunction}};
  EXPECT_NO_THROW(task.add_retry({}).catch_all(Succeed{"S2"}));
}

TEST(StateErrors, MalformedFields) {
  EXPECT_THROW_WITH((Pass{"P", {.result_path = "result"}}), DefinitionError,
                    "[sfn.definition.303] ResultPath of state 'P' is 'result', which is not a reference path");
  EXPECT_THROW_WITH((Pass{"P", {.parameters = cfn::Json::object({{"x.$", "not a path"}})}}), DefinitionError,
                    "[sfn.definition.303] Parameters of state 'P': 'x.$' ends in \".$\"");
  EXPECT_THROW_WITH(WaitTime::seconds(-1), DefinitionError, "[sfn.definition.303] Wait Seconds must be >= 0");
  EXPECT_THROW_WITH(WaitTime::timestamp("2026-01-01 00:00"), DefinitionError, "not an RFC 3339 timestamp");
  EXPECT_THROW_WITH((Wait{"W", {.time = WaitTime::seconds_path("delay")}}), DefinitionError,
                    "SecondsPath of state 'W' is 'delay'");
  EXPECT_THROW_WITH((Fail{"F", {.error = "E", .error_path = "$.e"}}), DefinitionError,
                    "[sfn.definition.303] Fail state 'F' has both Error and ErrorPath");
  EXPECT_THROW_WITH(Condition::string_equals("status", "x"), DefinitionError,
                    "variable 'status' of a StringEquals condition is not a reference path");
  EXPECT_THROW_WITH(Condition::numeric_equals_path("$.a", "b"), DefinitionError, "path 'b' of a NumericEqualsPath");
  EXPECT_THROW_WITH(Condition::timestamp_equals("$.t", "yesterday"), DefinitionError, "not an RFC 3339 timestamp");
  EXPECT_THROW_WITH(Condition::and_({}), DefinitionError, "And needs at least one condition");
  Task task{"T", {.resource = kLambdaFunction}};
  EXPECT_THROW_WITH(task.add_retry({.backoff_rate = 0.5}), DefinitionError,
                    "[sfn.definition.303] Retry BackoffRate of state 'T' must be at least 1.0");
  EXPECT_THROW_WITH((Task{"T2", {.resource = kLambdaFunction}, {.timeout_seconds = 10, .heartbeat_seconds = 10}}),
                    DefinitionError, "HeartbeatSeconds (10) of Task 'T2' must be less than TimeoutSeconds (10)");
  EXPECT_THROW_WITH((Map{"M", {.max_concurrency = -1}}), DefinitionError, "MaxConcurrency of Map 'M' must be >= 0");
}

TEST(StateErrors, TaskWithoutResource) {
  EXPECT_THROW_WITH((Task{"T", {}}), DefinitionError, "[sfn.definition.304] Task 'T' needs a Resource ARN");
}

TEST(StateErrors, SecondDefaultOrProcessor) {
  Choice c{"C"};
  c.otherwise(Succeed{"A"});
  EXPECT_THROW_WITH(c.otherwise(Succeed{"B"}), DefinitionError,
                    "[sfn.definition.205] Choice 'C' already has Default 'A'; it cannot also default to 'B'");
  Map m{"M"};
  m.item_processor(Pass{"P1"});
  EXPECT_THROW_WITH(m.item_processor(Pass{"P2"}), DefinitionError, "[sfn.definition.205] Map 'M' already has");
}

TEST(Chain, ContinuesEveryOpenEnd) {
  Pass a{"A"};
  Pass b{"B"};
  Chain c = chain(a, b);
  EXPECT_EQ(c.start_node(), a.node());
  ASSERT_EQ(c.ends().size(), 1u);
  EXPECT_EQ(c.ends()[0], b.node());
  EXPECT_TRUE(chain(a, b).ends().size() == 1u) << "re-linking the same states is allowed";
}

}  // namespace
}  // namespace hoplite::sfn
