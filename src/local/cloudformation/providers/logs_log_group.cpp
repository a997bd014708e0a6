// AWS::Logs::LogGroup through the local CloudWatch Logs' typed operations. Ref is the group's
// name; Fn::GetAtt Arn is `arn:aws:logs:<region>:<account>:log-group:<name>:*`, as AWS gives it.
// A name left out is `<stack>-<logical id>-<12 characters>`.
//
// The local Logs has no AssociateKmsKey/DisassociateKmsKey, so KmsKeyId is set only at creation:
// changing it replaces a group with a generated name and fails the update of a custom-named one.
// DataProtectionPolicy is not emulated (events are stored unmasked) and is ignored.

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/logs/logs_names.hpp"
#include "local/logs/logs_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

nlohmann::json log_group_property(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  return it == props.end() ? nlohmann::json() : *it;
}

bool log_group_gone(const core::Error& e) { return e.code == "ResourceNotFoundException"; }

class LogGroupProvider final : public Provider {
 public:
  explicit LogGroupProvider(logs::LogsService& logs) : logs_(logs) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::Logs::LogGroup"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    return name_with_random_tail(stack_name, logical_id, random, 512);  // group names: at most 512
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    return text(props, "LogGroupName").value_or(call.generated_name);
  }

  [[nodiscard]] bool needs_replacement(const nlohmann::json& before, const nlohmann::json& after) const override {
    if (Provider::needs_replacement(before, after)) return true;
    bool generated = !after.contains("LogGroupName") && !before.contains("LogGroupName");
    return generated && log_group_property(before, "KmsKeyId") != log_group_property(after, "KmsKeyId");
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    auto retention = integer_property(props, "RetentionInDays");
    if (!retention) return retention.failure();
    std::string name = planned_physical_id(call, props);
    auto created = logs_.create_log_group(
        call.context, {.log_group_name = name, .kms_key_id = text(props, "KmsKeyId"), .tags = tag_map(props)});
    if (!created) return created.failure();
    // Should this fail, the group is recorded under its name and the rollback deletes it.
    if (*retention) {
      auto put = logs_.put_retention_policy(call.context, {.log_group_name = name, .retention_in_days = *retention});
      if (!put) return put.failure();
    }
    return provided(call, name);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    const std::string& name = current.physical_id;
    if (log_group_property(before, "KmsKeyId") != log_group_property(after, "KmsKeyId"))
      return aws_error("InvalidParameterException",
                       "The local cloud's CloudWatch Logs cannot change a log group's KmsKeyId in place (it has no "
                       "AssociateKmsKey yet); rename log group " +
                           name + " to have it replaced.");
    auto retention = integer_property(after, "RetentionInDays");
    if (!retention) return retention.failure();
    if (log_group_property(before, "RetentionInDays") != log_group_property(after, "RetentionInDays")) {
      auto changed = *retention ? logs_.put_retention_policy(call.context,
                                                             {.log_group_name = name, .retention_in_days = *retention})
                                : logs_.delete_retention_policy(call.context, {.log_group_name = name});
      if (!changed) return changed.failure();
    }
    auto old_tags = tag_map(before);
    auto new_tags = tag_map(after);
    if (old_tags != new_tags) {
      std::vector<std::string> gone;
      for (const auto& [key, value] : old_tags)
        if (!new_tags.contains(key)) gone.push_back(key);
      if (!gone.empty()) {
        auto untagged = logs_.untag_log_group(call.context, name, gone);
        if (!untagged) return untagged.failure();
      }
      if (!new_tags.empty()) {
        auto tagged = logs_.tag_log_group(call.context, name, new_tags);
        if (!tagged) return tagged.failure();
      }
    }
    return provided(call, name);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = logs_.delete_log_group(call.context, {.log_group_name = current.physical_id});
    if (!r && log_group_gone(r.error())) return core::ok();
    return r;
  }

 private:
  static ProvidedResource provided(const ProviderCall& call, const std::string& name) {
    return {.physical_id = name, .attributes = {{"Arn", logs::group_arn(call.context, name)}}};
  }

  logs::LogsService& logs_;
};

}  // namespace

std::unique_ptr<Provider> make_logs_log_group_provider(logs::LogsService& logs) {
  return std::make_unique<LogGroupProvider>(logs);
}

}  // namespace hoplite::local::cloudformation
