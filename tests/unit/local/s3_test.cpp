// The local S3 through the production client (aws::s3::Client) and hand-signed REST requests,
// over InProcessClient: buckets, objects, listings, copies, ranges, digests, multipart uploads,
// presigned URLs, and S3's errors.
#include <gtest/gtest.h>

#include "hoplite/aws/s3.hpp"
#include "hoplite/aws/xml.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/hex.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/sha256.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;

class S3Test : public LocalCloudTest {
 protected:
  aws::s3::Client client(const std::string& region = "us-east-1") { return aws::s3::Client(config(creds, region)); }

  /// A signed REST request to `path` (`/bucket/key?query`), as the AWS CLI sends it.
  http::Response rest(const std::string& method, const std::string& path, std::string body = {},
                      http::Headers headers = {}, const std::string& region = "us-east-1") {
    http::Request req{method, "http://127.0.0.1:4566" + path, std::move(headers), std::move(body), {}};
    EXPECT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                  {.service = "s3",
                                   .region = region,
                                   .time = clock.now(),
                                   .normalize_path = false,
                                   .double_uri_encode = false,
                                   .add_content_sha256_header = true})
                    .ok());
    return send(req);
  }

  static std::string code(const http::Response& r) {
    auto doc = aws::parse_xml(r.body);
    return doc ? doc->text_at("Code") : "";
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(S3Test, BucketPolicyIsKeptShownAndDeleted) {
  ASSERT_EQ(rest("PUT", "/policed").status, 200);
  auto none = rest("GET", "/policed?policy");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(code(none), "NoSuchBucketPolicy");
  auto bad = rest("PUT", "/policed?policy", "[1]");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(code(bad), "MalformedPolicy");
  const std::string policy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",)"
                             R"("Action":"s3:GetObject","Resource":"arn:aws:s3:::policed/*"}]})";
  EXPECT_EQ(rest("PUT", "/policed?policy", policy).status, 204);
  auto got = rest("GET", "/policed?policy");
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, policy);
  EXPECT_EQ(rest("DELETE", "/policed?policy").status, 204);
  EXPECT_EQ(rest("GET", "/policed?policy").status, 404);
  EXPECT_EQ(code(rest("GET", "/nobucket?policy")), "NoSuchBucket");
}

TEST_F(S3Test, BucketConfigurationsAreKeptShownAndDeleted) {
  ASSERT_EQ(rest("PUT", "/configured").status, 200);
  // None yet: S3's own "not found" codes, an empty notification configuration.
  for (const auto& [sub, missing] :
       {std::pair{"cors", "NoSuchCORSConfiguration"}, std::pair{"website", "NoSuchWebsiteConfiguration"},
        std::pair{"object-lock", "ObjectLockConfigurationNotFoundError"}}) {
    auto none = rest("GET", std::string("/configured?") + sub);
    EXPECT_EQ(none.status, 404) << sub;
    EXPECT_EQ(code(none), missing);
  }
  auto empty = rest("GET", "/configured?notification");
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(aws::parse_xml(empty.body)->name, "NotificationConfiguration");
  EXPECT_TRUE(aws::parse_xml(empty.body)->children.empty()) << empty.body;

  const std::string cors =
      "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>"
      "<AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>";
  EXPECT_EQ(rest("PUT", "/configured?cors", cors).status, 200);
  EXPECT_EQ(rest("GET", "/configured?cors").body, cors);
  EXPECT_EQ(rest("DELETE", "/configured?cors").status, 204);
  EXPECT_EQ(rest("GET", "/configured?cors").status, 404);
  const std::string notify =
      "<NotificationConfiguration><QueueConfiguration><Id>n1</Id>"
      "<Queue>arn:aws:sqs:us-east-1:000000000000:q</Queue><Event>s3:ObjectCreated:*</Event>"
      "</QueueConfiguration></NotificationConfiguration>";
  EXPECT_EQ(rest("PUT", "/configured?notification", notify).status, 200);
  EXPECT_EQ(rest("GET", "/configured?notification").body, notify);
  EXPECT_EQ(rest("PUT", "/configured?notification", "<NotificationConfiguration/>").status, 200);
  EXPECT_TRUE(aws::parse_xml(rest("GET", "/configured?notification").body)->children.empty());

  // What S3 refuses: another root, a rule without origins, a website without an index document,
  // object lock not enabled.
  EXPECT_EQ(code(rest("PUT", "/configured?cors", "<WebsiteConfiguration/>")), "MalformedXML");
  EXPECT_EQ(
      code(rest("PUT", "/configured?cors",
                "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")),
      "MalformedXML");
  EXPECT_EQ(code(rest("PUT", "/configured?website", "<WebsiteConfiguration/>")), "InvalidArgument");
  EXPECT_EQ(code(rest("PUT", "/configured?object-lock", "<ObjectLockConfiguration/>")), "MalformedXML");
  EXPECT_EQ(
      code(rest("PUT", "/configured?cors", "<CORSConfiguration>" + std::string(70'000, ' ') + "</CORSConfiguration>")),
      "MalformedXML");

  // A bucket's configurations go with it; another bucket's are S3's NoSuchBucket, naming it.
  EXPECT_EQ(
      rest("PUT", "/configured?website",
           "<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>")
          .status,
      200);
  EXPECT_EQ(rest("DELETE", "/configured").status, 204);
  auto gone = rest("GET", "/configured?website");
  EXPECT_EQ(code(gone), "NoSuchBucket");
  EXPECT_EQ(aws::parse_xml(gone.body)->text_at("BucketName"), "configured") << gone.body;
}

TEST_F(S3Test, BucketsCreateListHeadDelete) {
  auto c = client();
  ASSERT_TRUE(c.create_bucket("my-bucket").ok());
  EXPECT_TRUE(c.create_bucket("my-bucket").ok()) << "us-east-1 answers 200 for a bucket you own";
  auto eu = client("eu-west-1").create_bucket("my-bucket");
  ASSERT_FALSE(eu.ok());
  EXPECT_EQ(eu.error().code, "BucketAlreadyOwnedByYou");
  auto bad = c.create_bucket("Bad_Name");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "InvalidBucketName");
  ASSERT_TRUE(client("eu-west-1").create_bucket("eu-bucket").ok());
  EXPECT_EQ(c.get_bucket_location("eu-bucket").value(), "eu-west-1");
  EXPECT_EQ(c.head_bucket("my-bucket").value(), "us-east-1");
  auto missing = c.head_bucket("nope-bucket");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().http_status, 404);

  auto list = rest("GET", "/");
  ASSERT_EQ(list.status, 200) << list.body;
  auto doc = aws::parse_xml(list.body).value();
  auto buckets = doc.find("Buckets")->children_named("Bucket");
  ASSERT_EQ(buckets.size(), 2u);
  EXPECT_EQ(buckets[0]->text_at("Name"), "eu-bucket");
  EXPECT_EQ(buckets[1]->text_at("Name"), "my-bucket");

  ASSERT_TRUE(c.put_object({.bucket = "my-bucket", .key = "k", .body = "v"}).ok());
  auto not_empty = rest("DELETE", "/my-bucket");
  EXPECT_EQ(not_empty.status, 409);
  EXPECT_EQ(code(not_empty), "BucketNotEmpty");
  ASSERT_TRUE(c.delete_object("my-bucket", "k").ok());
  EXPECT_EQ(rest("DELETE", "/my-bucket").status, 204);
  EXPECT_EQ(code(rest("DELETE", "/my-bucket")), "NoSuchBucket");
}

TEST_F(S3Test, ObjectsPutGetHeadCopyDelete) {
  auto c = client();
  ASSERT_TRUE(c.create_bucket("bk1").ok());
  auto put = c.put_object({.bucket = "bk1",
                           .key = "dir/hello world.txt",
                           .body = "hello",
                           .content_type = "text/plain",
                           .metadata = {{"owner", "me"}}});
  ASSERT_TRUE(put.ok()) << put.error().to_string();
  EXPECT_EQ(put->etag, "\"5d41402abc4b2a76b9719d911017c592\"");
  auto got = c.get_object("bk1", "dir/hello world.txt");
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->body, "hello");
  EXPECT_EQ(got->info.content_type, "text/plain");
  EXPECT_EQ(got->info.etag, put->etag);
  EXPECT_EQ(got->info.metadata.at("owner"), "me");
  auto head = c.head_object("bk1", "dir/hello world.txt");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->content_length, 5);

  auto missing = c.get_object("bk1", "nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "NoSuchKey");
  auto no_bucket = c.get_object("nope-bucket", "k");
  ASSERT_FALSE(no_bucket.ok());
  EXPECT_EQ(no_bucket.error().code, "NoSuchBucket");

  http::Headers copy;
  copy.set("x-amz-copy-source", "/bk1/" + core::percent_encode_path("dir/hello world.txt"));
  auto copied = rest("PUT", "/bk1/copy", {}, copy);
  ASSERT_EQ(copied.status, 200) << copied.body;
  EXPECT_EQ(aws::parse_xml(copied.body)->text_at("ETag"), put->etag);
  EXPECT_EQ(c.get_object("bk1", "copy")->body, "hello");
  http::Headers self;
  self.set("x-amz-copy-source", "/bk1/copy");
  EXPECT_EQ(code(rest("PUT", "/bk1/copy", {}, self)), "InvalidRequest");

  ASSERT_TRUE(c.delete_object("bk1", "copy").ok());
  EXPECT_TRUE(c.delete_object("bk1", "copy").ok()) << "deleting a missing key succeeds";
  EXPECT_EQ(c.get_object("bk1", "dir/hello world.txt")->body, "hello") << "the copy shared the blob";
}

TEST_F(S3Test, DigestsAndPayloadHashesAreChecked) {
  ASSERT_TRUE(client().create_bucket("bk1").ok());
  http::Headers bad_md5;
  bad_md5.set("Content-MD5", core::base64_encode(std::string(16, 'x')));
  auto wrong = rest("PUT", "/bk1/k", "body", bad_md5);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(code(wrong), "BadDigest");
  http::Headers malformed;
  malformed.set("Content-MD5", "not base64!");
  EXPECT_EQ(code(rest("PUT", "/bk1/k", "body", malformed)), "InvalidDigest");
  EXPECT_EQ(code(rest("GET", "/bk1/k")), "NoSuchKey") << "a refused upload leaves nothing";

  // A body that differs from the signed payload hash.
  http::Request req{"PUT", "http://127.0.0.1:4566/bk1/k", {}, "signed", {}};
  ASSERT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                {.service = "s3",
                                 .region = "us-east-1",
                                 .time = clock.now(),
                                 .normalize_path = false,
                                 .double_uri_encode = false,
                                 .add_content_sha256_header = true})
                  .ok());
  req.body = "tampered";
  auto tampered = send(req);
  EXPECT_EQ(tampered.status, 400);
  EXPECT_EQ(code(tampered), "XAmzContentSHA256Mismatch");
}

TEST_F(S3Test, RangesAnswer206Or416) {
  auto c = client();
  ASSERT_TRUE(c.create_bucket("bk1").ok());
  ASSERT_TRUE(c.put_object({.bucket = "bk1", .key = "k", .body = "0123456789"}).ok());
  auto range = [&](const std::string& spec) {
    http::Headers h;
    h.set("Range", spec);
    return rest("GET", "/bk1/k", {}, h);
  };
  auto mid = range("bytes=2-4");
  EXPECT_EQ(mid.status, 206);
  EXPECT_EQ(mid.body, "234");
  EXPECT_EQ(mid.headers.get("Content-Range"), "bytes 2-4/10");
  EXPECT_EQ(range("bytes=7-").body, "789");
  EXPECT_EQ(range("bytes=-3").body, "789");
  EXPECT_EQ(range("bytes=5-100").body, "56789");
  auto outside = range("bytes=10-");
  EXPECT_EQ(outside.status, 416);
  EXPECT_EQ(code(outside), "InvalidRange");
  EXPECT_EQ(range("bytes=0-1,4-5").status, 200) << "several ranges: the whole object, as S3";
}

TEST_F(S3Test, ListObjectsV2PagesWithPrefixesAndDelimiters) {
  auto c = client();
  ASSERT_TRUE(c.create_bucket("bk1").ok());
  for (const char* k : {"a/1", "a/2", "b", "c/x/1", "c/y", "d+e f"})
    ASSERT_TRUE(c.put_object({.bucket = "bk1", .key = k, .body = k}).ok());
  auto list = [&](const std::string& query) {
    auto r = rest("GET", "/bk1?list-type=2&" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return aws::parse_xml(r.body).value();
  };
  auto keys = [](const aws::XmlElement& doc) {
    std::string out;
    for (const auto* e : doc.children_named("Contents")) out += e->text_at("Key") + ",";
    for (const auto* e : doc.children_named("CommonPrefixes")) out += "[" + e->text_at("Prefix") + "],";
    return out;
  };
  EXPECT_EQ(keys(list("delimiter=%2F")), "b,d+e f,[a/],[c/],");
  EXPECT_EQ(keys(list("prefix=c%2F&delimiter=%2F")), "c/y,[c/x/],");
  EXPECT_EQ(keys(list("encoding-type=url&prefix=d")), "d%2Be%20f,");

  // Two at a time, with the delimiter: a common prefix counts once and is never repeated.
  std::string all, token;
  for (int page = 0; page < 10; ++page) {
    auto doc =
        list("delimiter=%2F&max-keys=2" + (token.empty() ? "" : "&continuation-token=" + core::percent_encode(token)));
    all += keys(doc);
    if (doc.text_at("IsTruncated") != "true") break;
    token = doc.text_at("NextContinuationToken");
    ASSERT_FALSE(token.empty());
  }
  EXPECT_EQ(all, "b,[a/],d+e f,[c/],") << "per page: contents, then common prefixes";
  EXPECT_EQ(code(rest("GET", "/bk1?list-type=2&continuation-token=bogus")), "InvalidArgument");
  EXPECT_EQ(keys(list("start-after=b")), "c/x/1,c/y,d+e f,");
}

TEST_F(S3Test, MultipartUploadMakesTheObjectAndS3sETag) {
  ASSERT_TRUE(client().create_bucket("bk1").ok());
  auto created = rest("POST", "/bk1/big?uploads");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string id = aws::parse_xml(created.body)->text_at("UploadId");
  ASSERT_FALSE(id.empty());
  const std::string part1(5 << 20, 'a'), part2 = "tail";
  auto p1 = rest("PUT", "/bk1/big?partNumber=1&uploadId=" + core::percent_encode(id), part1);
  auto p2 = rest("PUT", "/bk1/big?partNumber=2&uploadId=" + core::percent_encode(id), part2);
  ASSERT_EQ(p1.status, 200) << p1.body;
  ASSERT_EQ(p2.status, 200) << p2.body;
  std::string e1 = p1.headers.get("ETag").value(), e2 = p2.headers.get("ETag").value();

  auto parts = rest("GET", "/bk1/big?uploadId=" + core::percent_encode(id));
  ASSERT_EQ(parts.status, 200) << parts.body;
  EXPECT_EQ(aws::parse_xml(parts.body)->children_named("Part").size(), 2u);

  auto complete_doc = [&](const std::string& a, const std::string& b, int n1, int n2) {
    return "<CompleteMultipartUpload><Part><PartNumber>" + std::to_string(n1) + "</PartNumber><ETag>" + a +
           "</ETag></Part><Part><PartNumber>" + std::to_string(n2) + "</PartNumber><ETag>" + b +
           "</ETag></Part></CompleteMultipartUpload>";
  };
  EXPECT_EQ(code(rest("POST", "/bk1/big?uploadId=" + core::percent_encode(id), complete_doc(e2, e1, 2, 1))),
            "InvalidPartOrder");
  EXPECT_EQ(code(rest("POST", "/bk1/big?uploadId=" + core::percent_encode(id), complete_doc(e1, "\"00\"", 1, 2))),
            "InvalidPart");
  auto done = rest("POST", "/bk1/big?uploadId=" + core::percent_encode(id), complete_doc(e1, e2, 1, 2));
  ASSERT_EQ(done.status, 200) << done.body;
  // S3's multipart ETag: MD5 of the parts' binary MD5s, then "-<parts>" (computed with Python's hashlib).
  std::string etag = aws::parse_xml(done.body)->text_at("ETag");
  EXPECT_EQ(etag, "\"30dcfd3901d1c613b7fb532281748544-2\"");
  auto got = client().get_object("bk1", "big");
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->body.size(), part1.size() + part2.size());
  EXPECT_EQ(core::sha256_hex(got->body), core::sha256_hex(part1 + part2));
  EXPECT_EQ(got->info.etag, etag);
  EXPECT_EQ(code(rest("POST", "/bk1/big?uploadId=" + core::percent_encode(id), complete_doc(e1, e2, 1, 2))),
            "NoSuchUpload");

  auto small = rest("POST", "/bk1/small?uploads");
  std::string id2 = aws::parse_xml(small.body)->text_at("UploadId");
  auto s1 = rest("PUT", "/bk1/small?partNumber=1&uploadId=" + core::percent_encode(id2), "x");
  auto s2 = rest("PUT", "/bk1/small?partNumber=2&uploadId=" + core::percent_encode(id2), "y");
  EXPECT_EQ(code(rest("POST", "/bk1/small?uploadId=" + core::percent_encode(id2),
                      complete_doc(s1.headers.get("ETag").value(), s2.headers.get("ETag").value(), 1, 2))),
            "EntityTooSmall");
  EXPECT_EQ(rest("DELETE", "/bk1/small?uploadId=" + core::percent_encode(id2)).status, 204);
  EXPECT_EQ(code(rest("DELETE", "/bk1/small?uploadId=" + core::percent_encode(id2))), "NoSuchUpload");
}

TEST_F(S3Test, PresignedUrlsWorkUntilTheyExpire) {
  auto c = client();
  ASSERT_TRUE(c.create_bucket("bk1").ok());
  ASSERT_TRUE(c.put_object({.bucket = "bk1", .key = "k", .body = "secret"}).ok());
  http::Request get{"GET", "http://127.0.0.1:4566/bk1/k", {}, {}, {}};
  auto url = aws::presign_url(get, testing::test_credentials(),
                              {.service = "s3",
                               .region = "us-east-1",
                               .time = clock.now(),
                               .normalize_path = false,
                               .double_uri_encode = false,
                               .payload = aws::PayloadSigning::unsigned_payload},
                              std::chrono::seconds(60));
  ASSERT_TRUE(url.ok()) << url.error().to_string();
  auto ok = send({"GET", *url, {}, {}, {}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.body, "secret");
  clock.sleep_for(std::chrono::seconds(61));
  auto expired = send({"GET", *url, {}, {}, {}});
  EXPECT_EQ(expired.status, 403);
  EXPECT_EQ(code(expired), "AccessDenied");
  EXPECT_NE(expired.body.find("Request has expired"), std::string::npos);
}

TEST_F(S3Test, VirtualHostAddressing) {
  ASSERT_TRUE(client().create_bucket("vhost").ok());
  http::Request req{"PUT", "http://vhost.localhost:4566/k", {}, "v", {}};
  ASSERT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                {.service = "s3",
                                 .region = "us-east-1",
                                 .time = clock.now(),
                                 .normalize_path = false,
                                 .double_uri_encode = false,
                                 .add_content_sha256_header = true})
                  .ok());
  EXPECT_EQ(send(req).status, 200);
  EXPECT_EQ(client().get_object("vhost", "k")->body, "v");
}

TEST_F(S3Test, ObjectsSurviveARestart) {
  ASSERT_TRUE(client().create_bucket("bk1").ok());
  ASSERT_TRUE(client().put_object({.bucket = "bk1", .key = "k", .body = "durable"}).ok());
  open_cloud();
  EXPECT_EQ(client().get_object("bk1", "k")->body, "durable");
  EXPECT_EQ(cloud->integrity_check().value(), "ok");
}

}  // namespace
}  // namespace hoplite::local
