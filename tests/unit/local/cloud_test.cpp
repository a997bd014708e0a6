// The house: routing, SigV4 verification and its refusals in each service's own words, the
// inspection page, the request log, and the same answers over a real socket.
#include "hoplite/local/cloud.hpp"

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/sts.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/http/server.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
using testing::test_credentials;

constexpr const char* kGetCallerIdentity = "Action=GetCallerIdentity&Version=2011-06-15";

aws::ServiceError query_error(const http::Response& r) { return aws::parse_query_error(r); }

class CloudTest : public LocalCloudTest {};

TEST_F(CloudTest, ASignedQueryRequestReachesItsService) {
  auto r = send(query_request("sts", kGetCallerIdentity));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.get("Content-Type"), "text/xml");
  auto id = r.headers.get("x-amzn-RequestId");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->size(), 36u);
  EXPECT_NE(
      r.body.find("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                  "<GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:root</Arn><UserId>000000000000</UserId>"
                  "<Account>000000000000</Account></GetCallerIdentityResult>"
                  "<ResponseMetadata><RequestId>" +
                  *id + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>"),
      std::string::npos)
      << r.body;
}

TEST_F(CloudTest, AWrongSecretIsSignatureDoesNotMatch) {
  aws::Credentials wrong = test_credentials();
  wrong.secret_access_key = "not-the-secret";
  auto r = send(query_request("sts", kGetCallerIdentity, wrong));
  EXPECT_EQ(r.status, 403);
  auto e = query_error(r);
  EXPECT_EQ(e.code, "SignatureDoesNotMatch");
  EXPECT_NE(e.message.find("does not match the signature you provided"), std::string::npos);
  EXPECT_FALSE(e.request_id.empty());
}

TEST_F(CloudTest, AnAlteredBodyIsSignatureDoesNotMatch) {
  http::Request req = query_request("sts", kGetCallerIdentity);
  req.body += "&Extra=1";
  auto r = send(req);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(query_error(r).code, "SignatureDoesNotMatch");
}

TEST_F(CloudTest, AnUnknownKeyIsInvalidClientTokenId) {
  aws::Credentials unknown{.access_key_id = "AKIANOBODY", .secret_access_key = "x"};
  auto r = send(query_request("sts", kGetCallerIdentity, unknown));
  EXPECT_EQ(r.status, 403);
  auto e = query_error(r);
  EXPECT_EQ(e.code, "InvalidClientTokenId");
  EXPECT_EQ(e.message, "The security token included in the request is invalid.");
}

TEST_F(CloudTest, ARequestMoreThanFifteenMinutesOffIsRefused) {
  http::Request old = query_request("sts", kGetCallerIdentity);
  clock.set(clock.now() + std::chrono::minutes(16));
  auto r = send(old);
  EXPECT_EQ(r.status, 403);
  auto e = query_error(r);
  // What STS itself answers (botocore treats it as clock skew).
  EXPECT_EQ(e.code, "SignatureDoesNotMatch");
  EXPECT_EQ(e.message,
            "Signature expired: 20261126T050820Z is now earlier than 20261126T050920Z (20261126T052420Z - 15 min.)");
  clock.set(clock.now() - std::chrono::minutes(32));
  r = send(old);
  EXPECT_NE(query_error(r).message.find("Signature not yet current"), std::string::npos) << r.body;
  clock.set(clock.now() + std::chrono::minutes(30));  // 14 minutes after signing: fine
  EXPECT_EQ(send(old).status, 200);
}

TEST_F(CloudTest, MissingOrBrokenSignaturesGetTheServicesOwnErrors) {
  http::Request none{"POST", "http://127.0.0.1:4566/", {}, kGetCallerIdentity, {}};
  none.headers.set("Content-Type", std::string(aws::kQueryContentType));
  auto r = send(none);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(query_error(r).code, "MissingAuthenticationToken");

  http::Request broken = query_request("sts", kGetCallerIdentity);
  broken.headers.set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/sts/aws4_request");
  r = send(broken);
  EXPECT_EQ(r.status, 400);
  auto e = query_error(r);
  EXPECT_EQ(e.code, "IncompleteSignature");
  EXPECT_NE(e.message.find("SignedHeaders"), std::string::npos) << e.message;

  http::Request v2 = query_request("sts", kGetCallerIdentity);
  v2.headers.set("Authorization", "AWS test:c2lnbmF0dXJl");
  EXPECT_EQ(query_error(send(v2)).code, "IncompleteSignature");

  http::Request other_day = query_request("sts", kGetCallerIdentity);
  other_day.headers.set("X-Amz-Date", "20261125T050820Z");
  e = query_error(send(other_day));
  EXPECT_EQ(e.code, "IncompleteSignature");
  EXPECT_NE(e.message.find("Date in Credential scope does not match"), std::string::npos) << e.message;
}

TEST_F(CloudTest, UnknownActionsAndVersionsAreInvalidAction) {
  auto r = send(query_request("sts", "Action=GetSessionTokens&Version=2011-06-15"));
  EXPECT_EQ(r.status, 400);
  auto e = query_error(r);
  EXPECT_EQ(e.code, "InvalidAction");
  EXPECT_EQ(e.message, "Could not find operation GetSessionTokens for version 2011-06-15");
  EXPECT_EQ(query_error(send(query_request("sts", "Action=GetCallerIdentity&Version=2010-05-08"))).code,
            "InvalidAction");
  EXPECT_EQ(query_error(send(query_request("sts", "Version=2011-06-15"))).code, "MissingAction");
}

TEST_F(CloudTest, AServiceTheLocalCloudDoesNotEmulateIsNamed) {
  auto r = send(query_request("redshift", "Action=DescribeClusters&Version=2012-12-01"));
  EXPECT_EQ(r.status, 400);
  auto e = query_error(r);
  EXPECT_EQ(e.code, "InvalidAction");
  EXPECT_NE(e.message.find("'redshift'"), std::string::npos) << e.message;
}

TEST_F(CloudTest, AnyWellFormedRegionWorks) {
  for (const char* region : {"us-east-1", "eu-central-1", "ap-southeast-7", "us-gov-west-1", "cn-north-1"}) {
    auto r = send(query_request("sts", kGetCallerIdentity, test_credentials(), region));
    EXPECT_EQ(r.status, 200) << region << ": " << r.body;
  }
  auto r = send(query_request("sts", kGetCallerIdentity, test_credentials(), "mars"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(query_error(r).code, "IncompleteSignature");
}

TEST_F(CloudTest, APresignedGetWorksUntilItExpires) {
  http::Request get{"GET", "http://127.0.0.1:4566/?Action=GetCallerIdentity&Version=2011-06-15", {}, {}, {}};
  auto url = aws::presign_url(get, test_credentials(), {.service = "sts", .region = "us-east-1", .time = clock.now()},
                              std::chrono::seconds(60));
  ASSERT_TRUE(url.ok()) << url.error().to_string();
  auto r = send({"GET", *url, {}, {}, {}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<Account>000000000000</Account>"), std::string::npos);
  clock.set(clock.now() + std::chrono::seconds(61));
  r = send({"GET", *url, {}, {}, {}});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(query_error(r).message.find("Signature expired"), std::string::npos) << r.body;
  std::string tampered = *url;
  tampered.replace(tampered.find("Version="), 8, "Version=x");
  clock.set(clock.now() - std::chrono::seconds(61));
  EXPECT_EQ(query_error(send({"GET", tampered, {}, {}, {}})).code, "SignatureDoesNotMatch");
}

TEST_F(CloudTest, TheAwsCliRecordingIsAcceptedAsSent) {
  // tests/testdata/aws-wire: signed by the AWS CLI with the AWS documentation key and a session token.
  open_cloud({.credentials = {{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "123456789012",
                               "peers-example-session-token"}}});
  auto text = core::read_file(std::filesystem::path(HOPLITE_TEST_SOURCE_DIR) /
                              "tests/testdata/aws-wire/requests/008-GetCallerIdentity.json");
  ASSERT_TRUE(text.ok());
  auto doc = nlohmann::json::parse(*text);
  http::Request req;
  req.method = doc["request"]["method"];
  req.url = "http://127.0.0.1:8765" + doc["request"]["path"].get<std::string>();
  for (const auto& h : doc["request"]["headers"])
    if (h[0] != "Content-Length") req.headers.add(h[0], h[1]);
  req.body = doc["request"]["body"]["text"];
  auto r = send(req);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<Account>123456789012</Account>"), std::string::npos) << r.body;

  req.headers.set("X-Amz-Security-Token", "another-token");
  EXPECT_EQ(query_error(send(req)).code, "InvalidClientTokenId");
}

TEST_F(CloudTest, OversizedBodiesAreRefusedBeforeParsing) {
  std::string huge = std::string(kGetCallerIdentity) + "&Pad=" + std::string(3 << 20, 'x');
  auto r = send(query_request("sts", huge));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(query_error(r).code, "RequestEntityTooLarge");
}

TEST_F(CloudTest, TheInspectionPageListsResourcesPerServiceAndAccount) {
  ASSERT_EQ(send(query_request("sts", kGetCallerIdentity)).status, 200);
  auto r = send({"GET", "http://127.0.0.1:4566/_hoplite/", {}, {}, {}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.get("Content-Type"), "application/json");
  auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["services"]["sts"]["000000000000"]["access_keys"], 1);
  EXPECT_EQ(doc["services"]["sts"]["000000000000"]["temporary_credentials"], 0);
  EXPECT_EQ(doc["server"]["data_dir"], dir.path().string());
  EXPECT_EQ(doc["server"]["requests"], 1);
  EXPECT_EQ(send({"GET", "http://127.0.0.1:4566/_hoplite/health", {}, {}, {}}).status, 200);
  EXPECT_EQ(send({"GET", "http://127.0.0.1:4566/_hoplite/nothing", {}, {}, {}}).status, 404);
}

TEST_F(CloudTest, TheRequestLogHasOneLinePerRequestAndNoSecrets) {
  http::Request get{"GET", "http://127.0.0.1:4566/?Action=GetCallerIdentity&Version=2011-06-15", {}, {}, {}};
  auto url = aws::presign_url(get, test_credentials(), {.service = "sts", .region = "us-east-1", .time = clock.now()},
                              std::chrono::seconds(60));
  ASSERT_EQ(send({"GET", *url, {}, {}, {}}).status, 200);
  aws::Credentials wrong = test_credentials();
  wrong.secret_access_key = "nope";
  ASSERT_EQ(send(query_request("sts", kGetCallerIdentity, wrong)).status, 403);
  auto text = core::read_file(dir / "requests.log");
  ASSERT_TRUE(text.ok());
  std::istringstream lines(*text);
  std::vector<nlohmann::json> entries;
  for (std::string line; std::getline(lines, line);) entries.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["method"], "GET");
  EXPECT_EQ(entries[0]["path"], "/");
  EXPECT_EQ(entries[0]["service"], "sts");
  EXPECT_EQ(entries[0]["operation"], "GetCallerIdentity");
  EXPECT_EQ(entries[0]["status"], 200);
  EXPECT_EQ(entries[0]["account"], "000000000000");
  EXPECT_EQ(entries[0]["time"], "2026-11-26T05:08:20.000Z");
  EXPECT_EQ(entries[1]["status"], 403);
  EXPECT_EQ(text->find("Signature"), std::string::npos) << "the log holds no query string or header";
}

TEST_F(CloudTest, OneDirectoryServesOneLocalCloud) {
  auto second = LocalCloud::open({.data_dir = dir.path()});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "local.lock");
}

TEST_F(CloudTest, OverARealSocketTheProductionClientGetsTheSameAnswers) {
  http::Server server(*cloud);
  ASSERT_TRUE(server.start().ok());
  http::CurlClient curl;
  aws::StaticCredentialsProvider creds(test_credentials());
  aws::ClientConfig cfg{.region = "us-west-2",
                        .credentials = creds,
                        .http = curl,
                        .clock = clock,
                        .endpoint_url = "http://127.0.0.1:" + std::to_string(server.port()),
                        .retry = &no_retries};
  aws::sts::Client sts(cfg);
  auto id = sts.get_caller_identity();
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_EQ(id->account, "000000000000");

  // 200 concurrent requests from 8 threads on separate connections: every one answered correctly.
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      http::CurlClient own;
      aws::ClientConfig mine = cfg;
      aws::ClientConfig per_thread{.region = mine.region,
                                   .credentials = creds,
                                   .http = own,
                                   .clock = clock,
                                   .endpoint_url = mine.endpoint_url,
                                   .retry = &no_retries};
      aws::sts::Client client(per_thread);
      for (int i = 0; i < 25; ++i) {
        auto r = client.get_caller_identity();
        if (r.ok() && r->arn == "arn:aws:iam::000000000000:root") ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 200);
  server.stop();
  auto integrity = cloud->integrity_check();
  ASSERT_TRUE(integrity.ok());
  EXPECT_EQ(*integrity, "ok");
}

}  // namespace
}  // namespace hoplite::local
