#pragma once
// The stack of examples/servicefull, built from the blocks directly (the same definition as the
// example's main.cpp), for the acceptance tests that need the template in-process.

#include "hoplite/cfn/resources/sns/topic.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/fargate/cluster.hpp"
#include "hoplite/fargate/network.hpp"
#include "hoplite/fargate/task.hpp"
#include "hoplite/sfn/fail.hpp"
#include "hoplite/sfn/state_machine.hpp"
#include "hoplite/sfn/tasks/ecs_run_task.hpp"
#include "hoplite/sfn/tasks/sns_publish.hpp"

namespace hoplite::testing {

inline cfn::Template servicefull_stack() {
  cfn::Template t{"Step Function with this binary as a Fargate task"};
  fargate::PublicNetwork net{"Net", {.availability_zones = 2}};
  fargate::Cluster cluster{"Cluster"};
  fargate::Task task{"Task", {.command = {"fargateTask"}, .cpu = 256, .memory_mib = 512}};
  net.add_to(t);
  cluster.add_to(t);
  task.add_to(t);
  auto& topic = t.add(cfn::sns::Topic{"Notifications", {.DisplayName = "ServicefulStepFunction"}});
  t.add_output("NotificationsTopicArn", cfn::ref(topic));

  namespace sfn = hoplite::sfn;
  sfn::EcsRunTask run{"Run Fargate Task", task.run_on(cluster, net)};
  sfn::SnsPublish ok{"Notify Success", {.topic = topic, .message = "task succeeded"}};
  sfn::SnsPublish failed{"Notify Failure", {.topic = topic, .message_path = "$.error.Cause"}};
  failed.next(sfn::Fail{"Task Failed", {.error = "FargateTaskFailed", .cause = "the Fargate task failed"}});
  sfn::StateMachine machine{"Machine", sfn::chain(run.catch_all(failed), ok)};
  machine.add_to(t);
  return t;
}

}  // namespace hoplite::testing
