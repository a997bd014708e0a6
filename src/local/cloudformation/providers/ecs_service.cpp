// AWS::ECS::Service through the local ECS service's typed operations (REPLICA services on
// Fargate). Ref is the service's ARN; Fn::GetAtt offers Name and ServiceArn. A name left out is
// `<stack>-<logical id>-<random>`. DesiredCount, TaskDefinition and NetworkConfiguration change in
// place (UpdateService). As CloudFormation does, a create or an update is complete only once the
// service is stable (its deployment COMPLETED, desiredCount tasks RUNNING); deleting deletes it
// with force and waits until its tasks drained.
#include <chrono>
#include <thread>

#include "hoplite/core/log.hpp"
#include "local/cloudformation/providers/ecs_tags.hpp"
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ecs/ecs_names.hpp"
#include "local/ecs/ecs_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

std::vector<std::string> strings(const nlohmann::json& props, const char* key) {
  std::vector<std::string> out;
  auto it = props.find(key);
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::optional<aws::ecs::NetworkConfiguration> network_of(const nlohmann::json& props) {
  if (!props.contains("NetworkConfiguration")) return std::nullopt;
  const auto& n = props.at("NetworkConfiguration");
  if (!n.is_object()) return std::nullopt;
  aws::ecs::NetworkConfiguration out;
  if (n.contains("AwsvpcConfiguration") && n.at("AwsvpcConfiguration").is_object()) {
    const auto& a = n.at("AwsvpcConfiguration");
    out.awsvpc_configuration = aws::ecs::AwsVpcConfiguration{.subnets = strings(a, "Subnets"),
                                                             .security_groups = strings(a, "SecurityGroups"),
                                                             .assign_public_ip = text(a, "AssignPublicIp")};
  }
  return out;
}

/// DesiredCount; CloudFormation's default is 1.
core::Result<int> desired_count(const nlohmann::json& props) {
  auto n = integer_property(props, "DesiredCount");
  if (!n) return n.failure();
  return n->value_or(1);
}

/// DeploymentConfiguration: the circuit breaker and the two percentages.
core::Result<std::optional<aws::ecs::DeploymentConfiguration>> deployment_configuration(const nlohmann::json& props) {
  auto it = props.find("DeploymentConfiguration");
  if (it == props.end() || !it->is_object()) return std::optional<aws::ecs::DeploymentConfiguration>{};
  aws::ecs::DeploymentConfiguration out;
  auto breaker = it->find("DeploymentCircuitBreaker");
  if (breaker != it->end() && breaker->is_object())
    out.deployment_circuit_breaker = aws::ecs::DeploymentCircuitBreaker{
        .enable = flag(*breaker, "Enable").value_or(false), .rollback = flag(*breaker, "Rollback").value_or(false)};
  auto maximum = integer_property(*it, "MaximumPercent");
  if (!maximum) return maximum.failure();
  auto minimum = integer_property(*it, "MinimumHealthyPercent");
  if (!minimum) return minimum.failure();
  out.maximum_percent = *maximum;
  out.minimum_healthy_percent = *minimum;
  return std::optional<aws::ecs::DeploymentConfiguration>{out};
}

/// ECS's "steady state": one deployment, rolled out, with every desired task running.
bool stable(const aws::ecs::Service& s) {
  return s.status == "ACTIVE" && s.deployments.size() == 1 &&
         s.deployments.front().rollout_state.value_or("") == "COMPLETED" && s.running_count == s.desired_count;
}

class EcsServiceProvider final : public Provider {
 public:
  EcsServiceProvider(ecs::EcsService& ecs, std::chrono::milliseconds stabilize_limit)
      : ecs_(ecs), stabilize_limit_(stabilize_limit) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::ECS::Service"; }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    auto scope = ecs::scope_of(call.context);
    auto cluster = ecs::cluster_name(scope, text(props, "Cluster"));
    if (!cluster) return "";
    return ecs::service_arn(scope, *cluster, name_of(call, props));
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    auto count = desired_count(props);
    if (!count) return count.failure();
    auto deployment = deployment_configuration(props);
    if (!deployment) return deployment.failure();
    aws::ecs::CreateServiceRequest r{.cluster = text(props, "Cluster"),
                                     .service_name = name_of(call, props),
                                     .task_definition = text(props, "TaskDefinition"),
                                     .desired_count = *count,
                                     .launch_type = text(props, "LaunchType"),
                                     .network_configuration = network_of(props),
                                     .platform_version = text(props, "PlatformVersion"),
                                     .scheduling_strategy = text(props, "SchedulingStrategy"),
                                     .client_token = std::nullopt,
                                     .tags = ecs_tags(props),
                                     .deployment_configuration = *deployment};
    auto made = ecs_.create_service(call.context, r);
    if (!made) return made.failure();
    auto ready = stabilized(call, text(props, "Cluster"), made->service);
    if (!ready && !is_interrupted(ready.error())) {
      // A failed create leaves nothing behind (the engine's rule for a failed create): the service
      // that never stabilized is deleted before the failure is reported.
      if (auto gone = remove(call, provided(made->service), props); !gone)
        core::log::warn("cloudformation: service {} is left behind: {}", made->service.service_arn,
                        gone.error().to_string());
    }
    return ready;
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json&, const nlohmann::json& after) override {
    auto count = desired_count(after);
    if (!count) return count.failure();
    auto deployment = deployment_configuration(after);
    if (!deployment) return deployment.failure();
    aws::ecs::UpdateServiceRequest r{.cluster = text(after, "Cluster"),
                                     .service = current.physical_id,
                                     .desired_count = *count,
                                     .task_definition = text(after, "TaskDefinition"),
                                     .network_configuration = network_of(after),
                                     .force_new_deployment = std::nullopt,
                                     .deployment_configuration = *deployment};
    auto changed = ecs_.update_service(call.context, r);
    if (!changed) return changed.failure();
    return stabilized(call, text(after, "Cluster"), changed->service);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current,
                            const nlohmann::json& props) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ecs_.delete_service(call.context,
                                 {.cluster = text(props, "Cluster"), .service = current.physical_id, .force = true});
    if (!r && (r.error().code == "ServiceNotFoundException" || r.error().code == "ClusterNotFoundException"))
      return core::ok();
    if (!r) return r.failure();
    // As CloudFormation does, wait until the service drained (INACTIVE): the cluster it runs in
    // cannot be deleted before. Its tasks stop within their stopTimeout (≤ 120 s).
    for (int i = 0; i < 1800; ++i) {
      if (call.stopping()) return interrupted();
      auto d =
          ecs_.describe_services(call.context, {.cluster = text(props, "Cluster"), .services = {current.physical_id}});
      if (!d || d->services.empty() || d->services[0].status == "INACTIVE") return core::ok();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return aws_error("ServiceDrainTimeout", "The service's tasks did not stop within 3 minutes.");
  }

 private:
  static std::string name_of(const ProviderCall& call, const nlohmann::json& props) {
    auto name = text(props, "ServiceName");
    return name ? *name : call.generated_name;
  }
  static ProvidedResource provided(const aws::ecs::Service& s) {
    return {.physical_id = s.service_arn, .attributes = {{"Name", s.service_name}, {"ServiceArn", s.service_arn}}};
  }

  /// Waits until the service is stable, as CloudFormation does before it reports the service
  /// created or updated, or until its circuit breaker failed the deployment. Tasks that never
  /// start without a circuit breaker keep it waiting (AWS: up to three hours) until the local limit.
  core::Result<ProvidedResource> stabilized(const ProviderCall& call, const std::optional<std::string>& cluster,
                                            const aws::ecs::Service& service) {
    auto deadline = std::chrono::steady_clock::now() + stabilize_limit_;
    for (;;) {
      if (call.stopping()) return interrupted();
      auto d = ecs_.describe_services(call.context, {.cluster = cluster, .services = {service.service_arn}});
      if (!d) return d.failure();
      if (d->services.empty()) return aws_error("ServiceNotFoundException", "Service not found.");
      const auto& now = d->services.front();
      if (stable(now)) return provided(now);
      if (!now.deployments.empty() && now.deployments.front().rollout_state.value_or("") == "FAILED")
        return aws_error("GeneralServiceException",
                         "Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.");
      if (std::chrono::steady_clock::now() >= deadline)
        return aws_error("NotStabilized", "Service " + service.service_arn + " did not stabilize.");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  ecs::EcsService& ecs_;
  std::chrono::milliseconds stabilize_limit_;
};

}  // namespace

std::unique_ptr<Provider> make_ecs_service_provider(ecs::EcsService& ecs, std::chrono::milliseconds stabilize_limit) {
  return std::make_unique<EcsServiceProvider>(ecs, stabilize_limit);
}

}  // namespace hoplite::local::cloudformation
