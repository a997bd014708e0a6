#pragma once
/// \file
/// AWS IAM: roles (trust policy, inline and managed policies) and managed policies. The
/// request and response shapes are shared with the local cloud's IAM (iam_wire.hpp encodes and
/// decodes them both ways). Query protocol, version 2010-05-08; a global service (signed for
/// us-east-1, ARNs without a region). Policy documents are JSON text.
/// API: https://docs.aws.amazon.com/IAM/latest/APIReference/

#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::aws::iam {

/// Query protocol, version 2010-05-08, signing name `iam`, region us-east-1 (global).
[[nodiscard]] ServiceInfo service_info();

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

struct Role {
  std::string path = "/";
  std::string role_name;
  std::string role_id;  ///< `AROA…`
  std::string arn;      ///< `arn:aws:iam::<account>:role<path><name>`
  core::TimePoint create_date{};
  std::string assume_role_policy_document;  ///< JSON (URL-encoded on the wire, as IAM sends it)
  std::optional<std::string> description;
  int max_session_duration = 3600;
  std::vector<Tag> tags;
};

struct CreateRoleRequest {
  std::string role_name;
  std::optional<std::string> path;  ///< default "/"
  std::string assume_role_policy_document;
  std::optional<std::string> description;
  std::optional<int> max_session_duration;  ///< 3600–43200
  std::vector<Tag> tags;
};
struct RoleResponse {  ///< CreateRole, GetRole
  Role role;
};
struct RoleNameRequest {  ///< GetRole, DeleteRole, ListRolePolicies, ListAttachedRolePolicies
  std::string role_name;
  std::optional<std::string> marker;
  std::optional<int> max_items;
};

struct ListRolesRequest {
  std::optional<std::string> path_prefix;
  std::optional<std::string> marker;
  std::optional<int> max_items;  ///< 1–1000, default 100
};
struct ListRolesResponse {
  std::vector<Role> roles;
  bool is_truncated = false;
  std::optional<std::string> marker;
};

struct UpdateAssumeRolePolicyRequest {
  std::string role_name;
  std::string policy_document;
};

/// PutRolePolicy (with a document), GetRolePolicy and DeleteRolePolicy (without).
struct RolePolicyRequest {
  std::string role_name;
  std::string policy_name;
  std::string policy_document;
};
struct GetRolePolicyResponse {
  std::string role_name;
  std::string policy_name;
  std::string policy_document;
};
struct ListRolePoliciesResponse {
  std::vector<std::string> policy_names;
  bool is_truncated = false;
  std::optional<std::string> marker;
};

struct Policy {
  std::string policy_name;
  std::string policy_id;  ///< `ANPA…`
  std::string arn;        ///< `arn:aws:iam::<account>:policy<path><name>` (`arn:aws:iam::aws:policy/…` for AWS's)
  std::string path = "/";
  std::string default_version_id = "v1";
  int attachment_count = 0;
  bool is_attachable = true;
  std::optional<std::string> description;
  core::TimePoint create_date{};
  core::TimePoint update_date{};
  std::vector<Tag> tags;
};

struct CreatePolicyRequest {
  std::string policy_name;
  std::optional<std::string> path;
  std::string policy_document;
  std::optional<std::string> description;
  std::vector<Tag> tags;
};
struct PolicyResponse {  ///< CreatePolicy, GetPolicy
  Policy policy;
};
struct PolicyArnRequest {  ///< GetPolicy, DeletePolicy
  std::string policy_arn;
};
struct GetPolicyVersionRequest {
  std::string policy_arn;
  std::string version_id;
};
struct PolicyVersion {
  std::string document;  ///< JSON
  std::string version_id;
  bool is_default_version = true;
  core::TimePoint create_date{};
};
struct GetPolicyVersionResponse {
  PolicyVersion policy_version;
};

struct ListPoliciesRequest {
  std::optional<std::string> scope;  ///< All (default), AWS, Local
  std::optional<bool> only_attached;
  std::optional<std::string> path_prefix;
  std::optional<std::string> marker;
  std::optional<int> max_items;
};
struct ListPoliciesResponse {
  std::vector<Policy> policies;
  bool is_truncated = false;
  std::optional<std::string> marker;
};

/// AttachRolePolicy, DetachRolePolicy.
struct RolePolicyArnRequest {
  std::string role_name;
  std::string policy_arn;
};
struct AttachedPolicy {
  std::string policy_name;
  std::string policy_arn;
  bool operator==(const AttachedPolicy&) const = default;
};
struct ListAttachedRolePoliciesResponse {
  std::vector<AttachedPolicy> attached_policies;
  bool is_truncated = false;
  std::optional<std::string> marker;
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  core::Result<RoleResponse> create_role(const CreateRoleRequest& request);
  core::Result<RoleResponse> get_role(const RoleNameRequest& request);
  core::Result<ListRolesResponse> list_roles(const ListRolesRequest& request);
  core::Result<void> delete_role(const RoleNameRequest& request);
  core::Result<void> update_assume_role_policy(const UpdateAssumeRolePolicyRequest& request);
  core::Result<void> put_role_policy(const RolePolicyRequest& request);
  core::Result<GetRolePolicyResponse> get_role_policy(const RolePolicyRequest& request);
  core::Result<void> delete_role_policy(const RolePolicyRequest& request);
  core::Result<ListRolePoliciesResponse> list_role_policies(const RoleNameRequest& request);
  core::Result<PolicyResponse> create_policy(const CreatePolicyRequest& request);
  core::Result<PolicyResponse> get_policy(const PolicyArnRequest& request);
  core::Result<GetPolicyVersionResponse> get_policy_version(const GetPolicyVersionRequest& request);
  core::Result<void> delete_policy(const PolicyArnRequest& request);
  core::Result<ListPoliciesResponse> list_policies(const ListPoliciesRequest& request);
  core::Result<void> attach_role_policy(const RolePolicyArnRequest& request);
  core::Result<void> detach_role_policy(const RolePolicyArnRequest& request);
  core::Result<ListAttachedRolePoliciesResponse> list_attached_role_policies(const RoleNameRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::iam
