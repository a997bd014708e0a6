#include "hoplite/aws/protocol_query.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/percent.hpp"

namespace hoplite::aws {
namespace {

TEST(QueryProtocol, EncodesListsMapsAndNestedStructuresInOrder) {
  QueryParams p;
  p.add("StackName", "web");
  p.add(QueryParams::member("Parameters", 1) + ".ParameterKey", "ImageUri");
  p.add_list("Capabilities", {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"});
  p.add_map("Attributes", {{"b", "2"}, {"a", "1"}});
  p.add("Absent", std::optional<std::string>{});
  EXPECT_EQ(encode_query_body("CreateStack", "2010-05-15", p),
            "Action=CreateStack&Version=2010-05-15&StackName=web&Parameters.member.1.ParameterKey=ImageUri"
            "&Capabilities.member.1=CAPABILITY_IAM&Capabilities.member.2=CAPABILITY_NAMED_IAM"
            "&Attributes.entry.1.key=a&Attributes.entry.1.value=1&Attributes.entry.2.key=b&Attributes.entry.2.value=2");
}

TEST(QueryProtocol, MapsCanNameTheirKeyAndValueMembers) {
  QueryParams p;
  p.add_map("Tags", {{"team", "core"}}, "Name", "Value");
  EXPECT_EQ(encode_query_body("A", "1", p), "Action=A&Version=1&Tags.entry.1.Name=team&Tags.entry.1.Value=core");
}

TEST(QueryProtocol, PercentEncodesAsTheAwsCliDoes) {
  // From tests/testdata/aws-wire/requests/002-CreateStack.json.
  QueryParams p;
  p.add("TemplateBody", R"({"Type":"AWS::SNS::Topic"})").add("X", "a b/c~d_e-f.g");
  EXPECT_EQ(encode_query_body("A", "1", p),
            "Action=A&Version=1&TemplateBody=%7B%22Type%22%3A%22AWS%3A%3ASNS%3A%3ATopic%22%7D&X=a%20b%2Fc~d_e-f.g");
}

TEST(QueryProtocol, FormDecodeInvertsEncoding) {
  QueryParams p;
  p.add("Message", "héllo & goodbye=1+1");
  auto pairs = core::form_decode(encode_query_body("Publish", "2010-03-31", p));
  ASSERT_EQ(pairs.size(), 3u);
  EXPECT_EQ(pairs[0], (QueryParams::Entry{"Action", "Publish"}));
  EXPECT_EQ(pairs[2], (QueryParams::Entry{"Message", "héllo & goodbye=1+1"}));
}

TEST(QueryProtocol, ParsesErrorResponse) {
  http::Response r{.status = 400,
                   .body =
                       "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                       "<Error><Type>Sender</Type><Code>ValidationError</Code>"
                       "<Message>Stack with id nope does not exist</Message></Error>"
                       "<RequestId>42a7f1c1-0000</RequestId></ErrorResponse>"};
  ServiceError e = parse_query_error(r);
  EXPECT_EQ(e.code, "ValidationError");
  EXPECT_EQ(e.message, "Stack with id nope does not exist");
  EXPECT_EQ(e.request_id, "42a7f1c1-0000");
  EXPECT_EQ(e.http_status, 400);
}

TEST(QueryProtocol, PrefersTheHeaderRequestIdAndFallsBackToStatusForGarbage) {
  http::Response r{.status = 503, .body = "<html>Service Unavailable</html"};
  r.headers.add("x-amzn-RequestId", "hdr-1");
  ServiceError e = parse_query_error(r);
  EXPECT_EQ(e.code, "ServiceUnavailable");
  EXPECT_EQ(e.request_id, "hdr-1");
}

}  // namespace
}  // namespace hoplite::aws
