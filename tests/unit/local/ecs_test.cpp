// The local ECS through the production client (aws::api::Client over InProcessClient) and its
// typed operations. Tasks run on a host-process runtime (the container runtime seam with the
// args run directly on this machine), so these tests need neither root nor crun; the image is
// pulled from an in-memory registry. Real containers: tests/integration/ecs_e2e_test.cpp.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "fakes/memory_registry.hpp"
#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/ecs.hpp"
#include "hoplite/aws/sts.hpp"
#include "hoplite/oci/image.hpp"
#include "hoplite/oci/layer_writer.hpp"
#include "hoplite/oci/registry.hpp"
#include "local/cloudformation/cfn_service.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/runtime/select_runtime.hpp"
#include "local/sts/sts_service.hpp"
#include "local/task_network_from_ec2.hpp"
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
    make_network();
  }

  /// A VPC with a subnet and a security group in the local EC2, as RunTask requires.
  void make_network() {
    auto vpc = networks->create_vpc(ctx(), {.cidr_block = "10.0.0.0/16"});
    ASSERT_TRUE(vpc.ok()) << vpc.error().to_string();
    auto s = networks->create_subnet(ctx(), {.vpc_id = vpc->vpc.vpc_id, .cidr_block = "10.0.1.0/24"});
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    subnet = s->subnet.subnet_id;
    auto g = networks->create_security_group(
        ctx(), {.group_name = "tasks", .description = "tasks", .vpc_id = vpc->vpc.vpc_id});
    ASSERT_TRUE(g.ok()) << g.error().to_string();
    security_group = g->group_id;
    vpc_id = vpc->vpc.vpc_id;
  }

  void open_with(std::unique_ptr<runtime::ContainerRuntime> rt) {
    service = nullptr;
    LocalCloudOptions options;
    auto shared_rt = std::make_shared<std::unique_ptr<runtime::ContainerRuntime>>(std::move(rt));
    options.services = [this, shared_rt](ServiceContext& house) {
      std::vector<std::unique_ptr<Service>> out;
      auto e = std::make_unique<ec2::Ec2Service>(house);
      networks = e.get();
      out.push_back(std::move(e));
      auto s = std::make_unique<ecs::EcsService>(house, ecs::EcsOptions{.runtime = std::move(*shared_rt),
                                                                        .logs = sink,
                                                                        .registry_client = registry,
                                                                        .network = ec2_network_lookup(*networks)});
      service = s.get();
      service->on_task_stopped([this](const std::string&, const std::string&, const api::Task& t) {
        std::lock_guard lock(stopped_mutex);
        stopped[t.task_arn] = t;
        stopped_cv.notify_all();
      });
      out.push_back(std::move(s));
      out.push_back(std::make_unique<sts::StsService>(house));  // to prove the task's keys work
      out.push_back(std::make_unique<cloudformation::CloudFormationService>(house, out));  // stacks of services
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

  /// Registers family `app` with an image the registry does not have: its tasks fail to start.
  std::string register_unpullable() {
    std::string pullable = image;
    image = "127.0.0.1:5000/app@sha256:" + std::string(64, '0');
    auto def = register_shell("exec /bin/sleep 600");
    image = pullable;
    return def;
  }

  /// A template of one AWS::ECS::Service `Web` in cluster `c` on the test's network, with
  /// `properties` besides.
  nlohmann::json service_stack(nlohmann::json properties) {
    properties["Cluster"] = "c";
    properties["NetworkConfiguration"] = {
        {"AwsvpcConfiguration", {{"Subnets", {subnet}}, {"SecurityGroups", {security_group}}}}};
    return {{"Resources", {{"Web", {{"Type", "AWS::ECS::Service"}, {"Properties", std::move(properties)}}}}}};
  }

  /// The stack's status once it is no longer in progress (a minute at most: never a timing assertion).
  static std::string settled(aws::cloudformation::Client& cfn, const std::string& stack) {
    std::string status;
    for (int i = 0; i < 60000; ++i) {
      auto d = cfn.describe_stacks({.stack_name = stack});
      status = d.ok() && !d->stacks.empty() ? d->stacks[0].stack_status : "?";
      if (!status.ends_with("_IN_PROGRESS")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return status;
  }

  /// The reason of `Web`'s CREATE_FAILED event ("" when there is none).
  static std::string create_failed_reason(aws::cloudformation::Client& cfn, const std::string& stack) {
    auto events = cfn.describe_stack_events({.stack_name = stack});
    EXPECT_TRUE(events.ok()) << events.error().to_string();
    std::string reason;
    if (events.ok())
      for (const auto& e : events->events)
        if (e.logical_resource_id == "Web" && e.resource_status == "CREATE_FAILED") reason = e.resource_status_reason;
    return reason;
  }

  api::RunTaskRequest run_request(const std::string& definition) {
    return {.cluster = "c",
            .launch_type = "FARGATE",
            .network_configuration = api::NetworkConfiguration{api::AwsVpcConfiguration{
                .subnets = {subnet}, .security_groups = {security_group}, .assign_public_ip = {}}},
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
  ec2::Ec2Service* networks = nullptr;
  std::string image;
  std::string vpc_id, subnet, security_group;
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
  // Stop once its trap is set: RUNNING alone does not say the shell got that far (under load the
  // SIGTERM came first and the task exited 143). "ready" is shipped once the shell printed it.
  auto ready = [&] {
    std::lock_guard lock(sink->mutex);
    for (const auto& [stream, lines] : sink->by_stream)
      if (std::find(lines.begin(), lines.end(), "ready") != lines.end()) return true;
    return false;
  };
  for (int i = 0; i < 1200 && !ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(ready()) << "the task never printed ready";
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

TEST_F(EcsTest, RunTaskLooksItsSubnetsAndSecurityGroupsUpInEc2) {
  create_cluster();
  auto def = register_shell("true");
  auto request = run_request(def);
  request.network_configuration->awsvpc_configuration->subnets = {"subnet-0123456789abcdef0"};
  auto no_subnet = client().run_task(request);
  ASSERT_FALSE(no_subnet.ok());
  expect_error(no_subnet.error(), "InvalidParameterException",
               "Error retrieving subnet information for [subnet-0123456789abcdef0]: The subnet ID "
               "'subnet-0123456789abcdef0' does not exist");
  request = run_request(def);
  request.network_configuration->awsvpc_configuration->security_groups = {"sg-12345678"};
  auto no_group = client().run_task(request);
  ASSERT_FALSE(no_group.ok());
  expect_error(no_group.error(), "InvalidParameterException",
               "Error retrieving security group information for [sg-12345678]: The security group 'sg-12345678' "
               "does not exist");
  auto other = networks->create_vpc(ctx(), {.cidr_block = "10.1.0.0/16"});
  ASSERT_TRUE(other.ok());
  auto foreign =
      networks->create_security_group(ctx(), {.group_name = "x", .description = "x", .vpc_id = other->vpc.vpc_id});
  ASSERT_TRUE(foreign.ok());
  request = run_request(def);
  request.network_configuration->awsvpc_configuration->security_groups = {foreign->group_id};
  auto elsewhere = client().run_task(request);
  ASSERT_FALSE(elsewhere.ok());
  expect_error(elsewhere.error(), "InvalidParameterException",
               "Security group " + foreign->group_id + " and subnet " + subnet + " belong to different networks.");

  // The task's ENI is in its subnet, with an address of the subnet's block.
  auto task = run(run_request(def));
  ASSERT_EQ(task.attachments.size(), 1u);
  std::map<std::string, std::string> details;
  for (const auto& d : task.attachments[0].details) details[d.name] = d.value;
  EXPECT_EQ(details["subnetId"], subnet);
  EXPECT_TRUE(details["privateIPv4Address"].starts_with("10.0.1.")) << details["privateIPv4Address"];
  wait_stopped(task.task_arn);
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

/// Polls until `done()` holds (a minute at most: never a timing assertion).
template <typename Done>
bool eventually(Done done) {
  for (int i = 0; i < 1200; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

TEST_F(EcsTest, AServiceKeepsItsDesiredCountRunningAndScalesToZero) {
  create_cluster();
  // The first task the service starts exits at once; every later one sleeps until stopped.
  auto marker = dir.path() / "first";
  auto def = register_shell("/bin/mkdir " + marker.string() + " 2>/dev/null && exit 0; exec /bin/sleep 600", 2);
  auto c = client();
  auto net = run_request(def).network_configuration;
  auto created = c.create_service({.cluster = "c",
                                   .service_name = "web",
                                   .task_definition = "app",
                                   .desired_count = 2,
                                   .launch_type = "FARGATE",
                                   .network_configuration = net});
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  EXPECT_EQ(created->service.service_arn, "arn:aws:ecs:us-east-1:000000000000:service/c/web");
  EXPECT_EQ(created->service.status, "ACTIVE");
  EXPECT_EQ(created->service.task_definition, def);
  ASSERT_EQ(created->service.deployments.size(), 1u);
  const auto deployment = created->service.deployments[0].id;
  EXPECT_TRUE(deployment.starts_with("ecs-svc/")) << deployment;

  auto again = c.create_service({.cluster = "c",
                                 .service_name = "web",
                                 .task_definition = "app",
                                 .desired_count = 1,
                                 .network_configuration = net});
  ASSERT_FALSE(again.ok());
  expect_error(again.error(), "InvalidParameterException", "Creation of service was not idempotent.");

  auto describe = [&] {
    auto d = c.describe_services({.cluster = "c", .services = {"web"}});
    EXPECT_TRUE(d.ok()) << d.error().to_string();
    return d.ok() && !d->services.empty() ? d->services[0] : api::Service{};
  };
  // Two tasks run: the first exited and was replaced.
  ASSERT_TRUE(eventually([&] {
    {
      std::lock_guard lock(stopped_mutex);
      if (stopped.size() != 1) return false;
    }
    auto s = describe();
    return s.running_count == 2 && s.pending_count == 0;
  })) << "the service never ran 2 tasks after its first exited";
  {
    std::lock_guard lock(stopped_mutex);
    ASSERT_EQ(stopped.size(), 1u);
    const auto& first = stopped.begin()->second;
    EXPECT_EQ(first.started_by.value_or(""), deployment);
    EXPECT_EQ(first.group, "service:web");
    EXPECT_EQ(first.containers[0].exit_code.value_or(-1), 0);
  }
  auto listed = service->list_tasks(ctx(), {.cluster = "c", .service_name = "web"});
  ASSERT_TRUE(listed.ok()) << listed.error().to_string();
  ASSERT_EQ(listed->task_arns.size(), 2u);

  // A task stopped by hand is replaced too.
  ASSERT_TRUE(c.stop_task("c", listed->task_arns[0], "chaos").ok());
  wait_stopped(listed->task_arns[0]);
  ASSERT_TRUE(eventually([&] {
    auto l = service->list_tasks(ctx(), {.cluster = "c", .service_name = "web"});
    auto s = describe();
    return l.ok() && l->task_arns.size() == 2 && l->task_arns[0] != listed->task_arns[0] && s.running_count == 2;
  })) << "the stopped task was not replaced";
  auto events = describe().events;
  ASSERT_FALSE(events.empty());
  bool started = false;
  for (const auto& e : events) started = started || e.message.starts_with("(service web) has started ");
  EXPECT_TRUE(started);

  // Deleting a service that runs tasks needs force; scaling to 0 stops them.
  auto busy = c.delete_service({.cluster = "c", .service = "web", .force = {}});
  ASSERT_FALSE(busy.ok());
  expect_error(busy.error(), "InvalidParameterException", "scaled above 0");
  auto scaled = c.update_service({.cluster = "c", .service = "web", .desired_count = 0});
  ASSERT_TRUE(scaled.ok()) << scaled.error().to_string();
  EXPECT_EQ(scaled->service.desired_count, 0);
  ASSERT_TRUE(eventually([&] {
    auto l = service->list_tasks(ctx(), {.cluster = "c", .service_name = "web"});
    auto s = describe();
    return l.ok() && l->task_arns.empty() && s.running_count == 0 && s.pending_count == 0;
  })) << "scaling to 0 left tasks running";

  auto listed_services = c.list_services({.cluster = "c"});
  ASSERT_TRUE(listed_services.ok());
  EXPECT_EQ(listed_services->service_arns, std::vector<std::string>{created->service.service_arn});
  auto deleted = c.delete_service({.cluster = "c", .service = created->service.service_arn});
  ASSERT_TRUE(deleted.ok()) << deleted.error().to_string();
  EXPECT_EQ(deleted->service.status, "DRAINING");
  ASSERT_TRUE(eventually([&] { return describe().status == "INACTIVE"; }));
  listed_services = c.list_services({.cluster = "c"});
  ASSERT_TRUE(listed_services.ok());
  EXPECT_TRUE(listed_services->service_arns.empty());
  auto gone = c.update_service({.cluster = "c", .service = "ghost", .desired_count = 1});
  ASSERT_FALSE(gone.ok());
  expect_error(gone.error(), "ServiceNotFoundException", "Service not found.");
  auto missing = c.describe_services({.cluster = "c", .services = {"ghost"}});
  ASSERT_TRUE(missing.ok());
  ASSERT_EQ(missing->failures.size(), 1u);
  EXPECT_EQ(missing->failures[0].reason, "MISSING");
}

TEST_F(EcsTest, AServiceStackRunsItsTasksScalesInPlaceAndDrainsWhenReplacedOrDeleted) {
  create_cluster();
  auto def = register_shell("exec /bin/sleep 600", 2);
  aws::cloudformation::Client cfn(config(creds));
  auto settle = [&](const std::string& stack) { return settled(cfn, stack); };
  auto describe = [&](const std::string& arn) {
    auto d = client().describe_services({.cluster = "c", .services = {arn}});
    EXPECT_TRUE(d.ok()) << d.error().to_string();
    return d.ok() && !d->services.empty() ? d->services[0] : api::Service{};
  };
  nlohmann::json t = service_stack({{"TaskDefinition", def}, {"DesiredCount", 2}, {"LaunchType", "FARGATE"}});
  t["Outputs"] = {{"Arn", {{"Value", {{"Ref", "Web"}}}}}, {"Name", {{"Value", {{"Fn::GetAtt", {"Web", "Name"}}}}}}};
  auto stack = cfn.create_stack({.stack_name = "svc", .source = {.template_body = t.dump()}});
  ASSERT_TRUE(stack.ok()) << stack.error().to_string();
  ASSERT_EQ(settle(*stack), "CREATE_COMPLETE");
  auto outputs = [&] {
    std::map<std::string, std::string> out;
    auto d = cfn.describe_stacks({.stack_name = *stack});
    if (d.ok() && !d->stacks.empty())
      for (const auto& o : d->stacks[0].outputs) out[o.key] = o.value;
    return out;
  };
  auto first = outputs();
  EXPECT_TRUE(first["Name"].starts_with("svc-Web-")) << first["Name"];
  EXPECT_EQ(first["Arn"], "arn:aws:ecs:us-east-1:000000000000:service/c/" + first["Name"]);
  // ECS's own API shows the service the stack made, and as on AWS the stack waited for its
  // steady state: both tasks run already.
  auto made = describe(first["Arn"]);
  EXPECT_EQ(made.running_count, 2);
  ASSERT_EQ(made.deployments.size(), 1u);
  EXPECT_EQ(made.deployments[0].rollout_state.value_or(""), "COMPLETED");

  // DesiredCount changes in place: the same service, one task fewer.
  t["Resources"]["Web"]["Properties"]["DesiredCount"] = 1;
  ASSERT_TRUE(cfn.update_stack({.stack_name = *stack, .source = {.template_body = t.dump()}}).ok());
  ASSERT_EQ(settle(*stack), "UPDATE_COMPLETE");
  EXPECT_EQ(outputs()["Arn"], first["Arn"]);
  auto scaled = describe(first["Arn"]);
  EXPECT_EQ(scaled.desired_count, 1);
  EXPECT_EQ(scaled.running_count, 1);

  // A new ServiceName replaces it: the new one runs, the old one drained away in the cleanup.
  t["Resources"]["Web"]["Properties"]["ServiceName"] = "web2";
  ASSERT_TRUE(cfn.update_stack({.stack_name = *stack, .source = {.template_body = t.dump()}}).ok());
  ASSERT_EQ(settle(*stack), "UPDATE_COMPLETE");
  EXPECT_EQ(outputs()["Arn"], "arn:aws:ecs:us-east-1:000000000000:service/c/web2");
  EXPECT_EQ(describe(first["Arn"]).status, "INACTIVE");
  EXPECT_EQ(describe("web2").running_count, 1);

  // Deleting the stack drains the service before the stack says DELETE_COMPLETE.
  ASSERT_TRUE(cfn.delete_stack({.stack_name = *stack}).ok());
  ASSERT_EQ(settle(*stack), "DELETE_COMPLETE");
  EXPECT_EQ(describe("web2").status, "INACTIVE");
  auto left = service->list_tasks(ctx(), {.cluster = "c", .desired_status = "RUNNING"});
  ASSERT_TRUE(left.ok()) << left.error().to_string();
  EXPECT_TRUE(left->task_arns.empty()) << left->task_arns.size() << " tasks still run";
}

TEST_F(EcsTest, AServiceWhoseTasksNeverRunFailsToStabilizeAndAShutdownCutsTheWaitShort) {
  create_cluster();
  auto def = register_unpullable();
  nlohmann::json props =
      service_stack({{"TaskDefinition", def}, {"DesiredCount", 1}})["Resources"]["Web"]["Properties"];
  auto context = ctx();
  cloudformation::ProviderCall call{
      .context = context, .stack_name = "s", .stack_id = "id", .logical_id = "Web", .generated_name = "never"};
  auto provider = cloudformation::make_ecs_service_provider(*service, std::chrono::milliseconds(1500));
  auto r = provider->create(call, props);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Service arn:aws:ecs:us-east-1:000000000000:service/c/never did not stabilize.");
  // A failed create leaves nothing behind: the service that never stabilized was deleted.
  auto d = client().describe_services({.cluster = "c", .services = {"never"}});
  ASSERT_TRUE(d.ok() && d->services.size() == 1u);
  EXPECT_EQ(d->services[0].status, "INACTIVE");

  // The local cloud shutting down ends the wait at once, as `interrupted` (the engine then leaves
  // the resource in progress for the next start, as after a crash).
  std::atomic<bool> stopping = false;
  call.generated_name = "cut";
  call.stopping = [&] { return stopping.load(); };
  std::thread stop([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stopping = true;
  });
  auto cut = cloudformation::make_ecs_service_provider(*service)->create(call, props);
  stop.join();
  ASSERT_FALSE(cut.ok());
  EXPECT_TRUE(cloudformation::is_interrupted(cut.error())) << cut.error().to_string();
}

TEST_F(EcsTest, AStackWaitingForAServiceIsLeftInProgressByAShutdownAndRolledBackAtTheNextStart) {
  create_cluster();
  auto def = register_unpullable();  // the service never stabilizes
  nlohmann::json t = service_stack({{"ServiceName", "web"}, {"TaskDefinition", def}});
  aws::cloudformation::Client cfn(config(creds));
  ASSERT_TRUE(cfn.create_stack({.stack_name = "svc", .source = {.template_body = t.dump()}}).ok());
  auto web = [&] {
    auto r = cfn.describe_stack_resources({.stack_name = "svc"});
    return r.ok() && !r->empty() ? r->front() : aws::cloudformation::StackResource{};
  };
  ASSERT_TRUE(eventually([&] { return web().resource_status == "CREATE_IN_PROGRESS"; }));

  // Closing the cloud does not wait for the service (it never would); the create stays in progress
  // in the state, and the next start settles it as after a crash: cancelled, rolled back.
  open_with(std::make_unique<RuntimeRef>(host));
  aws::cloudformation::Client again(config(creds));
  EXPECT_EQ(settled(again, "svc"), "ROLLBACK_COMPLETE");
  EXPECT_EQ(create_failed_reason(again, "svc"), "Resource creation cancelled");
  auto left = client().describe_services({.cluster = "c", .services = {"web"}});
  ASSERT_TRUE(left.ok()) << left.error().to_string();
  ASSERT_EQ(left->services.size(), 1u);
  EXPECT_EQ(left->services[0].status, "INACTIVE");  // the rollback deleted it
}

TEST_F(EcsTest, TheCircuitBreakerFailsADeploymentWhoseTasksCannotStartAndAStackWithItRollsBack) {
  create_cluster();
  auto runs = register_shell("exec /bin/sleep 600");
  auto broken = register_unpullable();
  auto c = client();
  auto net = run_request(runs).network_configuration;
  // ECS's defaults when the request says nothing: 200 %, 100 %, no circuit breaker.
  auto plain = c.create_service({.cluster = "c",
                                 .service_name = "plain",
                                 .task_definition = runs,
                                 .desired_count = 0,
                                 .network_configuration = net});
  ASSERT_TRUE(plain.ok()) << plain.error().to_string();
  ASSERT_TRUE(plain->service.deployment_configuration.has_value());
  EXPECT_EQ(plain->service.deployment_configuration->maximum_percent, 200);
  EXPECT_EQ(plain->service.deployment_configuration->minimum_healthy_percent, 100);
  ASSERT_TRUE(plain->service.deployment_configuration->deployment_circuit_breaker.has_value());
  EXPECT_FALSE(plain->service.deployment_configuration->deployment_circuit_breaker->enable);

  api::DeploymentConfiguration breaker{
      .deployment_circuit_breaker = api::DeploymentCircuitBreaker{.enable = true, .rollback = false},
      .maximum_percent = std::nullopt,
      .minimum_healthy_percent = std::nullopt};
  auto created = c.create_service({.cluster = "c",
                                   .service_name = "web",
                                   .task_definition = broken,
                                   .desired_count = 1,
                                   .network_configuration = net,
                                   .deployment_configuration = breaker});
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  auto describe = [&] {
    auto d = c.describe_services({.cluster = "c", .services = {"web"}});
    return d.ok() && !d->services.empty() ? d->services[0] : api::Service{};
  };
  ASSERT_TRUE(eventually([&] {
    auto s = describe();
    return !s.deployments.empty() && s.deployments[0].rollout_state.value_or("") == "FAILED";
  }));
  auto failed = describe();
  const auto& d = failed.deployments[0];
  EXPECT_EQ(d.rollout_state_reason.value_or(""), "ECS deployment circuit breaker: tasks failed to start.");
  EXPECT_GE(d.failed_tasks, 3);  // ECS's threshold for a desired count of 1
  ASSERT_FALSE(failed.events.empty());
  EXPECT_EQ(failed.events[0].message,
            "(service web) (deployment " + d.id + ") deployment failed: tasks failed to start.");
  // A failed deployment starts nothing more.
  auto stopped_tasks = [&] {
    auto l = service->list_tasks(ctx(), {.cluster = "c", .service_name = "web", .desired_status = "STOPPED"});
    return l.ok() ? l->task_arns.size() : 0u;
  };
  auto before = stopped_tasks();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // several reconciler passes
  EXPECT_EQ(stopped_tasks(), before);
  EXPECT_EQ(describe().running_count + describe().pending_count, 0);

  // Through CloudFormation, the handler fails on the tripped breaker with AWS's message and the
  // stack rolls back, deleting the service.
  nlohmann::json t = service_stack(
      {{"ServiceName", "stacked"},
       {"TaskDefinition", broken},
       {"DeploymentConfiguration", {{"DeploymentCircuitBreaker", {{"Enable", true}, {"Rollback", "false"}}}}}});
  aws::cloudformation::Client cfn(config(creds));
  ASSERT_TRUE(cfn.create_stack({.stack_name = "svc", .source = {.template_body = t.dump()}}).ok());
  EXPECT_EQ(settled(cfn, "svc"), "ROLLBACK_COMPLETE");
  EXPECT_EQ(create_failed_reason(cfn, "svc"),
            "Resource handler returned message: \"Error occurred during operation 'ECS Deployment Circuit Breaker was "
            "triggered'.\"");
  auto gone = c.describe_services({.cluster = "c", .services = {"stacked"}});
  ASSERT_TRUE(gone.ok() && gone->services.size() == 1u);
  EXPECT_EQ(gone->services[0].status, "INACTIVE");
}

TEST_F(EcsTest, AServiceChecksItsRequestLikeEcs) {
  create_cluster();
  auto def = register_shell("true");
  auto c = client();
  auto no_count = c.create_service({.cluster = "c",
                                    .service_name = "s",
                                    .task_definition = def,
                                    .network_configuration = run_request(def).network_configuration});
  ASSERT_FALSE(no_count.ok());
  expect_error(no_count.error(), "InvalidParameterException", "desiredCount");
  auto no_net = c.create_service({.cluster = "c", .service_name = "s", .task_definition = def, .desired_count = 1});
  ASSERT_FALSE(no_net.ok());
  expect_error(no_net.error(), "InvalidParameterException", "Network Configuration must be provided");
  auto request = run_request(def);
  request.network_configuration->awsvpc_configuration->subnets = {"subnet-0123456789abcdef0"};
  auto bad_subnet = c.create_service({.cluster = "c",
                                      .service_name = "s",
                                      .task_definition = def,
                                      .desired_count = 1,
                                      .network_configuration = request.network_configuration});
  ASSERT_FALSE(bad_subnet.ok());
  expect_error(bad_subnet.error(), "InvalidParameterException", "Error retrieving subnet information");
  auto no_def = c.create_service({.cluster = "c",
                                  .service_name = "s",
                                  .task_definition = "nope",
                                  .desired_count = 1,
                                  .network_configuration = run_request(def).network_configuration});
  ASSERT_FALSE(no_def.ok());
  expect_error(no_def.error(), "ClientException", "TaskDefinition not found.");
}

}  // namespace
}  // namespace hoplite::local
