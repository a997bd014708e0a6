#include "hoplite/app/service.hpp"

#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "hoplite/cfn/construct.hpp"
#include "hoplite/cfn/resources/sns/topic.hpp"
#include "hoplite/cfn/validation_error.hpp"
#include "hoplite/fargate/cluster.hpp"
#include "hoplite/fargate/network.hpp"
#include "hoplite/fargate/task.hpp"
#include "hoplite/sfn/fail.hpp"
#include "hoplite/sfn/state_machine.hpp"
#include "hoplite/sfn/tasks/ecs_run_task.hpp"
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

// A construct written the way a service author would: a plain struct, no base class.
struct AlarmTopic {
  std::string name;
  int* calls = nullptr;  // counts add_to() calls
  void add_to(cfn::Template& t) const {
    if (calls != nullptr) ++*calls;
    auto& topic = t.add(cfn::sns::Topic{name, {.DisplayName = "alarms"}});
    t.add_output(name + "Arn", cfn::ref(topic));
  }
};

// add_to that is not const qualifies too, and its return value is ignored.
struct Counter {
  int added = 0;
  int add_to(cfn::Template& /*t*/) { return ++added; }
};

static_assert(cfn::Construct<AlarmTopic>);
static_assert(cfn::Construct<Counter>);
static_assert(cfn::Construct<const AlarmTopic&>);
static_assert(cfn::Construct<fargate::PublicNetwork>);
static_assert(cfn::Construct<fargate::Cluster>);
static_assert(cfn::Construct<fargate::Task>);
static_assert(cfn::Construct<sfn::StateMachine>);
static_assert(cfn::Construct<cfn::Output>);
static_assert(!cfn::Construct<cfn::sns::Topic>, "a resource is added as a resource");
static_assert(!cfn::Construct<std::string>);
static_assert(!cfn::Construct<int>);

std::vector<std::string> logical_ids(const cfn::Template& t) {
  std::vector<std::string> ids;
  for (const auto& r : t.resources()) ids.push_back(r.logical_id());
  return ids;
}

TEST(ServiceAdd, AUserConstructIsAddedAtOnceInCodeOrderAndKept) {
  Service svc("Svc", "d");
  int calls = 0;
  auto& before = svc.add(cfn::sns::Topic{"Before"});
  const AlarmTopic& alarms = svc.add(AlarmTopic{"Alarms", &calls});
  svc.add(cfn::sns::Topic{"After"});
  EXPECT_EQ(calls, 1) << "add_to runs once, when the construct is added";
  EXPECT_EQ(logical_ids(svc.cfn_template()), (std::vector<std::string>{"Before", "Alarms", "After"}));
  ASSERT_EQ(svc.cfn_template().outputs().size(), 1u);
  EXPECT_EQ(svc.cfn_template().outputs()[0].name, "AlarmsArn");
  EXPECT_EQ(alarms.name, "Alarms") << "the stored copy outlives the temporary it came from";
  before.props.DisplayName = "changed";  // a resource comes back mutable, as before
  EXPECT_NE(svc.cfn_template().render().find("\"changed\""), std::string::npos);
}

TEST(ServiceAdd, StoresACopyOfAnLvalueAtAStableAddress) {
  Service svc("Svc", "d");
  Counter mine;
  const Counter& first = svc.add(mine);
  EXPECT_EQ(mine.added, 0) << "the caller's object is copied, not touched";
  EXPECT_EQ(first.added, 1) << "add_to ran on the stored copy";
  std::vector<const Counter*> more;
  for (int i = 0; i < 64; ++i) more.push_back(&svc.add(Counter{}));
  EXPECT_EQ(first.added, 1) << "earlier references stay valid as more constructs are added";
  for (const Counter* c : more) EXPECT_EQ(c->added, 1);
  static_assert(std::is_same_v<decltype(svc.add(mine)), const Counter&>);
  static_assert(std::is_same_v<decltype(svc.add(cfn::sns::Topic{"T"})), cfn::sns::Topic&>);
}

TEST(ServiceAdd, ADuplicateLogicalIdInAConstructThrowsTheTemplatesError) {
  Service svc("Svc", "d");
  svc.add(cfn::sns::Topic{"Alarms"});
  EXPECT_THROW(svc.add(AlarmTopic{"Alarms"}), cfn::ValidationError);
}

TEST(ServiceAdd, BuiltInConstructsGiveTheSameTemplateAsAddTo) {
  // The same stack twice: through svc.add, and through the blocks' add_to on a bare template.
  fargate::PublicNetwork net{"Net", {.availability_zones = 2}};
  fargate::Cluster cluster{"Cluster"};
  fargate::Task task{"Task", {.command = {"work"}, .cpu = 256, .memory_mib = 512}};
  sfn::EcsRunTask run{"Run", task.run_on(cluster, net)};
  sfn::StateMachine machine{"Machine", sfn::chain(run.catch_all(sfn::Fail{"Failed", {.error = "E"}}))};

  cfn::Template direct{"d"};
  net.add_to(direct);
  cluster.add_to(direct);
  task.add_to(direct);
  auto& topic = direct.add(cfn::sns::Topic{"Topic"});
  direct.add_output("TopicArn", cfn::ref(topic));
  machine.add_to(direct);

  Service svc("Svc", "d");
  const auto& stored_net = svc.add(net);
  const auto& stored_cluster = svc.add(cluster);
  const auto& stored_task = svc.add(task);
  auto& stored_topic = svc.add(cfn::sns::Topic{"Topic"});
  svc.add(cfn::Output{"TopicArn", cfn::ref(stored_topic)});
  svc.add(machine);

  EXPECT_EQ(svc.cfn_template().render(), direct.render());
  // The stored blocks are what later code refers to: run_on from them gives the same props.
  EXPECT_EQ(sfn::EcsRunTask("Run", stored_task.run_on(stored_cluster, stored_net)).name(), "Run");
  EXPECT_EQ(stored_net.subnet_resources().size(), 2u);
}

}  // namespace
}  // namespace hoplite::app
