// AWS::ECS::TaskDefinition through the local ECS service's typed operations: the properties are
// RegisterTaskDefinition's request in PascalCase, so they are read by ECS's own wire decoder after
// the member names are turned camelCase (values untouched; LogConfiguration's Options keys are
// already lower-case). Every property is Immutable: a change registers a new revision (the engine
// replaces the resource) and the old one is deregistered. Ref and Fn::GetAtt TaskDefinitionArn
// are the revision's ARN; a Family left out is `<stack>-<logical id>-<random>`.
#include "hoplite/aws/ecs_wire.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/json_case.hpp"

namespace hoplite::local::cloudformation {
namespace {

class EcsTaskDefinitionProvider final : public Provider {
 public:
  explicit EcsTaskDefinitionProvider(ecs::EcsService& ecs) : ecs_(ecs) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::ECS::TaskDefinition"; }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    nlohmann::json body = camel_case(props);
    if (!body.contains("family")) body["family"] = call.generated_name;
    auto request = aws::ecs::wire::decode_register_task_definition_request(body);
    if (!request) return request.failure();
    auto made = ecs_.register_task_definition(call.context, *request);
    if (!made) return made.failure();
    const std::string& arn = made->task_definition.task_definition_arn;
    return ProvidedResource{.physical_id = arn, .attributes = {{"TaskDefinitionArn", arn}}};
  }

  core::Result<ProvidedResource> update(const ProviderCall&, const ProvidedResource& current, const nlohmann::json&,
                                        const nlohmann::json&) override {
    return current;  // nothing changes in place (tags aside, which are kept as registered)
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ecs_.deregister_task_definition(call.context, {.task_definition = current.physical_id});
    if (!r && (r.error().code == "ClientException" || r.error().code == "InvalidParameterException"))
      return core::ok();  // already gone: "Unable to describe task definition."
    if (!r) return r.failure();
    return core::ok();
  }

  [[nodiscard]] bool needs_replacement(const nlohmann::json& before, const nlohmann::json& after) const override {
    return before != after;
  }

 private:
  ecs::EcsService& ecs_;
};

}  // namespace

std::unique_ptr<Provider> make_ecs_task_definition_provider(ecs::EcsService& ecs) {
  return std::make_unique<EcsTaskDefinitionProvider>(ecs);
}

}  // namespace hoplite::local::cloudformation
