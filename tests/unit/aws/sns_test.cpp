#include "hoplite/aws/sns.hpp"

#include <gtest/gtest.h>

#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::sns {
namespace {

class SnsTest : public testing::ClientTest {
 protected:
  Client sns{config};
};

TEST_F(SnsTest, PublishSendsMessageAndAttributes) {
  respond_xml(
      "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
      "<MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult></PublishResponse>");
  auto r = sns.publish({.topic_arn = "arn:aws:sns:us-east-1:1:t",
                        .message = "task succeeded",
                        .subject = "done",
                        .message_attributes = {{"stage", {.data_type = "String", .string_value = "prod"}}}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(*r, "94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
  EXPECT_EQ(only_request().body,
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At&Message=task%20succeeded"
            "&Subject=done&MessageAttributes.entry.1.Name=stage&MessageAttributes.entry.1.Value.DataType=String"
            "&MessageAttributes.entry.1.Value.StringValue=prod");
  EXPECT_NE(only_request().headers.get("Authorization")->find("/us-east-1/sns/aws4_request"), std::string::npos);
}

TEST_F(SnsTest, MissingTopicIsNotFound) {
  http.respond(404,
               "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message>"
               "</Error><RequestId>r</RequestId></ErrorResponse>");
  auto r = sns.publish({.topic_arn = "arn:aws:sns:us-east-1:1:gone", .message = "m"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "NotFound");
  EXPECT_NE(r.error().message.find("Topic does not exist"), std::string::npos);
}

}  // namespace
}  // namespace hoplite::aws::sns
