// AWS::SQS::QueuePolicy through the local SQS's typed operations: the policy document becomes the
// `Policy` attribute of every queue in Queues (SetQueueAttributes), and deleting the resource
// clears it again. Ref is an id CloudFormation makes up (`<stack>-<logical id>-<12 characters>`);
// the type has no Fn::GetAtt attributes. Both properties change in place: a queue dropped from
// Queues loses the policy, the others get the new document.
//
// The local SQS stores a queue's policy and shows it in GetQueueAttributes; it does not evaluate
// it (every caller of the account may use the queue, as before).
#include <set>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/sqs/sqs_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

/// The queue URLs in Queues, each once, in the template's order.
std::vector<std::string> policy_queues(const nlohmann::json& props) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto it = props.find("Queues");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& q : *it)
    if (q.is_string() && seen.insert(q.get<std::string>()).second) out.push_back(q.get<std::string>());
  return out;
}

bool policy_queue_gone(const core::Error& e) { return e.code == "AWS.SimpleQueueService.NonExistentQueue"; }

class SqsQueuePolicyProvider final : public Provider {
 public:
  explicit SqsQueuePolicyProvider(sqs::SqsService& sqs) : sqs_(sqs) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::SQS::QueuePolicy"; }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json&) const override {
    return call.generated_name;
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    if (auto ok = apply(call, props); !ok) return ok.failure();
    return ProvidedResource{.physical_id = call.generated_name};
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    auto kept = policy_queues(after);
    for (const auto& url : policy_queues(before))
      if (std::find(kept.begin(), kept.end(), url) == kept.end())
        if (auto ok = clear(call, url); !ok) return ok.failure();
    if (auto ok = apply(call, after); !ok) return ok.failure();
    return current;
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current,
                            const nlohmann::json& props) override {
    if (current.physical_id.empty()) return core::ok();
    for (const auto& url : policy_queues(props))
      if (auto ok = clear(call, url); !ok) return ok;
    return core::ok();
  }

 private:
  core::Result<void> apply(const ProviderCall& call, const nlohmann::json& props) {
    std::string document = text(props, "PolicyDocument").value_or("");
    for (const auto& url : policy_queues(props)) {
      auto set = sqs_.set_queue_attributes(call.context, {.queue_url = url, .attributes = {{"Policy", document}}});
      if (!set) return set;
    }
    return core::ok();
  }

  /// Removes the policy of `url`; a queue that is gone has none.
  core::Result<void> clear(const ProviderCall& call, const std::string& url) {
    auto r = sqs_.set_queue_attributes(call.context, {.queue_url = url, .attributes = {{"Policy", ""}}});
    if (!r && policy_queue_gone(r.error())) return core::ok();
    return r;
  }

  sqs::SqsService& sqs_;
};

}  // namespace

std::unique_ptr<Provider> make_sqs_queue_policy_provider(sqs::SqsService& sqs) {
  return std::make_unique<SqsQueuePolicyProvider>(sqs);
}

}  // namespace hoplite::local::cloudformation
