// The local SNS through the production client: topics, subscriptions, and Publish delivering into
// the local SQS (AWS's envelope, raw delivery), and the message kept for /_hoplite/.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/sns.hpp"
#include "hoplite/aws/sqs.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace sns = aws::sns;
namespace sqs = aws::sqs;

class SnsTest : public LocalCloudTest {
 protected:
  sns::Client topics() { return sns::Client(config(creds)); }
  sqs::Client queues() { return sqs::Client(config(creds)); }

  std::string make_topic(const std::string& name) {
    auto r = topics().create_topic({.name = name});
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() ? r->topic_arn : "";
  }

  /// A queue and its ARN.
  std::pair<std::string, std::string> make_queue(const std::string& name) {
    auto r = queues().create_queue({.queue_name = name});
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return {r.ok() ? r->queue_url : "", "arn:aws:sqs:us-east-1:000000000000:" + name};
  }

  std::vector<sqs::Message> drain(const std::string& url) {
    auto r =
        queues().receive_message({.queue_url = url, .message_attribute_names = {"All"}, .max_number_of_messages = 10});
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() ? r->messages : std::vector<sqs::Message>{};
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(SnsTest, TopicsAndAttributes) {
  auto c = topics();
  std::string arn = make_topic("alerts");
  EXPECT_EQ(arn, "arn:aws:sns:us-east-1:000000000000:alerts");
  EXPECT_EQ(make_topic("alerts"), arn) << "creating again answers the same topic";
  make_topic("builds");
  auto listed = c.list_topics({});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->topic_arns, (std::vector<std::string>{arn, "arn:aws:sns:us-east-1:000000000000:builds"}));

  ASSERT_TRUE(
      c.set_topic_attributes({.topic_arn = arn, .attribute_name = "DisplayName", .attribute_value = "Alerts"}).ok());
  auto attrs = c.get_topic_attributes({.topic_arn = arn});
  ASSERT_TRUE(attrs.ok()) << attrs.error().to_string();
  EXPECT_EQ(attrs->attributes["DisplayName"], "Alerts");
  EXPECT_EQ(attrs->attributes["TopicArn"], arn);
  EXPECT_EQ(attrs->attributes["Owner"], "000000000000");
  EXPECT_EQ(attrs->attributes["SubscriptionsConfirmed"], "0");
  EXPECT_TRUE(nlohmann::json::accept(attrs->attributes["Policy"]));

  auto bad = c.set_topic_attributes({.topic_arn = arn, .attribute_name = "Colour", .attribute_value = "x"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "InvalidParameter");
  EXPECT_NE(bad.error().message.find("Invalid parameter: AttributeName"), std::string::npos) << bad.error().message;
  auto missing = c.get_topic_attributes({.topic_arn = "arn:aws:sns:us-east-1:000000000000:nope"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "NotFound");
  EXPECT_EQ(missing.error().http_status, 404);
  EXPECT_NE(missing.error().message.find("Topic does not exist"), std::string::npos) << missing.error().message;

  ASSERT_TRUE(c.tag_resource({.resource_arn = arn, .tags = {{"team", "blue"}}}).ok());
  auto tags = c.list_tags_for_resource({.resource_arn = arn});
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->tags, (std::vector<sns::Tag>{{"team", "blue"}}));

  ASSERT_TRUE(c.delete_topic({.topic_arn = arn}).ok());
  ASSERT_TRUE(c.delete_topic({.topic_arn = arn}).ok()) << "deleting a topic that is gone is not an error";
}

TEST_F(SnsTest, PublishDeliversToSqsSubscriptions) {
  auto c = topics();
  std::string arn = make_topic("events");
  auto [wrapped_url, wrapped_arn] = make_queue("wrapped");
  auto [raw_url, raw_arn] = make_queue("raw");
  auto wrapped = c.subscribe({.topic_arn = arn, .protocol = "sqs", .endpoint = wrapped_arn});
  ASSERT_TRUE(wrapped.ok()) << wrapped.error().to_string();
  EXPECT_TRUE(wrapped->subscription_arn.starts_with(arn + ":"));
  auto raw = c.subscribe(
      {.topic_arn = arn, .protocol = "sqs", .endpoint = raw_arn, .attributes = {{"RawMessageDelivery", "true"}}});
  ASSERT_TRUE(raw.ok());
  auto mail = c.subscribe({.topic_arn = arn, .protocol = "email", .endpoint = "ops@example.com"});
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->subscription_arn, "pending confirmation");

  auto id = c.publish({.topic_arn = arn,
                       .message = "deployed",
                       .subject = "release",
                       .message_attributes = {{"stage", {.data_type = "String", .string_value = "prod"}}}});
  ASSERT_TRUE(id.ok()) << id.error().to_string();

  auto got = drain(wrapped_url);
  ASSERT_EQ(got.size(), 1u);
  auto envelope = nlohmann::json::parse(got[0].body);
  EXPECT_EQ(envelope["Type"], "Notification");
  EXPECT_EQ(envelope["MessageId"], *id);
  EXPECT_EQ(envelope["TopicArn"], arn);
  EXPECT_EQ(envelope["Subject"], "release");
  EXPECT_EQ(envelope["Message"], "deployed");
  EXPECT_EQ(envelope["Timestamp"], "2026-11-26T05:08:20.000Z");
  EXPECT_EQ(envelope["SignatureVersion"], "1");
  EXPECT_EQ(envelope["MessageAttributes"]["stage"]["Type"], "String");
  EXPECT_EQ(envelope["MessageAttributes"]["stage"]["Value"], "prod");
  EXPECT_TRUE(got[0].message_attributes.empty());

  auto bare = drain(raw_url);
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_EQ(bare[0].body, "deployed");
  ASSERT_TRUE(bare[0].message_attributes.contains("stage"));
  EXPECT_EQ(bare[0].message_attributes["stage"].string_value, "prod");

  auto subs = c.list_subscriptions({.topic_arn = arn});
  ASSERT_TRUE(subs.ok());
  ASSERT_EQ(subs->subscriptions.size(), 3u);
  auto pending = std::count_if(subs->subscriptions.begin(), subs->subscriptions.end(),
                               [](const auto& s) { return s.subscription_arn == "PendingConfirmation"; });
  EXPECT_EQ(pending, 1);
  auto sub_attrs = c.get_subscription_attributes({.subscription_arn = raw->subscription_arn});
  ASSERT_TRUE(sub_attrs.ok());
  EXPECT_EQ(sub_attrs->attributes["RawMessageDelivery"], "true");
  EXPECT_EQ(sub_attrs->attributes["Endpoint"], raw_arn);
  EXPECT_EQ(sub_attrs->attributes["SubscriptionPrincipal"], "arn:aws:iam::000000000000:root");

  // The message is kept for the inspection page.
  auto page = nlohmann::json::parse(cloud->inspect());
  EXPECT_EQ(page["services"]["sns"]["000000000000"]["topics"]["us-east-1"]["events"]["messages"][0]["message"],
            "deployed")
      << page.dump(2);

  ASSERT_TRUE(c.unsubscribe({.subscription_arn = wrapped->subscription_arn}).ok());
  ASSERT_TRUE(c.publish({.topic_arn = arn, .message = "again"}).ok());
  EXPECT_TRUE(drain(wrapped_url).empty());
  EXPECT_EQ(drain(raw_url).size(), 1u);

  auto nowhere = c.publish({.topic_arn = "arn:aws:sns:us-east-1:000000000000:nope", .message = "m"});
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, "NotFound");
  auto empty = c.publish({.topic_arn = arn, .message = ""});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("Invalid parameter: Empty message"), std::string::npos) << empty.error().message;
}

TEST_F(SnsTest, MessageStructureJsonPicksTheSqsMessage) {
  auto c = topics();
  std::string arn = make_topic("t");
  auto [url, queue_arn] = make_queue("q");
  ASSERT_TRUE(
      c.subscribe(
           {.topic_arn = arn, .protocol = "sqs", .endpoint = queue_arn, .attributes = {{"RawMessageDelivery", "true"}}})
          .ok());
  ASSERT_TRUE(c.publish({.topic_arn = arn,
                         .message = R"({"default":"for everyone","sqs":"for queues"})",
                         .message_structure = "json"})
                  .ok());
  auto got = drain(url);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].body, "for queues");
  auto no_default = c.publish({.topic_arn = arn, .message = R"({"sqs":"x"})", .message_structure = "json"});
  ASSERT_FALSE(no_default.ok());
  EXPECT_NE(
      no_default.error().message.find("Invalid parameter: Message Structure - No default entry in JSON message body"),
      std::string::npos)
      << no_default.error().message;
}

}  // namespace
}  // namespace hoplite::local
