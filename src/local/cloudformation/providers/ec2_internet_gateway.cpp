// AWS::EC2::InternetGateway through the local EC2's typed operations. Ref is the igw id;
// Fn::GetAtt offers InternetGatewayId. Attaching it is AWS::EC2::VPCGatewayAttachment's work, which
// the engine deletes first, so DeleteInternetGateway finds it detached.
#include <algorithm>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

using nlohmann::json;

std::vector<aws::ec2::Tag> tags_of(const json& props) {
  std::vector<aws::ec2::Tag> out;
  auto it = props.find("Tags");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& t : *it)
    if (t.is_object()) out.push_back({.key = text(t, "Key").value_or(""), .value = text(t, "Value").value_or("")});
  return out;
}

/// Tags changed in place: keys no longer there deleted, the others (re)written.
core::Result<void> retag(ec2::Ec2Service& ec2, const CallContext& ctx, const std::string& id, const json& before,
                         const json& after) {
  auto was = tags_of(before);
  auto now = tags_of(after);
  if (was == now) return core::ok();
  std::vector<std::pair<std::string, std::optional<std::string>>> gone;
  for (const auto& t : was)
    if (std::none_of(now.begin(), now.end(), [&](const auto& n) { return n.key == t.key; }))
      gone.emplace_back(t.key, std::nullopt);
  if (!gone.empty())
    if (auto r = ec2.delete_tags(ctx, {.resources = {id}, .tags = gone}); !r) return r;
  if (now.empty()) return core::ok();
  return ec2.create_tags(ctx, {.resources = {id}, .tags = now});
}

class Ec2InternetGatewayProvider final : public Provider {
 public:
  explicit Ec2InternetGatewayProvider(ec2::Ec2Service& ec2) : ec2_(ec2) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::EC2::InternetGateway"; }

  core::Result<ProvidedResource> create(const ProviderCall& call, const json& props) override {
    std::vector<aws::ec2::TagSpecification> specs;
    if (auto tags = tags_of(props); !tags.empty())
      specs.push_back({.resource_type = "internet-gateway", .tags = std::move(tags)});
    auto made = ec2_.create_internet_gateway(call.context, {.tag_specifications = std::move(specs)});
    if (!made) return made.failure();
    return provided(made->internet_gateway.internet_gateway_id);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current, const json& before,
                                        const json& after) override {
    if (auto tagged = retag(ec2_, call.context, current.physical_id, before, after); !tagged) return tagged.failure();
    return provided(current.physical_id);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ec2_.delete_internet_gateway(call.context, {.internet_gateway_id = current.physical_id});
    if (!r && r.error().code == "InvalidInternetGatewayID.NotFound") return core::ok();
    return r;
  }

 private:
  static ProvidedResource provided(const std::string& id) {
    return {.physical_id = id, .attributes = {{"InternetGatewayId", id}}};
  }

  ec2::Ec2Service& ec2_;
};

}  // namespace

std::unique_ptr<Provider> make_ec2_internet_gateway_provider(ec2::Ec2Service& ec2) {
  return std::make_unique<Ec2InternetGatewayProvider>(ec2);
}

}  // namespace hoplite::local::cloudformation
