#pragma once
/// \file SNS's tables and the statements over them: topics per account and region (attributes as
/// a JSON object), their subscriptions, tags, and the messages published (the newest
/// `kKeptMessages` per topic, for /_hoplite/). Deleting a topic deletes the rest. Runs inside the
/// caller's transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/core/result.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::sns {

/// Published messages kept per topic (older ones are dropped).
inline constexpr std::int64_t kKeptMessages = 100;

[[nodiscard]] const std::vector<store::Migration>& migrations();

/// `arn:<partition>:sns:<region>:<account>:<name>`.
[[nodiscard]] std::string topic_arn(std::string_view region, std::string_view account, std::string_view name);

using Attributes = std::map<std::string, std::string>;

struct StoredTopic {
  std::int64_t id = 0;
  std::string account;
  std::string region;
  std::string name;
  Attributes attributes;  ///< the settable ones (DisplayName, Policy, …)
};

struct StoredSubscription {
  std::string arn;
  std::int64_t topic_id = 0;
  std::string topic_arn;
  std::string protocol;
  std::string endpoint;
  std::string owner;
  bool confirmed = false;
  Attributes attributes;
};

struct StoredMessage {
  std::string message_id;
  std::optional<std::string> subject;
  std::string message;
  std::string message_attributes;  ///< JSON
  std::int64_t published_ms = 0;
};

class TopicTable {
 public:
  explicit TopicTable(store::Tx& tx) : tx_(tx) {}

  core::Result<std::optional<StoredTopic>> topic(const std::string& account, const std::string& region,
                                                 const std::string& name);
  core::Result<std::int64_t> create(const std::string& account, const std::string& region, const std::string& name,
                                    std::int64_t now_ms, const Attributes& attributes);
  core::Result<void> set_attributes(std::int64_t id, const Attributes& attributes);
  core::Result<void> remove(std::int64_t id);
  /// Topic names of an account and region after `after`, at most `limit`.
  core::Result<std::vector<std::string>> names(const std::string& account, const std::string& region,
                                               const std::string& after, std::size_t limit);

  core::Result<std::optional<StoredSubscription>> subscription(const std::string& arn);
  core::Result<void> add_subscription(const StoredSubscription& s);
  core::Result<void> set_subscription_attributes(const std::string& arn, const Attributes& attributes);
  core::Result<bool> remove_subscription(const std::string& arn);
  /// Subscriptions of a topic (or, with `topic_id` 0, of an account and region) whose ARN is
  /// after `after`, in ARN order, at most `limit`.
  core::Result<std::vector<StoredSubscription>> subscriptions(std::int64_t topic_id, const std::string& account,
                                                              const std::string& region, const std::string& after,
                                                              std::size_t limit);

  core::Result<void> add_message(std::int64_t topic_id, const StoredMessage& m);

  core::Result<std::vector<std::pair<std::string, std::string>>> tags(std::int64_t topic_id);
  core::Result<void> put_tag(std::int64_t topic_id, const std::string& key, const std::string& value);
  core::Result<void> remove_tag(std::int64_t topic_id, const std::string& key);

 private:
  store::Tx& tx_;
};

/// For /_hoplite/: account → region → topic → its subscriptions (ARN, protocol, endpoint) and
/// its newest messages (at most 20, newest first).
core::Result<nlohmann::json> inspect_topics(store::Database& db);

}  // namespace hoplite::local::sns
