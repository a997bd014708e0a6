// AWS::EC2::SecurityGroup through the local EC2's typed operations. Ref is the group id, or, for
// a group without VpcId (which EC2 puts into the region's default VPC), its name, as AWS answers
// (recorded in cfn-ec2-ec2_security_group_id_with_vpc); the id is then kept as the GroupId
// attribute, which updates and deletes use. Fn::GetAtt offers GroupId and VpcId. A GroupName left
// out is `<stack>-<logical id>-<13 upper-case characters>`, as AWS generates it.
//
// Rules as CloudFormation applies them: EC2 gives a new group an allow-all egress rule, which
// stays only while the template gives no SecurityGroupEgress; given egress rules replace it. An
// update changes the rule sets in place: rules no longer in the template are revoked first, then
// new ones authorized (a rule whose fields changed is both). Prefix lists are not emulated.
#include <algorithm>
#include <charconv>
#include <set>

#include "local/cloudformation/providers/ec2_tags.hpp"
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::local::cloudformation {
namespace {

using nlohmann::json;

/// An Integer property, given as a JSON number or as text ("22").
std::optional<int> integer(const json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return std::nullopt;
  double v = 0;
  if (it->is_number()) {
    v = it->get<double>();
  } else if (it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  // Far outside any port range but still an int: EC2 refuses it with its own message.
  return static_cast<int>(std::clamp(v, -1e9, 1e9));
}

/// The rules a template lists under `key` (SecurityGroupIngress or SecurityGroupEgress).
std::vector<json> listed_rules(const json& props, const char* key) {
  std::vector<json> out;
  auto it = props.find(key);
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& r : *it)
    if (r.is_object()) out.push_back(r);
  return out;
}

/// The egress rules a group has for these properties: the listed ones, or EC2's allow-all rule.
std::vector<json> egress_rules(const json& props) {
  auto out = listed_rules(props, "SecurityGroupEgress");
  if (out.empty()) out.push_back({{"CidrIp", "0.0.0.0/0"}, {"IpProtocol", "-1"}});
  return out;
}

/// The rules of `from` that `other` does not have, compared as the template writes them (nlohmann
/// objects keep their keys sorted, so the text is a fair key).
std::vector<json> missing_from(const std::vector<json>& from, const std::vector<json>& other) {
  std::set<std::string> keys;
  for (const auto& r : other) keys.insert(r.dump());
  std::vector<json> out;
  for (const auto& r : from)
    if (!keys.contains(r.dump())) out.push_back(r);
  return out;
}

class Ec2SecurityGroupProvider final : public Provider {
 public:
  explicit Ec2SecurityGroupProvider(ec2::Ec2Service& ec2) : ec2_(ec2) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::EC2::SecurityGroup"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    return Provider::generated_name(stack_name, logical_id, core::ascii_upper(random));
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const json& props) override {
    auto specs = ec2_tag_specifications(call, props, "security-group");
    const std::string name = text(props, "GroupName").value_or(call.generated_name);
    auto made = ec2_.create_security_group(call.context, {.group_name = name,
                                                          .description = text(props, "GroupDescription").value_or(""),
                                                          .vpc_id = text(props, "VpcId"),
                                                          .tag_specifications = std::move(specs)});
    if (!made) return made.failure();
    const std::string& id = made->group_id;
    auto vpc_id = vpc_of(call.context, id, props);
    if (!vpc_id) {
      (void)ec2_.delete_security_group(call.context, {.group_id = id});
      return vpc_id.failure();
    }
    // A fresh group has no ingress rules and EC2's allow-all egress rule.
    const json fresh = json::object();
    auto ruled = change_rules(call.context, id, *vpc_id, false, {}, listed_rules(props, "SecurityGroupIngress"));
    if (ruled) ruled = change_rules(call.context, id, *vpc_id, true, egress_rules(fresh), egress_rules(props));
    if (!ruled) {
      // Its id was not known before the call, so the stack has none: a group whose rules failed
      // must not be left behind.
      (void)ec2_.delete_security_group(call.context, {.group_id = id});
      return ruled.failure();
    }
    return provided(props, id, name, *vpc_id);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current, const json& before,
                                        const json& after) override {
    const std::string id = group_id(current);
    auto vpc_id = vpc_of(call.context, id, after);
    if (!vpc_id) return vpc_id.failure();
    auto ruled = change_rules(call.context, id, *vpc_id, false, listed_rules(before, "SecurityGroupIngress"),
                              listed_rules(after, "SecurityGroupIngress"));
    if (!ruled) return ruled.failure();
    ruled = change_rules(call.context, id, *vpc_id, true, egress_rules(before), egress_rules(after));
    if (!ruled) return ruled.failure();
    if (auto tagged = ec2_retag(ec2_, call.context, id, before, after); !tagged) return tagged.failure();
    // GroupName and VpcId changes replace the group: the physical id stays.
    return ProvidedResource{.physical_id = current.physical_id, .attributes = {{"GroupId", id}, {"VpcId", *vpc_id}}};
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const json&) override {
    if (current.physical_id.empty()) return core::ok();
    // A group known by name only (a create interrupted before its attributes were kept) is one
    // of the default VPC, which DeleteSecurityGroup finds by name.
    const std::string id = group_id(current);
    aws::ec2::DeleteSecurityGroupRequest request;
    if (id.starts_with("sg-"))
      request.group_id = id;
    else
      request.group_name = id;
    auto r = ec2_.delete_security_group(call.context, request);
    if (!r && (r.error().code == "InvalidGroup.NotFound" || r.error().code == "VPCIdNotSpecified")) return core::ok();
    return r;
  }

 private:
  /// Ref is the group's id when the template names its VPC, else its name.
  static ProvidedResource provided(const json& props, const std::string& id, const std::string& name,
                                   const std::string& vpc_id) {
    return {.physical_id = text(props, "VpcId") ? id : name, .attributes = {{"GroupId", id}, {"VpcId", vpc_id}}};
  }

  /// The group's id: its physical id, or the GroupId attribute when the physical id is its name.
  static std::string group_id(const ProvidedResource& current) {
    auto it = current.attributes.find("GroupId");
    if (it != current.attributes.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
      return it->get<std::string>();
    return current.physical_id;
  }

  /// The VPC group `id` is in: the template's VpcId, or (none given) the default VPC EC2 chose.
  core::Result<std::string> vpc_of(const CallContext& ctx, const std::string& id, const json& props) {
    if (auto vpc = text(props, "VpcId")) return *vpc;
    auto found = ec2_.describe_security_groups(ctx, {.ids = {id}});
    if (!found) return found.failure();
    if (found->security_groups.empty())
      return aws_error("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
    return found->security_groups.front().vpc_id;
  }

  /// Takes group `id`'s ingress (or egress) rules from `was` to `now`: revokes what went, one
  /// rule at a time (a rule already gone is fine), then authorizes what came, in one call.
  core::Result<void> change_rules(const CallContext& ctx, const std::string& id, const std::string& vpc_id, bool egress,
                                  const std::vector<json>& was, const std::vector<json>& now) {
    for (const auto& rule : missing_from(was, now)) {
      auto p = permission(ctx, vpc_id, rule, egress);
      if (!p) {
        if (p.error().code == "InvalidGroup.NotFound") continue;  // its peer group is gone, and the rule with it
        return p.failure();
      }
      auto revoked = ec2_.revoke_security_group(ctx, {.group_id = id, .ip_permissions = {*p}}, egress);
      if (!revoked && revoked.error().code != "InvalidPermission.NotFound") return revoked;
    }
    aws::ec2::SecurityGroupRulesRequest added{.group_id = id};
    for (const auto& rule : missing_from(now, was)) {
      auto p = permission(ctx, vpc_id, rule, egress);
      if (!p) return p.failure();
      added.ip_permissions.push_back(std::move(*p));
    }
    if (added.ip_permissions.empty()) return core::ok();
    return ec2_.authorize_security_group(ctx, added, egress);
  }

  /// A template rule as EC2's IpPermission. A peer group named rather than identified
  /// (SourceSecurityGroupName) is looked up in the group's VPC.
  core::Result<aws::ec2::IpPermission> permission(const CallContext& ctx, const std::string& vpc_id, const json& rule,
                                                  bool egress) {
    for (const char* key : {"SourcePrefixListId", "DestinationPrefixListId"})
      if (text(rule, key))
        return aws_error("UnsupportedOperation",
                         std::string("The local EC2 has no managed prefix lists; ") + key + " is not emulated.");
    aws::ec2::IpPermission p{.ip_protocol = text(rule, "IpProtocol").value_or(""),
                             .from_port = integer(rule, "FromPort"),
                             .to_port = integer(rule, "ToPort")};
    auto description = text(rule, "Description");
    if (auto cidr = text(rule, "CidrIp")) p.ip_ranges.push_back({.cidr_ip = *cidr, .description = description});
    if (auto cidr = text(rule, "CidrIpv6")) p.ipv6_ranges.push_back({.cidr_ipv6 = *cidr, .description = description});
    auto peer = text(rule, egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId");
    if (!egress && !peer) {
      if (auto name = text(rule, "SourceSecurityGroupName")) {
        auto found = ec2_.describe_security_groups(
            ctx, {.filters = {{.name = "group-name", .values = {*name}}, {.name = "vpc-id", .values = {vpc_id}}}});
        if (!found) return found.failure();
        // Filter values take wildcards: only the group of exactly that name counts.
        const auto& groups = found->security_groups;
        auto named = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.group_name == *name; });
        if (named == groups.end())
          return aws_error("InvalidGroup.NotFound",
                           "The security group '" + name->substr(0, 255) + "' does not exist in VPC '" + vpc_id + "'");
        peer = named->group_id;
      }
    }
    if (peer)
      p.user_id_group_pairs.push_back({.group_id = *peer,
                                       .user_id = egress ? std::nullopt : text(rule, "SourceSecurityGroupOwnerId"),
                                       .description = description});
    return p;
  }

  ec2::Ec2Service& ec2_;
};

}  // namespace

std::unique_ptr<Provider> make_ec2_security_group_provider(ec2::Ec2Service& ec2) {
  return std::make_unique<Ec2SecurityGroupProvider>(ec2);
}

}  // namespace hoplite::local::cloudformation
