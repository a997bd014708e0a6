// A self-deploying service: this binary is the Fargate task (`servicefull fargateTask`) and the
// tool that describes its own stack (`servicefull synth`). See docs/cli.md.
#include <hoplite/cfn/resources/sns/topic.hpp>
#include <hoplite/hoplite.hpp>

int main(int argc, char** argv) {
  hoplite::Service svc{"ServicefulStepFunction", "Step Function with this binary as a Fargate task"};

  svc.add_task("fargateTask", "Sample Fargate task", [](hoplite::TaskContext& ctx) {
    ctx.out() << "Insert your Fargate code here! 🎉\n";
    return 0;  // the exit code ECS and Step Functions see
  });

  auto& topic = svc.add(hoplite::cfn::sns::Topic{"Notifications", {.DisplayName = "ServicefulStepFunction"}});
  svc.cfn_template().add_output("NotificationsTopicArn", hoplite::cfn::ref(topic));

  return hoplite::run(svc, argc, argv);
}
