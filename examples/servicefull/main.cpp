// A self-deploying service: this binary is the Fargate task (`servicefull fargateTask`) and the
// tool that describes its own stack (`servicefull synth`). See docs/cli.md, docs/fargate.md and
// docs/sfn.md. It reproduces Sparta's SpartaStepServicefull: a state machine runs the task on
// Fargate and reports the outcome through SNS.
#include <hoplite/cfn/resources/sns/topic.hpp>
#include <hoplite/fargate/all.hpp>
#include <hoplite/hoplite.hpp>
#include <hoplite/sfn/all.hpp>

int main(int argc, char** argv) {
  hoplite::Service svc{"ServicefulStepFunction", "Step Function with this binary as a Fargate task"};

  svc.add_task("fargateTask", "Sample Fargate task", [](hoplite::TaskContext& ctx) {
    ctx.out() << "Insert your Fargate code here! 🎉\n";
    return 0;  // the exit code ECS and Step Functions see
  });

  // Where and how the task runs: a public VPC over two AZs, a cluster, a 0.25 vCPU / 512 MiB task.
  namespace fargate = hoplite::fargate;
  namespace cfn = hoplite::cfn;
  auto& net = svc.add(fargate::PublicNetwork{"Net", {.availability_zones = 2}});
  auto& cluster = svc.add(fargate::Cluster{"Cluster"});
  auto& task = svc.add(fargate::Task{"Task", {.command = {"fargateTask"}, .cpu = 256, .memory_mib = 512}});
  auto& topic = svc.add(cfn::sns::Topic{"Notifications", {.DisplayName = "ServicefulStepFunction"}});
  svc.add(cfn::Output{"NotificationsTopicArn", cfn::ref(topic)});

  // Run Fargate Task → Notify Success; any failure → Notify Failure → Task Failed.
  namespace sfn = hoplite::sfn;
  sfn::EcsRunTask run{"Run Fargate Task", task.run_on(cluster, net)};
  sfn::SnsPublish ok{"Notify Success", {.topic = topic, .message = "task succeeded"}};
  sfn::SnsPublish failed{"Notify Failure", {.topic = topic, .message_path = "$.error.Cause"}};
  failed.next(sfn::Fail{"Task Failed", {.error = "FargateTaskFailed", .cause = "the Fargate task failed"}});
  svc.add(sfn::StateMachine{"Machine", sfn::chain(run.catch_all(failed), ok)});

  return hoplite::run(svc, argc, argv);
}
