// AWS::ECS::Cluster through the local ECS service's typed operations. Ref is the cluster's name;
// Fn::GetAtt offers Arn. A name left out is `<stack>-<logical id>-<random>`, as AWS generates it.
#include "local/cloudformation/providers/ecs_tags.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ecs/ecs_service.hpp"

namespace hoplite::local::cloudformation {

std::vector<aws::ecs::Tag> ecs_tags(const nlohmann::json& props) {
  std::vector<aws::ecs::Tag> out;
  auto it = props.find("Tags");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& t : *it)
    if (t.is_object()) out.push_back({.key = t.value("Key", ""), .value = t.value("Value", "")});
  return out;
}

namespace {

class EcsClusterProvider final : public Provider {
 public:
  explicit EcsClusterProvider(ecs::EcsService& ecs) : ecs_(ecs) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::ECS::Cluster"; }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    auto it = props.find("ClusterName");
    return it != props.end() && it->is_string() ? it->get<std::string>() : call.generated_name;
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    aws::ecs::CreateClusterRequest r{.cluster_name = planned_physical_id(call, props), .tags = ecs_tags(props)};
    auto made = ecs_.create_cluster(call.context, r);
    if (!made) return made.failure();
    return provided(made->cluster);
  }

  // Tags and settings change in place; the name is Immutable (a new cluster).
  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json&, const nlohmann::json& after) override {
    aws::ecs::CreateClusterRequest r{.cluster_name = current.physical_id, .tags = ecs_tags(after)};
    auto same = ecs_.create_cluster(call.context, r);  // idempotent on an ACTIVE cluster
    if (!same) return same.failure();
    return provided(same->cluster);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ecs_.delete_cluster(call.context, {.cluster = current.physical_id});
    if (!r && r.error().code == "ClusterNotFoundException") return core::ok();
    if (!r) return r.failure();
    return core::ok();
  }

 private:
  static ProvidedResource provided(const aws::ecs::Cluster& c) {
    return {.physical_id = c.cluster_name, .attributes = {{"Arn", c.cluster_arn}}};
  }

  ecs::EcsService& ecs_;
};

}  // namespace

std::unique_ptr<Provider> make_ecs_cluster_provider(ecs::EcsService& ecs) {
  return std::make_unique<EcsClusterProvider>(ecs);
}

}  // namespace hoplite::local::cloudformation
