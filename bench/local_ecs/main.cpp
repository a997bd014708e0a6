// bench/local_ecs — how long the local cloud takes to run a Fargate task of the example binary,
// from RunTask to the task's STOPPED state (the `.sync` integration waits exactly this long):
//   cold  a fresh local cloud: pull (in-process registry), check, unpack, start, run, reap
//         (goal ≤ 0.3 s)
//   warm  the image already unpacked: start, run, reap (goal ≤ 0.1 s)
//   peer  the same container started by a bare `crun run` of the same root filesystem through the
//         same runtime seam — the floor any runner pays; printed as warm/peer
//
//   local_ecs_bench [--binary PATH] [--runs N]
//
// Stand-alone: its own state in temporary directories, its own in-memory registry. Needs root and
// crun (the local cloud's runtime); says so and exits 0 otherwise.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "fakes/memory_registry.hpp"
#include "hoplite/local/cloud.hpp"
#include "hoplite/oci/image_builder.hpp"
#include "hoplite/oci/registry.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/runtime/crun_runtime.hpp"
#include "local/runtime/select_runtime.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace api = hoplite::aws::ecs;
namespace ecs = hoplite::local::ecs;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

fs::path temp_dir(const std::string& tag) {
  std::string pattern = (fs::temp_directory_path() / ("hoplite-ecs-bench-" + tag + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) std::exit(1);
  return pattern;
}

/// One local cloud with only ECS, and a way to wait for a task's STOPPED state.
struct Cloud {
  explicit Cloud(const fs::path& dir, std::shared_ptr<hoplite::testing::MemoryRegistry> registry) {
    hoplite::local::LocalCloudOptions options;
    options.data_dir = dir;
    options.request_log = false;
    options.services = [this, registry](hoplite::local::ServiceContext& house) {
      std::vector<std::unique_ptr<hoplite::local::Service>> out;
      auto s = std::make_unique<ecs::EcsService>(
          house, ecs::EcsOptions{.runtime = {}, .logs = nullptr, .registry_client = registry});
      service = s.get();
      service->on_task_stopped([this](const std::string&, const std::string&, const api::Task& t) {
        std::lock_guard lock(mutex);
        stopped[t.task_arn] = t;
        cv.notify_all();
      });
      out.push_back(std::move(s));
      return out;
    };
    auto c = hoplite::local::LocalCloud::open(std::move(options));
    if (!c) {
      std::fprintf(stderr, "cannot open the local cloud: %s\n", c.error().to_string().c_str());
      std::exit(1);
    }
    cloud = std::move(*c);
  }

  hoplite::local::CallContext ctx() const {
    return {.request_id = "bench",
            .region = "us-east-1",
            .principal = {.account_id = "000000000000",
                          .arn = "arn:aws:iam::000000000000:root",
                          .user_id = "000000000000",
                          .access_key_id = "test",
                          .temporary = false},
            .now = std::chrono::system_clock::now(),
            .host = "127.0.0.1:4566"};
  }

  void setup(const std::string& image) {
    (void)service->create_cluster(ctx(), {.cluster_name = "bench"});
    api::ContainerDefinition c{.name = "app", .image = image};
    c.command = {"fargateTask"};
    auto r = service->register_task_definition(ctx(), {.family = "bench",
                                                       .network_mode = "awsvpc",
                                                       .container_definitions = {c},
                                                       .requires_compatibilities = {"FARGATE"},
                                                       .cpu = "256",
                                                       .memory = "512"});
    if (!r) {
      std::fprintf(stderr, "RegisterTaskDefinition: %s\n", r.error().to_string().c_str());
      std::exit(1);
    }
  }

  /// RunTask → STOPPED, in milliseconds; exits on a failed task.
  double run_once() {
    auto start = Clock::now();
    auto r = service->run_task(
        ctx(), {.cluster = "bench",
                .launch_type = "FARGATE",
                .network_configuration = api::NetworkConfiguration{api::AwsVpcConfiguration{
                    .subnets = {"subnet-0123456789abcdef0"}, .security_groups = {}, .assign_public_ip = {}}},
                .task_definition = "bench"});
    if (!r || r->tasks.empty()) {
      std::fprintf(stderr, "RunTask: %s\n", r ? "no task" : r.error().to_string().c_str());
      std::exit(1);
    }
    std::string arn = r->tasks.front().task_arn;
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return stopped.contains(arn); });
    double ms = ms_since(start);
    const auto& t = stopped[arn];
    if (t.containers.empty() || t.containers[0].exit_code != 0) {
      std::fprintf(stderr, "the task failed: %s %s\n", t.stop_code.c_str(), t.stopped_reason.c_str());
      std::exit(1);
    }
    return ms;
  }

  std::unique_ptr<hoplite::local::LocalCloud> cloud;
  ecs::EcsService* service = nullptr;
  std::mutex mutex;
  std::condition_variable cv;
  std::map<std::string, api::Task> stopped;
};

}  // namespace

int main(int argc, char** argv) {
  std::string binary;
#ifdef HOPLITE_SERVICEFULL_PATH
  binary = HOPLITE_SERVICEFULL_PATH;
#endif
  int runs = 7;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--binary") binary = argv[i + 1];
    if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
  }
  auto probe = hoplite::local::runtime::select_runtime("", temp_dir("probe"));
  if (auto why = probe->unusable()) {
    std::printf("local_ecs: skipped: %s\n", why->c_str());
    return 0;
  }

  auto image = hoplite::oci::build_service_image({.binary = binary, .task = "fargateTask", .service_name = "bench"});
  if (!image) {
    std::fprintf(stderr, "building the image of %s: %s\n", binary.c_str(), image.error().to_string().c_str());
    return 1;
  }
  auto registry = std::make_shared<hoplite::testing::MemoryRegistry>();
  auto ref = hoplite::oci::Reference::parse("127.0.0.1:5000/bench:v1").value();
  auto auth = std::make_shared<hoplite::oci::Authenticator>("127.0.0.1:5000", std::nullopt, std::vector<std::string>{});
  hoplite::oci::RepositoryClient repo(ref, *registry, auth, {});
  for (const auto& l : image->layers()) (void)repo.upload_blob(l.compressed(), l.digest().str());
  (void)repo.upload_blob(image->config_bytes(), image->config_descriptor().digest.str());
  (void)repo.put_manifest(image->manifest_bytes(), image->manifest_media_type(), "v1");
  std::string uri = "127.0.0.1:5000/bench@" + image->digest().str();

  std::vector<double> cold, warm, peer;
  for (int i = 0; i < runs; ++i) {
    auto dir = temp_dir("cold");
    {
      Cloud c(dir, registry);
      c.setup(uri);
      cold.push_back(c.run_once());
    }
    fs::remove_all(dir);
  }
  auto dir = temp_dir("warm");
  {
    Cloud c(dir, registry);
    c.setup(uri);
    (void)c.run_once();
    for (int i = 0; i < runs; ++i) warm.push_back(c.run_once());

    // The peer: the same root filesystem and process through the runtime seam, nothing else.
    hoplite::local::runtime::CrunRuntime crun({.program = "crun", .state_dir = dir / "peer-crun"});
    fs::path rootfs;
    for (const auto& e : fs::directory_iterator(dir / "ecs" / "images"))
      if (fs::is_directory(e.path() / "rootfs")) rootfs = e.path() / "rootfs";
    for (int i = 0; i < runs; ++i) {
      auto start = Clock::now();
      auto s = crun.start({.id = "peer-" + std::to_string(i),
                           .image_rootfs = rootfs,
                           .work_dir = dir / ("peer-" + std::to_string(i)),
                           .args = {"/app/service", "fargateTask"},
                           .env = {"PATH=/app:/usr/bin:/bin"},
                           .cwd = "/",
                           .uid = 0,
                           .gid = 0,
                           .hostname = "peer",
                           .memory_bytes = {},
                           .cpu_units = {}});
      if (!s) {
        std::fprintf(stderr, "peer: %s\n", s.error().to_string().c_str());
        return 1;
      }
      int status = 0;
      ::waitpid(s->pid, &status, 0);
      ::close(s->stdout_fd);
      ::close(s->stderr_fd);
      peer.push_back(ms_since(start));
    }
  }
  fs::remove_all(dir);

  std::printf("local_ecs (%d runs, medians): RunTask → STOPPED of `%s fargateTask`\n", runs, binary.c_str());
  std::printf("  cold  %7.1f ms   (goal ≤ 300 ms)\n", median(cold));
  std::printf("  warm  %7.1f ms   (goal ≤ 100 ms)\n", median(warm));
  std::printf("  peer  %7.1f ms   bare crun run of the same rootfs; warm/peer = %.2f\n", median(peer),
              median(peer) > 0 ? median(warm) / median(peer) : 0.0);
  return 0;
}
