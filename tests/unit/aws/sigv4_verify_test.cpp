// Verifying SigV4 on the receiving side: every request the AWS CLI signed (tests/testdata/aws-wire)
// verifies with the right secret and fails with a wrong one; our own signer's output (headers and
// presigned URLs) round-trips; malformed claims are named precisely.
#include "hoplite/aws/sigv4_verify.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/sha256.hpp"
#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws {
namespace {

using testing::load_wire;
using testing::wire_credentials;

http::Headers headers_of(const testing::WireSample& s) {
  http::Headers h;
  for (const auto& [k, v] : s.headers) h.add(k, v);
  return h;
}

TEST(Sigv4Verify, EveryRequestTheAwsCliSignedVerifies) {
  for (const char* name : {"001-DescribeStacks", "002-CreateStack", "003-GetAuthorizationToken", "004-CreateRepository",
                           "005-StartExecution", "006-DescribeExecution", "007-PUT_peers_bucket_templates_object_txt",
                           "008-GetCallerIdentity"}) {
    auto s = load_wire(name);
    http::Headers h = headers_of(s);
    std::string target = s.path;
    auto claim = parse_signature_claim(
        h, target.substr(target.find('?') == std::string::npos ? target.size() : target.find('?') + 1));
    ASSERT_TRUE(claim.ok()) << name << ": " << claim.error().to_string();
    ASSERT_TRUE(claim->has_value()) << name;
    const SignatureClaim& c = **claim;
    EXPECT_EQ(c.access_key_id, "AKIDEXAMPLE");
    EXPECT_EQ(c.region, "us-east-1");
    EXPECT_EQ(c.security_token, "peers-example-session-token");
    const bool s3 = c.service == "s3";
    std::string payload = s3 ? s.header("X-Amz-Content-SHA256") : core::sha256_hex(s.body);
    SigningTrace trace;
    auto ok =
        verify_signature({s.method, s.path, h}, c, wire_credentials().secret_access_key, payload, {.s3 = s3}, &trace);
    EXPECT_TRUE(ok.ok()) << name << "\n" << trace.canonical_request;
    auto bad = verify_signature({s.method, s.path, h}, c, "wrong-secret", payload, {.s3 = s3});
    ASSERT_FALSE(bad.ok()) << name;
    EXPECT_EQ(bad.error().code, "aws.sigv4.mismatch");
    auto altered = verify_signature({s.method, s.path, h}, c, wire_credentials().secret_access_key,
                                    core::sha256_hex(s.body + " "), {.s3 = s3});
    EXPECT_FALSE(altered.ok()) << name << ": a different body must not verify";
  }
}

TEST(Sigv4Verify, OwnSignaturesAndPresignedUrlsRoundTrip) {
  core::TimePoint t = testing::wire_time();
  Credentials creds{.access_key_id = "AKIDLOCAL", .secret_access_key = "s3cr3t"};
  http::Request req{"POST", "http://127.0.0.1:4566/a%20b/c?z=1&a=%2F", {}, "payload", {}};
  req.headers.set("Content-Type", "application/x-amz-json-1.1");
  req.headers.set("User-Agent", "not signed");
  ASSERT_TRUE(sign_request(req, creds, {.service = "ecr", .region = "eu-west-1", .time = t}).ok());
  std::string target = "/a%20b/c?z=1&a=%2F";
  auto claim = parse_signature_claim(req.headers, "z=1&a=%2F");
  ASSERT_TRUE(claim.ok() && claim->has_value());
  EXPECT_EQ((*claim)->service, "ecr");
  EXPECT_EQ((*claim)->signed_headers, (std::vector<std::string>{"content-type", "host", "x-amz-date"}));
  EXPECT_TRUE(verify_signature({"POST", target, req.headers}, **claim, "s3cr3t", core::sha256_hex("payload")).ok());
  req.headers.set("User-Agent", "changed by a proxy");  // not signed: still fine
  EXPECT_TRUE(verify_signature({"POST", target, req.headers}, **claim, "s3cr3t", core::sha256_hex("payload")).ok());
  req.headers.set("Content-Type", "text/plain");  // signed: not fine
  EXPECT_FALSE(verify_signature({"POST", target, req.headers}, **claim, "s3cr3t", core::sha256_hex("payload")).ok());

  http::Request get{"GET", "http://127.0.0.1:4566/bucket/my%20key.txt", {}, {}, {}};
  auto url = presign_url(get, creds,
                         {.service = "s3",
                          .region = "us-east-1",
                          .time = t,
                          .normalize_path = false,
                          .double_uri_encode = false,
                          .payload = PayloadSigning::unsigned_payload},
                         std::chrono::seconds(300));
  ASSERT_TRUE(url.ok());
  std::string presigned_target = url->substr(url->find("/bucket"));
  http::Headers host;
  host.set("Host", "127.0.0.1:4566");
  auto pclaim = parse_signature_claim(host, presigned_target.substr(presigned_target.find('?') + 1));
  ASSERT_TRUE(pclaim.ok() && pclaim->has_value()) << (pclaim.ok() ? "" : pclaim.error().message);
  EXPECT_TRUE((*pclaim)->presigned);
  EXPECT_EQ((*pclaim)->expires, std::chrono::seconds(300));
  EXPECT_TRUE(
      verify_signature({"GET", presigned_target, host}, **pclaim, "s3cr3t", "UNSIGNED-PAYLOAD", {.s3 = true}).ok());
  EXPECT_FALSE(
      verify_signature({"PUT", presigned_target, host}, **pclaim, "s3cr3t", "UNSIGNED-PAYLOAD", {.s3 = true}).ok())
      << "a presigned GET is not a PUT";
}

TEST(Sigv4Verify, MalformedClaimsAreNamed) {
  auto claim_of = [](const std::string& auth, const std::string& date = "20261126T050820Z") {
    http::Headers h;
    h.set("Authorization", auth);
    if (!date.empty()) h.set("X-Amz-Date", date);
    return parse_signature_claim(h, "");
  };
  const std::string cred = "Credential=AK/20261126/us-east-1/sts/aws4_request";
  const std::string sig = "Signature=" + std::string(64, 'a');
  EXPECT_TRUE(claim_of("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;x-amz-date, " + sig).ok());
  struct Case {
    std::string auth;
    std::string date;
    std::string code;
    std::string part;
  };
  std::vector<Case> cases{
      {"AWS4-HMAC-SHA256 " + cred + ", " + sig, "20261126T050820Z", "aws.sigv4.incomplete", "SignedHeaders"},
      {"AWS4-HMAC-SHA256 SignedHeaders=host, " + sig, "20261126T050820Z", "aws.sigv4.incomplete", "Credential"},
      {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=x-amz-date, " + sig, "20261126T050820Z", "aws.sigv4.incomplete",
       "must include host"},
      {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=xyz", "20261126T050820Z", "aws.sigv4.incomplete",
       "64 hexadecimal"},
      {"AWS4-HMAC-SHA256 Credential=AK/20261126/us-east-1/sts/aws5_request, SignedHeaders=host, " + sig,
       "20261126T050820Z", "aws.sigv4.scope", "terminator"},
      {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, " + sig, "", "aws.sigv4.incomplete", "X-Amz-Date"},
      {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, " + sig, "20261131T000000Z", "aws.sigv4.incomplete",
       "ISO8601"},
      {"AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, " + sig, "20261127T000000Z", "aws.sigv4.scope",
       "Date in Credential scope"},
      {"AWS4-ECDSA-P256-SHA256 " + cred, "20261126T050820Z", "aws.sigv4.incomplete", "AWS4-HMAC-SHA256"},
      {"AWS4-HMAC-SHA256 " + cred + ", " + cred + ", SignedHeaders=host, " + sig, "20261126T050820Z",
       "aws.sigv4.incomplete", "repeated"},
  };
  for (const auto& c : cases) {
    auto r = claim_of(c.auth, c.date);
    ASSERT_FALSE(r.ok()) << c.auth;
    EXPECT_EQ(r.error().code, c.code) << c.auth << ": " << r.error().message;
    EXPECT_NE(r.error().message.find(c.part), std::string::npos) << r.error().message;
  }
  http::Headers none;
  auto absent = parse_signature_claim(none, "a=b");
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
  auto partial = parse_signature_claim(none, "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261126T050820Z");
  ASSERT_FALSE(partial.ok());
  EXPECT_NE(partial.error().message.find("X-Amz-Expires"), std::string::npos);
}

TEST(Sigv4Verify, AmzDatesAreStrict) {
  EXPECT_TRUE(parse_amz_date("20261126T050820Z"));
  for (const char* bad :
       {"20261126T050820", "2026-11-26T05:08:20Z", "20260230T000000Z", "20261126T250000Z", "2026112aT050820Z", ""})
    EXPECT_FALSE(parse_amz_date(bad)) << bad;
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

}  // namespace
}  // namespace hoplite::aws
