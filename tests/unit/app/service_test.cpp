#include "hoplite/app/service.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/golden.hpp"

namespace hoplite::app {
namespace {

TEST(ServiceName, AcceptsCloudFormationStackNames) {
  for (const std::string& name :
       std::vector<std::string>{"A", "ServicefulStepFunction", "svc-1", "a" + std::string(127, 'b')}) {
    EXPECT_EQ(stack_name_problem(name), std::nullopt) << name;
    EXPECT_NO_THROW(Service(name, "d")) << name;
  }
}

TEST(ServiceName, RejectsWithTheNameAndTheRule) {
  EXPECT_THROW_WITH(Service("my_service", "d"), DefinitionError,
                    "[app.service.101] service name 'my_service' contains '_'; a service name is the CloudFormation "
                    "stack name: 1-128 characters of A-Z, a-z, 0-9 and '-', starting with a letter");
  EXPECT_THROW_WITH(Service("1st", "d"), DefinitionError, "service name '1st' does not start with a letter");
  EXPECT_THROW_WITH(Service("-x", "d"), DefinitionError, "does not start with a letter");
  EXPECT_THROW_WITH(Service("", "d"), DefinitionError, "service name is empty");
  EXPECT_THROW_WITH(Service("has space", "d"), DefinitionError, "contains ' '");
  const std::string long_name = "a" + std::string(128, 'b');
  EXPECT_THROW_WITH(Service(long_name, "d"), DefinitionError, "is 129 characters long");
}

TEST(ServiceName, ErrorCarriesItsStableId) {
  try {
    Service bad("bad.name", "d");
    FAIL() << "expected DefinitionError";
  } catch (const DefinitionError& e) {
    EXPECT_EQ(e.id(), "app.service.101");
  }
}

int zero(TaskContext&) { return 0; }

TEST(ServiceTasks, RegistersInOrderAndFindsByName) {
  Service svc("Svc", "d");
  svc.add_task("first", "one", zero).add_task("second_task-2", "two", zero);
  ASSERT_EQ(svc.tasks().size(), 2u);
  EXPECT_EQ(svc.tasks()[0].name, "first");
  EXPECT_EQ(svc.tasks()[1].summary, "two");
  EXPECT_NE(svc.find_task("second_task-2"), nullptr);
  EXPECT_EQ(svc.find_task("third"), nullptr);
}

TEST(ServiceTasks, RejectsBadReservedDuplicateAndEmptyTasks) {
  Service svc("Svc", "d");
  svc.add_task("fargateTask", "s", zero);
  EXPECT_THROW_WITH(svc.add_task("-x", "s", zero), DefinitionError, "[app.service.102] task name '-x' is not valid");
  EXPECT_THROW_WITH(svc.add_task("", "s", zero), DefinitionError, "[app.service.102]");
  EXPECT_THROW_WITH(svc.add_task("a b", "s", zero), DefinitionError, "[app.service.102]");
  EXPECT_THROW_WITH(svc.add_task("synth", "s", zero), DefinitionError,
                    "[app.service.103] task name 'synth' is a built-in command");
  EXPECT_THROW_WITH(svc.add_task("provision", "s", zero), DefinitionError, "[app.service.103]");
  EXPECT_THROW_WITH(svc.add_task("fargateTask", "s", zero), DefinitionError,
                    "[app.service.104] task 'fargateTask' is already registered in service 'Svc'");
  EXPECT_THROW_WITH(svc.add_task("empty", "s", TaskFn{}), DefinitionError, "[app.service.105]");
  EXPECT_EQ(svc.tasks().size(), 1u);
}

TEST(ServiceDeathTest, ExceptionEscapingMainExitsOneWithTheMessage) {
  // What a bad definition in main() before hoplite::run looks like: no abort, exit 1, the message.
  EXPECT_EXIT(
      // noexcept: gtest would otherwise catch the exception itself.
      []() noexcept { Service bad("bad_name", "d"); }(), ::testing::ExitedWithCode(1),
      "error: \\[app.service.101\\] service name 'bad_name'");
}

TEST(ServiceTemplate, StartsWithTheServiceDescription) {
  Service svc("Svc", "what it does");
  EXPECT_EQ(svc.cfn_template().description(), "what it does");
}

}  // namespace
}  // namespace hoplite::app
