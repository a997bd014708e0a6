#include "hoplite/aws/iam.hpp"

#include "aws/protocol/response.hpp"
#include "hoplite/aws/iam_wire.hpp"

namespace hoplite::aws::iam {
namespace {

template <typename Request, typename Decode>
auto call(Caller& caller, std::string_view operation, const Request& request, Decode decode)
    -> decltype(decode(XmlElement{})) {
  auto r = caller.query(operation, wire::encode_request(request));
  if (!r) return r.failure();
  auto x = detail::query_result(*r, operation);
  if (!x) return x.failure();
  return decode(*x);
}

template <typename Request>
core::Result<void> call_void(Caller& caller, std::string_view operation, const Request& request) {
  auto r = caller.query(operation, wire::encode_request(request));
  if (!r) return r.failure();
  return core::ok();
}

/// IAM is global: whatever region the caller works in, requests are signed for us-east-1.
ClientConfig global(ClientConfig config) {
  config.region = "us-east-1";
  return config;
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "iam",
          .endpoint_id = "iam",
          .signing_name = "iam",
          .protocol = Protocol::query,
          .api_version = std::string(wire::kApiVersion)};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), global(config)) {}

core::Result<RoleResponse> Client::create_role(const CreateRoleRequest& r) {
  return call(caller_, "CreateRole", r, wire::decode_role_response);
}
core::Result<RoleResponse> Client::get_role(const RoleNameRequest& r) {
  return call(caller_, "GetRole", r, wire::decode_role_response);
}
core::Result<ListRolesResponse> Client::list_roles(const ListRolesRequest& r) {
  return call(caller_, "ListRoles", r, wire::decode_list_roles_response);
}
core::Result<void> Client::delete_role(const RoleNameRequest& r) { return call_void(caller_, "DeleteRole", r); }
core::Result<void> Client::update_assume_role_policy(const UpdateAssumeRolePolicyRequest& r) {
  return call_void(caller_, "UpdateAssumeRolePolicy", r);
}
core::Result<void> Client::update_role(const UpdateRoleRequest& r) { return call_void(caller_, "UpdateRole", r); }
core::Result<void> Client::tag_role(const TagRoleRequest& r) { return call_void(caller_, "TagRole", r); }
core::Result<void> Client::untag_role(const UntagRoleRequest& r) { return call_void(caller_, "UntagRole", r); }
core::Result<ListRoleTagsResponse> Client::list_role_tags(const RoleNameRequest& r) {
  return call(caller_, "ListRoleTags", r, wire::decode_list_role_tags_response);
}
core::Result<void> Client::put_role_policy(const RolePolicyRequest& r) {
  return call_void(caller_, "PutRolePolicy", r);
}
core::Result<GetRolePolicyResponse> Client::get_role_policy(const RolePolicyRequest& r) {
  return call(caller_, "GetRolePolicy", r, wire::decode_get_role_policy_response);
}
core::Result<void> Client::delete_role_policy(const RolePolicyRequest& r) {
  return call_void(caller_, "DeleteRolePolicy", r);
}
core::Result<ListRolePoliciesResponse> Client::list_role_policies(const RoleNameRequest& r) {
  return call(caller_, "ListRolePolicies", r, wire::decode_list_role_policies_response);
}
core::Result<PolicyResponse> Client::create_policy(const CreatePolicyRequest& r) {
  return call(caller_, "CreatePolicy", r, wire::decode_policy_response);
}
core::Result<PolicyResponse> Client::get_policy(const PolicyArnRequest& r) {
  return call(caller_, "GetPolicy", r, wire::decode_policy_response);
}
core::Result<GetPolicyVersionResponse> Client::get_policy_version(const GetPolicyVersionRequest& r) {
  return call(caller_, "GetPolicyVersion", r, wire::decode_get_policy_version_response);
}
core::Result<void> Client::delete_policy(const PolicyArnRequest& r) { return call_void(caller_, "DeletePolicy", r); }
core::Result<ListPoliciesResponse> Client::list_policies(const ListPoliciesRequest& r) {
  return call(caller_, "ListPolicies", r, wire::decode_list_policies_response);
}
core::Result<void> Client::attach_role_policy(const RolePolicyArnRequest& r) {
  return call_void(caller_, "AttachRolePolicy", r);
}
core::Result<void> Client::detach_role_policy(const RolePolicyArnRequest& r) {
  return call_void(caller_, "DetachRolePolicy", r);
}
core::Result<ListAttachedRolePoliciesResponse> Client::list_attached_role_policies(const RoleNameRequest& r) {
  return call(caller_, "ListAttachedRolePolicies", r, wire::decode_list_attached_role_policies_response);
}

}  // namespace hoplite::aws::iam
