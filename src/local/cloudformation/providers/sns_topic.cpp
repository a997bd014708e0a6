// AWS::SNS::Topic through the local SNS's typed operations. Ref is the topic's ARN; Fn::GetAtt
// offers TopicArn and TopicName. A name left out is `<stack>-<logical id>-<12 characters>` (with
// `.fifo` for a FIFO topic). `Subscription: [{Endpoint, Protocol}]` subscribes each; deleting the
// topic deletes them.
#include <algorithm>
#include <set>
#include <utility>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/regions.hpp"
#include "local/sns/sns_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

constexpr std::size_t kMaxTopicName = 256;
constexpr std::string_view kFifo = ".fifo";

/// Properties that are the topic attribute of the same name (SetTopicAttributes changes them).
constexpr const char* kTopicAttributes[] = {
    "ContentBasedDeduplication", "DataProtectionPolicy", "DisplayName", "KmsMasterKeyId",
    "SignatureVersion",          "TracingConfig"};

nlohmann::json topic_property(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  return it == props.end() ? nlohmann::json() : *it;
}

/// A property as SNS text; JSON documents (DataProtectionPolicy) as their JSON text.
bool topic_flag(const nlohmann::json& props, const char* key) {
  auto v = text(props, key);
  return v == "true" || v == "True";
}

std::vector<aws::sns::Tag> topic_tags(const nlohmann::json& props) {
  std::vector<aws::sns::Tag> out;
  auto it = props.find("Tags");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& t : *it)
    if (t.is_object()) out.push_back({.key = text(t, "Key").value_or(""), .value = text(t, "Value").value_or("")});
  return out;
}

/// (protocol, endpoint) of each `Subscription` entry.
using Endpoint = std::pair<std::string, std::string>;
std::set<Endpoint> subscriptions_of(const nlohmann::json& props) {
  std::set<Endpoint> out;
  auto it = props.find("Subscription");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& s : *it)
    if (s.is_object()) out.insert({text(s, "Protocol").value_or(""), text(s, "Endpoint").value_or("")});
  return out;
}

class SnsTopicProvider final : public Provider {
 public:
  explicit SnsTopicProvider(sns::SnsService& sns) : sns_(sns) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::SNS::Topic"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    // Room is left for `.fifo`, which only the properties can tell.
    return name_with_random_tail(stack_name, logical_id, random, kMaxTopicName - kFifo.size());
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    const auto& ctx = call.context;
    return "arn:" + partition_of(ctx.region) + ":sns:" + ctx.region + ":" + ctx.principal.account_id + ":" +
           topic_name(call, props);
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    std::string name = topic_name(call, props);
    aws::sns::CreateTopicRequest r{.name = name, .attributes = {}, .tags = topic_tags(props)};
    for (const char* key : kTopicAttributes)
      if (auto v = text(props, key)) r.attributes[key] = *v;
    // Only a FIFO topic has these; a standard topic's `false` is no attribute at all.
    if (topic_flag(props, "FifoTopic")) r.attributes["FifoTopic"] = "true";
    if (!topic_flag(props, "ContentBasedDeduplication")) r.attributes.erase("ContentBasedDeduplication");
    auto created = sns_.create_topic(call.context, r);
    if (!created) return created.failure();
    // Should a subscription fail, the topic is recorded and the rollback deletes it with the
    // subscriptions made so far.
    for (const auto& [protocol, endpoint] : subscriptions_of(props)) {
      auto subscribed = subscribe(call, created->topic_arn, protocol, endpoint);
      if (!subscribed) return subscribed.failure();
    }
    return provided(created->topic_arn, name);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    const std::string& arn = current.physical_id;
    for (const char* key : kTopicAttributes) {
      if (topic_property(before, key) == topic_property(after, key)) continue;
      // A standard topic has no ContentBasedDeduplication, `false` or not.
      if (std::string_view(key) == "ContentBasedDeduplication" && !topic_flag(before, key) && !topic_flag(after, key))
        continue;
      // No value removes the attribute (DisplayName back to "").
      auto set = sns_.set_topic_attributes(
          call.context, {.topic_arn = arn, .attribute_name = key, .attribute_value = text(after, key)});
      if (!set) return set.failure();
    }
    if (auto ok = update_subscriptions(call, arn, subscriptions_of(before), subscriptions_of(after)); !ok)
      return ok.failure();
    auto old_tags = topic_tags(before);
    auto new_tags = topic_tags(after);
    if (old_tags != new_tags) {
      std::vector<std::string> gone;
      for (const auto& t : old_tags)
        if (std::none_of(new_tags.begin(), new_tags.end(), [&](const auto& n) { return n.key == t.key; }))
          gone.push_back(t.key);
      if (!gone.empty()) {
        auto untagged = sns_.untag_resource(call.context, {.resource_arn = arn, .tag_keys = gone});
        if (!untagged) return untagged.failure();
      }
      if (!new_tags.empty()) {
        auto tagged = sns_.tag_resource(call.context, {.resource_arn = arn, .tags = new_tags});
        if (!tagged) return tagged.failure();
      }
    }
    return provided(arn, arn.substr(arn.rfind(':') + 1));
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    // DeleteTopic succeeds for a topic that is gone (SNS documents it so).
    auto r = sns_.delete_topic(call.context, {.topic_arn = current.physical_id});
    if (!r && r.error().code == "NotFound") return core::ok();
    return r;
  }

 private:
  static std::string topic_name(const ProviderCall& call, const nlohmann::json& props) {
    if (auto name = text(props, "TopicName")) return *name;
    return topic_flag(props, "FifoTopic") ? call.generated_name + std::string(kFifo) : call.generated_name;
  }

  core::Result<void> subscribe(const ProviderCall& call, const std::string& topic_arn, const std::string& protocol,
                               const std::string& endpoint) {
    auto r = sns_.subscribe(call.context, {.topic_arn = topic_arn,
                                           .protocol = protocol,
                                           .endpoint = endpoint,
                                           .attributes = {},
                                           .return_subscription_arn = std::nullopt});
    if (!r) return r.failure();
    return core::ok();
  }

  /// Subscribes the endpoints added and unsubscribes the ones removed (found by protocol and
  /// endpoint among the topic's subscriptions; one still pending confirmation has no ARN to
  /// unsubscribe and stays, as it would in AWS).
  core::Result<void> update_subscriptions(const ProviderCall& call, const std::string& topic_arn,
                                          const std::set<Endpoint>& before, const std::set<Endpoint>& after) {
    for (const auto& [protocol, endpoint] : after)
      if (!before.contains({protocol, endpoint}))
        if (auto ok = subscribe(call, topic_arn, protocol, endpoint); !ok) return ok;
    std::set<Endpoint> gone;
    for (const auto& e : before)
      if (!after.contains(e)) gone.insert(e);
    if (gone.empty()) return core::ok();
    std::vector<std::string> arns;
    aws::sns::ListSubscriptionsRequest list{.topic_arn = topic_arn, .next_token = std::nullopt};
    do {
      auto page = sns_.list_subscriptions(call.context, list);
      if (!page) return page.failure();
      for (const auto& s : page->subscriptions)
        if (gone.contains({s.protocol, s.endpoint}) && s.subscription_arn.starts_with("arn:"))
          arns.push_back(s.subscription_arn);
      list.next_token = page->next_token;
    } while (list.next_token);
    for (const auto& arn : arns) {
      auto r = sns_.unsubscribe(call.context, {.subscription_arn = arn});
      if (!r && r.error().code != "NotFound") return r;
    }
    return core::ok();
  }

  static ProvidedResource provided(const std::string& arn, const std::string& name) {
    return {.physical_id = arn, .attributes = {{"TopicArn", arn}, {"TopicName", name}}};
  }

  sns::SnsService& sns_;
};

}  // namespace

std::unique_ptr<Provider> make_sns_topic_provider(sns::SnsService& sns) {
  return std::make_unique<SnsTopicProvider>(sns);
}

}  // namespace hoplite::local::cloudformation
