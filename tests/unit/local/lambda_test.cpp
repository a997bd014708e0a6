// The local Lambda over its REST-JSON wire API, as the AWS CLI calls it (SigV4 service `lambda`):
// functions created, read, listed, paged, updated and deleted; AWS's error dialect
// (`x-amzn-ErrorType` + `{"Type","message"}`), its validation, role and code checks; Invoke
// refused because functions are stored, not run.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/iam.hpp"
#include "hoplite/aws/s3.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/lambda/lambda_zip.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;

constexpr std::string_view kTrustLambda =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr std::string_view kTrustEcs =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr const char* kRole = "arn:aws:iam::000000000000:role/fn-role";

class LambdaTest : public LocalCloudTest {
 protected:
  void SetUp() override {
    LocalCloudTest::SetUp();
    aws::iam::Client iam(config(creds));
    ASSERT_TRUE(
        iam.create_role({.role_name = "fn-role", .assume_role_policy_document = std::string(kTrustLambda)}).ok());
    ASSERT_TRUE(iam.create_role({.role_name = "ecs-role", .assume_role_policy_document = std::string(kTrustEcs)}).ok());
  }

  /// A REST-JSON request signed for `lambda` the way the AWS CLI signs it.
  http::Response call(const std::string& method, const std::string& path, const std::string& body = "") {
    http::Request req{method, "http://127.0.0.1:4566" + path, {}, body, {}};
    if (!body.empty()) req.headers.set("Content-Type", "application/json");
    EXPECT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                  {.service = "lambda", .region = "us-east-1", .time = clock.now()})
                    .ok());
    return send(req);
  }

  static nlohmann::json json_of(const http::Response& r) { return nlohmann::json::parse(r.body, nullptr, false); }

  static std::string zip() { return lambda::zip_one_file("index.py", "def handler(event, context):\n    return 1\n"); }

  static nlohmann::json create_body(const std::string& name, const std::string& zip_bytes = zip()) {
    return {{"FunctionName", name},
            {"Runtime", "python3.12"},
            {"Role", kRole},
            {"Handler", "index.handler"},
            {"Code", {{"ZipFile", core::base64_encode(zip_bytes)}}}};
  }

  http::Response create(const nlohmann::json& body) { return call("POST", "/2015-03-31/functions", body.dump()); }

  /// The error's type header and message, checked against AWS's REST-JSON dialect.
  static void expect_error(const http::Response& r, int status, const std::string& type, const std::string& message) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.headers.get("x-amzn-ErrorType").value_or(""), type) << r.body;
    auto body = json_of(r);
    EXPECT_EQ(body.value("Type", ""), status >= 500 ? "Service" : "User") << r.body;
    EXPECT_NE(body.value("message", "").find(message), std::string::npos) << r.body;
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(LambdaTest, CreateGetListAndDeleteAFunction) {
  auto made = create(create_body("hello"));
  ASSERT_EQ(made.status, 201) << made.body;
  auto fn = json_of(made);
  EXPECT_EQ(fn["FunctionName"], "hello");
  EXPECT_EQ(fn["FunctionArn"], "arn:aws:lambda:us-east-1:000000000000:function:hello");
  EXPECT_EQ(fn["Runtime"], "python3.12");
  EXPECT_EQ(fn["Handler"], "index.handler");
  EXPECT_EQ(fn["Role"], kRole);
  EXPECT_EQ(fn["CodeSha256"], core::base64_encode(core::sha256(zip())));
  EXPECT_EQ(fn["CodeSize"], zip().size());
  EXPECT_EQ(fn["LastModified"], "2026-11-26T05:08:20.000+0000");
  EXPECT_EQ(fn["Version"], "$LATEST");
  EXPECT_EQ(fn["State"], "Active");
  EXPECT_EQ(fn["Timeout"], 3);
  EXPECT_EQ(fn["MemorySize"], 128);
  EXPECT_EQ(fn["PackageType"], "Zip");
  EXPECT_EQ(fn["Architectures"], nlohmann::json::array({"x86_64"}));
  EXPECT_EQ(fn["RevisionId"].get<std::string>().size(), 36u);

  expect_error(create(create_body("hello")), 409, "ResourceConflictException", "Function already exist: hello");

  auto got = call("GET", "/2015-03-31/functions/hello");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(json_of(got)["Configuration"]["RevisionId"], fn["RevisionId"]);
  EXPECT_EQ(json_of(got)["Code"]["RepositoryType"], "S3");
  // By ARN, percent-encoded in the path as the SDKs send it, and with the $LATEST qualifier.
  auto by_arn =
      call("GET", "/2015-03-31/functions/" +
                      core::percent_encode("arn:aws:lambda:us-east-1:000000000000:function:hello") + "/configuration");
  ASSERT_EQ(by_arn.status, 200) << by_arn.body;
  EXPECT_EQ(json_of(by_arn)["FunctionName"], "hello");
  EXPECT_EQ(call("GET", "/2015-03-31/functions/hello?Qualifier=%24LATEST").status, 200);
  expect_error(call("GET", "/2015-03-31/functions/hello?Qualifier=7"), 404, "ResourceNotFoundException",
               "Function not found: arn:aws:lambda:us-east-1:000000000000:function:hello:7");
  expect_error(call("GET", "/2015-03-31/functions/" +
                               core::percent_encode("arn:aws:lambda:us-east-1:111111111111:function:hello")),
               404, "ResourceNotFoundException", "Function not found");

  // Paging: one function a page, the marker opaque and checked.
  ASSERT_EQ(create(create_body("world")).status, 201);
  auto page = json_of(call("GET", "/2015-03-31/functions/?MaxItems=1"));
  ASSERT_EQ(page["Functions"].size(), 1u) << page.dump();
  EXPECT_EQ(page["Functions"][0]["FunctionName"], "hello");
  ASSERT_TRUE(page.contains("NextMarker"));
  auto next = json_of(call("GET", "/2015-03-31/functions/?MaxItems=1&Marker=" +
                                      core::percent_encode(page["NextMarker"].get<std::string>())));
  ASSERT_EQ(next["Functions"].size(), 1u) << next.dump();
  EXPECT_EQ(next["Functions"][0]["FunctionName"], "world");
  EXPECT_FALSE(next.contains("NextMarker"));
  expect_error(call("GET", "/2015-03-31/functions/?Marker=hello"), 400, "InvalidParameterValueException", "marker");
  expect_error(call("GET", "/2015-03-31/functions/?MaxItems=0"), 400, "ValidationException", "'maxItems'");

  auto gone = call("DELETE", "/2015-03-31/functions/hello");
  EXPECT_EQ(gone.status, 204) << gone.body;
  expect_error(call("GET", "/2015-03-31/functions/hello"), 404, "ResourceNotFoundException",
               "Function not found: arn:aws:lambda:us-east-1:000000000000:function:hello");
  expect_error(call("DELETE", "/2015-03-31/functions/hello"), 404, "ResourceNotFoundException", "Function not found");
  EXPECT_EQ(json_of(call("GET", "/2015-03-31/functions/"))["Functions"].size(), 1u);
}

TEST_F(LambdaTest, TheRoleMustExistAndTrustLambda) {
  auto body = create_body("f");
  body["Role"] = "arn:aws:iam::000000000000:role/missing";
  expect_error(create(body), 400, "InvalidParameterValueException",
               "The role defined for the function cannot be assumed by Lambda.");
  body["Role"] = "arn:aws:iam::000000000000:role/ecs-role";
  expect_error(create(body), 400, "InvalidParameterValueException",
               "The role defined for the function cannot be assumed by Lambda.");
  body["Role"] = "not-an-arn";
  expect_error(create(body), 400, "ValidationException", "Value 'not-an-arn' at 'role' failed to satisfy constraint");
  EXPECT_EQ(call("GET", "/2015-03-31/functions/f").status, 404);
}

TEST_F(LambdaTest, RequestsAreCheckedAsLambdaChecksThem) {
  auto body = create_body("f");
  body["MemorySize"] = 64;
  expect_error(create(body), 400, "ValidationException",
               "Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal "
               "to 128");
  body = create_body("bad name!");
  expect_error(create(body), 400, "ValidationException", "at 'functionName' failed to satisfy constraint");
  body = create_body(std::string(65, 'a'));
  expect_error(create(body), 400, "ValidationException", "at 'functionName'");
  body = create_body("f", "this is not a zip");
  expect_error(create(body), 400, "InvalidParameterValueException", "Could not unzip uploaded file");
  body = create_body("f");
  body.erase("Runtime");
  expect_error(create(body), 400, "InvalidParameterValueException", "Runtime and Handler are mandatory");
  body = create_body("f");
  body["Runtime"] = "cobol";
  expect_error(create(body), 400, "ValidationException", "at 'runtime'");
  body = create_body("f");
  body["Environment"] = {{"Variables", {{"AWS_REGION", "x"}}}};
  expect_error(create(body), 400, "InvalidParameterValueException", "Reserved keys used in this request: AWS_REGION");
  body["Environment"] = {{"Variables", {{"BIG", std::string(5000, 'x')}}}};
  expect_error(create(body), 400, "InvalidParameterValueException", "exceeded the 4KB limit");
  body = create_body("f");
  body["Code"] = {{"ZipFile", "not base64!"}};
  expect_error(create(body), 400, "InvalidRequestContentException", "ZipFile");
  body = create_body("f");
  body["Timeout"] = "ten";
  expect_error(create(body), 400, "InvalidRequestContentException", "Timeout");
  expect_error(call("POST", "/2015-03-31/functions", "{not json"), 400, "InvalidRequestContentException", "");
  body = create_body("f");
  body.erase("Code");
  expect_error(create(body), 400, "ValidationException", "Value null at 'code'");
  body = create_body("f");
  body["Code"] = nlohmann::json::object();
  expect_error(create(body), 400, "InvalidParameterValueException", "Please provide a source for function code.");
  expect_error(call("GET", "/2015-03-31/nothing-here"), 404, "UnknownOperationException", "");
  EXPECT_EQ(json_of(call("GET", "/2015-03-31/functions/"))["Functions"].size(), 0u);
}

TEST_F(LambdaTest, UpdateCodeFromS3AndConfigurationWithRevisionChecks) {
  auto made = json_of(create(create_body("f")));
  const std::string first_revision = made["RevisionId"];

  nlohmann::json settings{{"MemorySize", 512},
                          {"Timeout", 30},
                          {"Description", "worker"},
                          {"Environment", {{"Variables", {{"MODE", "fast"}}}}}};
  auto updated = call("PUT", "/2015-03-31/functions/f/configuration", settings.dump());
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(json_of(updated)["MemorySize"], 512);
  EXPECT_EQ(json_of(updated)["Environment"]["Variables"]["MODE"], "fast");
  EXPECT_NE(json_of(updated)["RevisionId"], first_revision);
  settings = {{"RevisionId", first_revision}, {"Timeout", 5}};
  expect_error(call("PUT", "/2015-03-31/functions/f/configuration", settings.dump()), 412,
               "PreconditionFailedException", "The Revision Id provided does not match");
  settings = {{"Role", "arn:aws:iam::000000000000:role/ecs-role"}};
  expect_error(call("PUT", "/2015-03-31/functions/f/configuration", settings.dump()), 400,
               "InvalidParameterValueException", "cannot be assumed by Lambda");
  auto now = json_of(call("GET", "/2015-03-31/functions/f/configuration"));
  EXPECT_EQ(now["Timeout"], 30);
  EXPECT_EQ(now["Description"], "worker");

  // New code from the local S3: its bytes' hash, the configuration kept.
  aws::s3::Client s3(config(creds));
  ASSERT_TRUE(s3.create_bucket("code").ok());
  const std::string v2 = lambda::zip_one_file("index.py", "def handler(event, context):\n    return 2\n");
  ASSERT_TRUE(s3.put_object({.bucket = "code", .key = "v2.zip", .body = v2}).ok());
  nlohmann::json code{{"S3Bucket", "code"}, {"S3Key", "v2.zip"}};
  auto coded = call("PUT", "/2015-03-31/functions/f/code", code.dump());
  ASSERT_EQ(coded.status, 200) << coded.body;
  EXPECT_EQ(json_of(coded)["CodeSha256"], core::base64_encode(core::sha256(v2)));
  EXPECT_EQ(json_of(coded)["CodeSize"], v2.size());
  EXPECT_EQ(json_of(coded)["MemorySize"], 512);
  code = {{"S3Bucket", "code"}, {"S3Key", "missing.zip"}};
  expect_error(call("PUT", "/2015-03-31/functions/f/code", code.dump()), 400, "InvalidParameterValueException",
               "Error occurred while GetObject. S3 Error Code: NoSuchKey.");
  code = {{"ZipFile", core::base64_encode(zip())}};
  auto inline_code = json_of(call("PUT", "/2015-03-31/functions/f/code", code.dump()));
  EXPECT_EQ(inline_code["CodeSha256"], core::base64_encode(core::sha256(zip())));
  expect_error(call("PUT", "/2015-03-31/functions/nope/code", code.dump()), 404, "ResourceNotFoundException",
               "Function not found");
}

TEST_F(LambdaTest, TagsAndInvokeWhichIsNotEmulated) {
  auto body = create_body("f");
  body["Tags"] = {{"team", "a"}};
  ASSERT_EQ(create(body).status, 201);
  const std::string arn = core::percent_encode("arn:aws:lambda:us-east-1:000000000000:function:f");
  EXPECT_EQ(json_of(call("GET", "/2017-03-31/tags/" + arn))["Tags"], nlohmann::json({{"team", "a"}}));
  EXPECT_EQ(call("POST", "/2017-03-31/tags/" + arn, R"({"Tags":{"env":"dev"}})").status, 204);
  EXPECT_EQ(call("DELETE", "/2017-03-31/tags/" + arn + "?tagKeys=team").status, 204);
  EXPECT_EQ(json_of(call("GET", "/2015-03-31/functions/f"))["Tags"], nlohmann::json({{"env", "dev"}}));

  expect_error(call("POST", "/2015-03-31/functions/f/invocations", "{}"), 400, "UnsupportedOperationException",
               "does not run them");
  expect_error(call("POST", "/2015-03-31/functions/nope/invocations", "{}"), 404, "ResourceNotFoundException",
               "Function not found");
}

TEST_F(LambdaTest, HostilePathsAndNamesAreRefusedBeforeUse) {
  // A parameter that does not percent-decode, and a path deeper than any template, match nothing.
  expect_error(call("GET", "/2015-03-31/functions/%ZZ"), 404, "UnknownOperationException", "");
  std::string deep = "/2015-03-31/functions";
  for (int i = 0; i < 40; ++i) deep += "/x";
  expect_error(call("GET", deep), 404, "UnknownOperationException", "");
  // Names are checked against Lambda's grammar (length first) before any lookup.
  expect_error(call("GET", "/2015-03-31/functions/" + std::string(500, 'a')), 400, "ValidationException",
               "Member must have length less than or equal to 140");
  expect_error(call("GET", "/2015-03-31/functions/a%2F..%2Fb"), 400, "ValidationException", "'functionName'");
  expect_error(call("GET", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Ax"), 400,
               "ValidationException", "'functionName'");
  // What CloudFormation's inline code becomes is a zip Lambda accepts.
  EXPECT_TRUE(lambda::looks_like_zip(zip()));
  EXPECT_FALSE(lambda::looks_like_zip("PK"));
}

TEST_F(LambdaTest, FunctionsSurviveARestartAndAreShownOnTheInspectPage) {
  auto made = json_of(create(create_body("kept")));
  open_cloud();
  auto got = call("GET", "/2015-03-31/functions/kept/configuration");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(json_of(got)["RevisionId"], made["RevisionId"]);
  EXPECT_EQ(json_of(got)["CodeSha256"], made["CodeSha256"]);
  auto page = nlohmann::json::parse(cloud->inspect(), nullptr, false);
  EXPECT_EQ(page["services"]["lambda"]["000000000000"]["functions"]["us-east-1"], nlohmann::json::array({"kept"}))
      << page["services"]["lambda"].dump();
}

}  // namespace
}  // namespace hoplite::local
