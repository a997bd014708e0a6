// IAM's handler table (each operation decoded and encoded by the shared shapes, iam_wire.hpp),
// and what other services ask IAM: authorize (policy evaluation) and pass_role.
#include "local/iam/iam_service.hpp"

#include <stdexcept>

#include "hoplite/aws/iam_wire.hpp"
#include "local/iam/iam_names.hpp"
#include "local/iam/iam_state.hpp"
#include "local/iam/managed_policies.hpp"
#include "local/protocol/routes.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::iam {

namespace wire = aws::iam::wire;

namespace {

/// The role name in `arn:aws:iam::<account>:role/<path…>/<name>`, when the ARN is one of
/// `account`'s roles.
std::optional<std::string> role_name_of(std::string_view arn, std::string_view account) {
  std::string prefix = "arn:aws:iam::" + std::string(account) + ":role/";
  if (!arn.starts_with(prefix)) return std::nullopt;
  std::string_view rest = arn.substr(prefix.size());
  std::string_view name = rest.substr(rest.rfind('/') == std::string_view::npos ? 0 : rest.rfind('/') + 1);
  if (name.empty()) return std::nullopt;
  return std::string(name);
}

}  // namespace

IamService::IamService(ServiceContext& house)
    : spec_{.signing_name = "iam",
            .protocol = Protocol::query,
            .api_version = std::string(wire::kApiVersion),
            .xml_namespace = std::string(wire::kXmlNamespace)},
      api_(spec_),
      house_(house) {
  if (auto m = house_.db.migrate("iam", migrations()); !m)
    throw std::runtime_error("local iam: " + m.error().to_string());
  add_routes();
}

void IamService::add_routes() {
  auto encode = [](const auto& r, aws::XmlWriter& out) { wire::encode_response(r, out); };
  api_.add("CreateRole",
           query_route(
               wire::decode_create_role_request, [this](auto& ctx, auto& r) { return create_role(ctx, r); }, encode));
  api_.add("GetRole",
           query_route(
               wire::decode_role_name_request, [this](auto& ctx, auto& r) { return get_role(ctx, r); }, encode));
  api_.add("ListRoles",
           query_route(
               wire::decode_list_roles_request, [this](auto& ctx, auto& r) { return list_roles(ctx, r); }, encode));
  api_.add("DeleteRole", query_route(
                             wire::decode_role_name_request, [this](auto& ctx, auto& r) { return delete_role(ctx, r); },
                             NoXmlOutput{}));
  api_.add("UpdateAssumeRolePolicy",
           query_route(
               wire::decode_update_assume_role_policy_request,
               [this](auto& ctx, auto& r) { return update_assume_role_policy(ctx, r); }, NoXmlOutput{}));
  api_.add("UpdateRole", query_route(
                             wire::decode_update_role_request,
                             [this](auto& ctx, auto& r) { return update_role(ctx, r); }, NoXmlOutput{}));
  api_.add("TagRole",
           query_route(
               wire::decode_tag_role_request, [this](auto& ctx, auto& r) { return tag_role(ctx, r); }, NoXmlOutput{}));
  api_.add("UntagRole", query_route(
                            wire::decode_untag_role_request, [this](auto& ctx, auto& r) { return untag_role(ctx, r); },
                            NoXmlOutput{}));
  api_.add("ListRoleTags",
           query_route(
               wire::decode_role_name_request, [this](auto& ctx, auto& r) { return list_role_tags(ctx, r); }, encode));
  api_.add("PutRolePolicy", query_route(
                                wire::decode_role_policy_request,
                                [this](auto& ctx, auto& r) { return put_role_policy(ctx, r); }, NoXmlOutput{}));
  api_.add("GetRolePolicy", query_route(
                                wire::decode_role_policy_request,
                                [this](auto& ctx, auto& r) { return get_role_policy(ctx, r); }, encode));
  api_.add("DeleteRolePolicy", query_route(
                                   wire::decode_role_policy_request,
                                   [this](auto& ctx, auto& r) { return delete_role_policy(ctx, r); }, NoXmlOutput{}));
  api_.add("ListRolePolicies", query_route(
                                   wire::decode_role_name_request,
                                   [this](auto& ctx, auto& r) { return list_role_policies(ctx, r); }, encode));
  api_.add("CreatePolicy", query_route(
                               wire::decode_create_policy_request,
                               [this](auto& ctx, auto& r) { return create_policy(ctx, r); }, encode));
  api_.add("GetPolicy",
           query_route(
               wire::decode_policy_arn_request, [this](auto& ctx, auto& r) { return get_policy(ctx, r); }, encode));
  api_.add("GetPolicyVersion", query_route(
                                   wire::decode_get_policy_version_request,
                                   [this](auto& ctx, auto& r) { return get_policy_version(ctx, r); }, encode));
  api_.add("DeletePolicy", query_route(
                               wire::decode_policy_arn_request,
                               [this](auto& ctx, auto& r) { return delete_policy(ctx, r); }, NoXmlOutput{}));
  api_.add("ListPolicies", query_route(
                               wire::decode_list_policies_request,
                               [this](auto& ctx, auto& r) { return list_policies(ctx, r); }, encode));
  api_.add("AttachRolePolicy", query_route(
                                   wire::decode_role_policy_arn_request,
                                   [this](auto& ctx, auto& r) { return attach_role_policy(ctx, r); }, NoXmlOutput{}));
  api_.add("DetachRolePolicy", query_route(
                                   wire::decode_role_policy_arn_request,
                                   [this](auto& ctx, auto& r) { return detach_role_policy(ctx, r); }, NoXmlOutput{}));
  api_.add("ListAttachedRolePolicies",
           query_route(
               wire::decode_role_name_request,
               [this](auto& ctx, auto& r) { return list_attached_role_policies(ctx, r); }, encode));
}

nlohmann::json IamService::inspect() {
  auto r = inspect_iam(house_.db);
  return r ? *r : nlohmann::json::object();
}

core::Result<void> IamService::authorize(const std::string& account, const std::string& role_arn,
                                         const std::string& session_arn, const RequestContext& request) {
  auto name = role_name_of(role_arn, account);
  if (!name) return no_such_entity("The role " + role_arn.substr(0, 2048) + " cannot be found.");
  auto policies = house_.db.transaction<std::vector<PolicyDocument>>(
      [&](store::Tx& tx) -> core::Result<std::vector<PolicyDocument>> {
        IamTable table(tx, account);
        auto role = table.role(*name);
        if (!role) return role.failure();
        if (!*role) return no_such_role(*name);
        std::vector<std::string> documents;
        auto inline_policies = table.role_policies(*name);
        if (!inline_policies) return inline_policies.failure();
        for (auto& [policy, document] : *inline_policies) documents.push_back(std::move(document));
        auto attached = table.attached(*name);
        if (!attached) return attached.failure();
        for (const auto& arn : *attached) {
          if (auto m = aws_managed_policy(arn)) {
            documents.emplace_back(m->document);
            continue;
          }
          auto p = table.policy(arn);
          if (!p) return p.failure();
          if (*p) documents.push_back(std::move((*p)->document));
        }
        std::vector<PolicyDocument> out;
        for (const auto& d : documents) {
          auto parsed = parse_policy(d, PolicyKind::identity);
          // Every stored document was checked when written; one that does not parse now allows
          // nothing rather than failing the call.
          if (parsed) out.push_back(std::move(*parsed));
        }
        return out;
      });
  if (!policies) return policies.failure();
  auto decision = evaluate(*policies, request);
  if (decision.decision == Decision::allow) return core::ok();
  std::string message = "User: " + session_arn + " is not authorized to perform: " + request.action +
                        " on resource: " + request.resource + " " +
                        (decision.decision == Decision::explicit_deny
                             ? "with an explicit deny in an identity-based policy"
                             : "because no identity-based policy allows the " + request.action + " action");
  return aws_error("AccessDenied", message, 403);
}

core::Result<aws::iam::Role> IamService::pass_role(const CallContext& ctx, const std::string& role_arn,
                                                   const std::string& service) {
  auto name = role_name_of(role_arn, ctx.principal.account_id);
  if (!name) return no_such_entity("The role " + role_arn.substr(0, 2048) + " cannot be found.");
  return house_.db.transaction<aws::iam::Role>([&](store::Tx& tx) -> core::Result<aws::iam::Role> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.role(*name);
    if (!role) return role.failure();
    if (!*role || (*role)->arn != role_arn) return no_such_role(*name);
    auto trust = parse_policy((*role)->assume_role_policy_document, PolicyKind::trust);
    if (!trust || !trusts(*trust, service, "sts:AssumeRole"))
      return aws_error(
          "AccessDenied",
          "The role " + role_arn + " cannot be assumed by " + service + ": its trust policy does not allow it.", 403);
    if (auto ok = table.record_pass(role_arn, service, ctx.principal.arn, to_millis(ctx.now)); !ok) return ok.failure();
    return std::move(**role);
  });
}

}  // namespace hoplite::local::iam
