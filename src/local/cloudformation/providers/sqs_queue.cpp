// AWS::SQS::Queue through the local SQS's typed operations. Ref is the queue's URL
// (`http://<host>/<account>/<name>`, the host the stack's request came to); Fn::GetAtt offers Arn,
// QueueName and QueueUrl. A name left out is `<stack>-<logical id>-<12 characters>`, at most 80
// characters with `.fifo` for a FIFO queue.
//
// Every queue property but QueueName and Tags is the SQS attribute of the same name, so the
// properties map onto CreateQueue/SetQueueAttributes one for one; the service judges the values.
#include <string_view>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/sqs/sqs_names.hpp"
#include "local/sqs/sqs_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

constexpr std::size_t kMaxQueueName = 80;
constexpr std::string_view kFifoSuffix = ".fifo";

/// The queue attributes a template sets, and what a removed one goes back to (SQS's defaults;
/// "" clears a text attribute).
struct QueueProperty {
  const char* name;
  const char* reset;
};
constexpr QueueProperty kQueueAttributes[] = {
    {"ContentBasedDeduplication", "false"},
    {"DeduplicationScope", "queue"},
    {"DelaySeconds", "0"},
    {"FifoQueue", "false"},
    {"FifoThroughputLimit", "perQueue"},
    {"KmsDataKeyReusePeriodSeconds", "300"},
    {"KmsMasterKeyId", ""},
    {"MaximumMessageSize", "262144"},
    {"MessageRetentionPeriod", "345600"},
    {"ReceiveMessageWaitTimeSeconds", "0"},
    {"RedriveAllowPolicy", ""},
    {"RedrivePolicy", ""},
    {"SqsManagedSseEnabled", "true"},
    {"VisibilityTimeout", "30"},
};

nlohmann::json queue_property(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  return it == props.end() ? nlohmann::json() : *it;
}

/// A property as SQS text: strings as they are, numbers and booleans as written, JSON policies
/// (RedrivePolicy) as their JSON text.
bool queue_flag(const nlohmann::json& props, const char* key) {
  auto v = text(props, key);
  return v == "true" || v == "True";
}

std::map<std::string, std::string> attributes_of(const nlohmann::json& props) {
  std::map<std::string, std::string> out;
  for (const auto& a : kQueueAttributes)
    if (auto v = text(props, a.name)) out[a.name] = *v;
  return out;
}

/// The name in a queue URL: its last path segment.
std::string name_in_url(const std::string& url) { return url.substr(url.rfind('/') + 1); }

bool queue_gone(const core::Error& e) { return e.code == "AWS.SimpleQueueService.NonExistentQueue"; }

class SqsQueueProvider final : public Provider {
 public:
  explicit SqsQueueProvider(sqs::SqsService& sqs) : sqs_(sqs) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::SQS::Queue"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    return name_with_random_tail(stack_name, logical_id, random, kMaxQueueName);
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    return sqs::queue_url(call.context, call.context.principal.account_id, queue_name(call, props));
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    std::string name = queue_name(call, props);
    auto created = sqs_.create_queue(call.context,
                                     {.queue_name = name, .attributes = attributes_of(props), .tags = tag_map(props)});
    if (!created) return created.failure();
    return provided(call, created->queue_url, name);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    const std::string& url = current.physical_id;
    std::map<std::string, std::string> changes;
    for (const auto& a : kQueueAttributes) {
      if (queue_property(before, a.name) == queue_property(after, a.name)) continue;
      changes[a.name] = text(after, a.name).value_or(a.reset);
    }
    if (!changes.empty()) {
      auto set = sqs_.set_queue_attributes(call.context, {.queue_url = url, .attributes = changes});
      if (!set) return set.failure();
    }
    auto old_tags = tag_map(before);
    auto new_tags = tag_map(after);
    if (old_tags != new_tags) {
      std::vector<std::string> gone;
      for (const auto& [key, value] : old_tags)
        if (!new_tags.contains(key)) gone.push_back(key);
      if (!gone.empty()) {
        auto untagged = sqs_.untag_queue(call.context, {.queue_url = url, .tag_keys = gone});
        if (!untagged) return untagged.failure();
      }
      if (!new_tags.empty()) {
        auto tagged = sqs_.tag_queue(call.context, {.queue_url = url, .tags = new_tags});
        if (!tagged) return tagged.failure();
      }
    }
    return provided(call, url, name_in_url(url));
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = sqs_.delete_queue(call.context, {.queue_url = current.physical_id});
    if (!r && queue_gone(r.error())) return core::ok();
    return r;
  }

 private:
  /// QueueName, or the generated name (with `.fifo` for a FIFO queue, the generated part cut so
  /// that the whole stays within 80 characters and the random tail survives).
  static std::string queue_name(const ProviderCall& call, const nlohmann::json& props) {
    if (auto name = text(props, "QueueName")) return *name;
    std::string name = call.generated_name;
    if (!queue_flag(props, "FifoQueue")) return name;
    constexpr std::size_t kTail = 13;  // "-" and 12 random characters
    if (name.size() + kFifoSuffix.size() > kMaxQueueName && name.size() > kTail)
      name = name.substr(0, kMaxQueueName - kFifoSuffix.size() - kTail) + name.substr(name.size() - kTail);
    return name + std::string(kFifoSuffix);
  }

  static ProvidedResource provided(const ProviderCall& call, const std::string& url, const std::string& name) {
    const auto& ctx = call.context;
    return {.physical_id = url,
            .attributes = {{"Arn", sqs::queue_arn(ctx.region, ctx.principal.account_id, name)},
                           {"QueueName", name},
                           {"QueueUrl", url}}};
  }

  sqs::SqsService& sqs_;
};

}  // namespace

std::unique_ptr<Provider> make_sqs_queue_provider(sqs::SqsService& sqs) {
  return std::make_unique<SqsQueueProvider>(sqs);
}

}  // namespace hoplite::local::cloudformation
