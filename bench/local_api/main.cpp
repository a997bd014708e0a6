// bench/local_api — the local cloud's speed from a client's point of view:
//   start-to-ready  `hoplite local up --foreground` started → /_hoplite/health answers (goal < 100 ms)
//   idle RSS        of that server process after start and after the latency runs (goal < 30 MiB)
//   latency         p50/p99 of GetCallerIdentity from hoplite's own STS client (goal p50 < 2 ms),
//                   over loopback (A) beside the same calls in process (B), with the ratio A/B
//   registry        DescribeRepositories p50/p99, and a 5 MB image push into the local ECR by
//                   hoplite's pusher (A) against `skopeo copy` into docker-registry (B), A/B
//                   (goal <= 1.0; push.cpp)
//
//   local_api_bench [--hoplite PATH] [--calls N] [--starts N] [--rounds N]
//
// Stand-alone: it starts and stops its own servers on free ports in temporary directories.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "hoplite/aws/sts.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/http/in_process_client.hpp"
#include "hoplite/local/cloud.hpp"
#include "local_api/push.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/hoplite-bench-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

long rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

struct Server {
  pid_t pid = -1;
  int port = 0;
  double ready_ms = 0;
};

/// Starts `hoplite local up --foreground --port 0` and waits until it answers.
Server start(const std::string& hoplite, const fs::path& dir) {
  Server s;
  auto t0 = Clock::now();
  s.pid = ::fork();
  if (s.pid == 0) {
    std::string d = dir.string();
    if (::freopen("/dev/null", "w", stderr) == nullptr) _exit(126);
    ::execl(hoplite.c_str(), hoplite.c_str(), "local", "up", "--foreground", "--port", "0", "--data-dir", d.c_str(),
            static_cast<char*>(nullptr));
    _exit(127);
  }
  hoplite::http::CurlClient http(
      {.connect_timeout = std::chrono::milliseconds(200), .total_timeout = std::chrono::milliseconds(500)});
  while (ms_since(t0) < 10000) {
    if (s.port == 0) {
      auto text = hoplite::core::read_file(dir / "server.json");
      if (text.ok()) {
        auto at = text->find("\"port\":");
        if (at != std::string::npos) s.port = std::stoi(text->substr(at + 7));
      }
    }
    if (s.port != 0) {
      auto r = http.send({"GET", "http://127.0.0.1:" + std::to_string(s.port) + "/_hoplite/health", {}, {}, {}});
      if (r.ok() && r->status == 200) {
        s.ready_ms = ms_since(t0);
        return s;
      }
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  std::fprintf(stderr, "local_api_bench: the server did not become ready\n");
  std::exit(1);
}

void stop(Server& s) {
  ::kill(s.pid, SIGTERM);
  ::waitpid(s.pid, nullptr, 0);
}

std::vector<double> caller_identity_latencies(hoplite::http::Client& http, const std::string& endpoint, int calls) {
  hoplite::aws::StaticCredentialsProvider creds({.access_key_id = "test", .secret_access_key = "test"});
  hoplite::core::RetryStrategy once(hoplite::core::RetryOptions{.max_attempts = 1});
  hoplite::aws::sts::Client sts({.region = "us-east-1",
                                 .credentials = creds,
                                 .http = http,
                                 .clock = hoplite::core::system_clock(),
                                 .endpoint_url = endpoint,
                                 .retry = &once});
  for (int i = 0; i < 20; ++i) (void)sts.get_caller_identity();  // warm up: connection, caches
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(calls));
  for (int i = 0; i < calls; ++i) {
    auto t = Clock::now();
    auto r = sts.get_caller_identity();
    out.push_back(ms_since(t));
    if (!r) {
      std::fprintf(stderr, "local_api_bench: %s\n", r.error().to_string().c_str());
      std::exit(1);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string hoplite = HOPLITE_TOOL_PATH;
  int calls = 2000;
  int starts = 10;
  int rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--hoplite") hoplite = argv[i + 1];
    if (a == "--calls") calls = std::stoi(argv[i + 1]);
    if (a == "--starts") starts = std::stoi(argv[i + 1]);
    if (a == "--rounds") rounds = std::stoi(argv[i + 1]);
  }

  std::vector<double> ready;
  for (int i = 0; i < starts; ++i) {
    TempDir dir;
    Server s = start(hoplite, dir.path);
    ready.push_back(s.ready_ms);
    stop(s);
  }
  std::printf(
      "start-to-ready (hoplite local up --foreground → health answers), %d starts: median %.1f ms "
      "(goal < 100 ms)\n",
      starts, percentile(ready, 0.5));

  TempDir dir;
  Server s = start(hoplite, dir.path);
  long idle = rss_kib(s.pid);
  hoplite::http::CurlClient curl;
  auto socket = caller_identity_latencies(curl, "http://127.0.0.1:" + std::to_string(s.port), calls);
  long after = rss_kib(s.pid);
  {
    TempDir work;
    bench::registry_bench("http://127.0.0.1:" + std::to_string(s.port), work.path, rounds);
  }
  stop(s);

  TempDir in_process_dir;
  auto cloud = hoplite::local::LocalCloud::open({.data_dir = in_process_dir.path, .request_log = true});
  if (!cloud) return 1;
  hoplite::http::InProcessClient in_process(**cloud);
  auto direct = caller_identity_latencies(in_process, "http://127.0.0.1:4566", calls);

  double a50 = percentile(socket, 0.5), a99 = percentile(socket, 0.99);
  double b50 = percentile(direct, 0.5), b99 = percentile(direct, 0.99);
  std::printf("GetCallerIdentity, %d calls, hoplite STS client:\n", calls);
  std::printf("  A loopback socket:  p50 %.3f ms  p99 %.3f ms   (goal p50 < 2 ms)\n", a50, a99);
  std::printf("  B in process:       p50 %.3f ms  p99 %.3f ms\n", b50, b99);
  std::printf("  A/B: p50 %.2fx  p99 %.2fx\n", a50 / b50, a99 / b99);
  std::printf("server RSS: %.1f MiB idle after start, %.1f MiB after the calls (goal idle < 30 MiB)\n",
              static_cast<double>(idle) / 1024, static_cast<double>(after) / 1024);
  return 0;
}
