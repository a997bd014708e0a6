// The local STS through the production client (aws::sts::Client over InProcessClient): the same
// shape code encodes on one side and decodes on the other.
#include <gtest/gtest.h>

#include "hoplite/aws/sts.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;

class StsTest : public LocalCloudTest {
 protected:
  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(StsTest, GetCallerIdentityOfTheDefaultKeyIsTheRootOfTheDefaultAccount) {
  aws::sts::Client sts(config(creds));
  auto id = sts.get_caller_identity();
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_EQ(id->account, "000000000000");
  EXPECT_EQ(id->arn, "arn:aws:iam::000000000000:root");
  EXPECT_EQ(id->user_id, "000000000000");
}

TEST_F(StsTest, RegisteredKeysBelongToTheirAccount) {
  open_cloud({.credentials = {{"AKIAOTHER", "other-secret", "111122223333"}}});
  aws::StaticCredentialsProvider other({.access_key_id = "AKIAOTHER", .secret_access_key = "other-secret"});
  aws::sts::Client sts(config(other, "eu-west-3"));
  auto id = sts.get_caller_identity();
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_EQ(id->account, "111122223333");
  EXPECT_EQ(id->arn, "arn:aws:iam::111122223333:root");
}

TEST_F(StsTest, AnIamUsersKeyCallsAsThatUserWithAStableId) {
  LocalCloudOptions options{.credentials = {{.access_key_id = "AKIAUSER",
                                             .secret_access_key = "user-secret",
                                             .account_id = "111122223333",
                                             .session_token = "",
                                             .user_name = "dev.ops@team"}}};
  open_cloud(options);
  aws::StaticCredentialsProvider user({.access_key_id = "AKIAUSER", .secret_access_key = "user-secret"});
  auto id = aws::sts::Client(config(user)).get_caller_identity();
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_EQ(id->account, "111122223333");
  EXPECT_EQ(id->arn, "arn:aws:iam::111122223333:user/dev.ops@team");
  ASSERT_EQ(id->user_id.size(), 21u) << id->user_id;
  EXPECT_TRUE(id->user_id.starts_with("AIDA")) << id->user_id;
  for (char c : id->user_id) EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')) << id->user_id;

  open_cloud(options);  // registered again at the next start: IAM keeps a user's id
  auto again = aws::sts::Client(config(user)).get_caller_identity();
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(again->user_id, id->user_id);
}

TEST_F(StsTest, AnIamUserNameOutsideIamsCharactersIsRefusedAtStart) {
  for (const std::string& bad : {std::string("has space"), std::string("slash/y"), std::string(65, 'u')}) {
    auto refused = LocalCloud::open({.data_dir = dir.path() / ("bad" + std::to_string(bad.size())),
                                     .clock = &clock,
                                     .credentials = {{.access_key_id = "AKIABAD",
                                                      .secret_access_key = "s",
                                                      .account_id = "111122223333",
                                                      .session_token = "",
                                                      .user_name = bad}},
                                     .request_log = false,
                                     .services = {}});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.error().to_string().find("IAM user name"), std::string::npos) << refused.error().to_string();
  }
}

TEST_F(StsTest, AssumeRoleIssuesCredentialsTheServerThenAccepts) {
  aws::sts::Client sts(config(creds));
  auto role = sts.assume_role({.role_arn = "arn:aws:iam::123456789012:role/deploy/ci-runner",
                               .role_session_name = "build-42",
                               .duration_seconds = 900});
  ASSERT_TRUE(role.ok()) << role.error().to_string();
  EXPECT_TRUE(role->credentials.access_key_id.starts_with("ASIA")) << role->credentials.access_key_id;
  EXPECT_EQ(role->credentials.access_key_id.size(), 20u);
  EXPECT_EQ(role->credentials.secret_access_key.size(), 40u);
  EXPECT_FALSE(role->credentials.session_token.empty());
  ASSERT_TRUE(role->credentials.expiration);
  EXPECT_EQ(*role->credentials.expiration, clock.now() + std::chrono::seconds(900));
  EXPECT_EQ(role->assumed_role_arn, "arn:aws:sts::123456789012:assumed-role/ci-runner/build-42");
  EXPECT_TRUE(role->assumed_role_id.starts_with("AROA")) << role->assumed_role_id;
  EXPECT_TRUE(role->assumed_role_id.ends_with(":build-42")) << role->assumed_role_id;

  aws::StaticCredentialsProvider temp(role->credentials);
  aws::sts::Client as_role(config(temp));
  auto id = as_role.get_caller_identity();
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_EQ(id->account, "123456789012");
  EXPECT_EQ(id->arn, role->assumed_role_arn);
  EXPECT_EQ(id->user_id, role->assumed_role_id);

  // The same role gets the same role id every time (a real role id is fixed for its life).
  auto again =
      sts.assume_role({.role_arn = "arn:aws:iam::123456789012:role/deploy/ci-runner", .role_session_name = "build-43"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->assumed_role_id.substr(0, 21), role->assumed_role_id.substr(0, 21));
  EXPECT_NE(again->credentials.access_key_id, role->credentials.access_key_id);
}

TEST_F(StsTest, TemporaryCredentialsExpireAndNeedTheirToken) {
  aws::sts::Client sts(config(creds));
  auto role = sts.assume_role({.role_arn = "arn:aws:iam::000000000000:role/r1", .role_session_name = "s1"});
  ASSERT_TRUE(role.ok()) << role.error().to_string();

  aws::Credentials no_token = role->credentials;
  no_token.session_token.clear();
  aws::StaticCredentialsProvider without(no_token);
  auto missing = aws::sts::Client(config(without)).get_caller_identity();
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "InvalidClientTokenId");
  EXPECT_EQ(missing.error().http_status, 403);

  clock.set(clock.now() + std::chrono::seconds(3600));  // the default lifetime is one hour
  aws::StaticCredentialsProvider temp(role->credentials);
  auto expired = aws::sts::Client(config(temp)).get_caller_identity();
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, "ExpiredToken");
  EXPECT_EQ(expired.error().http_status, 403);
}

TEST_F(StsTest, AssumeRoleValidatesItsInputTheWayStsDoes) {
  aws::sts::Client sts(config(creds));
  struct Case {
    aws::sts::AssumeRoleRequest request;
    std::string code;
    std::string message_part;
  };
  const std::string role = "arn:aws:iam::000000000000:role/r1";
  std::vector<Case> cases{
      {{.role_arn = "", .role_session_name = "s1"}, "ValidationError", "'roleArn' failed to satisfy constraint"},
      {{.role_arn = "arn:aws:iam::0:role/x-but-long-enough", .role_session_name = "s1"},
       "ValidationError",
       "is invalid"},
      {{.role_arn = "arn:aws:s3:::bucket/role/aaaaaaaaaa", .role_session_name = "s1"}, "ValidationError", "is invalid"},
      {{.role_arn = role, .role_session_name = "x"}, "ValidationError", "length between 2 and 64"},
      {{.role_arn = role, .role_session_name = "has space"}, "ValidationError", "regular expression pattern"},
      {{.role_arn = role, .role_session_name = "s1", .duration_seconds = 899},
       "ValidationError",
       "greater than or equal to 900"},
      {{.role_arn = role, .role_session_name = "s1", .duration_seconds = 7200},
       "ValidationError",
       "MaxSessionDuration"},
      {{.role_arn = role, .role_session_name = "s1", .policy = "{not json"}, "MalformedPolicyDocument", "valid JSON"},
  };
  for (const auto& c : cases) {
    auto r = sts.assume_role(c.request);
    ASSERT_FALSE(r.ok()) << c.request.role_arn << " / " << c.request.role_session_name;
    EXPECT_EQ(r.error().code, c.code) << r.error().message;
    EXPECT_EQ(r.error().http_status, 400);
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << r.error().message;
  }
}

TEST_F(StsTest, RoleChainingIsLimitedToOneHour) {
  aws::sts::Client sts(config(creds));
  auto first = sts.assume_role({.role_arn = "arn:aws:iam::000000000000:role/a", .role_session_name = "one"});
  ASSERT_TRUE(first.ok());
  aws::StaticCredentialsProvider temp(first->credentials);
  aws::sts::Client chained(config(temp));
  auto ok = chained.assume_role({.role_arn = "arn:aws:iam::000000000000:role/b", .role_session_name = "two"});
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ(ok->assumed_role_arn, "arn:aws:sts::000000000000:assumed-role/b/two");
  auto too_long = chained.assume_role(
      {.role_arn = "arn:aws:iam::000000000000:role/b", .role_session_name = "two", .duration_seconds = 3601});
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.error().message.find("role chaining"), std::string::npos) << too_long.error().message;
}

TEST_F(StsTest, CredentialsSurviveARestartOfTheServer) {
  aws::sts::Client sts(config(creds));
  auto role = sts.assume_role({.role_arn = "arn:aws:iam::000000000000:role/r", .role_session_name = "kept"});
  ASSERT_TRUE(role.ok());
  open_cloud();  // a new LocalCloud on the same directory
  aws::StaticCredentialsProvider temp(role->credentials);
  auto id = aws::sts::Client(config(temp)).get_caller_identity();
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_EQ(id->arn, "arn:aws:sts::000000000000:assumed-role/r/kept");
}

}  // namespace
}  // namespace hoplite::local
