// AWS::Logs::LogStream through the local CloudWatch Logs' typed operations. Ref is the stream's
// name (recorded: cfn-logs-logstream); the type has no Fn::GetAtt attributes. A name left out is
// `<stack>-<logical id>-<12 characters>`. Both properties are Immutable, so every change is a new
// stream (the engine's replacement), and the stream's events go with it on delete.
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/logs/logs_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

constexpr std::size_t kMaxStreamName = 512;

bool log_stream_gone(const core::Error& e) { return e.code == "ResourceNotFoundException"; }

class LogStreamProvider final : public Provider {
 public:
  explicit LogStreamProvider(logs::LogsService& logs) : logs_(logs) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::Logs::LogStream"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    std::string tail = "-" + std::string(random.substr(0, 12));
    std::string head = std::string(stack_name) + "-" + std::string(logical_id);
    return head.substr(0, kMaxStreamName - tail.size()) + tail;
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    return text(props, "LogStreamName").value_or(call.generated_name);
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    std::string name = planned_physical_id(call, props);
    auto made = logs_.create_log_stream(
        call.context, {.log_group_name = text(props, "LogGroupName").value_or(""), .log_stream_name = name});
    if (!made) return made.failure();
    return ProvidedResource{.physical_id = name};
  }

  core::Result<ProvidedResource> update(const ProviderCall&, const ProvidedResource& current, const nlohmann::json&,
                                        const nlohmann::json&) override {
    // Every property is Immutable: a change never reaches here.
    return current;
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current,
                            const nlohmann::json& props) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = logs_.delete_log_stream(call.context, {.log_group_name = text(props, "LogGroupName").value_or(""),
                                                    .log_stream_name = current.physical_id});
    if (!r && log_stream_gone(r.error())) return core::ok();
    return r;
  }

 private:
  logs::LogsService& logs_;
};

}  // namespace

std::unique_ptr<Provider> make_logs_log_stream_provider(logs::LogsService& logs) {
  return std::make_unique<LogStreamProvider>(logs);
}

}  // namespace hoplite::local::cloudformation
