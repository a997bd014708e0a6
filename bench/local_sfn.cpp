// bench/local_sfn: executions per second of hoplite's Step Functions interpreter, in process, on a
// machine of 10 Pass states with Parameters and ResultPath — beside aws-local-stepfunctions (the
// pinned peer in tools/sfn-peer) running the same machine on the same input in the same run.
//
//   local_sfn [RUNS] [--no-peer]         (or: cmake --build BUILD --target local_sfn_bench)
//
// Each execution is complete: definition already read, StartExecution's checks, every state's
// data flow, the full history (22 events) written, the execution dropped afterwards. Prints the
// median of 5 rounds for each side and the ratio. Rates are per CPU second of each process (on a
// shared machine, wall-clock rates swing with the other load; they are printed too). Goals
// (issue 10): >= 5,000/s, >= 20x the peer. Then the same machine through the local cloud's
// StartExecution (goal >= 500/s, wall clock: it is the server's throughput).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "hoplite/aws/credentials.hpp"
#include "hoplite/aws/sfn.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/process.hpp"
#include "hoplite/core/retry.hpp"
#include "hoplite/http/in_process_client.hpp"
#include "hoplite/local/cloud.hpp"
#include "hoplite/sfn/asl.hpp"
#include "hoplite/sfn/engine.hpp"

namespace {

std::string machine() {
  std::string states;
  for (int i = 0; i < 10; ++i) {
    states += fmt::format(
        R"({}"S{}":{{"Type":"Pass","Parameters":{{"step":{},"value.$":"$.value","name.$":"$.name","tags.$":"$.tags"}},)"
        R"("ResultPath":"$.s{}",{}}})",
        i ? "," : "", i, i, i, i < 9 ? fmt::format(R"("Next":"S{}")", i + 1) : R"("End":true)");
  }
  return R"({"Comment":"10 Pass states with Parameters and ResultPath","StartAt":"S0","States":{)" + states + "}}";
}

const char* kInput = R"({"value":42,"name":"bench","tags":["a","b","c"]})";

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// CPU seconds this process has used: on a shared, busy machine the fair measure of work (both
// sides are measured this way; wall-clock rates are printed too).
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

struct Rate {
  double per_cpu_second;
  double per_wall_second;
};

// Executions per second of one round of `runs` executions on a fresh engine.
Rate hoplite_round(const std::shared_ptr<const hoplite::sfn::Definition>& def, int runs) {
  hoplite::sfn::Engine engine({.clock = &hoplite::core::system_clock()});
  auto started = std::chrono::steady_clock::now();
  double cpu_started = cpu_seconds();
  for (int i = 0; i < runs; ++i) {
    auto arn = engine.start({.definition = def,
                             .state_machine_arn = "arn:aws:states:us-east-1:000000000000:stateMachine:Bench",
                             .name = "run-" + std::to_string(i),
                             .input = kInput});
    if (!arn) {
      fmt::print(stderr, "local_sfn: {}\n", arn.error().message);
      std::exit(1);
    }
    engine.run();
    if (engine.describe(*arn)->status != hoplite::sfn::ExecutionStatus::succeeded) {
      fmt::print(stderr, "local_sfn: the execution did not succeed\n");
      std::exit(1);
    }
    engine.forget(*arn);
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  return {runs / (cpu_seconds() - cpu_started), runs / took.count()};
}

// Executions per second through the local cloud's StartExecution (signed requests, the production
// client, in process): every execution recorded and every step persisted in the store; the clock
// stops when the last one is SUCCEEDED.
Rate service_round(int runs) {
  namespace sfn = hoplite::aws::sfn;
  auto dir = std::filesystem::temp_directory_path() / fmt::format("local_sfn.cloud.{}", ::getpid());
  std::filesystem::remove_all(dir);
  auto cloud = hoplite::local::LocalCloud::open({.data_dir = dir, .request_log = false});
  if (!cloud) {
    fmt::print(stderr, "local_sfn: {}\n", cloud.error().to_string());
    std::exit(1);
  }
  hoplite::http::InProcessClient http(**cloud);
  hoplite::aws::StaticCredentialsProvider creds(
      {.access_key_id = "test", .secret_access_key = "test", .session_token = {}, .expiration = {}, .source = "bench"});
  hoplite::core::RetryStrategy once(hoplite::core::RetryOptions{.max_attempts = 1});
  sfn::Client client({.region = "us-east-1",
                      .credentials = creds,
                      .http = http,
                      .clock = hoplite::core::system_clock(),
                      .endpoint_url = std::string("http://127.0.0.1:4566"),
                      .retry = &once});
  auto sm = client.create_state_machine(
      {.name = "Bench", .definition = machine(), .role_arn = "arn:aws:iam::000000000000:role/bench"});
  if (!sm) {
    fmt::print(stderr, "local_sfn: {}\n", sm.error().to_string());
    std::exit(1);
  }
  auto started = std::chrono::steady_clock::now();
  double cpu_started = cpu_seconds();
  std::string last;
  for (int i = 0; i < runs; ++i) {
    auto r =
        client.start_execution({.state_machine_arn = sm->state_machine_arn, .name = std::nullopt, .input = kInput});
    if (!r) {
      fmt::print(stderr, "local_sfn: {}\n", r.error().to_string());
      std::exit(1);
    }
    last = r->execution_arn;
  }
  for (;;) {
    auto running = client.list_executions(
        {.state_machine_arn = sm->state_machine_arn, .status_filter = "RUNNING", .max_results = 1});
    if (running && running->executions.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  auto d = client.describe_execution(last);
  if (!d || d->status != "SUCCEEDED") {
    fmt::print(stderr, "local_sfn: the executions did not succeed\n");
    std::exit(1);
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  Rate rate{runs / (cpu_seconds() - cpu_started), runs / took.count()};
  cloud->reset();
  std::filesystem::remove_all(dir);
  return rate;
}

std::filesystem::path source_dir() {
  if (const char* s = std::getenv("HOPLITE_SOURCE_DIR")) return s;
  return std::filesystem::path(__FILE__).parent_path().parent_path();
}

// Executions per second of aws-local-stepfunctions, or negative rates when it cannot run.
Rate peer_round(const std::filesystem::path& dir, int runs) {
  auto script = source_dir() / "tools/sfn-peer/run.mjs";
  if (!std::filesystem::exists(source_dir() / "tools/sfn-peer/node_modules/aws-local-stepfunctions")) {
    fmt::print(stderr, "local_sfn: aws-local-stepfunctions is not installed (run scripts/setup)\n");
    return {-1, -1};
  }
  hoplite::core::PosixProcessRunner runner;
  auto r = runner.run({.argv = {"node", script.string(), "bench", (dir / "machine.json").string(),
                                (dir / "input.json").string(), std::to_string(runs)},
                       .timeout = std::chrono::minutes(5)});
  if (!r || r->exit_code != 0) {
    fmt::print(stderr, "local_sfn: the peer failed: {}\n", r ? r->err : r.error().message);
    return {-1, -1};
  }
  // {"runs": n, "seconds": s, "cpuSeconds": c}
  auto number = [&](const char* key) {
    auto at = r->out.find(key);
    return at == std::string::npos ? -1.0 : std::strtod(r->out.c_str() + at + std::strlen(key), nullptr);
  };
  double seconds = number("\"seconds\":");
  double cpu = number("\"cpuSeconds\":");
  if (seconds <= 0 || cpu <= 0) return {-1, -1};
  return {runs / cpu, runs / seconds};
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 20000;
  bool peer = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--no-peer")
      peer = false;
    else
      runs = std::max(1, std::atoi(argv[i]));
  }
  auto def = hoplite::sfn::read_definition(machine());
  if (!def) {
    fmt::print(stderr, "local_sfn: {}\n", def.error().message);
    return 1;
  }
  (void)hoplite_round(*def, std::min(runs, 1000));  // warm-up
  std::vector<double> ours_cpu;
  std::vector<double> ours_wall;
  for (int round = 0; round < 5; ++round) {
    Rate r = hoplite_round(*def, runs);
    ours_cpu.push_back(r.per_cpu_second);
    ours_wall.push_back(r.per_wall_second);
  }
  double hoplite_rate = median(ours_cpu);
  fmt::print("hoplite interpreter:     {:>8.0f} executions per CPU second ({:.0f}/s wall)  (median of 5 x {})\n",
             hoplite_rate, median(ours_wall), runs);
  {
    int service_runs = std::max(100, runs / 20);
    std::vector<double> wall;
    for (int round = 0; round < 3; ++round) wall.push_back(service_round(service_runs).per_wall_second);
    fmt::print(
        "through StartExecution:  {:>8.0f} executions per second, started to SUCCEEDED, persisted "
        "(median of 3 x {}; goal >= 500/s)\n",
        median(wall), service_runs);
  }
  if (!peer) return 0;

  auto dir = std::filesystem::temp_directory_path() / fmt::format("local_sfn.{}", ::getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "machine.json") << machine();
  std::ofstream(dir / "input.json") << kInput;
  int peer_runs = std::max(200, runs / 20);
  std::vector<double> theirs_cpu;
  std::vector<double> theirs_wall;
  for (int round = 0; round < 5; ++round) {
    Rate r = peer_round(dir, peer_runs);
    if (r.per_cpu_second < 0) break;
    theirs_cpu.push_back(r.per_cpu_second);
    theirs_wall.push_back(r.per_wall_second);
  }
  std::filesystem::remove_all(dir);
  if (theirs_cpu.empty()) return 1;
  double peer_rate = median(theirs_cpu);
  fmt::print("aws-local-stepfunctions: {:>8.0f} executions per CPU second ({:.0f}/s wall)  (median of 5 x {})\n",
             peer_rate, median(theirs_wall), peer_runs);
  fmt::print("ratio: hoplite / aws-local-stepfunctions = {:.1f}x   (goals: >= 5000/s, >= 20x)\n",
             hoplite_rate / peer_rate);
  return 0;
}
