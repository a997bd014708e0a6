// A service built only for the black-box CLI tests: tasks that exit with a given code, echo their
// arguments, throw, or log at every level, answer a Step Functions task token, and a validator the
// tests can make fail.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

#include "hoplite/app/run.hpp"
#include "hoplite/app/service.hpp"
#include "hoplite/aws/credentials.hpp"
#include "hoplite/aws/region.hpp"
#include "hoplite/aws/sfn.hpp"
#include "hoplite/cfn/resources/sns/topic.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/oci/digest.hpp"

int main(int argc, char** argv) {
  hoplite::app::Service svc{"CliTestService", "Service for the black-box CLI tests"};

  svc.add_task("exitWith", "Exit with the code given as the first argument",
               [](hoplite::app::TaskContext& ctx) { return std::stoi(ctx.args().at(0)); });
  svc.add_task("echoArgs", "Print each argument on its own line", [](hoplite::app::TaskContext& ctx) {
    for (const auto& a : ctx.args()) ctx.out() << a << "\n";
    return 0;
  });
  svc.add_task("throws", "Throw an exception",
               [](hoplite::app::TaskContext&) -> int { throw std::runtime_error("kaput"); });
  svc.add_task("chatty", "Log one line at every level, with awkward characters", [](hoplite::app::TaskContext& ctx) {
    const std::string awkward = "quote \" backslash \\ newline \n tab \t emoji 🎉 bad byte \xff";
    ctx.log().trace("trace {}", awkward);
    ctx.log().debug("debug {}", awkward);
    ctx.log().with("detail", awkward).with("count", 3).info("info {}", awkward);
    ctx.log().warn("warn");
    ctx.log().error("error");
    ctx.out() << "chatty done\n";
    return 0;
  });
  // A long-running task for the local cloud's StopTask tests (as PID 1 of a container it ignores
  // SIGTERM, so StopTask ends it with SIGKILL after the stop timeout).
  svc.add_task("sleepFor", "Print 'sleeping', then sleep for the number of seconds given",
               [](hoplite::app::TaskContext& ctx) {
                 ctx.out() << "sleeping" << std::endl;
                 std::this_thread::sleep_for(std::chrono::seconds(std::stoi(ctx.args().at(0))));
                 return 0;
               });
  svc.add_task("buildId", "Print the build id", [](hoplite::app::TaskContext& ctx) {
    ctx.out() << ctx.build_id() << "\n";
    return 0;
  });

  // The container's side of `.waitForTaskToken`: the Task's token arrives in TASK_TOKEN (an
  // environment override), and the task answers it itself through hoplite's Step Functions client
  // with whatever credentials and endpoint the environment gives it — on (local) Fargate, the task
  // role's, from AWS_CONTAINER_CREDENTIALS_FULL_URI. Exits 1 when the call fails (its error on
  // stderr), 2 when there is no token.
  svc.add_task(
      "sendTaskSuccess", "Answer TASK_TOKEN with SendTaskSuccess; the output is the first argument (default {})",
      [](hoplite::app::TaskContext& ctx) {
        auto token = ctx.env("TASK_TOKEN");
        if (!token || token->empty()) {
          ctx.log().error("TASK_TOKEN is not set");
          return 2;
        }
        std::string output = ctx.args().empty() ? "{}" : ctx.args().front();
        auto region = hoplite::aws::resolve_region(std::nullopt, std::nullopt);
        if (!region) {
          ctx.log().error("{}", region.error().to_string());
          return 1;
        }
        hoplite::http::CurlClient http;
        auto credentials = hoplite::aws::default_credentials_chain({.http = &http});
        hoplite::aws::sfn::Client sfn(hoplite::aws::ClientConfig{
            .region = *region, .credentials = *credentials, .http = http, .clock = hoplite::core::system_clock()});
        if (auto sent = sfn.send_task_success(*token, output); !sent) {
          ctx.log().error("SendTaskSuccess: {}", sent.error().to_string());
          return 1;
        }
        ctx.out() << "answered the task token\n";
        return 0;
      });

  svc.add(hoplite::cfn::sns::Topic{"Alerts"});
  // Lets a test make synthesis fail on purpose.
  svc.hooks().add_validator(
      "reject on request",
      [](const hoplite::cfn::Template&, const hoplite::app::HookContext&) -> hoplite::core::Result<void> {
        if (std::getenv("HOPLITE_CLI_TEST_REJECT") != nullptr) {
          return hoplite::core::fail("test.reject", "HOPLITE_CLI_TEST_REJECT is set");
        }
        return hoplite::core::ok();
      });

  // Lets a test see the build hooks run, in order, and make the pre-build hook fail.
  svc.hooks()
      .add_pre_build("check environment",
                     [](hoplite::app::HookContext&) -> hoplite::core::Result<void> {
                       if (std::getenv("HOPLITE_CLI_TEST_FAIL_PRE_BUILD") != nullptr) {
                         return hoplite::core::fail("test.pre_build", "HOPLITE_CLI_TEST_FAIL_PRE_BUILD is set");
                       }
                       std::cerr << "pre-build hook ran\n";
                       return hoplite::core::ok();
                     })
      .add_post_build("report digest", [](hoplite::app::HookContext& ctx) -> hoplite::core::Result<void> {
        std::cerr << "post-build hook saw " << ctx.get<hoplite::oci::Digest>().str() << "\n";
        return hoplite::core::ok();
      });

  return hoplite::app::run(svc, argc, argv);
}
