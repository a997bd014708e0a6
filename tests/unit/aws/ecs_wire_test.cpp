// ECS shapes both ways: what a client encodes, the local cloud decodes to the same value, and
// what the local cloud encodes (and stores), the client decodes to the same value.
#include "hoplite/aws/ecs_wire.hpp"

#include <gtest/gtest.h>

namespace hoplite::aws::ecs::wire {
namespace {

using nlohmann::json;

TEST(EcsWire, RunTaskRequestRoundTripsAsTheCliSendsIt) {
  // The body `aws ecs run-task --cluster c --launch-type FARGATE --task-definition app:2
  // --network-configuration ... --overrides ...` sends (AWS CLI 2.9).
  json cli = json::parse(R"({"cluster":"c","taskDefinition":"app:2","launchType":"FARGATE","count":2,
    "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-0123456789abcdef0"],"securityGroups":["sg-12345678"],"assignPublicIp":"ENABLED"}},
    "overrides":{"containerOverrides":[{"name":"app","command":["exitWith","3"],"environment":[{"name":"A","value":"1"}]}],"taskRoleArn":"arn:aws:iam::000000000000:role/r"},
    "startedBy":"me","tags":[{"key":"k","value":"v"}]})");
  auto r = decode_run_task_request(cli);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->cluster, "c");
  EXPECT_EQ(r->count, 2);
  ASSERT_TRUE(r->network_configuration && r->network_configuration->awsvpc_configuration);
  EXPECT_EQ(r->network_configuration->awsvpc_configuration->assign_public_ip, "ENABLED");
  ASSERT_TRUE(r->overrides);
  ASSERT_EQ(r->overrides->container_overrides.size(), 1u);
  EXPECT_EQ(r->overrides->container_overrides[0].command, (std::vector<std::string>{"exitWith", "3"}));
  auto again = decode_run_task_request(encode_request(*r));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(encode_request(*again), encode_request(*r));
}

TEST(EcsWire, DeploymentConfigurationRoundTripsAsTheCliSendsIt) {
  // `aws ecs create-service ... --deployment-configuration
  // "deploymentCircuitBreaker={enable=true,rollback=false},maximumPercent=150"` (AWS CLI 2.9).
  json cli = json::parse(R"({"serviceName":"web","taskDefinition":"app","desiredCount":1,
    "deploymentConfiguration":{"deploymentCircuitBreaker":{"enable":true,"rollback":false},"maximumPercent":150}})");
  auto r = decode_create_service_request(cli);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->deployment_configuration && r->deployment_configuration->deployment_circuit_breaker);
  EXPECT_TRUE(r->deployment_configuration->deployment_circuit_breaker->enable);
  EXPECT_FALSE(r->deployment_configuration->deployment_circuit_breaker->rollback);
  EXPECT_EQ(r->deployment_configuration->maximum_percent, 150);
  EXPECT_FALSE(r->deployment_configuration->minimum_healthy_percent.has_value());
  EXPECT_EQ(encode_request(*r)["deploymentConfiguration"], cli["deploymentConfiguration"]);

  // A service as stored and described: its configuration and a failed deployment's reason.
  Service s{.service_name = "web", .deployment_configuration = r->deployment_configuration};
  s.deployments.push_back({.id = "ecs-svc/1234567890123456789",
                           .rollout_state = "FAILED",
                           .rollout_state_reason = "ECS deployment circuit breaker: tasks failed to start."});
  auto back = decode_service(encode(s));
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(encode(*back), encode(s));
  EXPECT_EQ(back->deployments[0].rollout_state_reason, "ECS deployment circuit breaker: tasks failed to start.");
  auto bad = decode_update_service_request(
      json::parse(R"({"service":"web","deploymentConfiguration":{"deploymentCircuitBreaker":{"enable":"yes"}}})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "SerializationException");
}

TEST(EcsWire, AnOverrideWithoutCommandKeepsTheDefinitions) {
  auto r = decode_run_task_request(
      json::parse(R"({"taskDefinition":"a","overrides":{"containerOverrides":[{"name":"x"}]}})"));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->overrides->container_overrides[0].command.has_value());
}

TEST(EcsWire, MistypedMembersAreSerializationErrors) {
  auto r = decode_run_task_request(json::parse(R"({"taskDefinition":"a","count":"two"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "SerializationException");
  auto d =
      decode_register_task_definition_request(json::parse(R"({"family":"f","containerDefinitions":[{"name":1}]})"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, "SerializationException");
}

TEST(EcsWire, TasksRoundTripThroughTheirStoredForm) {
  Task t;
  t.task_arn = "arn:aws:ecs:us-east-1:000000000000:task/c/0123";
  t.cluster_arn = "arn:aws:ecs:us-east-1:000000000000:cluster/c";
  t.last_status = "STOPPED";
  t.desired_status = "STOPPED";
  t.stop_code = "EssentialContainerExited";
  t.launch_type = "FARGATE";
  t.started_at = core::TimePoint{} + std::chrono::milliseconds(1764000000123);
  t.containers.push_back({.name = "app",
                          .last_status = "STOPPED",
                          .exit_code = 3,
                          .reason = "",
                          .container_arn = "arn:c",
                          .task_arn = t.task_arn,
                          .image = "i",
                          .image_digest = "sha256:ab",
                          .runtime_id = "hoplite-0123-0",
                          .cpu = "0",
                          .memory = std::nullopt});
  t.attachments.push_back(
      {.id = "a", .type = "ElasticNetworkInterface", .status = "PRECREATED", .details = {{"subnetId", "s"}}});
  t.overrides.container_overrides.push_back(
      {.name = "app", .command = std::vector<std::string>{}, .environment = {}, .cpu = {}, .memory = {}});
  t.version = 4;
  json encoded = encode(t);
  EXPECT_EQ(encoded["containers"][0]["exitCode"], 3);
  EXPECT_EQ(encoded["startedAt"], 1764000000.123);
  EXPECT_FALSE(encoded.contains("stoppedReason"));
  auto back = decode_task(encoded);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(encode(*back), encoded);
  EXPECT_EQ(back->containers[0].runtime_id, "hoplite-0123-0");
  EXPECT_EQ(back->overrides.container_overrides[0].command, std::vector<std::string>{});
}

TEST(EcsWire, TaskDefinitionsRoundTrip) {
  auto r = decode_register_task_definition_request(json::parse(R"({"family":"svc","networkMode":"awsvpc",
    "requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512","executionRoleArn":"arn:x",
    "runtimePlatform":{"cpuArchitecture":"X86_64","operatingSystemFamily":"LINUX"},
    "containerDefinitions":[{"name":"app","image":"r/app@sha256:00","essential":true,"entryPoint":["/app/service"],
      "command":["fargateTask"],"environment":[{"name":"A","value":"b"}],"workingDirectory":"/w","user":"1000:1000",
      "stopTimeout":5,"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"g","awslogs-stream-prefix":"p"}}}]})"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(
      decode_register_task_definition_request(encode_request(*r))->container_definitions[0].log_configuration->options,
      r->container_definitions[0].log_configuration->options);
  TaskDefinition d{.task_definition_arn = "arn:td/svc:1",
                   .container_definitions = r->container_definitions,
                   .family = "svc",
                   .revision = 1,
                   .status = "ACTIVE",
                   .compatibilities = {"EC2", "FARGATE"},
                   .requires_compatibilities = {"FARGATE"},
                   .cpu = "256",
                   .memory = "512",
                   .runtime_platform = r->runtime_platform};
  auto back = decode_task_definition(encode(d));
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(encode(*back), encode(d));
}

}  // namespace
}  // namespace hoplite::aws::ecs::wire
