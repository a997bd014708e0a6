// SSM shapes both ways: each request decoder reads what the AWS CLI sent (tests/testdata/aws-wire)
// and each encoder writes the same document back; responses round-trip through the API reference's
// shapes (the recordings' canned answers).
#include "hoplite/aws/ssm_wire.hpp"

#include <gtest/gtest.h>

#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::ssm::wire {
namespace {

using nlohmann::json;
using testing::load_wire;

json request_json(const std::string& name) { return json::parse(load_wire(name).body); }
json response_json(const std::string& name) { return json::parse(load_wire(name).response.body); }

TEST(SsmWire, PutParameterBothWays) {
  auto sent = request_json("010-PutParameter");
  auto r = decode_put_parameter_request(sent);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->name, "/app/db/host");
  EXPECT_EQ(r->description, "the database");
  EXPECT_EQ(r->value, "db1.internal");
  EXPECT_EQ(r->type, "String");
  EXPECT_EQ(r->overwrite, true);
  EXPECT_EQ(r->tier, "Standard");
  EXPECT_FALSE(r->key_id);
  EXPECT_EQ(encode_request(*r), sent) << "the client sends what the AWS CLI sent";

  auto answer = response_json("010-PutParameter");
  auto out = decode_put_parameter_response(answer);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->version, 3);
  EXPECT_EQ(encode_response(*out), answer);
}

TEST(SsmWire, GetParameterBothWays) {
  auto sent = request_json("011-GetParameter");
  auto r = decode_get_parameter_request(sent);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->name, "/app/db/host:2");
  EXPECT_EQ(r->with_decryption, true);
  EXPECT_EQ(encode_request(*r), sent);

  auto answer = response_json("011-GetParameter");
  auto out = decode_get_parameter_response(answer);
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_EQ(out->parameter.selector, ":2");
  ASSERT_TRUE(out->parameter.last_modified_date);
  EXPECT_EQ(out->parameter.last_modified_date->time_since_epoch(), std::chrono::milliseconds(1764043200123));
  EXPECT_EQ(encode_response(*out), answer);
}

TEST(SsmWire, GetParametersByPathBothWays) {
  auto sent = request_json("012-GetParametersByPath");
  auto r = decode_get_parameters_by_path_request(sent);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "/app");
  EXPECT_EQ(r->recursive, true);
  ASSERT_EQ(r->parameter_filters.size(), 1u);
  EXPECT_EQ(r->parameter_filters[0].values, (std::vector<std::string>{"StringList", "String"}));
  EXPECT_EQ(encode_request(*r), sent);
  auto answer = response_json("012-GetParametersByPath");
  auto out = decode_get_parameters_by_path_response(answer);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->parameters.size(), 1u);
  EXPECT_EQ(out->parameters[0].value, "x,y");
  EXPECT_EQ(encode_response(*out), answer);
}

TEST(SsmWire, DescribeParametersBothWays) {
  auto sent = request_json("013-DescribeParameters");
  auto r = decode_describe_parameters_request(sent);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->parameter_filters.size(), 2u);
  EXPECT_EQ(r->parameter_filters[1].key, "tag:team");
  EXPECT_FALSE(r->parameter_filters[1].option);
  EXPECT_EQ(encode_request(*r), sent);
  auto answer = response_json("013-DescribeParameters");
  auto out = decode_describe_parameters_response(answer);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->parameters.size(), 1u);
  EXPECT_EQ(out->parameters[0].key_id, "alias/aws/ssm");
  EXPECT_EQ(out->parameters[0].last_modified_user, "arn:aws:iam::123456789012:user/peer");
  EXPECT_EQ(encode_response(*out), answer);
}

TEST(SsmWire, OtherShapesRoundTrip) {
  GetParameterHistoryResponse history{{{.name = "/h",
                                        .type = "SecureString",
                                        .key_id = "alias/k",
                                        .last_modified_date = core::TimePoint{} + std::chrono::milliseconds(5),
                                        .last_modified_user = "arn:aws:iam::1:root",
                                        .description = "d",
                                        .value = "v",
                                        .version = 7,
                                        .tier = "Advanced",
                                        .data_type = "text"}},
                                      "token"};
  auto h = decode_get_parameter_history_response(encode_response(history));
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(encode_response(*h), encode_response(history));
  AddTagsToResourceRequest tags{"Parameter", "/h", {{"a", "1"}, {"b", ""}}};
  auto t = decode_add_tags_to_resource_request(encode_request(tags));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(encode_request(*t), encode_request(tags));
  DeleteParametersResponse deleted{{"/a"}, {"/b"}};
  auto d = decode_delete_parameters_response(encode_response(deleted));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->invalid_parameters, std::vector<std::string>{"/b"});
}

TEST(SsmWire, DecodersCheckTypes) {
  for (const char* bad : {R"({"Name": 1})", R"({"Name": "/x", "Overwrite": "true"})", R"({"Name": "/x", "Tags": {}})",
                          R"({"Name": "/x", "Tags": [{"Key": 1}]})", R"([])"}) {
    auto r = decode_put_parameter_request(json::parse(bad));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "SerializationException") << bad;
    EXPECT_EQ(r.error().http_status, 400);
  }
  auto nulls = decode_put_parameter_request(json::parse(R"({"Name": "/x", "Description": null, "Tags": null})"));
  ASSERT_TRUE(nulls.ok()) << "null is absent, as AWS reads it";
  EXPECT_FALSE(nulls->description);
  auto client_side = decode_get_parameter_response(json::parse(R"({"Parameter": {"Version": "two"}})"));
  ASSERT_FALSE(client_side.ok());
  EXPECT_EQ(client_side.error().code, "aws.json");
}

}  // namespace
}  // namespace hoplite::aws::ssm::wire
