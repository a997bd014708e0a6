// The house with probe services of every protocol (the real ones come later): JSON targets, EC2's
// envelope and error dialect, S3 by path and virtual host with streamed and aws-chunked bodies,
// and a service that authenticates its own requests (the registry under /v2/).
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/error_response.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/auth/aws_chunked.hpp"
#include "local/protocol/json.hpp"
#include "local/protocol/query.hpp"
#include "local/service.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
using testing::test_credentials;

class JsonProbe final : public Service {
 public:
  JsonProbe() {
    api_.add("Echo", [](const nlohmann::json& in, CallContext& ctx) -> core::Result<nlohmann::json> {
      return nlohmann::json{{"input", in}, {"account", ctx.principal.account_id}, {"region", ctx.region}};
    });
    api_.add("Missing", [](const nlohmann::json&, CallContext&) -> core::Result<nlohmann::json> {
      return aws_error("ResourceNotFoundException", "The thing does not exist");
    });
  }
  const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override { return {{"000000000000", {{"things", 0}}}}; }

 private:
  ServiceSpec spec_{.signing_name = "probejson", .protocol = Protocol::json_1_1, .target_prefix = "Probe_20240101"};
  JsonApi api_{spec_};
};

class Ec2Probe final : public Service {
 public:
  Ec2Probe() {
    api_.add("DescribeThings", [](const QueryRequest& in, CallContext&, aws::XmlWriter& out) -> core::Result<void> {
      auto ids = aws::QueryReader(in.params).flat_list("ThingId");
      out.open("thingSet");
      for (const auto& id : ids) out.open("item").element("thingId", id).close();
      out.close();
      return core::ok();
    });
  }
  const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override { return nlohmann::json::object(); }

 private:
  ServiceSpec spec_{.signing_name = "ec2",
                    .protocol = Protocol::ec2,
                    .api_version = "2016-11-15",
                    .xml_namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"};
  QueryApi api_{spec_};
};

/// Answers with what it saw; reads the body the way S3 will (a declared hash checked as it
/// streams, or aws-chunked decoded with its chunk signatures).
class S3Probe final : public Service {
 public:
  const ServiceSpec& spec() const override { return spec_; }
  nlohmann::json inspect() override { return nlohmann::json::object(); }
  http::Response handle(Call& call) override {
    call.operation = call.request.method;
    std::string received;
    std::string declared = call.request.headers.get("x-amz-content-sha256").value_or("");
    auto mode = auth::AwsChunkedDecoder::mode_of(declared);
    if (call.claim && mode) {
      auth::AwsChunkedDecoder decoder(
          {.mode = *mode,
           .claim = *call.claim,
           .secret = call.signing_secret,
           .decoded_length = std::stoull(call.request.headers.get("x-amz-decoded-content-length").value_or("0"))},
          [&](std::string_view data) {
            received.append(data);
            return true;
          });
      core::Result<void> fed;
      auto read = call.request.body.read(
          [&](std::string_view piece) {
            fed = decoder.feed(piece);
            return fed.ok();
          },
          1 << 20);
      if (!fed) return render_error(spec_, fed.error(), call.context.request_id);
      if (auto done = decoder.finish(); !done) return render_error(spec_, done.error(), call.context.request_id);
    } else {
      core::Sha256 h;
      auto read = call.request.body.read(
          [&](std::string_view piece) {
            h.update(piece);
            received.append(piece);
            return true;
          },
          1 << 20);
      if (call.claim && declared != "UNSIGNED-PAYLOAD" && h.finish_hex() != declared)
        return render_error(spec_,
                            core::Error{"XAmzContentSHA256Mismatch",
                                        "The provided 'x-amz-content-sha256' header does not match what was computed.",
                                        400,
                                        false,
                                        {}},
                            call.context.request_id);
    }
    nlohmann::json seen{{"method", call.request.method},
                        {"path", std::string(call.request.path())},
                        {"host", call.context.host},
                        {"account", call.context.principal.account_id},
                        {"body", received}};
    return http::make_response(200, seen.dump(), "application/json");
  }

 private:
  ServiceSpec spec_{.signing_name = "s3", .protocol = Protocol::rest_xml};
};

class RegistryProbe final : public Service {
 public:
  const ServiceSpec& spec() const override { return spec_; }
  nlohmann::json inspect() override { return nlohmann::json::object(); }
  http::Response handle(Call& call) override {
    call.operation = "registry";
    if (call.request.headers.get("Authorization").value_or("") != "Basic QVdTOnRva2Vu") {
      http::Response r = http::make_response(401, R"({"errors":[{"code":"UNAUTHORIZED"}]})", "application/json");
      r.headers.set("WWW-Authenticate", "Basic realm=\"local\"");
      return r;
    }
    return http::make_response(200, "{}", "application/json");
  }

 private:
  ServiceSpec spec_{.signing_name = "ecr-registry", .protocol = Protocol::json_1_1, .own_auth_prefix = "/v2/"};
};

class RoutingTest : public LocalCloudTest {
 protected:
  void SetUp() override {
    open_cloud({.services = [](ServiceContext&) {
      std::vector<std::unique_ptr<Service>> s;
      s.push_back(std::make_unique<JsonProbe>());
      s.push_back(std::make_unique<Ec2Probe>());
      s.push_back(std::make_unique<S3Probe>());
      s.push_back(std::make_unique<RegistryProbe>());
      return s;
    }});
  }

  http::Request json_request(const std::string& op, const std::string& body, const std::string& scope = "probejson",
                             const aws::Credentials& creds = test_credentials()) {
    http::Request req{"POST", "http://127.0.0.1:4566/", {}, body, {}};
    req.headers.set("X-Amz-Target", "Probe_20240101." + op);
    req.headers.set("Content-Type", "application/x-amz-json-1.1");
    EXPECT_TRUE(aws::sign_request(req, creds, {.service = scope, .region = "eu-west-1", .time = clock.now()}).ok());
    return req;
  }

  http::Request s3_request(const std::string& method, const std::string& url, const std::string& body,
                           const aws::Credentials& creds = test_credentials()) {
    http::Request req{method, url, {}, body, {}};
    EXPECT_TRUE(aws::sign_request(req, creds,
                                  {.service = "s3",
                                   .region = "us-east-1",
                                   .time = clock.now(),
                                   .normalize_path = false,
                                   .double_uri_encode = false,
                                   .add_content_sha256_header = true})
                    .ok());
    return req;
  }
};

TEST_F(RoutingTest, JsonServicesAreFoundByTheirTarget) {
  auto r = send(json_request("Echo", R"({"a":[1,2]})"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.get("Content-Type"), "application/x-amz-json-1.1");
  auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["input"]["a"][1], 2);
  EXPECT_EQ(doc["account"], "000000000000");
  EXPECT_EQ(doc["region"], "eu-west-1");

  auto err = [&](const http::Response& resp) { return aws::parse_json_error(resp); };
  r = send(json_request("Missing", "{}"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(err(r).code, "ResourceNotFoundException");
  EXPECT_EQ(err(r).message, "The thing does not exist");
  EXPECT_EQ(err(send(json_request("Nope", "{}"))).code, "UnknownOperationException");
  EXPECT_EQ(err(send(json_request("Echo", "{not json"))).code, "SerializationException");
  EXPECT_EQ(err(send(json_request("Echo", "[1]"))).code, "SerializationException");

  aws::Credentials wrong = test_credentials();
  wrong.secret_access_key = "nope";
  r = send(json_request("Echo", "{}", "probejson", wrong));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(err(r).code, "InvalidSignatureException");
  EXPECT_EQ(
      err(send(json_request("Echo", "{}", "probejson", {.access_key_id = "AKIANOBODY", .secret_access_key = "x"})))
          .code,
      "UnrecognizedClientException");
  auto scoped = err(send(json_request("Echo", "{}", "sts")));
  EXPECT_EQ(scoped.code, "InvalidSignatureException");
  EXPECT_NE(scoped.message.find("'probejson'"), std::string::npos) << scoped.message;

  http::Request unsigned_req{"POST", "http://127.0.0.1:4566/", {}, "{}", {}};
  unsigned_req.headers.set("X-Amz-Target", "Probe_20240101.Echo");
  EXPECT_EQ(err(send(unsigned_req)).code, "MissingAuthenticationTokenException");

  auto page = nlohmann::json::parse(send({"GET", "http://127.0.0.1:4566/_hoplite/", {}, {}, {}}).body);
  EXPECT_EQ(page["services"]["probejson"]["000000000000"]["things"], 0);
}

TEST_F(RoutingTest, Ec2HasItsOwnEnvelopeAndErrors) {
  auto r = send(query_request("ec2", "Action=DescribeThings&Version=2016-11-15&ThingId.1=a&ThingId.2=b%3C"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto id = r.headers.get("x-amzn-RequestId").value_or("");
  EXPECT_EQ(r.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeThingsResponse "
            "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>" +
                id +
                "</requestId><thingSet><item><thingId>a</thingId></item><item><thingId>b&lt;</thingId>"
                "</item></thingSet></DescribeThingsResponse>");
  r = send(query_request("ec2", "Action=RunInstances&Version=2016-11-15"));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("<Response><Errors><Error><Code>InvalidAction</Code><Message>The action RunInstances is not "
                        "valid for this web service.</Message></Error></Errors><RequestID>"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(aws::parse_query_error(r).code, "InvalidAction") << "the clients read EC2's dialect too";
  aws::Credentials wrong = test_credentials();
  wrong.secret_access_key = "nope";
  r = send(query_request("ec2", "Action=DescribeThings&Version=2016-11-15", wrong));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(aws::parse_query_error(r).code, "AuthFailure");
}

TEST_F(RoutingTest, S3IsReachedByPathByVirtualHostAndAnonymously) {
  auto r = send(s3_request("PUT", "http://127.0.0.1:4566/bucket/dir/my%20key.txt", "object bytes"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto seen = nlohmann::json::parse(r.body);
  EXPECT_EQ(seen["path"], "/bucket/dir/my%20key.txt");
  EXPECT_EQ(seen["body"], "object bytes");

  http::Request lying = s3_request("PUT", "http://127.0.0.1:4566/bucket/k", "object bytes");
  lying.body = "other bytes!";  // the signature covers the declared hash, not these bytes
  r = send(lying);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(aws::parse_query_error(r).code, "XAmzContentSHA256Mismatch");

  r = send(s3_request("GET", "http://photos.localhost:4566/cat.jpg", ""));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["host"], "photos.localhost:4566");

  r = send({"GET", "http://photos.localhost:4566/cat.jpg", {}, {}, {}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(aws::parse_query_error(r).code, "AccessDenied");
  r = send({"GET", "http://127.0.0.1:4566/bucket/key", {}, {}, {}});
  EXPECT_EQ(aws::parse_query_error(r).code, "AccessDenied") << "anonymous path-style requests are S3's too";

  http::Request no_hash = s3_request("GET", "http://127.0.0.1:4566/bucket/key", "");
  no_hash.headers.remove("X-Amz-Content-SHA256");
  r = send(no_hash);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(aws::parse_query_error(r).code, "InvalidRequest");

  aws::Credentials unknown{.access_key_id = "AKIANOBODY", .secret_access_key = "x"};
  r = send(s3_request("GET", "http://127.0.0.1:4566/bucket/key", "", unknown));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(aws::parse_query_error(r).code, "InvalidAccessKeyId");
  clock.set(clock.now() + std::chrono::minutes(20));
  http::Request late = s3_request("GET", "http://127.0.0.1:4566/bucket/key", "");
  clock.set(clock.now() - std::chrono::minutes(20));
  EXPECT_EQ(aws::parse_query_error(send(late)).code, "RequestTimeTooSkewed");
}

TEST_F(RoutingTest, AnAwsChunkedUploadIsDecodedWithItsChunkSignatures) {
  const std::string data(9000, 'x');
  const std::string tail = "tail";
  http::Request req{"PUT", "http://127.0.0.1:4566/bucket/chunked", {}, {}, {}};
  req.headers.set("Content-Encoding", "aws-chunked");
  req.headers.set("x-amz-decoded-content-length", std::to_string(data.size() + tail.size()));
  req.headers.set("X-Amz-Content-SHA256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
  ASSERT_TRUE(aws::sign_request(req, test_credentials(),
                                {.service = "s3",
                                 .region = "us-east-1",
                                 .time = clock.now(),
                                 .normalize_path = false,
                                 .double_uri_encode = false})
                  .ok());
  auto claim = aws::parse_signature_claim(req.headers, "");
  ASSERT_TRUE(claim.ok() && claim->has_value());
  std::string previous = (*claim)->signature;
  std::string body;
  for (const std::string* chunk : {&data, &tail, static_cast<const std::string*>(nullptr)}) {
    std::string bytes = chunk ? *chunk : std::string();
    std::string sig = aws::chunk_signature(**claim, "test", previous, core::sha256_hex(bytes));
    std::ostringstream size;
    size << std::hex << bytes.size();
    body += size.str() + ";chunk-signature=" + sig + "\r\n" + bytes + "\r\n";
    previous = sig;
  }
  req.body = body;  // ends in `0;chunk-signature=…\r\n\r\n`: the final chunk and the closing empty line
  auto r = send(req);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["body"], data + tail);

  req.body[100] = 'y';  // inside the first chunk's data
  r = send(req);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(aws::parse_query_error(r).code, "SignatureDoesNotMatch");
}

TEST_F(RoutingTest, TheRegistryAuthenticatesItsOwnRequests) {
  for (const char* path : {"/v2/", "/v2", "/v2/repo/manifests/latest"}) {
    auto r = send({"GET", std::string("http://127.0.0.1:4566") + path, {}, {}, {}});
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_EQ(r.headers.get("WWW-Authenticate"), "Basic realm=\"local\"") << path;
  }
  http::Request basic{"GET", "http://127.0.0.1:4566/v2/", {}, {}, {}};
  basic.headers.set("Authorization", "Basic QVdTOnRva2Vu");
  EXPECT_EQ(send(basic).status, 200);
}

}  // namespace
}  // namespace hoplite::local
