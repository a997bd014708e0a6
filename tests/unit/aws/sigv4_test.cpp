// Signer behaviour the published vectors do not pin down: S3 path handling, repeated headers,
// streamed bodies, session tokens, presign limits, the key cache, and what errors may say.

#include "hoplite/aws/sigv4.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/hex.hpp"
#include "hoplite/core/sha256.hpp"

namespace hoplite::aws {
namespace {

const Credentials kCreds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", std::nullopt, "test"};
const core::TimePoint kTime = std::chrono::system_clock::from_time_t(1440938160);  // 2015-08-30T12:36:00Z

SigningOptions opts(std::string service = "service") {
  return SigningOptions{.service = std::move(service), .region = "us-east-1", .time = kTime};
}

std::string creq_of(http::Request req, const SigningOptions& o, const Credentials& c = kCreds) {
  SigningTrace t;
  EXPECT_TRUE(sign_request(req, c, o, &t).ok());
  return t.canonical_request;
}

std::string second_line(const std::string& s) {
  std::size_t a = s.find('\n') + 1;
  return s.substr(a, s.find('\n', a) - a);
}

TEST(SigV4, AmzDateAndScope) {
  EXPECT_EQ(amz_date(kTime), "20150830T123600Z");
  EXPECT_EQ(credential_scope(opts("sts")), "20150830/us-east-1/sts/aws4_request");
}

TEST(SigV4, NonS3PathsAreNormalizedAndEncodedTwice) {
  http::Request req{"GET", "https://example.amazonaws.com/a/./b/../c//d%20e", {}, {}, {}};
  EXPECT_EQ(second_line(creq_of(req, opts())), "/a/c/d%2520e");
}

TEST(SigV4, S3PathsAreKeptAsIsAndEncodedOnce) {
  SigningOptions o = opts("s3");
  o.normalize_path = false;
  o.double_uri_encode = false;
  http::Request req{"GET", "https://b.s3.amazonaws.com/a/./b/../c//d%20e+f~g", {}, {}, {}};
  EXPECT_EQ(second_line(creq_of(req, o)), "/a/./b/../c//d%20e%2Bf~g");
  // A key written unescaped in the URL gets the same canonical form as its escaped spelling.
  http::Request raw{"GET", "https://b.s3.amazonaws.com/photos/my cat.jpg", {}, {}, {}};
  EXPECT_EQ(second_line(creq_of(raw, o)), "/photos/my%20cat.jpg");
}

TEST(SigV4, QueryIsSortedAndStrictlyEncoded) {
  http::Request req{"GET", "https://example.amazonaws.com/?b=2&a=x%2Fy&a=1&flag&sp=a b&plus=1+2", {}, {}, {}};
  std::string creq = creq_of(req, opts());
  std::size_t a = creq.find('\n', creq.find('\n') + 1) + 1;
  EXPECT_EQ(creq.substr(a, creq.find('\n', a) - a), "a=1&a=x%2Fy&b=2&flag=&plus=1%2B2&sp=a%20b");
}

TEST(SigV4, RepeatedHeadersAreJoinedInOrderAndValuesTrimmed) {
  http::Request req{"GET", "https://example.amazonaws.com/", {}, {}, {}};
  req.headers.add("X-Thing", "  b   c ");
  req.headers.add("x-thing", "a");
  req.headers.add("User-Agent", "hoplite/0.1");  // never signed
  std::string creq = creq_of(req, opts());
  EXPECT_NE(creq.find("\nx-thing:b c,a\n"), std::string::npos) << creq;
  EXPECT_EQ(creq.find("user-agent"), std::string::npos) << creq;
  EXPECT_NE(creq.find("\nhost;x-amz-date;x-thing\n"), std::string::npos) << creq;
}

TEST(SigV4, FoldedHeaderValuesJoinWithASpaceByDefault) {
  http::Request req{"GET", "https://example.amazonaws.com/", {}, {}, {}};
  req.headers.add("My-Header1", "value1\n  value2\n     value3");
  EXPECT_NE(creq_of(req, opts()).find("my-header1:value1 value2 value3\n"), std::string::npos);
  SigningOptions legacy = opts();
  legacy.fold_multiline_with_comma = true;
  EXPECT_NE(creq_of(req, legacy).find("my-header1:value1,value2,value3\n"), std::string::npos);
}

TEST(SigV4, SessionTokenIsSignedUnlessAskedToAddItAfterwards) {
  Credentials c = kCreds;
  c.session_token = "TOKEN";
  http::Request req{"GET", "https://example.amazonaws.com/", {}, {}, {}};
  http::Request signed_in = req;
  ASSERT_TRUE(sign_request(signed_in, c, opts()).ok());
  EXPECT_EQ(signed_in.headers.get("X-Amz-Security-Token"), "TOKEN");
  EXPECT_NE(signed_in.headers.get("Authorization")->find("SignedHeaders=host;x-amz-date;x-amz-security-token,"),
            std::string::npos);
  SigningOptions after = opts();
  after.omit_session_token = true;
  http::Request added_after = req;
  ASSERT_TRUE(sign_request(added_after, c, after).ok());
  EXPECT_EQ(added_after.headers.get("X-Amz-Security-Token"), "TOKEN");
  EXPECT_NE(added_after.headers.get("Authorization")->find("SignedHeaders=host;x-amz-date,"), std::string::npos);
}

TEST(SigV4, HostHeaderComesFromTheUrlWithNonDefaultPort) {
  http::Request req{"GET", "http://127.0.0.1:8765/x", {}, {}, {}};
  ASSERT_TRUE(sign_request(req, kCreds, opts()).ok());
  EXPECT_EQ(req.headers.get("Host"), "127.0.0.1:8765");
  http::Request tls{"GET", "https://sts.amazonaws.com:443/", {}, {}, {}};
  ASSERT_TRUE(sign_request(tls, kCreds, opts()).ok());
  EXPECT_EQ(tls.headers.get("Host"), "sts.amazonaws.com");
}

TEST(SigV4, PayloadHashVariants) {
  http::Request req{"PUT", "https://b.s3.amazonaws.com/k", {}, "hello", {}};
  EXPECT_EQ(*payload_hash(req, opts("s3")), core::sha256_hex("hello"));
  SigningOptions unsigned_o = opts("s3");
  unsigned_o.payload = PayloadSigning::unsigned_payload;
  EXPECT_EQ(*payload_hash(req, unsigned_o), "UNSIGNED-PAYLOAD");
  // A precomputed x-amz-content-sha256 is trusted (the caller hashed a large file once).
  http::Request pre = req;
  pre.headers.add("x-amz-content-sha256", "abc");
  EXPECT_EQ(*payload_hash(pre, opts("s3")), "abc");
  SigningOptions s3 = opts("s3");
  s3.add_content_sha256_header = true;
  ASSERT_TRUE(sign_request(req, kCreds, s3).ok());
  EXPECT_EQ(req.headers.get("x-amz-content-sha256"), core::sha256_hex("hello"));
}

TEST(SigV4, StreamedBodiesAreHashedThroughTheStream) {
  std::string data(200 * 1024, 'z');
  http::Request req{"PUT", "https://b.s3.amazonaws.com/k", {}, {}, {}};
  req.stream = http::BodyStream{data.size(), [&] {
                                  auto off = std::make_shared<std::size_t>(0);
                                  return http::BodyReader([&, off](char* buf, std::size_t max) -> std::int64_t {
                                    std::size_t n = std::min(max, data.size() - *off);
                                    std::copy_n(data.data() + *off, n, buf);
                                    *off += n;
                                    return static_cast<std::int64_t>(n);
                                  });
                                }};
  EXPECT_EQ(*payload_hash(req, opts("s3")), core::sha256_hex(data));
  req.stream->open = [] { return http::BodyReader([](char*, std::size_t) -> std::int64_t { return -1; }); };
  auto r = sign_request(req, kCreds, opts("s3"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "aws.sigv4");
}

TEST(SigV4, PresignRejectsLifetimesOutsideOneSecondToSevenDays) {
  http::Request req{"GET", "https://b.s3.amazonaws.com/k", {}, {}, {}};
  EXPECT_FALSE(presign_url(req, kCreds, opts("s3"), std::chrono::seconds(0)).ok());
  EXPECT_FALSE(presign_url(req, kCreds, opts("s3"), std::chrono::seconds(7 * 24 * 3600 + 1)).ok());
  auto ok = presign_url(req, kCreds, opts("s3"), std::chrono::seconds(7 * 24 * 3600));
  ASSERT_TRUE(ok.ok());
  EXPECT_NE(ok->find("X-Amz-Expires=604800"), std::string::npos);
}

TEST(SigV4, PresignKeepsTheExistingQuery) {
  http::Request req{"GET", "https://b.s3.amazonaws.com/k?versionId=3", {}, {}, {}};
  auto url = presign_url(req, kCreds, opts("s3"), std::chrono::seconds(60));
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->rfind("https://b.s3.amazonaws.com/k?versionId=3&X-Amz-Algorithm=AWS4-HMAC-SHA256&", 0), 0u) << *url;
}

TEST(SigV4, SigningKeyIsCachedButStillPerInput) {
  std::string a = signing_key("secret", "20150830", "us-east-1", "iam");
  EXPECT_EQ(signing_key("secret", "20150830", "us-east-1", "iam"), a);
  EXPECT_NE(signing_key("secret", "20150831", "us-east-1", "iam"), a);
  EXPECT_NE(signing_key("other", "20150830", "us-east-1", "iam"), a);
  EXPECT_EQ(core::to_hex(signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigV4, ErrorsNeverContainSecrets) {
  Credentials c{"AKIDEXAMPLE", "TOPSECRETKEY", "SESSIONTOKEN", std::nullopt, "test"};
  http::Request bad{"GET", "not a url?X-Amz-Signature=x", {}, {}, {}};
  auto r = sign_request(bad, c, opts());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().to_string().find("TOPSECRETKEY"), std::string::npos);
  EXPECT_EQ(r.error().to_string().find("SESSIONTOKEN"), std::string::npos);
  Credentials empty;
  http::Request req{"GET", "https://example.amazonaws.com/", {}, {}, {}};
  EXPECT_EQ(sign_request(req, empty, opts()).error().code, "aws.sigv4");
}

}  // namespace
}  // namespace hoplite::aws
