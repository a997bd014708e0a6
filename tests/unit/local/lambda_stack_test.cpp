// AWS::Lambda::Function through the local CloudFormation (aws::cloudformation::Client over
// InProcessClient), checked through Lambda's own wire API: a stack makes a role and a function
// with inline code, updates its code and configuration in place, fails as AWS does on a role Lambda
// cannot assume, and deletes the function with the stack.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/lambda/lambda_zip.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace cf = aws::cloudformation;

constexpr const char* kFunctionStack = R"({
  "Resources": {
    "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                       "Action": "sts:AssumeRole"}]}}},
    "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
        "Runtime": "nodejs20.x", "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
        "Code": {"ZipFile": "exports.handler = async () => 1;"},
        "Environment": {"Variables": {"MODE": "one"}},
        "Tags": [{"Key": "team", "Value": "a"}]}}
  },
  "Outputs": {"Name": {"Value": {"Ref": "Fn"}}, "Arn": {"Value": {"Fn::GetAtt": ["Fn", "Arn"]}},
              "SnapStart": {"Value": {"Fn::GetAtt": ["Fn", "SnapStartResponse.ApplyOn"]}}}
})";

class LambdaStackTest : public LocalCloudTest {
 protected:
  cf::Client cfn() { return cf::Client(config(creds)); }

  /// Polls DescribeStacks until the stack leaves *_IN_PROGRESS (what the CLI's waiters do).
  cf::Stack wait_stable(const std::string& stack) {
    for (int i = 0; i < 20000; ++i) {
      auto d = cfn().describe_stacks({.stack_name = stack});
      EXPECT_TRUE(d.ok()) << d.error().to_string();
      if (!d.ok() || d->stacks.empty()) return {};
      if (!d->stacks[0].stack_status.ends_with("_IN_PROGRESS")) return d->stacks[0];
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ADD_FAILURE() << "stack " << stack << " never settled";
    return {};
  }

  std::string create(const std::string& name, const std::string& body) {
    auto id = cfn().create_stack(
        {.stack_name = name, .source = {.template_body = body}, .parameters = {}, .capabilities = {"CAPABILITY_IAM"}});
    EXPECT_TRUE(id.ok()) << id.error().to_string();
    return id.ok() ? *id : "";
  }

  /// GET on Lambda's REST-JSON API, signed as the AWS CLI signs it.
  http::Response lambda_get(const std::string& path) {
    http::Request req{"GET", "http://127.0.0.1:4566" + path, {}, {}, {}};
    EXPECT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                  {.service = "lambda", .region = "us-east-1", .time = clock.now()})
                    .ok());
    return send(req);
  }

  nlohmann::json function(const std::string& name) {
    auto r = lambda_get("/2015-03-31/functions/" + name);
    EXPECT_EQ(r.status, 200) << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(LambdaStackTest, StackCreatesUpdatesAndDeletesAFunctionThroughLambda) {
  std::string id = create("Funcs", kFunctionStack);
  auto stack = wait_stable(id);
  ASSERT_EQ(stack.stack_status, "CREATE_COMPLETE") << stack.stack_status_reason;
  std::map<std::string, std::string> out;
  for (const auto& o : stack.outputs) out[o.key] = o.value;
  const std::string name = out["Name"];
  EXPECT_TRUE(name.starts_with("Funcs-Fn-")) << name;
  EXPECT_EQ(name.size(), std::string("Funcs-Fn-").size() + 12) << name;
  EXPECT_EQ(out["Arn"], "arn:aws:lambda:us-east-1:000000000000:function:" + name);
  EXPECT_EQ(out["SnapStart"], "None");

  // Lambda's own API shows the function: inline source zipped as index.js, as CloudFormation does.
  auto fn = function(name);
  const std::string zip = lambda::zip_one_file("index.js", "exports.handler = async () => 1;");
  EXPECT_EQ(fn["Configuration"]["CodeSha256"], core::base64_encode(core::sha256(zip)));
  EXPECT_EQ(fn["Configuration"]["Runtime"], "nodejs20.x");
  EXPECT_EQ(fn["Configuration"]["Environment"]["Variables"]["MODE"], "one");
  EXPECT_TRUE(fn["Configuration"]["Role"].get<std::string>().starts_with("arn:aws:iam::000000000000:role/Funcs-Role-"));
  EXPECT_EQ(fn["Tags"]["team"], "a");

  // New code, memory and tags: the same function, updated in place.
  nlohmann::json doc = nlohmann::json::parse(kFunctionStack);
  auto& props = doc["Resources"]["Fn"]["Properties"];
  props["Code"]["ZipFile"] = "exports.handler = async () => 2;";
  props["MemorySize"] = 256;
  props.erase("Environment");
  props["Tags"] = nlohmann::json::parse(R"([{"Key": "env", "Value": "dev"}])");
  ASSERT_TRUE(cfn()
                  .update_stack({.stack_name = id,
                                 .source = {.template_body = doc.dump()},
                                 .use_previous_template = false,
                                 .parameters = {},
                                 .capabilities = {"CAPABILITY_IAM"}})
                  .ok());
  stack = wait_stable(id);
  ASSERT_EQ(stack.stack_status, "UPDATE_COMPLETE") << stack.stack_status_reason;
  fn = function(name);
  EXPECT_EQ(fn["Configuration"]["CodeSha256"],
            core::base64_encode(core::sha256(lambda::zip_one_file("index.js", "exports.handler = async () => 2;"))));
  EXPECT_EQ(fn["Configuration"]["MemorySize"], 256);
  EXPECT_FALSE(fn["Configuration"].contains("Environment")) << fn.dump();
  EXPECT_EQ(fn["Tags"], nlohmann::json({{"env", "dev"}}));

  ASSERT_TRUE(cfn().delete_stack({.stack_name = id}).ok());
  EXPECT_EQ(wait_stable(id).stack_status, "DELETE_COMPLETE");
  EXPECT_EQ(lambda_get("/2015-03-31/functions/" + name).status, 404);
}

TEST_F(LambdaStackTest, ARoleLambdaCannotAssumeFailsTheResourceAsInAws) {
  const std::string body = R"({"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
      "FunctionName": "orphan", "Runtime": "python3.12", "Handler": "index.handler",
      "Role": "arn:aws:iam::000000000000:role/missing", "Code": {"ZipFile": "def handler(e, c): pass"}}}}})";
  std::string id = create("Broken", body);
  auto stack = wait_stable(id);
  EXPECT_EQ(stack.stack_status, "ROLLBACK_COMPLETE");
  auto events = cfn().describe_stack_events_all({.stack_name = id});
  ASSERT_TRUE(events.ok()) << events.error().to_string();
  bool found = false;
  for (const auto& e : *events)
    if (e.logical_resource_id == "Fn" && e.resource_status == "CREATE_FAILED") {
      found = true;
      EXPECT_NE(e.resource_status_reason.find("The role defined for the function cannot be assumed by Lambda."),
                std::string::npos)
          << e.resource_status_reason;
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(lambda_get("/2015-03-31/functions/orphan").status, 404);
}

}  // namespace
}  // namespace hoplite::local
