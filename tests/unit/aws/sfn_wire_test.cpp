// Step Functions shapes both ways: what the client encodes, the local cloud decodes to the same
// value, and back.
#include "hoplite/aws/sfn_wire.hpp"

#include <gtest/gtest.h>

namespace hoplite::aws::sfn::wire {
namespace {

using nlohmann::json;

core::TimePoint at(std::int64_t ms) { return core::TimePoint{} + std::chrono::milliseconds(ms); }

TEST(SfnWire, CreateStateMachineRoundTrips) {
  CreateStateMachineRequest r{.name = "m",
                              .definition = R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})",
                              .role_arn = "arn:aws:iam::000000000000:role/r",
                              .type = "EXPRESS",
                              .tags = {{"k", "v"}}};
  json j = encode_request(r);
  EXPECT_EQ(j, json::parse(R"({"name":"m","definition":"{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}",
    "roleArn":"arn:aws:iam::000000000000:role/r","type":"EXPRESS","tags":[{"key":"k","value":"v"}]})"));
  auto back = decode_create_state_machine_request(j);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(back->definition, r.definition);
  EXPECT_EQ(back->type, "EXPRESS");
  ASSERT_EQ(back->tags.size(), 1u);
  EXPECT_EQ(back->tags[0].value, "v");
  auto resp = decode_create_state_machine_response(
      encode_response(CreateStateMachineResponse{.state_machine_arn = "arn:sm", .creation_date = at(1500)}));
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->creation_date, at(1500));
}

TEST(SfnWire, RequestsOfTheWrongTypeAreSerializationExceptions) {
  auto r = decode_start_execution_request(json::parse(R"({"stateMachineArn":1})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "SerializationException");
  auto h = decode_get_execution_history_request(json::parse(R"({"executionArn":"a","reverseOrder":"yes"})"));
  ASSERT_FALSE(h.ok());
}

TEST(SfnWire, HistoryEventsKeepTheirDetailsMember) {
  GetExecutionHistoryResponse page;
  page.events.push_back(HistoryEvent{.id = 2,
                                     .previous_event_id = 0,
                                     .type = "PassStateEntered",
                                     .timestamp = at(1764000000123),
                                     .details = R"({"name":"A","input":"{}","inputDetails":{"truncated":false}})",
                                     .details_member = "stateEnteredEventDetails"});
  page.events.push_back(HistoryEvent{.id = 3, .previous_event_id = 2, .type = "ParallelStateStarted"});
  page.next_token = "t";
  json j = encode_response(page);
  EXPECT_EQ(j["events"][0]["stateEnteredEventDetails"]["name"], "A");
  EXPECT_DOUBLE_EQ(j["events"][0]["timestamp"].get<double>(), 1764000000.123);
  EXPECT_FALSE(j["events"][1].contains("stateEnteredEventDetails"));
  auto back = decode_get_execution_history_response(j);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  ASSERT_EQ(back->events.size(), 2u);
  EXPECT_EQ(back->events[0].details_member, "stateEnteredEventDetails");
  EXPECT_EQ(json::parse(back->events[0].details), json::parse(page.events[0].details));
  EXPECT_EQ(back->events[0].timestamp, at(1764000000123));
  EXPECT_EQ(back->events[1].details, "");
  EXPECT_EQ(back->next_token, "t");
}

TEST(SfnWire, DescribeExecutionCarriesPayloadDetails) {
  Execution e{.execution_arn = "arn:e",
              .state_machine_arn = "arn:sm",
              .name = "n",
              .status = "SUCCEEDED",
              .start_date = at(1000),
              .stop_date = at(2000),
              .input = "{}",
              .output = R"({"a":1})"};
  json j = encode_response(e);
  EXPECT_EQ(j["inputDetails"], json::parse(R"({"included":true})"));
  EXPECT_EQ(j["outputDetails"], json::parse(R"({"included":true})"));
  EXPECT_FALSE(j.contains("error"));
  auto back = decode_describe_execution_response(j);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->output, e.output);
  EXPECT_EQ(back->stop_date, at(2000));
}

TEST(SfnWire, TaskTokenAndTestStateShapes) {
  auto s = decode_send_task_success_request(encode_request(SendTaskSuccessRequest{"tok", "{}"}));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->task_token, "tok");
  auto f = decode_send_task_failure_request(encode_request(SendTaskFailureRequest{"tok", "E", std::nullopt}));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->error, "E");
  EXPECT_FALSE(f->cause);
  auto t = decode_test_state_response(
      encode_response(TestStateResponse{.output = "{}", .next_state = "B", .status = "SUCCEEDED"}));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->next_state, "B");
  EXPECT_EQ(t->status, "SUCCEEDED");
}

}  // namespace
}  // namespace hoplite::aws::sfn::wire
