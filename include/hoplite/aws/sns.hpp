#pragma once
/// \file Amazon SNS: publishing a notification.
/// API: https://docs.aws.amazon.com/sns/latest/api/

#include <map>
#include <optional>
#include <string>

#include "hoplite/aws/caller.hpp"

namespace hoplite::aws::sns {

/// Query protocol, version 2010-03-31, signing name `sns`.
[[nodiscard]] ServiceInfo service_info();

struct PublishRequest {
  std::string topic_arn;
  std::string message;
  std::optional<std::string> subject;
  std::map<std::string, std::string> message_attributes;  ///< sent as DataType String
  std::optional<std::string> message_group_id;            ///< FIFO topics only
  std::optional<std::string> message_deduplication_id;    ///< FIFO topics only
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  /// Returns the message id.
  core::Result<std::string> publish(const PublishRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::sns
