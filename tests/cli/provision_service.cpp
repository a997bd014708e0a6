// A service built only for the provision black-box tests on the local cloud (tests/local/provision_*):
// servicefull's shape (a public network, a cluster, one Fargate task run by a state machine) with
// the knobs a test needs to change the stack between two provisions. The knobs are environment
// variables read when the template is synthesized, so the same binary makes different stacks:
//
//   HOPLITE_TEST_TASK_MEMORY   the task's memory in MiB (default 512; 1024 and 2048 also fit 256 CPU)
//   HOPLITE_TEST_TASK_EXIT     the exit code the task's container returns (default 0)
//   HOPLITE_TEST_BAD_SUBNET    when set, a decorator adds BrokenSubnet, a subnet whose CIDR lies
//                              outside the VPC's: EC2 refuses it, so the stack fails and rolls back
//
// A rollback hook prints "rollback hook ran" on stderr.
#include <cstdlib>
#include <iostream>
#include <string>

#include "hoplite/app/run.hpp"
#include "hoplite/app/service.hpp"
#include "hoplite/cfn/resources/ec2/subnet.hpp"
#include "hoplite/fargate/all.hpp"
#include "hoplite/sfn/all.hpp"

namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : std::string(fallback);
}

}  // namespace

int main(int argc, char** argv) {
  hoplite::app::Service svc{"ProvisionTestService", "Service for the provision tests on the local cloud"};

  svc.add_task("work", "Print two lines, then exit with the code given as the first argument",
               [](hoplite::app::TaskContext& ctx) {
                 ctx.out() << "work: first line\n";
                 ctx.out() << "work: second line, exiting " << ctx.args().at(0) << "\n" << std::flush;
                 return std::stoi(ctx.args().at(0));
               });

  namespace fargate = hoplite::fargate;
  namespace sfn = hoplite::sfn;
  auto& net = svc.add(fargate::PublicNetwork{"Net", {.availability_zones = 2}});
  auto& cluster = svc.add(fargate::Cluster{"Cluster"});
  auto& task = svc.add(fargate::Task{"Task",
                                     {.command = {"work", env_or("HOPLITE_TEST_TASK_EXIT", "0")},
                                      .cpu = 256,
                                      .memory_mib = std::stoi(env_or("HOPLITE_TEST_TASK_MEMORY", "512"))}});
  sfn::EcsRunTask run{"Run Task", task.run_on(cluster, net)};
  svc.add(sfn::StateMachine{"Machine", sfn::chain(run)});

  svc.hooks()
      .add_decorator("broken subnet on request",
                     [](hoplite::cfn::Template& t, hoplite::app::HookContext&) {
                       if (std::getenv("HOPLITE_TEST_BAD_SUBNET") == nullptr) return;
                       const hoplite::cfn::Resource* vpc = t.find("NetVpc");
                       if (vpc == nullptr) throw std::logic_error("the network has no NetVpc");
                       t.add(hoplite::cfn::ec2::Subnet{
                           "BrokenSubnet", {.CidrBlock = "192.168.0.0/24", .VpcId = hoplite::cfn::ref(*vpc)}});
                     })
      .add_rollback("say so", [](hoplite::app::HookContext&) { std::cerr << "rollback hook ran\n"; });

  return hoplite::app::run(svc, argc, argv);
}
