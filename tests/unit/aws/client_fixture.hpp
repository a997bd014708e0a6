#pragma once
/// \file What the client tests share: a FakeHttpClient, a fixed clock at the time the aws-wire
/// samples were recorded, their credentials, an instant retry policy, and the recorded samples.

#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fakes/fake_http_client.hpp"
#include "hoplite/aws/caller.hpp"
#include "hoplite/aws/credentials.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/retry.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/core/percent.hpp"
#include "support/golden.hpp"

namespace hoplite::aws::testing {

/// The credentials the aws-wire samples were signed with (the AWS documentation example pair).
inline Credentials wire_credentials() {
  return {.access_key_id = "AKIDEXAMPLE",
          .secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
          .session_token = "peers-example-session-token",
          .source = "test"};
}

/// 2026-11-26T05:08:11Z plus `seconds`: the recording started at 05:08:11.
inline core::TimePoint wire_time(int seconds = 0) {
  return core::TimePoint{} + std::chrono::seconds(1795669691 + seconds);
}

/// One recorded request/response pair from tests/testdata/aws-wire/requests/<name>.json.
struct WireSample {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  http::Response response;

  [[nodiscard]] std::string header(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (http::iequals(k, name)) return v;
    return {};
  }

  /// When it was signed (its X-Amz-Date), so a test can sign at the same instant.
  [[nodiscard]] core::TimePoint signed_at() const {
    std::tm tm{};
    std::string d = header("X-Amz-Date");  // 20261126T050811Z
    EXPECT_EQ(d.size(), 16u);
    tm.tm_year = std::stoi(d.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(d.substr(4, 2)) - 1;
    tm.tm_mday = std::stoi(d.substr(6, 2));
    tm.tm_hour = std::stoi(d.substr(9, 2));
    tm.tm_min = std::stoi(d.substr(11, 2));
    tm.tm_sec = std::stoi(d.substr(13, 2));
    return core::TimePoint{} + std::chrono::seconds(timegm(&tm));
  }
};

inline WireSample load_wire(const std::string& name) {
  auto text = core::read_file(hoplite::testing::testdata("aws-wire/requests/" + name + ".json"));
  EXPECT_TRUE(text.ok()) << name;
  auto j = nlohmann::json::parse(text.value_or("{}"));
  WireSample s;
  s.method = j["request"]["method"];
  s.path = j["request"]["path"];
  for (const auto& h : j["request"]["headers"]) s.headers.emplace_back(h[0], h[1]);
  s.body = j["request"]["body"].value("text", "");
  s.response.status = j["response"]["status"];
  for (const auto& h : j["response"]["headers"]) s.response.headers.add(h[0], h[1]);
  s.response.body = j["response"]["body"].value("text", "");
  return s;
}

/// The path and query of an absolute URL (`/bucket/key?x=1`).
inline std::string path_of(const std::string& url) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

/// The value of `key` in a form-encoded body, or "<absent>".
inline std::string form_value(const std::string& body, const std::string& key) {
  for (const auto& [k, v] : core::form_decode(body))
    if (k == key) return v;
  return "<absent>";
}

class ClientTest : public ::testing::Test {
 protected:
  hoplite::testing::FakeHttpClient http;
  core::FixedClock clock{wire_time()};
  StaticCredentialsProvider credentials{wire_credentials()};
  core::RetryStrategy retry{core::RetryOptions{.max_attempts = 3, .random = [] { return 0.5; }}};
  ClientConfig config{.region = "us-east-1",
                      .credentials = credentials,
                      .http = http,
                      .clock = clock,
                      .endpoint_url = "http://127.0.0.1:8765",
                      .retry = &retry};

  /// The only request sent so far (fails the test when there is not exactly one).
  const http::Request& only_request() {
    EXPECT_EQ(http.requests.size(), 1u);
    return http.requests.back();
  }
  void respond_json(const std::string& body) {
    http::Headers h;
    h.add("x-amzn-RequestId", "req-1");
    http.respond(200, body, h);
  }
  void respond_xml(const std::string& body) {
    http::Headers h;
    h.add("x-amzn-RequestId", "req-1");
    http.respond(200, body, h);
  }
  /// A JSON-protocol request body, parsed.
  static nlohmann::json json_of(const http::Request& r) { return nlohmann::json::parse(r.body); }
};

}  // namespace hoplite::aws::testing
