// bench/local_cfn — the local cloud's CloudFormation engine, in process (no sockets):
//   servicefull  the example's stack (`servicefull synth`: VPC, two subnets, gateway, routes,
//           security group, cluster, task definition, roles, log group, topic, state machine)
//           CreateStack → CREATE_COMPLETE with every service of the local cloud (goal ≤ 0.3 s)
//   wide    a generated 200-resource stack (SSM parameters; every tenth waits on its neighbour)
//           CreateStack → CREATE_COMPLETE, the engine as it runs (A) beside the same engine forced
//           to one resource at a time (B), with the ratio B/A (goal ≤ 2 s, ≥ 4× faster), and
//           the CPU time of each: A's CPU time over the cores bounds the ratio this machine allows
//   noop    a change set that changes nothing, CreateChangeSet → FAILED (goal < 50 ms)
//
//   local_cfn_bench [--runs N] [--resources N] [--binary SERVICEFULL]
//
// Stand-alone: each run uses its own temporary state directory.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/core/process.hpp"
#include "hoplite/core/retry.hpp"
#include "hoplite/http/in_process_client.hpp"
#include "hoplite/local/cloud.hpp"
#include "local/cloudformation/cfn_service.hpp"
#include "local/ssm/ssm_service.hpp"
#include "local/sts/sts_service.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace cf = hoplite::aws::cloudformation;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

/// CPU milliseconds this process has used so far, every thread's user and system time.
double cpu_ms() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

/// Wall and CPU milliseconds of one timed operation.
struct Timing {
  double wall = 0;
  double cpu = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

std::string wide_template(int n) {
  std::string body = R"({"Resources": {)";
  for (int i = 0; i < n; ++i) {
    body +=
        "\"P" + std::to_string(i) + "\": {\"Type\": \"AWS::SSM::Parameter\", \"Properties\": {\"Type\": \"String\", ";
    body += i % 10 == 9 ? "\"Value\": {\"Ref\": \"P" + std::to_string(i - 1) + "\"}" : std::string("\"Value\": \"v\"");
    body += "}}";
    body += i + 1 < n ? "," : "";
  }
  return body + "}}";
}

struct Cloud {
  /// every service of the local cloud, the engine as it runs
  Cloud() { open(nullptr); }
  /// STS, SSM and CloudFormation, the engine as it runs or forced to one resource at a time
  explicit Cloud(bool one_at_a_time) {
    open([one_at_a_time](hoplite::local::ServiceContext& house) {
      std::vector<std::unique_ptr<hoplite::local::Service>> out;
      out.push_back(std::make_unique<hoplite::local::sts::StsService>(house));
      out.push_back(std::make_unique<hoplite::local::ssm::SsmService>(house));
      out.push_back(std::make_unique<hoplite::local::cloudformation::CloudFormationService>(
          house, out, hoplite::local::cloudformation::EngineOptions{.one_at_a_time = one_at_a_time}));
      return out;
    });
  }
  void open(
      std::function<std::vector<std::unique_ptr<hoplite::local::Service>>(hoplite::local::ServiceContext&)> services) {
    dir =
        fs::temp_directory_path() / ("hoplite-cfn-bench-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
    fs::remove_all(dir);
    auto c = hoplite::local::LocalCloud::open(
        {.data_dir = dir, .clock = nullptr, .credentials = {}, .request_log = false, .services = std::move(services)});
    if (!c) {
      std::fprintf(stderr, "local cloud: %s\n", c.error().to_string().c_str());
      std::exit(1);
    }
    cloud = std::move(*c);
    http = std::make_unique<hoplite::http::InProcessClient>(*cloud);
  }
  ~Cloud() {
    client.reset();
    http.reset();
    cloud.reset();
    fs::remove_all(dir);
  }
  cf::Client& cfn() {
    if (!client)
      client =
          std::make_unique<cf::Client>(hoplite::aws::ClientConfig{.region = "us-east-1",
                                                                  .credentials = creds,
                                                                  .http = *http,
                                                                  .clock = hoplite::core::system_clock(),
                                                                  .endpoint_url = std::string("http://127.0.0.1:4566"),
                                                                  .retry = &once});
    return *client;
  }
  std::string settle(const std::string& stack) {
    for (;;) {
      auto d = cfn().describe_stacks({.stack_name = stack});
      if (!d || d->stacks.empty()) return "?";
      if (!d->stacks[0].stack_status.ends_with("_IN_PROGRESS")) return d->stacks[0].stack_status;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  }

  static inline int count = 0;
  fs::path dir;
  std::unique_ptr<hoplite::local::LocalCloud> cloud;
  std::unique_ptr<hoplite::http::InProcessClient> http;
  hoplite::aws::StaticCredentialsProvider creds{hoplite::aws::Credentials{
      .access_key_id = "test", .secret_access_key = "test", .session_token = {}, .expiration = {}, .source = "bench"}};
  hoplite::core::RetryStrategy once{hoplite::core::RetryOptions{.max_attempts = 1}};
  std::unique_ptr<cf::Client> client;
};

/// The example's template as `servicefull synth` prints it, or "" when the binary cannot say.
std::string servicefull_template(const std::string& binary) {
  hoplite::core::PosixProcessRunner runner;
  auto r = runner.run({.argv = {binary, "synth"}, .timeout = std::chrono::seconds(30)});
  if (!r || r->exit_code != 0) {
    std::fprintf(stderr, "%s synth: %s\n", binary.c_str(), r ? r->err.c_str() : r.error().to_string().c_str());
    return "";
  }
  return r->out;
}

/// From CreateStack to CREATE_COMPLETE; any other end stops the bench.
Timing time_create(Cloud& c, const cf::CreateStackRequest& request) {
  auto t = Clock::now();
  double cpu = cpu_ms();
  auto id = c.cfn().create_stack(request);
  std::string status = id ? c.settle(request.stack_name) : "CreateStack failed: " + id.error().to_string();
  Timing timing{ms_since(t), cpu_ms() - cpu};
  if (status != "CREATE_COMPLETE") {
    std::fprintf(stderr, "%s stack ended %s\n", request.stack_name.c_str(), status.c_str());
    std::exit(1);
  }
  return timing;
}

Timing create_servicefull(const std::string& body) {
  Cloud c;
  return time_create(c, {.stack_name = "servicefull",
                         .source = {.template_body = body},
                         .parameters = {{.key = "ImageUri",
                                         .value = "111122223333.dkr.ecr.us-east-1.amazonaws.com/servicefull@sha256:" +
                                                  std::string(64, 'a')}},
                         .capabilities = {"CAPABILITY_IAM"}});
}

Timing create_wide(bool one_at_a_time, int resources) {
  Cloud c(one_at_a_time);
  return time_create(c, {.stack_name = "wide", .source = {.template_body = wide_template(resources)}});
}

double no_change_change_set() {
  Cloud c(false);
  std::string body = wide_template(20);
  (void)c.cfn().create_stack({.stack_name = "s", .source = {.template_body = body}});
  c.settle("s");
  auto t = Clock::now();
  auto cs =
      c.cfn().create_change_set({.stack_name = "s", .change_set_name = "same", .source = {.template_body = body}});
  double ms = ms_since(t);
  auto d = cs ? c.cfn().describe_change_set({.change_set_name = cs->id})
              : decltype(c.cfn().describe_change_set({})){cs.failure()};
  if (!d || d->status != "FAILED") {
    std::fprintf(stderr, "the no-change change set did not fail as AWS's does\n");
    std::exit(1);
  }
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5, resources = 200;
  std::string binary;
#ifdef HOPLITE_SERVICEFULL_PATH
  binary = HOPLITE_SERVICEFULL_PATH;
#endif
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--runs")
      runs = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--resources")
      resources = std::max(10, std::atoi(argv[i + 1]));
    else if (a == "--binary")
      binary = argv[i + 1];
  }
  std::string servicefull = binary.empty() ? "" : servicefull_template(binary);
  std::vector<double> full, parallel, serial, parallel_cpu, serial_cpu, noop;
  for (int r = 0; r < runs; ++r) {  // A/B interleaved, so load on the machine hits both alike
    if (!servicefull.empty()) full.push_back(create_servicefull(servicefull).wall);
    Timing a = create_wide(false, resources), b = create_wide(true, resources);
    parallel.push_back(a.wall);
    parallel_cpu.push_back(a.cpu);
    serial.push_back(b.wall);
    serial_cpu.push_back(b.cpu);
    noop.push_back(no_change_change_set());
  }
  double a = median(parallel), b = median(serial);
  if (servicefull.empty()) {
    std::printf("servicefull stack: skipped (no binary; --binary PATH)\n");
  } else {
    std::printf("servicefull stack, CreateStack -> CREATE_COMPLETE (median of %d)\n", runs);
    std::printf("  A                            %8.1f ms   goal <= 300 ms\n", median(full));
  }
  std::printf("wide stack, %d resources, CreateStack -> CREATE_COMPLETE (median of %d)\n", resources, runs);
  std::printf("  A engine (parallel)          %8.1f ms   goal <= 2000 ms\n", a);
  std::printf("  B one resource at a time     %8.1f ms\n", b);
  std::printf("  B/A                          %8.2fx    goal >= 4x\n", a > 0 ? b / a : 0);
  // The engine's work is CPU (local resources do not wait on anything), so A cannot take less wall
  // time than its CPU time spread over every core: that bounds what parallelism can buy here.
  unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  double a_cpu = median(parallel_cpu);
  std::printf("  CPU time A / B               %8.1f / %.1f ms (all threads; %u cores)\n", a_cpu, median(serial_cpu),
              cores);
  std::printf("  B/A possible at most         %8.2fx    (B's wall time / (A's CPU time / cores))\n",
              a_cpu > 0 ? b / (a_cpu / cores) : 0);
  std::printf("no-change change set, CreateChangeSet (median of %d)\n", runs);
  std::printf("  A                            %8.1f ms   goal < 50 ms\n", median(noop));
  return 0;
}
