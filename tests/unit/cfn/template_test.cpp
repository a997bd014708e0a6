#include "hoplite/cfn/template.hpp"

#include <gtest/gtest.h>

#include "hoplite/cfn/resources/sns/topic.hpp"
#include "hoplite/cfn/validation_error.hpp"
#include "support/golden.hpp"

namespace hoplite::cfn {
namespace {

TEST(Template, RendersMinimalTopicWithOutput) {
  Template t{"description"};
  auto& topic = t.add(sns::Topic{"Notifications", {.TopicName = "x"}});
  t.add_output("TopicArn", ref(topic), {.description = "the topic", .export_name = sub("${AWS::StackName}-topic")});
  EXPECT_EQ(t.render(),
            R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "description",
  "Resources": {
    "Notifications": {
      "Type": "AWS::SNS::Topic",
      "Properties": {
        "TopicName": "x"
      }
    }
  },
  "Outputs": {
    "TopicArn": {
      "Description": "the topic",
      "Value": {
        "Ref": "Notifications"
      },
      "Export": {
        "Name": {
          "Fn::Sub": "${AWS::StackName}-topic"
        }
      }
    }
  }
}
)");
}

}  // namespace
}  // namespace hoplite::cfn
