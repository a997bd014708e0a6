// STS shapes both ways against what the AWS CLI sent and received (tests/testdata/aws-wire): each
// decoder reads the recording, each encoder writes it back byte for byte.
#include "hoplite/aws/sts_wire.hpp"

#include <gtest/gtest.h>

#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::sts::wire {
namespace {

using testing::load_wire;

/// The form parameters of a recorded query body after Action and Version.
QueryParams params_of(const std::string& body) {
  QueryParams p;
  for (auto& [k, v] : core::form_decode(body))
    if (k != "Action" && k != "Version") p.add(std::move(k), std::move(v));
  return p;
}

/// The inner XML of `<OpResult>` in a recorded response.
std::string result_xml(const std::string& body, const std::string& op) {
  auto open = body.find("<" + op + "Result>");
  auto close = body.find("</" + op + "Result>");
  EXPECT_NE(open, std::string::npos);
  open += op.size() + 8;
  return body.substr(open, close - open);
}

TEST(StsWire, GetCallerIdentityBothWays) {
  auto s = load_wire("008-GetCallerIdentity");
  EXPECT_EQ(encode_query_body("GetCallerIdentity", "2011-06-15", {}), s.body);
  auto doc = parse_xml(s.response.body);
  ASSERT_TRUE(doc.ok());
  auto id = decode_caller_identity(*doc->find("GetCallerIdentityResult"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->account, "123456789012");
  EXPECT_EQ(id->arn, "arn:aws:iam::123456789012:user/peer");
  EXPECT_EQ(id->user_id, "AIDEXAMPLE");
  XmlWriter w;
  encode_response(*id, w);
  EXPECT_EQ(w.finish(), result_xml(s.response.body, "GetCallerIdentity"));
}

TEST(StsWire, AssumeRoleRequestBothWays) {
  auto s = load_wire("009-AssumeRole");
  auto decoded = decode_assume_role_request(params_of(s.body));
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ(decoded->role_arn, "arn:aws:iam::123456789012:role/deploy");
  EXPECT_EQ(decoded->role_session_name, "ci-7");
  EXPECT_EQ(decoded->duration_seconds, 900);
  EXPECT_EQ(decoded->external_id, "ext-1");
  EXPECT_EQ(decoded->policy, std::nullopt);
  EXPECT_EQ(encode_query_body("AssumeRole", "2011-06-15", encode_request(*decoded)), s.body)
      << "the client sends exactly what the AWS CLI sent";
}

TEST(StsWire, AssumeRoleResponseBothWays) {
  auto s = load_wire("009-AssumeRole");
  auto doc = parse_xml(s.response.body);
  ASSERT_TRUE(doc.ok());
  auto decoded = decode_assume_role_response(*doc->find("AssumeRoleResult"));
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ(decoded->credentials.access_key_id, "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(decoded->assumed_role_arn, "arn:aws:sts::123456789012:assumed-role/deploy/ci-7");
  EXPECT_EQ(decoded->assumed_role_id, "AROA3XFRBF535PLBIFPI4:ci-7");
  ASSERT_TRUE(decoded->credentials.expiration);
  EXPECT_EQ(core::format_iso8601(*decoded->credentials.expiration), "2026-11-26T06:08:20Z");
  XmlWriter w;
  encode_response(*decoded, w);
  EXPECT_EQ(w.finish(), result_xml(s.response.body, "AssumeRole"));
}

TEST(StsWire, DecodersCheckTypesNotConstraints) {
  QueryParams p;
  p.add("RoleArn", "x").add("RoleSessionName", "y").add("DurationSeconds", "soon");
  auto r = decode_assume_role_request(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ValidationError");
  EXPECT_NE(r.error().message.find("'durationSeconds'"), std::string::npos) << r.error().message;
  QueryParams short_name;
  short_name.add("RoleArn", "x").add("RoleSessionName", "y");
  EXPECT_TRUE(decode_assume_role_request(short_name).ok()) << "lengths are the service's business";
  XmlElement empty{"AssumeRoleResult", "", {}};
  EXPECT_FALSE(decode_assume_role_response(empty).ok());
}

}  // namespace
}  // namespace hoplite::aws::sts::wire
