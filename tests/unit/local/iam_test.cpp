// The local IAM through the production client (aws::iam::Client over InProcessClient), and what
// other services ask it: authorize (a role's policies evaluated, AccessDenied in AWS's words) and
// pass_role (recorded).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/iam.hpp"
#include "local/iam/iam_service.hpp"
#include "local/services.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace iamw = aws::iam;

constexpr std::string_view kTrustStates =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr std::string_view kSendToJobs =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:000000000000:jobs"}]})";

class IamTest : public LocalCloudTest {
 protected:
  void SetUp() override {
    LocalCloudOptions o;
    o.services = [this](ServiceContext& house) {
      auto all = make_services(house);
      for (auto& s : all)
        if (auto* p = dynamic_cast<iam::IamService*>(s.get())) service = p;
      return all;
    };
    open_cloud(std::move(o));
  }

  iamw::Client client() { return iamw::Client(config(creds, "eu-west-1")); }

  iamw::Role make_role(const std::string& name, std::string_view trust = kTrustStates) {
    auto r = client().create_role({.role_name = name, .assume_role_policy_document = std::string(trust)});
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() ? r->role : iamw::Role{};
  }

  CallContext context() {
    return CallContext{.request_id = "r",
                       .region = "us-east-1",
                       .principal = {.account_id = "000000000000",
                                     .arn = "arn:aws:iam::000000000000:root",
                                     .user_id = "000000000000",
                                     .access_key_id = "test"},
                       .now = clock.now(),
                       .host = "127.0.0.1:4566"};
  }

  static void expect_error(const core::Error& e, const std::string& code, int status, const std::string& part) {
    EXPECT_EQ(e.code, code) << e.message;
    EXPECT_EQ(e.http_status, status);
    EXPECT_NE(e.message.find(part), std::string::npos) << e.message;
  }

  iam::IamService* service = nullptr;
  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(IamTest, RolesAndTheirPolicies) {
  auto role = make_role("worker");
  EXPECT_EQ(role.arn, "arn:aws:iam::000000000000:role/worker");
  EXPECT_TRUE(role.role_id.starts_with("AROA"));
  EXPECT_EQ(role.role_id.size(), 21u);
  EXPECT_EQ(role.assume_role_policy_document, kTrustStates) << "the trust policy comes back decoded";
  auto c = client();
  auto dup = c.create_role({.role_name = "WORKER", .assume_role_policy_document = std::string(kTrustStates)});
  ASSERT_FALSE(dup.ok());
  expect_error(dup.error(), "EntityAlreadyExists", 409, "Role with name WORKER already exists.");
  auto bad = c.create_role({.role_name = "bad name", .assume_role_policy_document = std::string(kTrustStates)});
  ASSERT_FALSE(bad.ok());
  expect_error(bad.error(), "ValidationError", 400, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  auto no_principal =
      c.create_role({.role_name = "x",
                     .assume_role_policy_document = R"({"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}})"});
  ASSERT_FALSE(no_principal.ok());
  expect_error(no_principal.error(), "MalformedPolicyDocument", 400, "Missing required field Principal");
  auto pathed = c.create_role(
      {.role_name = "svc", .path = "/service/", .assume_role_policy_document = std::string(kTrustStates)});
  ASSERT_TRUE(pathed.ok());
  EXPECT_EQ(pathed->role.arn, "arn:aws:iam::000000000000:role/service/svc");

  ASSERT_TRUE(
      c.put_role_policy({.role_name = "worker", .policy_name = "send", .policy_document = std::string(kSendToJobs)})
          .ok());
  auto got = c.get_role_policy({.role_name = "worker", .policy_name = "send"});
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->policy_document, kSendToJobs);
  auto names = c.list_role_policies({.role_name = "worker"});
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names->policy_names, (std::vector<std::string>{"send"}));
  auto bad_policy = c.put_role_policy({.role_name = "worker",
                                       .policy_name = "p",
                                       .policy_document = R"({"Statement":{"Effect":"Allow","Action":"s3:*"}})"});
  ASSERT_FALSE(bad_policy.ok());
  expect_error(bad_policy.error(), "MalformedPolicyDocument", 400, "Policy statement must contain resources.");

  auto created = c.create_policy(
      {.policy_name = "read-logs",
       .policy_document =
           R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:Get*","Resource":"*"}]})"});
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  EXPECT_EQ(created->policy.arn, "arn:aws:iam::000000000000:policy/read-logs");
  ASSERT_TRUE(c.attach_role_policy({.role_name = "worker", .policy_arn = created->policy.arn}).ok());
  ASSERT_TRUE(
      c.attach_role_policy({.role_name = "worker",
                            .policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"})
          .ok());
  auto unknown = c.attach_role_policy({.role_name = "worker", .policy_arn = "arn:aws:iam::aws:policy/NoSuchPolicy"});
  ASSERT_FALSE(unknown.ok());
  expect_error(unknown.error(), "NoSuchEntity", 404, "does not exist or is not attachable.");
  auto attached = c.list_attached_role_policies({.role_name = "worker"});
  ASSERT_TRUE(attached.ok());
  ASSERT_EQ(attached->attached_policies.size(), 2u);
  auto counted = c.get_policy({.policy_arn = created->policy.arn});
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(counted->policy.attachment_count, 1);
  auto version = c.get_policy_version({.policy_arn = created->policy.arn, .version_id = "v1"});
  ASSERT_TRUE(version.ok());
  EXPECT_NE(version->policy_version.document.find("logs:Get*"), std::string::npos);

  // AWS's order for taking a role apart: inline policies, then attachments, then the role.
  auto busy = c.delete_role({.role_name = "worker"});
  ASSERT_FALSE(busy.ok());
  expect_error(busy.error(), "DeleteConflict", 409, "must delete policies first");
  ASSERT_TRUE(c.delete_role_policy({.role_name = "worker", .policy_name = "send"}).ok());
  busy = c.delete_role({.role_name = "worker"});
  ASSERT_FALSE(busy.ok());
  expect_error(busy.error(), "DeleteConflict", 409, "must detach all policies first");
  auto in_use = c.delete_policy({.policy_arn = created->policy.arn});
  ASSERT_FALSE(in_use.ok());
  expect_error(in_use.error(), "DeleteConflict", 409, "Cannot delete a policy attached to entities.");
  for (const auto& a : attached->attached_policies)
    ASSERT_TRUE(c.detach_role_policy({.role_name = "worker", .policy_arn = a.policy_arn}).ok());
  ASSERT_TRUE(c.delete_role({.role_name = "worker"}).ok());
  ASSERT_TRUE(c.delete_policy({.policy_arn = created->policy.arn}).ok());
  auto gone = c.get_role({.role_name = "worker"});
  ASSERT_FALSE(gone.ok());
  expect_error(gone.error(), "NoSuchEntity", 404, "The role with name worker cannot be found.");

  auto listed = c.list_roles({.path_prefix = "/service/"});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->roles.size(), 1u);
  EXPECT_EQ(listed->roles[0].role_name, "svc");
}

TEST_F(IamTest, UpdateRoleAndItsTagsChangeTheRoleInPlace) {
  auto role = make_role("worker");
  auto c = client();
  ASSERT_TRUE(c.update_role({.role_name = "worker", .description = "does work", .max_session_duration = 7200}).ok());
  auto got = c.get_role({.role_name = "worker"});
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->role.role_id, role.role_id) << "the same role, not a new one";
  EXPECT_EQ(got->role.description, "does work");
  EXPECT_EQ(got->role.max_session_duration, 7200);
  // What a request leaves out stays; an empty Description removes it.
  ASSERT_TRUE(c.update_role({.role_name = "worker", .description = "", .max_session_duration = std::nullopt}).ok());
  got = c.get_role({.role_name = "worker"});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->role.description, std::nullopt);
  EXPECT_EQ(got->role.max_session_duration, 7200);
  auto too_long = c.update_role({.role_name = "worker", .description = std::nullopt, .max_session_duration = 50000});
  ASSERT_FALSE(too_long.ok());
  expect_error(too_long.error(), "ValidationError", 400,
               "Value '50000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less "
               "than or equal to 43200");
  auto missing = c.update_role({.role_name = "nobody", .description = "x", .max_session_duration = std::nullopt});
  ASSERT_FALSE(missing.ok());
  expect_error(missing.error(), "NoSuchEntity", 404, "The role with name nobody cannot be found.");

  // Tag keys compare without regard to case: `team` replaces `Team`'s value.
  ASSERT_TRUE(c.tag_role({.role_name = "worker", .tags = {{"Team", "blue"}, {"env", "dev"}}}).ok());
  ASSERT_TRUE(c.tag_role({.role_name = "worker", .tags = {{"team", "red"}}}).ok());
  auto tags = c.list_role_tags({.role_name = "worker"});
  ASSERT_TRUE(tags.ok()) << tags.error().to_string();
  EXPECT_EQ(tags->tags, (std::vector<iamw::Tag>{{"team", "red"}, {"env", "dev"}}));
  EXPECT_FALSE(tags->is_truncated);
  auto page = c.list_role_tags({.role_name = "worker", .marker = std::nullopt, .max_items = 1});
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(page->is_truncated);
  auto rest = c.list_role_tags({.role_name = "worker", .marker = page->marker, .max_items = 1});
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->tags, (std::vector<iamw::Tag>{{"env", "dev"}}));
  EXPECT_FALSE(rest->is_truncated);
  ASSERT_TRUE(c.untag_role({.role_name = "worker", .tag_keys = {"ENV", "absent"}}).ok());
  got = c.get_role({.role_name = "worker"});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->role.tags, (std::vector<iamw::Tag>{{"team", "red"}}));

  std::vector<iamw::Tag> many;
  for (int i = 0; i < 50; ++i) many.push_back({"k" + std::to_string(i), "v"});
  auto over = c.tag_role({.role_name = "worker", .tags = many});
  ASSERT_FALSE(over.ok()) << "50 new keys beside `team` are 51";
  expect_error(over.error(), "LimitExceeded", 409, "Cannot exceed quota for TagsPerRole: 50");
  got = c.get_role({.role_name = "worker"});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->role.tags.size(), 1u) << "a refused TagRole changes nothing";
  auto empty_key = c.tag_role({.role_name = "worker", .tags = {{"", "v"}}});
  ASSERT_FALSE(empty_key.ok());
  expect_error(empty_key.error(), "ValidationError", 400, "at 'tags.1.member.key' failed to satisfy constraint");
  auto bad_marker = c.list_role_tags({.role_name = "worker", .marker = "nonsense", .max_items = std::nullopt});
  ASSERT_FALSE(bad_marker.ok());
  expect_error(bad_marker.error(), "ValidationError", 400, "Invalid Marker.");
}

TEST_F(IamTest, AuthorizeEvaluatesTheRolesPolicies) {
  ASSERT_NE(service, nullptr);
  auto role = make_role("machine");
  auto c = client();
  ASSERT_TRUE(
      c.put_role_policy({.role_name = "machine", .policy_name = "send", .policy_document = std::string(kSendToJobs)})
          .ok());
  const std::string session = "arn:aws:sts::000000000000:assumed-role/machine/run-1";
  EXPECT_TRUE(service
                  ->authorize("000000000000", role.arn, session,
                              {.action = "sqs:SendMessage", .resource = "arn:aws:sqs:us-east-1:000000000000:jobs"})
                  .ok());
  auto denied = service->authorize("000000000000", role.arn, session,
                                   {.action = "sns:Publish", .resource = "arn:aws:sns:us-east-1:000000000000:t"});
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, "AccessDenied");
  EXPECT_EQ(denied.error().message,
            "User: arn:aws:sts::000000000000:assumed-role/machine/run-1 is not authorized to perform: sns:Publish on "
            "resource: arn:aws:sns:us-east-1:000000000000:t because no identity-based policy allows the sns:Publish "
            "action");
  ASSERT_TRUE(
      c.attach_role_policy({.role_name = "machine", .policy_arn = "arn:aws:iam::aws:policy/AmazonSNSFullAccess"}).ok());
  EXPECT_TRUE(service
                  ->authorize("000000000000", role.arn, session,
                              {.action = "sns:Publish", .resource = "arn:aws:sns:us-east-1:000000000000:t"})
                  .ok());
  ASSERT_TRUE(
      c.put_role_policy({.role_name = "machine",
                         .policy_name = "no-t",
                         .policy_document = R"({"Statement":{"Effect":"Deny","Action":"sns:*","Resource":"*:t"}})"})
          .ok());
  auto explicit_deny = service->authorize(
      "000000000000", role.arn, session, {.action = "sns:Publish", .resource = "arn:aws:sns:us-east-1:000000000000:t"});
  ASSERT_FALSE(explicit_deny.ok());
  EXPECT_NE(explicit_deny.error().message.find("with an explicit deny in an identity-based policy"), std::string::npos);
  auto missing = service->authorize("000000000000", "arn:aws:iam::000000000000:role/nope", session, {.action = "x:Y"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "NoSuchEntity");
}

TEST_F(IamTest, PassRoleChecksTrustAndIsRecorded) {
  ASSERT_NE(service, nullptr);
  auto role = make_role("machine");
  auto passed = service->pass_role(context(), role.arn, "states.amazonaws.com");
  ASSERT_TRUE(passed.ok()) << passed.error().to_string();
  EXPECT_EQ(passed->role_name, "machine");
  auto untrusted = service->pass_role(context(), role.arn, "ecs-tasks.amazonaws.com");
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(untrusted.error().code, "AccessDenied");
  auto missing = service->pass_role(context(), "arn:aws:iam::000000000000:role/nope", "states.amazonaws.com");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "NoSuchEntity");
  auto page = nlohmann::json::parse(cloud->inspect());
  const auto& record = page["services"]["iam"]["000000000000"]["passedRoles"][0];
  EXPECT_EQ(record["roleArn"], role.arn);
  EXPECT_EQ(record["service"], "states.amazonaws.com");
}

TEST_F(IamTest, SurvivesARestart) {
  make_role("kept");
  SetUp();
  auto got = client().get_role({.role_name = "kept"});
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->role.role_name, "kept");
}

}  // namespace
}  // namespace hoplite::local
