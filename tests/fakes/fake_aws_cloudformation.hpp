#pragma once
/// \file A CloudFormation endpoint on 127.0.0.1 for tests that run whole commands (STYLE.md G13):
/// an `http::Server` speaking the AWS query protocol, split the moto way into state (the
/// stacks), protocol (form decoding, XML rendering, ErrorResponse) and routing (Action dispatch).
/// It answers DescribeStacks and DescribeStackResources; anything else is `InvalidAction`. It does
/// not verify signatures, but records every request so tests can check they were signed.
/// Its own tests: tests/unit/aws/fake_aws_cloudformation_test.cpp.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace hoplite::testing {

class FakeAwsCloudFormation {
 public:
  // ---- state ----
  struct Resource {
    std::string logical_id;
    std::string physical_id;
    std::string type;
    std::string status = "CREATE_COMPLETE";
  };
  struct Stack {
    std::string name;
    std::string status = "CREATE_COMPLETE";
    std::string status_reason;
    std::vector<std::pair<std::string, std::string>> outputs;
    std::vector<Resource> resources;
  };
  /// One request as received: the form parameters and the headers (lower-case names).
  struct Received {
    std::vector<std::pair<std::string, std::string>> params;
    std::map<std::string, std::string> headers;
    [[nodiscard]] std::string param(const std::string& key) const;
  };

  /// Starts listening on 127.0.0.1 on a free port.
  FakeAwsCloudFormation();
  ~FakeAwsCloudFormation();
  FakeAwsCloudFormation(const FakeAwsCloudFormation&) = delete;
  FakeAwsCloudFormation& operator=(const FakeAwsCloudFormation&) = delete;

  [[nodiscard]] int port() const;
  /// `http://127.0.0.1:<port>`, for --endpoint-url.
  [[nodiscard]] std::string url() const;
  void put_stack(Stack stack);
  [[nodiscard]] std::vector<Received> received() const;

  // ---- protocol (public so the fake's tests can check them) ----
  static std::vector<std::pair<std::string, std::string>> parse_form(const std::string& body);
  static std::string error_xml(const std::string& code, const std::string& message);

 private:
  struct Server;
  std::pair<int, std::string> route(const Received& request);
  std::string describe_stacks(const Stack& s) const;
  std::string describe_stack_resources(const Stack& s) const;

  mutable std::mutex mutex_;
  std::map<std::string, Stack> stacks_;
  std::vector<Received> received_;
  std::unique_ptr<Server> server_;
};

}  // namespace hoplite::testing
