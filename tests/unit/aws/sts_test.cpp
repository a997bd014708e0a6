#include "hoplite/aws/sts.hpp"

#include <gtest/gtest.h>

#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::sts {
namespace {

using testing::form_value;

class StsTest : public testing::ClientTest {
 protected:
  Client sts{config};
};

TEST_F(StsTest, GetCallerIdentityMatchesTheAwsCliOnTheWire) {
  auto wire = testing::load_wire("008-GetCallerIdentity");
  clock.set(wire.signed_at());
  http.responses.emplace_back(wire.response);

  auto r = sts.get_caller_identity();

  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& req = only_request();
  EXPECT_EQ(req.body, wire.body);
  EXPECT_EQ(req.headers.get("Content-Type"), wire.header("Content-Type"));
  EXPECT_EQ(req.headers.get("X-Amz-Date"), wire.header("X-Amz-Date"));
  EXPECT_EQ(req.headers.get("Authorization"), wire.header("Authorization"));
  EXPECT_EQ(r->account, "123456789012");
  EXPECT_EQ(r->arn, "arn:aws:iam::123456789012:user/peer");
  EXPECT_EQ(r->user_id, "AIDEXAMPLE");
}

TEST_F(StsTest, AssumeRoleReturnsTemporaryCredentials) {
  respond_xml(
      "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
      "<AssumedRoleUser><AssumedRoleId>AROA1:deploy</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/deploy</Arn>"
      "</AssumedRoleUser><Credentials><AccessKeyId>ASIATEMP</AccessKeyId><SecretAccessKey>tempsecret</SecretAccessKey>"
      "<SessionToken>temptoken</SessionToken><Expiration>2026-11-26T06:08:11Z</Expiration></Credentials>"
      "</AssumeRoleResult></AssumeRoleResponse>");
  auto r = sts.assume_role({.role_arn = "arn:aws:iam::1:role/r",
                            .role_session_name = "deploy",
                            .duration_seconds = 900,
                            .external_id = "ext"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(only_request().body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=deploy"
            "&DurationSeconds=900&ExternalId=ext");
  EXPECT_EQ(r->credentials.access_key_id, "ASIATEMP");
  EXPECT_EQ(r->credentials.secret_access_key, "tempsecret");
  EXPECT_EQ(r->credentials.session_token, "temptoken");
  ASSERT_TRUE(r->credentials.expiration);
  EXPECT_EQ(core::format_iso8601(*r->credentials.expiration), "2026-11-26T06:08:11Z");
  EXPECT_EQ(r->assumed_role_arn, "arn:aws:sts::1:assumed-role/r/deploy");
}

TEST_F(StsTest, AccessDeniedIsATypedError) {
  http.respond(403,
               "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: x is not authorized"
               "</Message></Error><RequestId>r-403</RequestId></ErrorResponse>");
  auto r = sts.assume_role({.role_arn = "arn:aws:iam::1:role/r", .role_session_name = "s"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "AccessDenied");
  EXPECT_EQ(r.error().http_status, 403);
  EXPECT_EQ(form_value(http.requests[0].body, "Action"), "AssumeRole");
}

}  // namespace
}  // namespace hoplite::aws::sts
