#pragma once
// The local cloud as the recorded tests' boto3 saw AWS: an in-process LocalCloud, each call sent
// over its service's real wire protocol and signed as the recordings' caller (an IAM user of their
// account), each answer turned into the JSON boto3 returns (CloudFormation's here, the other
// services' in boto_wire.hpp).

#include <filesystem>
#include <memory>
#include <string>

#include "hoplite/http/in_process_client.hpp"
#include "hoplite/local/cloud.hpp"
#include "recorded_case.hpp"

namespace hoplite::recorded {

/// The recordings' account.
inline constexpr const char* kAccount = "111111111111";

/// boto3's method name as the operation's: "describe_stacks" -> "DescribeStacks".
[[nodiscard]] std::string operation_name(std::string call);

/// One call's outcome as boto3 shows it.
struct Answer {
  bool ok = false;
  Json body;     ///< boto3's response (with ResponseMetadata) or its error response
  Json message;  ///< the exception's text, "An error occurred (X) when calling the Op operation: M"
};

class Session {
 public:
  /// A fresh local cloud with its state in `dir`.
  explicit Session(const std::filesystem::path& dir);

  /// `service`'s `op` (PascalCase) with boto3's `kwargs`.
  Answer call(const std::string& service, const std::string& op, const Json& kwargs);

  /// Whether the runner speaks the protocol of `service`'s `op` (boto_wire.cpp).
  static bool speaks(const std::string& service, const std::string& op);

 private:
  /// Another service's call, through its own wire protocol (boto_wire.hpp).
  Answer other_call(const std::string& service, const std::string& op, const Json& kwargs);
  void sign(http::Request& req, const std::string& service);

  std::unique_ptr<local::LocalCloud> cloud_;
  std::unique_ptr<http::InProcessClient> http_;
};

}  // namespace hoplite::recorded
