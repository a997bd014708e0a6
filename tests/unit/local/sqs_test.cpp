// The local SQS through the production client (aws::sqs::Client over InProcessClient): the same
// shape code encodes on one side and decodes on the other.
#include <thread>

#include <gtest/gtest.h>

#include "hoplite/aws/sqs.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace sqs = aws::sqs;

class SqsTest : public LocalCloudTest {
 protected:
  sqs::Client client() { return sqs::Client(config(creds)); }

  std::string make_queue(const std::string& name, std::map<std::string, std::string> attributes = {}) {
    auto r = client().create_queue({.queue_name = name, .attributes = std::move(attributes)});
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() ? r->queue_url : "";
  }

  static void expect_error(const core::Error& e, const std::string& code, const std::string& part, int status = 400) {
    EXPECT_EQ(e.code, code) << e.message;
    EXPECT_EQ(e.http_status, status);
    EXPECT_NE(e.message.find(part), std::string::npos) << e.message;
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(SqsTest, QueuesAndAttributes) {
  auto c = client();
  std::string url = make_queue("jobs", {{"VisibilityTimeout", "45"}});
  EXPECT_EQ(url, "http://127.0.0.1:4566/000000000000/jobs");
  EXPECT_EQ(make_queue("jobs", {{"VisibilityTimeout", "45"}}), url) << "the same attributes again: the same queue";
  auto clash = c.create_queue({.queue_name = "jobs", .attributes = {{"VisibilityTimeout", "10"}}});
  ASSERT_FALSE(clash.ok());
  expect_error(clash.error(), "QueueAlreadyExists", "different value for attribute VisibilityTimeout");
  auto bad_name = c.create_queue({.queue_name = "no spaces"});
  ASSERT_FALSE(bad_name.ok());
  expect_error(bad_name.error(), "InvalidParameterValue", "alphanumeric characters, hyphens, or underscores");
  auto bad_attr = c.create_queue({.queue_name = "x", .attributes = {{"Colour", "red"}}});
  ASSERT_FALSE(bad_attr.ok());
  expect_error(bad_attr.error(), "InvalidAttributeName", "Unknown Attribute Colour.");
  auto bad_value = c.create_queue({.queue_name = "x", .attributes = {{"DelaySeconds", "901"}}});
  ASSERT_FALSE(bad_value.ok());
  expect_error(bad_value.error(), "InvalidAttributeValue", "Invalid value for the parameter DelaySeconds.");
  auto fifo_attr = c.create_queue({.queue_name = "x", .attributes = {{"ContentBasedDeduplication", "true"}}});
  ASSERT_FALSE(fifo_attr.ok());
  expect_error(fifo_attr.error(), "InvalidAttributeName", "Unknown Attribute ContentBasedDeduplication.");

  auto attrs = c.get_queue_attributes({.queue_url = url, .attribute_names = {"All"}});
  ASSERT_TRUE(attrs.ok()) << attrs.error().to_string();
  EXPECT_EQ(attrs->attributes["VisibilityTimeout"], "45");
  EXPECT_EQ(attrs->attributes["DelaySeconds"], "0");
  EXPECT_EQ(attrs->attributes["MessageRetentionPeriod"], "345600");
  EXPECT_EQ(attrs->attributes["QueueArn"], "arn:aws:sqs:us-east-1:000000000000:jobs");
  EXPECT_EQ(attrs->attributes["ApproximateNumberOfMessages"], "0");
  ASSERT_TRUE(c.set_queue_attributes({.queue_url = url, .attributes = {{"DelaySeconds", "5"}}}).ok());
  auto one = c.get_queue_attributes({.queue_url = url, .attribute_names = {"DelaySeconds"}});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->attributes, (std::map<std::string, std::string>{{"DelaySeconds", "5"}}));

  make_queue("jobs-dead");
  make_queue("other");
  auto listed = c.list_queues({.queue_name_prefix = "jobs"});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->queue_urls, (std::vector<std::string>{url, "http://127.0.0.1:4566/000000000000/jobs-dead"}));
  auto paged = c.list_queues({.max_results = 2});
  ASSERT_TRUE(paged.ok());
  ASSERT_EQ(paged->queue_urls.size(), 2u);
  ASSERT_TRUE(paged->next_token);
  auto rest = c.list_queues({.max_results = 2, .next_token = paged->next_token});
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->queue_urls, (std::vector<std::string>{"http://127.0.0.1:4566/000000000000/other"}));

  auto got = c.get_queue_url({.queue_name = "other"});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->queue_url, "http://127.0.0.1:4566/000000000000/other");
  auto missing = c.get_queue_url({.queue_name = "nope"});
  ASSERT_FALSE(missing.ok());
  expect_error(missing.error(), "AWS.SimpleQueueService.NonExistentQueue",
               "The specified queue does not exist for this wsdl version.");

  ASSERT_TRUE(c.tag_queue({.queue_url = url, .tags = {{"team", "blue"}}}).ok());
  auto tags = c.list_queue_tags({.queue_url = url});
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->tags, (std::map<std::string, std::string>{{"team", "blue"}}));

  ASSERT_TRUE(c.delete_queue({.queue_url = url}).ok());
  auto gone = c.get_queue_attributes({.queue_url = url});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, "AWS.SimpleQueueService.NonExistentQueue");
}

TEST_F(SqsTest, FifoQueuesExistWithTheirAttributesButTakeNoMessages) {
  auto c = client();
  for (const auto& [name, attributes] : std::vector<std::pair<std::string, std::map<std::string, std::string>>>{
           {"x.fifo", {}}, {"x", {{"FifoQueue", "true"}}}}) {
    auto refused = c.create_queue({.queue_name = name, .attributes = attributes});
    ASSERT_FALSE(refused.ok()) << name;
    expect_error(refused.error(), "InvalidParameterValue", "must end with .fifo suffix");
  }
  std::string url = make_queue("orders.fifo", {{"FifoQueue", "true"}, {"DelaySeconds", "2"}});
  auto attrs = c.get_queue_attributes({.queue_url = url, .attribute_names = {"All"}});
  ASSERT_TRUE(attrs.ok()) << attrs.error().to_string();
  EXPECT_EQ(attrs->attributes["FifoQueue"], "true");
  EXPECT_EQ(attrs->attributes["ContentBasedDeduplication"], "false");
  EXPECT_EQ(attrs->attributes["DeduplicationScope"], "queue");
  EXPECT_EQ(attrs->attributes["FifoThroughputLimit"], "perQueue");
  EXPECT_EQ(attrs->attributes["DelaySeconds"], "2");
  ASSERT_TRUE(c.set_queue_attributes({.queue_url = url, .attributes = {{"ContentBasedDeduplication", "true"}}}).ok());
  auto bad = c.set_queue_attributes({.queue_url = url, .attributes = {{"DeduplicationScope", "topic"}}});
  ASSERT_FALSE(bad.ok());
  expect_error(bad.error(), "InvalidAttributeValue", "DeduplicationScope");
  auto flip = c.set_queue_attributes({.queue_url = url, .attributes = {{"FifoQueue", "false"}}});
  ASSERT_FALSE(flip.ok());
  expect_error(flip.error(), "InvalidAttributeName", "Unknown Attribute FifoQueue.");
  auto sent = c.send_message({.queue_url = url, .message_body = "m", .message_group_id = "g"});
  ASSERT_FALSE(sent.ok());
  expect_error(sent.error(), "AWS.SimpleQueueService.UnsupportedOperation", "FIFO");
}

TEST_F(SqsTest, SendReceiveVisibilityDelete) {
  auto c = client();
  std::string url = make_queue("q", {{"VisibilityTimeout", "30"}});
  auto sent = c.send_message(
      {.queue_url = url,
       .message_body = "hello",
       .message_attributes = {{"stage", {.data_type = "String", .string_value = "prod"}},
                              {"blob", {.data_type = "Binary", .binary_value = std::string("\x00\x01", 2)}}}});
  ASSERT_TRUE(sent.ok()) << sent.error().to_string();
  EXPECT_EQ(sent->md5_of_message_body, "5d41402abc4b2a76b9719d911017c592");
  EXPECT_EQ(sent->md5_of_message_attributes,
            sqs::md5_of_attributes({{"stage", {.data_type = "String", .string_value = "prod"}},
                                    {"blob", {.data_type = "Binary", .binary_value = std::string("\x00\x01", 2)}}}));

  auto r = c.receive_message({.queue_url = url,
                              .attribute_names = {"All"},
                              .message_attribute_names = {"stage"},
                              .max_number_of_messages = 10});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->messages.size(), 1u);
  const auto& m = r->messages[0];
  EXPECT_EQ(m.message_id, sent->message_id);
  EXPECT_EQ(m.body, "hello");
  EXPECT_EQ(m.md5_of_body, "5d41402abc4b2a76b9719d911017c592");
  EXPECT_EQ(m.attributes.at("ApproximateReceiveCount"), "1");
  EXPECT_EQ(m.attributes.at("SenderId"), "000000000000");
  EXPECT_EQ(m.message_attributes.size(), 1u) << "only the attributes asked for";
  EXPECT_EQ(m.md5_of_message_attributes, sqs::md5_of_attributes(m.message_attributes));

  // In flight: invisible until the timeout passes.
  auto again = c.receive_message({.queue_url = url});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->messages.empty());
  clock.sleep_for(std::chrono::seconds(31));
  auto visible = c.receive_message({.queue_url = url, .attribute_names = {"ApproximateReceiveCount"}});
  ASSERT_TRUE(visible.ok());
  ASSERT_EQ(visible->messages.size(), 1u);
  EXPECT_EQ(visible->messages[0].attributes.at("ApproximateReceiveCount"), "2");
  EXPECT_NE(visible->messages[0].receipt_handle, m.receipt_handle);

  // The first receipt is stale for ChangeMessageVisibility; the new one works.
  auto stale =
      c.change_message_visibility({.queue_url = url, .receipt_handle = m.receipt_handle, .visibility_timeout = 0});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "ReceiptHandleIsInvalid");
  ASSERT_TRUE(c.change_message_visibility(
                   {.queue_url = url, .receipt_handle = visible->messages[0].receipt_handle, .visibility_timeout = 0})
                  .ok());
  auto third = c.receive_message({.queue_url = url});
  ASSERT_TRUE(third.ok());
  ASSERT_EQ(third->messages.size(), 1u);

  ASSERT_TRUE(c.delete_message({.queue_url = url, .receipt_handle = third->messages[0].receipt_handle}).ok());
  ASSERT_TRUE(c.delete_message({.queue_url = url, .receipt_handle = third->messages[0].receipt_handle}).ok())
      << "deleting twice is fine";
  auto bad = c.delete_message({.queue_url = url, .receipt_handle = "garbage"});
  ASSERT_FALSE(bad.ok());
  expect_error(bad.error(), "ReceiptHandleIsInvalid", "is not a valid receipt handle");
  clock.sleep_for(std::chrono::seconds(60));
  auto empty = c.receive_message({.queue_url = url});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->messages.empty());

  auto control = c.send_message({.queue_url = url, .message_body = std::string("a\0b", 3)});
  ASSERT_FALSE(control.ok());
  expect_error(control.error(), "InvalidMessageContents", "Invalid binary character '#x0'");
  auto too_many = c.receive_message({.queue_url = url, .max_number_of_messages = 11});
  ASSERT_FALSE(too_many.ok());
  expect_error(too_many.error(), "InvalidParameterValue", "MaxNumberOfMessages is invalid");
}

TEST_F(SqsTest, DelaysBatchesAndPurge) {
  auto c = client();
  std::string url = make_queue("q");
  auto batch = c.send_message_batch({.queue_url = url,
                                     .entries = {{.id = "a", .message_body = "one"},
                                                 {.id = "b", .message_body = "two", .delay_seconds = 10},
                                                 {.id = "c", .message_body = ""}}});
  ASSERT_TRUE(batch.ok()) << batch.error().to_string();
  ASSERT_EQ(batch->successful.size(), 2u);
  EXPECT_EQ(batch->successful[1].id, "b");
  ASSERT_EQ(batch->failed.size(), 1u);
  EXPECT_EQ(batch->failed[0].id, "c");
  EXPECT_TRUE(batch->failed[0].sender_fault);

  auto dup = c.send_message_batch(
      {.queue_url = url, .entries = {{.id = "x", .message_body = "1"}, {.id = "x", .message_body = "2"}}});
  ASSERT_FALSE(dup.ok());
  expect_error(dup.error(), "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id x repeated.");
  auto none = c.send_message_batch({.queue_url = url});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "AWS.SimpleQueueService.EmptyBatchRequest");

  auto counts = c.get_queue_attributes({.queue_url = url, .attribute_names = {"All"}});
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->attributes["ApproximateNumberOfMessages"], "1");
  EXPECT_EQ(counts->attributes["ApproximateNumberOfMessagesDelayed"], "1");
  auto first = c.receive_message({.queue_url = url, .max_number_of_messages = 10});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->messages.size(), 1u);
  EXPECT_EQ(first->messages[0].body, "one");
  clock.sleep_for(std::chrono::seconds(10));
  auto delayed = c.receive_message({.queue_url = url, .max_number_of_messages = 10});
  ASSERT_TRUE(delayed.ok());
  ASSERT_EQ(delayed->messages.size(), 1u);
  EXPECT_EQ(delayed->messages[0].body, "two");

  auto deleted = c.delete_message_batch({.queue_url = url,
                                         .entries = {{.id = "m", .receipt_handle = delayed->messages[0].receipt_handle},
                                                     {.id = "n", .receipt_handle = "bad"}}});
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->successful, (std::vector<std::string>{"m"}));
  ASSERT_EQ(deleted->failed.size(), 1u);
  EXPECT_EQ(deleted->failed[0].code, "ReceiptHandleIsInvalid");

  ASSERT_TRUE(c.purge_queue({.queue_url = url}).ok());
  auto twice = c.purge_queue({.queue_url = url});
  ASSERT_FALSE(twice.ok());
  expect_error(twice.error(), "AWS.SimpleQueueService.PurgeQueueInProgress", "allowed every 60 seconds", 403);
}

TEST_F(SqsTest, LongPollingWakesOnASend) {
  std::string url = make_queue("q");
  std::thread sender([&] {
    // The receiver may or may not be waiting yet; either way it gets the message.
    auto c = client();
    auto r = c.send_message({.queue_url = url, .message_body = "late"});
    EXPECT_TRUE(r.ok());
  });
  auto got = client().receive_message({.queue_url = url, .wait_time_seconds = 20});
  sender.join();
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  if (got->messages.empty()) got = client().receive_message({.queue_url = url, .wait_time_seconds = 20});
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->messages.size(), 1u);
  EXPECT_EQ(got->messages[0].body, "late");
}

TEST_F(SqsTest, MessagesSurviveARestart) {
  std::string url = make_queue("q");
  ASSERT_TRUE(client().send_message({.queue_url = url, .message_body = "kept"}).ok());
  open_cloud();
  auto got = client().receive_message({.queue_url = url});
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  ASSERT_EQ(got->messages.size(), 1u);
  EXPECT_EQ(got->messages[0].body, "kept");
}

}  // namespace
}  // namespace hoplite::local
