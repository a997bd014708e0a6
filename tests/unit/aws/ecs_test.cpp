#include "hoplite/aws/ecs.hpp"

#include <gtest/gtest.h>

#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::ecs {
namespace {

using nlohmann::json;

class EcsTest : public testing::ClientTest {
 protected:
  Client ecs{config};
};

constexpr const char* kStoppedTask = R"({"taskArn":"arn:aws:ecs:us-east-1:1:task/c/abc","clusterArn":"arn:cluster/c",
  "taskDefinitionArn":"arn:td/svc:3","lastStatus":"STOPPED","desiredStatus":"STOPPED",
  "stopCode":"EssentialContainerExited","stoppedReason":"Essential container in task exited",
  "startedAt":1764000000.0,"stoppedAt":1764000010.0,
  "containers":[{"name":"app","lastStatus":"STOPPED","exitCode":3,"reason":""}]})";

TEST_F(EcsTest, DescribeTasksParsesExitCodesAndFailures) {
  respond_json(std::string(R"({"tasks":[)") + kStoppedTask +
               R"(],"failures":[{"arn":"arn:task/gone","reason":"MISSING"}]})");
  auto r = ecs.describe_tasks("c", {"abc", "gone"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& req = only_request();
  EXPECT_EQ(req.headers.get("X-Amz-Target"), "AmazonEC2ContainerServiceV20141113.DescribeTasks");
  EXPECT_EQ(req.headers.get("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(json_of(req), json::parse(R"({"cluster":"c","tasks":["abc","gone"]})"));
  ASSERT_EQ(r->tasks.size(), 1u);
  const Task& t = r->tasks[0];
  EXPECT_EQ(t.last_status, "STOPPED");
  EXPECT_EQ(t.stop_code, "EssentialContainerExited");
  ASSERT_EQ(t.containers.size(), 1u);
  EXPECT_EQ(t.containers[0].exit_code, 3);
  EXPECT_EQ(*t.stopped_at - *t.started_at, std::chrono::seconds(10));
  ASSERT_EQ(r->failures.size(), 1u);
  EXPECT_EQ(r->failures[0].reason, "MISSING");
}

TEST_F(EcsTest, RunningContainerHasNoExitCode) {
  respond_json(
      R"({"tasks":[{"taskArn":"t","lastStatus":"RUNNING","containers":[{"name":"app","lastStatus":"RUNNING"}]}]})");
  auto r = ecs.describe_tasks("c", {"t"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->tasks[0].containers[0].exit_code, std::nullopt);
}

TEST_F(EcsTest, StopTask) {
  respond_json(std::string(R"({"task":)") + kStoppedTask + "}");
  auto r = ecs.stop_task("c", "abc", "stopped by hoplite");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(json_of(only_request()), json::parse(R"({"cluster":"c","task":"abc","reason":"stopped by hoplite"})"));
  EXPECT_EQ(only_request().headers.get("X-Amz-Target"), "AmazonEC2ContainerServiceV20141113.StopTask");
  EXPECT_EQ(r->task_arn, "arn:aws:ecs:us-east-1:1:task/c/abc");
}

TEST_F(EcsTest, ClusterNotFoundIsTyped) {
  http.respond(400, R"({"__type":"ClusterNotFoundException","message":"Cluster not found."})");
  auto r = ecs.stop_task("nope", "abc", std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ClusterNotFoundException");
  EXPECT_EQ(json_of(only_request()), json::parse(R"({"cluster":"nope","task":"abc"})"));
}

}  // namespace
}  // namespace hoplite::aws::ecs
