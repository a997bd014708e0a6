// What the local cloud writes for an error is what the clients read back, in every dialect, with
// hostile text escaped.
#include "hoplite/aws/error_response.hpp"

#include <gtest/gtest.h>

#include "hoplite/aws/protocol_json.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/xml_writer.hpp"

namespace hoplite::aws {
namespace {

TEST(ErrorResponse, EveryDialectReadsBackAsWritten) {
  const ServiceError e{"NoSuchEntity", "The role <x> & \"y\" cannot be found.\n", "req-1", 404};
  for (auto dialect :
       {ErrorDialect::query, ErrorDialect::ec2, ErrorDialect::rest_xml, ErrorDialect::json, ErrorDialect::rest_json}) {
    http::Response r = error_response(dialect, e, {.xml_namespace = "https://iam.amazonaws.com/doc/2010-05-08/"});
    EXPECT_EQ(r.status, 404);
    const bool json = dialect == ErrorDialect::json || dialect == ErrorDialect::rest_json;
    ServiceError back = json ? parse_json_error(r) : parse_query_error(r);
    EXPECT_EQ(back.code, e.code) << r.body;
    EXPECT_EQ(back.message, e.message) << r.body;
    EXPECT_EQ(back.request_id, "req-1");
  }
}

TEST(ErrorResponse, RestJsonNamesTheCodeInAHeaderAsLambdaDoes) {
  http::Response r =
      error_response(ErrorDialect::rest_json, {"ResourceNotFoundException", "Function not found: f", "r", 404});
  EXPECT_EQ(r.headers.get("x-amzn-ErrorType").value_or(""), "ResourceNotFoundException");
  EXPECT_EQ(r.body, R"({"Type":"User","message":"Function not found: f"})");
  EXPECT_EQ(r.headers.get("x-amzn-RequestId").value_or(""), "r");
  http::Response fault = error_response(ErrorDialect::rest_json, {"ServiceException", "x", "r", 500});
  EXPECT_EQ(fault.body, R"({"Type":"Service","message":"x"})");
}

TEST(ErrorResponse, TheShapesAreTheServicesOwn) {
  ServiceError e{"Throttling", "Rate exceeded", "r", 0};
  EXPECT_EQ(error_response(ErrorDialect::query, e, {.xml_namespace = "ns"}).body,
            "<ErrorResponse xmlns=\"ns\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded"
            "</Message></Error><RequestId>r</RequestId></ErrorResponse>");
  EXPECT_EQ(
      error_response(ErrorDialect::query, {"InternalFailure", "x", "r", 500}).body.find("<Type>Receiver</Type>") !=
          std::string::npos,
      true);
  http::Response json = error_response(ErrorDialect::json, e, {.json_version = JsonVersion::v1_0});
  EXPECT_EQ(json.status, 400) << "no status means a client error";
  EXPECT_EQ(json.body, R"({"__type":"Throttling","message":"Rate exceeded"})");
  EXPECT_EQ(json.headers.get("Content-Type"), "application/x-amz-json-1.0");
  http::Response s3 =
      error_response(ErrorDialect::rest_xml, {"NoSuchBucket", "The specified bucket does not exist", "r", 404},
                     {.extra = {{"BucketName", "photos"}}});
  EXPECT_EQ(s3.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified "
            "bucket does not exist</Message><BucketName>photos</BucketName><RequestId>r</RequestId></Error>");
  EXPECT_EQ(s3.headers.get("x-amz-request-id"), "r");
  http::Response ec2 =
      error_response(ErrorDialect::ec2, {"InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist", "r", 400});
  EXPECT_EQ(ec2.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code>"
            "<Message>The vpc ID 'vpc-1' does not exist</Message></Error></Errors><RequestID>r</RequestID></Response>");
}

TEST(XmlWriter, EscapesTextAndReplacesWhatXmlCannotCarry) {
  EXPECT_EQ(xml_text("a<b>&\"c'\r\n\t"), "a&lt;b&gt;&amp;&quot;c'&#13;&#10;&#9;");
  EXPECT_EQ(xml_text(std::string("x\x01y\x7f", 4)), "x\xEF\xBF\xBDy\x7f");
  XmlWriter w;
  w.open("A").open("B").element("C", "1").optional_element("D", std::nullopt).boolean("E", true).number("F", -3);
  EXPECT_EQ(w.finish(), "<A><B><C>1</C><E>true</E><F>-3</F></B></A>");
  EXPECT_EQ(w.finish(), "") << "finish leaves the writer empty";
}

}  // namespace
}  // namespace hoplite::aws
