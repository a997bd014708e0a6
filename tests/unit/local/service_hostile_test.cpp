// Fuzz-style checks of the data-plane services' request parsers, deterministic so they run in
// every build: each operation's sample request is mangled (bytes, structure, value types) and sent
// signed, so the service's own decoders and checks — not the signature check — must cope. Every
// answer must be a 2xx or a 4xx that an AWS client can read, never a 5xx or a crash. The libFuzzer
// target tests/fuzz/local_signed_request_fuzz.cpp explores further from the same samples.
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/protocol_json.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;

/// One operation's well-formed request, as the AWS CLI sends it.
struct Sample {
  std::string service;  ///< signing name
  std::string target;   ///< JSON protocols: the X-Amz-Target; query protocols: empty
  std::string body;
};

const std::vector<Sample>& samples() {
  static const std::vector<Sample> kSamples = {
      {"ssm", "AmazonSSM.PutParameter",
       R"({"Name":"/app/x","Value":"v","Type":"String","Overwrite":true,"Tags":[],"Tier":"Standard"})"},
      {"ssm", "AmazonSSM.PutParameter",
       R"({"Name":"/app/y","Value":"v","Type":"SecureString","KeyId":"alias/k","Tags":[{"Key":"a","Value":"b"}]})"},
      {"ssm", "AmazonSSM.GetParameter", R"({"Name":"/app/x:1","WithDecryption":true})"},
      {"ssm", "AmazonSSM.GetParameters", R"({"Names":["/app/x","/app/y"],"WithDecryption":false})"},
      {"ssm", "AmazonSSM.DeleteParameters", R"({"Names":["/app/z"]})"},
      {"ssm", "AmazonSSM.DescribeParameters",
       R"({"ParameterFilters":[{"Key":"Path","Option":"Recursive","Values":["/app"]},{"Key":"tag:a","Values":["b"]}],"MaxResults":5})"},
      {"ssm", "AmazonSSM.DescribeParameters", R"({"Filters":[{"Key":"Name","Values":["/a"]}]})"},
      {"ssm", "AmazonSSM.GetParametersByPath",
       R"({"Path":"/app","Recursive":true,"ParameterFilters":[{"Key":"Type","Values":["String"]}],"MaxResults":2,"NextToken":"c3NtLkdldFBhcmFtZXRlcnNCeVBhdGgKL2FwcC94"})"},
      {"ssm", "AmazonSSM.GetParameterHistory", R"({"Name":"/app/x","MaxResults":1})"},
      {"ssm", "AmazonSSM.AddTagsToResource",
       R"({"ResourceType":"Parameter","ResourceId":"/app/x","Tags":[{"Key":"k","Value":"v"}]})"},
      {"ssm", "AmazonSSM.ListTagsForResource", R"({"ResourceType":"Parameter","ResourceId":"/app/x"})"},
  };
  return kSamples;
}

class ServiceHostileTest : public LocalCloudTest {
 protected:
  http::Request signed_request(const Sample& s, const std::string& body) {
    if (s.target.empty()) return query_request(s.service, body);
    http::Request req{"POST", "http://127.0.0.1:4566/", {}, body, {}};
    req.headers.set("Content-Type", "application/x-amz-json-1.1");
    req.headers.set("X-Amz-Target", s.target);
    EXPECT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                  {.service = s.service, .region = "us-east-1", .time = clock.now()})
                    .ok());
    return req;
  }

  /// Sends and checks the answer is a 2xx or an AWS-readable 4xx.
  void expect_aws_answer(const Sample& s, const std::string& body) {
    auto r = send(signed_request(s, body));
    const std::string what = s.target + " " + body.substr(0, 300);
    ASSERT_GE(r.status, 200) << what;
    ASSERT_LT(r.status, 500) << what << "\n" << r.body;
    if (r.status < 400) return;
    bool json = r.headers.get("Content-Type").value_or("").find("json") != std::string::npos;
    aws::ServiceError e = json ? aws::parse_json_error(r) : aws::parse_query_error(r);
    EXPECT_FALSE(e.code.empty()) << what;
    EXPECT_NE(e.code, aws::code_for_status(r.status)) << what << ": the body carries no AWS error\n" << r.body;
  }

  std::string mangle_bytes(std::string body) {
    int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = rng() % (body.size() + 1);
      switch (rng() % 5) {
        case 0:
          body.insert(at, 1, static_cast<char>(rng() % 256));
          break;
        case 1:
          if (at < body.size()) body.erase(at, 1 + rng() % 4);
          break;
        case 2:
          body.insert(at, "%");
          break;
        case 3:
          body.insert(at, "&");
          break;
        default:
          if (at < body.size()) body[at] = "{}[]\",:0-"[rng() % 9];
      }
    }
    return body;
  }

  /// Replaces one value of a JSON body with a value of another type (or a huge or odd one).
  std::string swap_json_value(const std::string& body) {
    auto doc = nlohmann::json::parse(body);
    std::vector<nlohmann::json*> slots;
    std::vector<nlohmann::json*> todo{&doc};
    while (!todo.empty()) {
      nlohmann::json* j = todo.back();
      todo.pop_back();
      slots.push_back(j);
      if (j->is_structured())
        for (auto& child : *j) todo.push_back(&child);
    }
    static const std::vector<nlohmann::json> kOdd = {nullptr,
                                                     0,
                                                     -1,
                                                     1e300,
                                                     3.5,
                                                     true,
                                                     "",
                                                     std::string(5000, 'x'),
                                                     "\u00e9\u0000",
                                                     nlohmann::json::array(),
                                                     nlohmann::json::object(),
                                                     nlohmann::json::array({1, "a", nullptr}),
                                                     9223372036854775807LL};
    *slots[1 + rng() % (slots.size() - 1)] = kOdd[rng() % kOdd.size()];
    return doc.dump();
  }

  std::mt19937 rng{20261201};
};

TEST_F(ServiceHostileTest, SamplesAreAnsweredWell) {
  for (const auto& s : samples()) expect_aws_answer(s, s.body);
}

TEST_F(ServiceHostileTest, MangledBytes) {
  for (const auto& s : samples())
    for (int i = 0; i < 60; ++i) expect_aws_answer(s, mangle_bytes(s.body));
}

TEST_F(ServiceHostileTest, ValuesOfTheWrongType) {
  for (const auto& s : samples()) {
    if (s.target.empty()) continue;
    for (int i = 0; i < 60; ++i) expect_aws_answer(s, swap_json_value(s.body));
  }
}

}  // namespace
}  // namespace hoplite::local
