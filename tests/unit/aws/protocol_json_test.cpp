#include "hoplite/aws/protocol_json.hpp"

#include <gtest/gtest.h>

namespace hoplite::aws {
namespace {

TEST(JsonProtocol, TargetAndContentType) {
  EXPECT_EQ(json_target("AmazonEC2ContainerRegistry_V20150921", "GetAuthorizationToken"),
            "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken");
  EXPECT_EQ(json_content_type(JsonVersion::v1_0), "application/x-amz-json-1.0");
  EXPECT_EQ(json_content_type(JsonVersion::v1_1), "application/x-amz-json-1.1");
}

TEST(JsonProtocol, StripsNamespaceAndUrlFromErrorTypes) {
  EXPECT_EQ(strip_error_type("com.amazonaws.ecr#RepositoryNotFoundException"), "RepositoryNotFoundException");
  EXPECT_EQ(strip_error_type("ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/"),
            "ThrottlingException");
  EXPECT_EQ(strip_error_type("ValidationException"), "ValidationException");
}

TEST(JsonProtocol, ParsesTypeAndEitherMessageSpelling) {
  http::Response a{.status = 400, .body = R"({"__type":"com.amazonaws.ecr#RepositoryAlreadyExistsException",
                                               "message":"The repository already exists"})"};
  a.headers.add("x-amzn-RequestId", "r-1");
  ServiceError e = parse_json_error(a);
  EXPECT_EQ(e.code, "RepositoryAlreadyExistsException");
  EXPECT_EQ(e.message, "The repository already exists");
  EXPECT_EQ(e.request_id, "r-1");

  http::Response b{.status = 400, .body = R"({"__type":"ThrottlingException","Message":"Rate exceeded"})"};
  EXPECT_EQ(parse_json_error(b).message, "Rate exceeded");
}

TEST(JsonProtocol, FallsBackToTheErrorTypeHeaderThenTheStatus) {
  http::Response a{.status = 400, .body = ""};
  a.headers.add("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/");
  EXPECT_EQ(parse_json_error(a).code, "AccessDeniedException");
  http::Response b{.status = 500, .body = "not json"};
  EXPECT_EQ(parse_json_error(b).code, "InternalError");
}

}  // namespace
}  // namespace hoplite::aws
