// The local ECS through the production client (aws::api::Client over InProcessClient) and its
// typed operations. Tasks run on a host-process runtime (the container runtime seam with the
// args run directly on this machine), so these tests need neither root nor crun; the image is
// pulled from an in-memory registry. Real containers: tests/integration/ecs_e2e_test.cpp.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>

#include <gtest/gtest.h>

#include "fakes/memory_registry.hpp"
#include "hoplite/aws/ecs.hpp"
#include "hoplite/aws/sts.hpp"
#include "hoplite/oci/image.hpp"
#include "hoplite/oci/layer_writer.hpp"
#include "hoplite/oci/registry.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/runtime/select_runtime.hpp"
#include "local/sts/sts_service.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace api = aws::ecs;

/// Runs a container's args as a plain child process of the test (no isolation): enough to drive
/// the supervisor's lifecycle, output and signals.
class HostRuntime final : public runtime::ContainerRuntime {
 public:
  [[nodiscard]] std::string name() const override { return "host"; }
  std::optional<std::string> unusable() override { return std::nullopt; }
  core::Result<runtime::Started> start(const runtime::ContainerSpec& spec) override {
    {
      std::lock_guard lock(mutex);
      started.push_back(spec);
    }
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) return core::fail("runtime.start", "pipe");
    std::vector<std::string> args = spec.args, env = spec.env;
    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    for (int fd : {out[0], err[0]}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return runtime::Started{.pid = pid, .stdout_fd = out[0], .stderr_fd = err[0]};
  }
  core::Result<void> kill(const std::string&, pid_t pid, int signal) override {
    {
      std::lock_guard lock(mutex);
      signals.push_back(signal);
    }
    ::kill(pid, signal);
    return core::ok();
  }
  void remove(const std::string& id) override {
    std::lock_guard lock(mutex);
    removed.push_back(id);
  }
  std::vector<std::string> list() override { return leftovers; }

  std::mutex mutex;
  std::vector<runtime::ContainerSpec> started;
  std::vector<int> signals;
  std::vector<std::string> removed;
  std::vector<std::string> leftovers;
};

/// Forwards to a runtime the test owns, so that it outlives a cloud that is closed and reopened.
class RuntimeRef final : public runtime::ContainerRuntime {
 public:
  explicit RuntimeRef(runtime::ContainerRuntime& r) : r_(r) {}
  [[nodiscard]] std::string name() const override { return r_.name(); }
  std::optional<std::string> unusable() override { return r_.unusable(); }
  core::Result<runtime::Started> start(const runtime::ContainerSpec& s) override { return r_.start(s); }
  core::Result<void> kill(const std::string& id, pid_t pid, int sig) override { return r_.kill(id, pid, sig); }
  void remove(const std::string& id) override { r_.remove(id); }
  std::vector<std::string> list() override { return r_.list(); }

 private:
  runtime::ContainerRuntime& r_;
};

class CollectingSink final : public ecs::TaskLogSink {
 public:
  void put(const ecs::LogDestination& d, bool, std::vector<ecs::LogLine> lines) override {
    std::lock_guard lock(mutex);
    for (auto& l : lines) by_stream[d.group + " " + d.stream].push_back(l.message);
  }
  std::mutex mutex;
  std::map<std::string, std::vector<std::string>> by_stream;
};

class EcsTest : public LocalCloudTest {
 protected:
  void SetUp() override {
    open_with(std::make_unique<RuntimeRef>(host));
    image = push_image();
  }

  void open_with(std::unique_ptr<runtime::ContainerRuntime> rt) {
    service = nullptr;
    LocalCloudOptions options;
    auto shared_rt = std::make_shared<std::unique_ptr<runtime::ContainerRuntime>>(std::move(rt));
    options.services = [this, shared_rt](ServiceContext& house) {
      std::vector<std::unique_ptr<Service>> out;
      auto s = std::make_unique<ecs::EcsService>(
          house, ecs::EcsOptions{.runtime = std::move(*shared_rt), .logs = sink, .registry_client = registry});
      service = s.get();
      service->on_task_stopped([this](const std::string&, const std::string&, const api::Task& t) {
        std::lock_guard lock(stopped_mutex);
        stopped[t.task_arn] = t;
        stopped_cv.notify_all();
      });
      out.push_back(std::move(s));
      out.push_back(std::make_unique<sts::StsService>(house));  // to prove the task's keys work
      return out;
    };
    open_cloud(std::move(options));
  }

  /// A one-layer image in the in-memory registry; returns `127.0.0.1:5000/app@sha256:…`.
  std::string push_image() {
    oci::LayerWriter w;
    w.add_file("etc/motd", "hello\n", 0644);
    oci::ImageConfig config;
    config.config.env = {"FROM_IMAGE=yes", "OVERRIDDEN=image"};
    config.config.cmd = {"/bin/echo", "from image"};
    auto img = oci::Image::create(config, {w.finish()});
    auto ref = oci::Reference::parse("127.0.0.1:5000/app:v1");
    EXPECT_TRUE(ref.ok());
    auto auth = std::make_shared<oci::Authenticator>("127.0.0.1:5000", std::nullopt, std::vector<std::string>{});
    oci::RepositoryClient repo(*ref, *registry, auth, {});
    for (const auto& l : img.layers()) EXPECT_TRUE(repo.upload_blob(l.compressed(), l.digest().str()).ok());
    EXPECT_TRUE(repo.upload_blob(img.config_bytes(), img.config_descriptor().digest.str()).ok());
    EXPECT_TRUE(repo.put_manifest(img.manifest_bytes(), img.manifest_media_type(), "v1").ok());
    return "127.0.0.1:5000/app@" + img.digest().str();
  }

  api::Client client() { return api::Client(config(creds)); }

  /// Registers family `app` running `script` with /bin/sh, awslogs to group `g` prefix `p`.
  std::string register_shell(const std::string& script, std::optional<int> stop_timeout = std::nullopt) {
    api::ContainerDefinition c{.name = "main", .image = image};
    c.entry_point = {"/bin/sh", "-c"};
    c.command = {script};
    c.environment = {{"OVERRIDDEN", "definition"}, {"FROM_DEF", "1"}};
    c.stop_timeout = stop_timeout;
    c.log_configuration = api::LogConfiguration{.log_driver = "awslogs",
                                                .options = {{"awslogs-group", "g"}, {"awslogs-stream-prefix", "p"}}};
    auto r = client().register_task_definition({.family = "app",
                                                .execution_role_arn = "arn:aws:iam::000000000000:role/exec",
                                                .network_mode = "awsvpc",
                                                .container_definitions = {c},
                                                .requires_compatibilities = {"FARGATE"},
                                                .cpu = "256",
                                                .memory = "512"});
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() ? r->task_definition.task_definition_arn : "";
  }

  api::RunTaskRequest run_request(const std::string& definition) {
    return {.cluster = "c",
            .launch_type = "FARGATE",
            .network_configuration = api::NetworkConfiguration{api::AwsVpcConfiguration{
                .subnets = {"subnet-0123456789abcdef0"}, .security_groups = {"sg-12345678"}, .assign_public_ip = {}}},
            .task_definition = definition};
  }

  api::Task run(const api::RunTaskRequest& request) {
    auto r = client().run_task(request);
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r.ok() ? r->tasks.size() : 0u, 1u);
    return r.ok() && !r->tasks.empty() ? r->tasks.front() : api::Task{};
  }

  /// The task as the stop listener saw it (waits up to a minute: never a timing assertion).
  api::Task wait_stopped(const std::string& arn) {
    std::unique_lock lock(stopped_mutex);
    stopped_cv.wait_for(lock, std::chrono::seconds(60), [&] { return stopped.contains(arn); });
    EXPECT_TRUE(stopped.contains(arn)) << arn << " did not stop";
    return stopped[arn];
  }

  void create_cluster() { ASSERT_TRUE(client().create_cluster({.cluster_name = "c"}).ok()); }

  static void expect_error(const core::Error& e, const std::string& code, const std::string& part) {
    EXPECT_EQ(e.code, code) << e.message;
    EXPECT_NE(e.message.find(part), std::string::npos) << e.message;
  }

  CallContext ctx() {
    return CallContext{.request_id = "r",
                       .region = "us-east-1",
                       .principal = {.account_id = "000000000000",
                                     .arn = "arn:aws:iam::000000000000:root",
                                     .user_id = "000000000000",
                                     .access_key_id = "test",
                                     .temporary = false},
                       .now = clock.now(),
                       .host = "127.0.0.1:4566"};
  }

  HostRuntime host;
  std::shared_ptr<CollectingSink> sink = std::make_shared<CollectingSink>();
  std::shared_ptr<hoplite::testing::MemoryRegistry> registry = std::make_shared<hoplite::testing::MemoryRegistry>();
  ecs::EcsService* service = nullptr;
  std::string image;
  aws::StaticCredentialsProvider creds{testing::test_credentials()};
  std::mutex stopped_mutex;
  std::condition_variable stopped_cv;
  std::map<std::string, api::Task> stopped;
};

TEST_F(EcsTest, ClustersAreCreatedIdempotentlyDescribedAndDeleted) {
  auto c = client().create_cluster({.cluster_name = "c", .tags = {{"k", "v"}}});
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->cluster.cluster_arn, "arn:aws:ecs:us-east-1:000000000000:cluster/c");
  EXPECT_EQ(c->cluster.status, "ACTIVE");
  ASSERT_TRUE(client().create_cluster({.cluster_name = "c"}).ok());

  auto d = service->describe_clusters(
      ctx(), {.clusters = {"c", "arn:aws:ecs:us-east-1:000000000000:cluster/nope"}, .include = {"TAGS"}});
  ASSERT_TRUE(d.ok()) << d.error().to_string();
  ASSERT_EQ(d->clusters.size(), 1u);
  ASSERT_EQ(d->clusters[0].tags.size(), 1u);
  ASSERT_EQ(d->failures.size(), 1u);
  EXPECT_EQ(d->failures[0].reason, "MISSING");
  EXPECT_EQ(d->failures[0].arn, "arn:aws:ecs:us-east-1:000000000000:cluster/nope");

  auto bad = client().create_cluster({.cluster_name = "no spaces"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "InvalidParameterException");

  auto list = service->list_clusters(ctx(), {});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->cluster_arns, std::vector<std::string>{"arn:aws:ecs:us-east-1:000000000000:cluster/c"});

  auto del = service->delete_cluster(ctx(), {.cluster = "c"});
  ASSERT_TRUE(del.ok()) << del.error().to_string();
  EXPECT_EQ(del->cluster.status, "INACTIVE");
  auto again = service->delete_cluster(ctx(), {.cluster = "c"});
  ASSERT_FALSE(again.ok());
  expect_error(again.error(), "ClusterNotFoundException", "Cluster not found.");
}

TEST_F(EcsTest, TaskDefinitionsHaveRevisionsAndFargateChecks) {
  EXPECT_EQ(register_shell("true"), "arn:aws:ecs:us-east-1:000000000000:task-definition/app:1");
  EXPECT_EQ(register_shell("true"), "arn:aws:ecs:us-east-1:000000000000:task-definition/app:2");

  api::ContainerDefinition c{.name = "main", .image = image};
  api::RegisterTaskDefinitionRequest r{.family = "f",
                                       .network_mode = "awsvpc",
                                       .container_definitions = {c},
                                       .requires_compatibilities = {"FARGATE"},
                                       .cpu = "256",
                                       .memory = "4096"};
  auto bad_size = client().register_task_definition(r);
  ASSERT_FALSE(bad_size.ok());
  expect_error(bad_size.error(), "ClientException", "No Fargate configuration exists for given values: 256 CPU, 4096");
  r.memory = "1 GB";
  r.cpu = ".5 vCPU";
  auto ok = client().register_task_definition(r);
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ(ok->task_definition.cpu, "512");
  EXPECT_EQ(ok->task_definition.memory, "1024");
  EXPECT_EQ(ok->task_definition.compatibilities, (std::vector<std::string>{"EC2", "FARGATE"}));
  EXPECT_EQ(ok->task_definition.container_definitions[0].essential, true);
  r.network_mode = "bridge";
  auto bridge = client().register_task_definition(r);
  ASSERT_FALSE(bridge.ok());
  expect_error(bridge.error(), "ClientException", "Fargate only supports network mode");

  auto latest = service->describe_task_definition(ctx(), {.task_definition = "app"});
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->task_definition.revision, 2);
  auto gone = service->deregister_task_definition(ctx(), {.task_definition = "app:2"});
  ASSERT_TRUE(gone.ok()) << gone.error().to_string();
  EXPECT_EQ(gone->task_definition.status, "INACTIVE");
  latest = service->describe_task_definition(ctx(), {.task_definition = "app"});
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->task_definition.revision, 1);
  auto missing = service->describe_task_definition(ctx(), {.task_definition = "nope:3"});
  ASSERT_FALSE(missing.ok());
  expect_error(missing.error(), "ClientException", "Unable to describe task definition.");

  auto list = service->list_task_definitions(ctx(), {.family_prefix = "app", .sort = "DESC"});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->task_definition_arns,
            std::vector<std::string>{"arn:aws:ecs:us-east-1:000000000000:task-definition/app:1"});
}

TEST_F(EcsTest, ATaskRunsItsCommandShipsItsOutputAndStopsWithItsExitCode) {
  create_cluster();
  auto def = register_shell("echo \"hello $FROM_IMAGE $OVERRIDDEN $FROM_DEF $AWS_REGION\"; echo oops >&2; exit 3");
  auto task = run(run_request(def));
  EXPECT_EQ(task.last_status, "PROVISIONING");
  EXPECT_EQ(task.desired_status, "RUNNING");
  EXPECT_EQ(task.launch_type, "FARGATE");
  ASSERT_EQ(task.containers.size(), 1u);
  EXPECT_EQ(task.containers[0].last_status, "PENDING");
  ASSERT_EQ(task.attachments.size(), 1u);

  auto done = wait_stopped(task.task_arn);
  EXPECT_EQ(done.last_status, "STOPPED");
  EXPECT_EQ(done.desired_status, "STOPPED");
  EXPECT_EQ(done.stop_code, "EssentialContainerExited");
  EXPECT_EQ(done.stopped_reason, "Essential container in task exited");
  ASSERT_EQ(done.containers.size(), 1u);
  EXPECT_EQ(done.containers[0].exit_code, 3);
  EXPECT_TRUE(done.started_at && done.stopped_at && done.pull_started_at && done.pull_stopped_at);
  EXPECT_GT(done.version, task.version);

  std::string id = task.task_arn.substr(task.task_arn.rfind('/') + 1);
  std::lock_guard lock(sink->mutex);
  EXPECT_EQ(sink->by_stream["g p/main/" + id], (std::vector<std::string>{"hello yes definition 1 us-east-1", "oops"}));

  auto described = client().describe_tasks("c", {task.task_arn, "0123"});
  ASSERT_TRUE(described.ok()) << described.error().to_string();
  ASSERT_EQ(described->tasks.size(), 1u);
  EXPECT_EQ(described->tasks[0].containers[0].exit_code, 3);
  ASSERT_EQ(described->failures.size(), 1u);
  EXPECT_EQ(described->failures[0].reason, "MISSING");
}

TEST_F(EcsTest, OverridesReplaceCommandAndAddEnvironment) {
  create_cluster();
  auto def = register_shell("exit 9");
  auto request = run_request(def);
  request.overrides =
      api::TaskOverride{.container_overrides = {
                            {.name = "main", .command = {{"echo override $EXTRA"}}, .environment = {{"EXTRA", "x"}}}}};
  auto task = run(request);
  auto done = wait_stopped(task.task_arn);
  EXPECT_EQ(done.containers[0].exit_code, 0);
  std::lock_guard lock(host.mutex);
  ASSERT_EQ(host.started.size(), 1u);
  EXPECT_EQ(host.started[0].args, (std::vector<std::string>{"/bin/sh", "-c", "echo override $EXTRA"}));
  EXPECT_EQ(host.started[0].memory_bytes, 512 * 1024 * 1024);
  EXPECT_EQ(host.started[0].cpu_units, 256);
}

TEST_F(EcsTest, StopTaskSendsSigtermAndRecordsTheUser) {
  create_cluster();
  auto def = register_shell("trap 'echo bye; exit 0' TERM; echo ready; while :; do sleep 0.05; done");
  auto task = run(run_request(def));
  // Stop once it runs (the listener proves it never stopped on its own meanwhile).
  for (int i = 0; i < 600; ++i) {
    auto d = client().describe_tasks("c", {task.task_arn});
    if (d.ok() && !d->tasks.empty() && d->tasks[0].last_status == "RUNNING") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  auto stop = client().stop_task("c", task.task_arn, std::string("enough"));
  ASSERT_TRUE(stop.ok()) << stop.error().to_string();
  EXPECT_EQ(stop->desired_status, "STOPPED");
  auto done = wait_stopped(task.task_arn);
  EXPECT_EQ(done.stop_code, "UserInitiated");
  EXPECT_EQ(done.stopped_reason, "enough");
  EXPECT_EQ(done.containers[0].exit_code, 0);
  std::lock_guard lock(host.mutex);
  ASSERT_FALSE(host.signals.empty());
  EXPECT_EQ(host.signals.front(), SIGTERM);
}

TEST_F(EcsTest, RunTaskChecksItsRequestLikeEcs) {
  auto no_cluster = client().run_task(run_request("app"));
  ASSERT_FALSE(no_cluster.ok());
  expect_error(no_cluster.error(), "ClusterNotFoundException", "Cluster not found.");
  create_cluster();
  auto no_def = client().run_task(run_request("nope"));
  ASSERT_FALSE(no_def.ok());
  expect_error(no_def.error(), "ClientException", "TaskDefinition not found.");
  auto def = register_shell("true");
  auto request = run_request(def);
  request.network_configuration.reset();
  auto no_net = client().run_task(request);
  ASSERT_FALSE(no_net.ok());
  expect_error(no_net.error(), "InvalidParameterException", "Network Configuration must be provided");
  request = run_request(def);
  request.overrides = api::TaskOverride{.container_overrides = {{.name = "ghost"}}};
  auto ghost = client().run_task(request);
  ASSERT_FALSE(ghost.ok());
  expect_error(ghost.error(), "InvalidParameterException", "Override for container named ghost");
  request = run_request(def);
  request.count = 11;
  EXPECT_FALSE(client().run_task(request).ok());
}

TEST_F(EcsTest, WithoutARuntimeTheTaskFailsToStartSayingWhatToInstall) {
  open_with(std::make_unique<runtime::UnavailableRuntime>(
      "crun", "no container runtime: 'crun' was not found. Install crun (Debian/Ubuntu: apt-get install crun)"));
  create_cluster();
  auto task = run(run_request(register_shell("true")));
  auto done = wait_stopped(task.task_arn);
  EXPECT_EQ(done.stop_code, "TaskFailedToStart");
  EXPECT_NE(done.stopped_reason.find("apt-get install crun"), std::string::npos) << done.stopped_reason;
  EXPECT_FALSE(done.containers[0].exit_code);
  EXPECT_EQ(done.containers[0].last_status, "STOPPED");
}

TEST_F(EcsTest, AnImageThatCannotBePulledFailsTheTask) {
  create_cluster();
  api::ContainerDefinition c{.name = "main", .image = "127.0.0.1:5000/app:missing"};
  auto def = client().register_task_definition({.family = "x",
                                                .network_mode = "awsvpc",
                                                .container_definitions = {c},
                                                .requires_compatibilities = {"FARGATE"},
                                                .cpu = "256",
                                                .memory = "512"});
  ASSERT_TRUE(def.ok());
  auto task = run(run_request("x"));
  auto done = wait_stopped(task.task_arn);
  EXPECT_EQ(done.stop_code, "TaskFailedToStart");
  EXPECT_TRUE(done.stopped_reason.starts_with("CannotPullContainerError: 127.0.0.1:5000/app:missing"))
      << done.stopped_reason;
}

TEST_F(EcsTest, ARestartSettlesTasksThatWereRunningAndSweepsTheRuntime) {
  create_cluster();
  auto task = run(run_request(register_shell("while :; do sleep 0.05; done")));
  for (int i = 0; i < 600; ++i) {
    auto d = client().describe_tasks("c", {task.task_arn});
    if (d.ok() && !d->tasks.empty() && d->tasks[0].last_status == "RUNNING") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  host.leftovers = {"hoplite-orphan-0"};
  open_with(std::make_unique<RuntimeRef>(host));  // closing kills the container; the state says RUNNING
  auto d = client().describe_tasks("c", {task.task_arn});
  ASSERT_TRUE(d.ok()) << d.error().to_string();
  ASSERT_EQ(d->tasks.size(), 1u);
  EXPECT_EQ(d->tasks[0].last_status, "STOPPED");
  EXPECT_EQ(d->tasks[0].stop_code, "TerminationNotice");
  EXPECT_NE(d->tasks[0].stopped_reason.find("local cloud stopped"), std::string::npos);
  std::lock_guard lock(host.mutex);
  std::string id = task.task_arn.substr(task.task_arn.rfind('/') + 1);
  EXPECT_NE(std::find(host.removed.begin(), host.removed.end(), "hoplite-" + id + "-0"), host.removed.end());
  EXPECT_NE(std::find(host.removed.begin(), host.removed.end(), "hoplite-orphan-0"), host.removed.end());
}

TEST_F(EcsTest, ContainersGetMetadataAndTheirTaskRolesCredentials) {
  create_cluster();
  api::ContainerDefinition c{.name = "main", .image = image};
  c.entry_point = {"/bin/sh", "-c"};
  c.command = {"while :; do sleep 0.05; done"};
  auto def = client().register_task_definition({.family = "roled",
                                                .task_role_arn = "arn:aws:iam::000000000000:role/app/worker",
                                                .network_mode = "awsvpc",
                                                .container_definitions = {c},
                                                .requires_compatibilities = {"FARGATE"},
                                                .cpu = "256",
                                                .memory = "512"});
  ASSERT_TRUE(def.ok()) << def.error().to_string();
  auto task = run(run_request("roled"));
  std::map<std::string, std::string> env;
  for (int i = 0; i < 600 && env.empty(); ++i) {
    {
      std::lock_guard lock(host.mutex);
      if (!host.started.empty())
        for (const auto& e : host.started[0].env) env[e.substr(0, e.find('='))] = e.substr(e.find('=') + 1);
    }
    if (env.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string id = task.task_arn.substr(task.task_arn.rfind('/') + 1);
  EXPECT_EQ(env["AWS_REGION"], "us-east-1");
  EXPECT_EQ(env["AWS_EXECUTION_ENV"], "AWS_ECS_FARGATE");
  EXPECT_EQ(env["AWS_ENDPOINT_URL"], "http://127.0.0.1:4566");
  EXPECT_EQ(env["ECS_CONTAINER_METADATA_URI_V4"], "http://127.0.0.1:4566/_ecs/v4/" + id);
  ASSERT_EQ(env["AWS_CONTAINER_CREDENTIALS_FULL_URI"], "http://127.0.0.1:4566/_ecs/credentials/" + id);
  ASSERT_EQ(env["AWS_CONTAINER_AUTHORIZATION_TOKEN"].size(), 32u);

  auto meta = send(http::Request{"GET", env["ECS_CONTAINER_METADATA_URI_V4"] + "/task", {}, {}, {}});
  ASSERT_EQ(meta.status, 200) << meta.body;
  auto doc = nlohmann::json::parse(meta.body);
  EXPECT_EQ(doc["TaskARN"], task.task_arn);
  EXPECT_EQ(doc["Family"], "roled");
  EXPECT_EQ(doc["Containers"][0]["Name"], "main");

  auto denied = send(http::Request{"GET", env["AWS_CONTAINER_CREDENTIALS_FULL_URI"], {}, {}, {}});
  EXPECT_EQ(denied.status, 401);
  http::Request ask{"GET", env["AWS_CONTAINER_CREDENTIALS_FULL_URI"], {}, {}, {}};
  ask.headers.set("Authorization", env["AWS_CONTAINER_AUTHORIZATION_TOKEN"]);
  auto creds_answer = send(ask);
  ASSERT_EQ(creds_answer.status, 200) << creds_answer.body;
  auto keys = nlohmann::json::parse(creds_answer.body);
  EXPECT_EQ(keys["RoleArn"], "arn:aws:iam::000000000000:role/app/worker");
  // The keys are accepted by the local cloud as the assumed role.
  aws::StaticCredentialsProvider role_creds{aws::Credentials{.access_key_id = keys["AccessKeyId"],
                                                             .secret_access_key = keys["SecretAccessKey"],
                                                             .session_token = keys["Token"],
                                                             .expiration = {},
                                                             .source = "task"}};
  auto who = aws::sts::Client(config(role_creds)).get_caller_identity();
  ASSERT_TRUE(who.ok()) << who.error().to_string();
  EXPECT_EQ(who->arn, "arn:aws:sts::000000000000:assumed-role/worker/" + id);

  ASSERT_TRUE(client().stop_task("c", task.task_arn, std::nullopt).ok());
  auto done = wait_stopped(task.task_arn);
  EXPECT_EQ(done.stopped_reason, "Task stopped by user");
  EXPECT_EQ(send(ask).status, 400);
}

}  // namespace
}  // namespace hoplite::local
