#include "hoplite/aws/s3.hpp"

#include <cstring>

#include <gtest/gtest.h>

#include "hoplite/core/sha256.hpp"
#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::s3 {
namespace {

using testing::load_wire;
using testing::path_of;

class S3Test : public testing::ClientTest {
 protected:
  Client s3{config};
};

TEST_F(S3Test, PutObjectMatchesTheAwsCliOnTheWire) {
  auto wire = load_wire("007-PUT_peers_bucket_templates_object_txt");
  clock.set(wire.signed_at());
  http.responses.emplace_back(wire.response);

  auto r = s3.put_object(
      {.bucket = "peers-bucket", .key = "templates/object.txt", .body = wire.body, .content_type = "text/plain"});

  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& req = only_request();
  EXPECT_EQ(req.method, "PUT");
  EXPECT_EQ(path_of(req.url), wire.path);
  EXPECT_EQ(req.body, wire.body);
  for (const char* h :
       {"Content-Type", "Content-MD5", "X-Amz-Content-SHA256", "X-Amz-Date", "X-Amz-Security-Token", "Authorization"})
    EXPECT_EQ(req.headers.get(h), wire.header(h)) << h;
  EXPECT_EQ(r->etag, "\"06bfb9022c98c9d0a028d89f8859a726\"");
}

TEST_F(S3Test, PutObjectStreamsLargeBodiesWithoutContentMd5) {
  auto data = std::make_shared<std::string>(100000, 'x');
  http::BodyStream stream{.size = data->size(), .open = [data] {
                            auto pos = std::make_shared<std::size_t>(0);
                            return http::BodyReader([data, pos](char* buf, std::size_t max) -> std::int64_t {
                              std::size_t n = std::min(max, data->size() - *pos);
                              std::memcpy(buf, data->data() + *pos, n);
                              *pos += n;
                              return static_cast<std::int64_t>(n);
                            });
                          }};
  http::Headers h;
  h.add("ETag", "\"e\"");
  http.respond(200, "", h);
  auto r = s3.put_object({.bucket = "b", .key = "big.bin", .stream = stream, .metadata = {{"Build", "42"}}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& req = only_request();
  ASSERT_TRUE(req.stream);
  EXPECT_EQ(req.body, *data) << "the fake read the stream";
  EXPECT_FALSE(req.headers.has("Content-MD5"));
  EXPECT_EQ(req.headers.get("x-amz-meta-build"), "42");
  EXPECT_EQ(req.headers.get("x-amz-content-sha256"), core::sha256_hex(*data));
}

TEST_F(S3Test, CreateBucketSendsALocationConstraintOutsideUsEast1) {
  http.respond(200);
  ASSERT_TRUE(s3.create_bucket("b-us").ok());
  EXPECT_EQ(http.requests[0].method, "PUT");
  EXPECT_EQ(path_of(http.requests[0].url), "/b-us");
  EXPECT_EQ(http.requests[0].body, "");

  config.region = "eu-west-1";
  Client eu{config};
  http::Headers h;
  h.add("Location", "http://b-eu.s3.amazonaws.com/");
  http.respond(200, "", h);
  auto r = eu.create_bucket("b-eu");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(*r, "http://b-eu.s3.amazonaws.com/");
  EXPECT_EQ(http.requests[1].body,
            "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>");
  EXPECT_NE(http.requests[1].headers.get("Authorization")->find("/eu-west-1/s3/"), std::string::npos);
}

TEST_F(S3Test, CreateBucketThatIsOurs) {
  http.respond(409,
               "<Error><Code>BucketAlreadyOwnedByYou</Code><Message>Your previous request to create the named bucket "
               "succeeded and you already own it.</Message><RequestId>R1</RequestId></Error>");
  auto r = s3.create_bucket("mine");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "BucketAlreadyOwnedByYou");
  EXPECT_EQ(r.error().http_status, 409);
  EXPECT_EQ(r.error().request_id, "R1");
}

TEST_F(S3Test, HeadBucketReturnsTheRegionAndNotFoundIsTyped) {
  http::Headers h;
  h.add("x-amz-bucket-region", "us-east-1");
  http.respond(200, "", h);
  http.respond(404);
  auto found = s3.head_bucket("b");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, "us-east-1");
  EXPECT_EQ(http.requests[0].method, "HEAD");
  auto missing = s3.head_bucket("gone");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "NotFound");
}

TEST_F(S3Test, GetBucketLocationTranslatesLegacyValues) {
  http.respond(200, R"(<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>)");
  http.respond(200, R"(<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">EU</LocationConstraint>)");
  http.respond(
      200, R"(<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">ap-south-1</LocationConstraint>)");
  EXPECT_EQ(s3.get_bucket_location("b").value(), "us-east-1");
  EXPECT_EQ(s3.get_bucket_location("b").value(), "eu-west-1");
  EXPECT_EQ(s3.get_bucket_location("b").value(), "ap-south-1");
  EXPECT_EQ(path_of(http.requests[0].url), "/b?location");
}

TEST_F(S3Test, GetObjectReturnsBodyAndMetadata) {
  http::Headers h;
  h.add("Content-Type", "application/json");
  h.add("ETag", "\"abc\"");
  h.add("x-amz-meta-Build", "42");
  h.add("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT");
  http.respond(200, "{\"a\":1}", h);
  auto r = s3.get_object("b", "t/template.json");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(only_request().method, "GET");
  EXPECT_EQ(path_of(only_request().url), "/b/t/template.json");
  EXPECT_EQ(r->body, "{\"a\":1}");
  EXPECT_EQ(r->info.content_length, 7);
  EXPECT_EQ(r->info.content_type, "application/json");
  EXPECT_EQ(r->info.metadata.at("build"), "42");
}

TEST_F(S3Test, GetMissingObjectIsNoSuchKey) {
  http.respond(404,
               "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
               "<Key>k</Key><RequestId>R2</RequestId></Error>");
  auto r = s3.get_object("b", "k");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "NoSuchKey");
}

TEST_F(S3Test, HeadObjectAndDeleteObject) {
  http::Headers h;
  h.add("Content-Length", "1234");
  h.add("ETag", "\"e\"");
  http.respond(200, "", h);
  http.respond(204);
  auto info = s3.head_object("b", "k");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->content_length, 1234);
  EXPECT_EQ(info->etag, "\"e\"");
  ASSERT_TRUE(s3.delete_object("b", "k").ok());
  EXPECT_EQ(http.requests[0].method, "HEAD");
  EXPECT_EQ(http.requests[1].method, "DELETE");
  EXPECT_EQ(path_of(http.requests[1].url), "/b/k");
}

TEST_F(S3Test, SlowDownIsRetried) {
  http.respond(503, "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
  http.respond(200);
  ASSERT_TRUE(s3.delete_object("b", "k").ok());
  EXPECT_EQ(http.requests.size(), 2u);
}

}  // namespace
}  // namespace hoplite::aws::s3
