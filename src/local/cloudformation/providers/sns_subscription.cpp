// AWS::SNS::Subscription through the local SNS's typed operations. Ref is the subscription's ARN
// (asked for with ReturnSubscriptionArn, as CloudFormation does, so that one pending confirmation
// has an ARN too); the type has no Fn::GetAtt attributes. TopicArn, Protocol and Endpoint are
// Immutable; the other properties are subscription attributes SetSubscriptionAttributes changes.
// `Region` (a topic in another region) is not emulated: the topic is looked up in the stack's.
#include <string_view>

#include "local/cloudformation/providers/providers.hpp"
#include "local/sns/sns_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

/// Properties that are the subscription attribute of the same name.
constexpr const char* kAttributes[] = {"DeliveryPolicy",     "FilterPolicy",  "FilterPolicyScope",
                                       "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn"};

nlohmann::json value_of(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  return it == props.end() ? nlohmann::json() : *it;
}

/// A property as SNS text: policies (FilterPolicy, …) as their JSON text, RawMessageDelivery as
/// `true`/`false` however the template wrote it.
std::optional<std::string> text(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return std::nullopt;
  std::string v = it->is_string() ? it->get<std::string>() : it->dump();
  if (std::string_view(key) == "RawMessageDelivery") return v == "true" || v == "True" ? "true" : "false";
  return v;
}

class SnsSubscriptionProvider final : public Provider {
 public:
  explicit SnsSubscriptionProvider(sns::SnsService& sns) : sns_(sns) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::SNS::Subscription"; }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    aws::sns::SubscribeRequest r{.topic_arn = text(props, "TopicArn").value_or(""),
                                 .protocol = text(props, "Protocol").value_or(""),
                                 .endpoint = text(props, "Endpoint"),
                                 .attributes = {},
                                 .return_subscription_arn = true};
    for (const char* key : kAttributes)
      if (auto v = text(props, key)) r.attributes[key] = *v;
    auto subscribed = sns_.subscribe(call.context, r);
    if (!subscribed) return subscribed.failure();
    return ProvidedResource{.physical_id = subscribed->subscription_arn};
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    for (const char* key : kAttributes) {
      if (value_of(before, key) == value_of(after, key)) continue;
      // No value removes the attribute; RawMessageDelivery has no "none", only its default.
      auto value = text(after, key);
      if (!value && std::string_view(key) == "RawMessageDelivery") value = "false";
      auto set = sns_.set_subscription_attributes(
          call.context, {.subscription_arn = current.physical_id, .attribute_name = key, .attribute_value = value});
      if (!set) return set.failure();
    }
    return ProvidedResource{.physical_id = current.physical_id};
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    // Deleting the topic first deletes its subscriptions: NotFound then means done.
    auto r = sns_.unsubscribe(call.context, {.subscription_arn = current.physical_id});
    if (!r && r.error().code == "NotFound") return core::ok();
    return r;
  }

 private:
  sns::SnsService& sns_;
};

}  // namespace

std::unique_ptr<Provider> make_sns_subscription_provider(sns::SnsService& sns) {
  return std::make_unique<SnsSubscriptionProvider>(sns);
}

}  // namespace hoplite::local::cloudformation
