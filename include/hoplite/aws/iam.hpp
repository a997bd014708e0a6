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

/// AWS's `Tag` data type: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html
struct Tag {
  std::string key;                              ///< `Key` on the wire
  std::string value;                            ///< `Value` on the wire
  bool operator==(const Tag&) const = default;  ///< member-wise
};

/// AWS's `Role` data type: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html
struct Role {
  std::string path = "/";                   ///< `Path` on the wire
  std::string role_name;                    ///< `RoleName` on the wire
  std::string role_id;                      ///< `AROA…`
  std::string arn;                          ///< `arn:aws:iam::<account>:role<path><name>`
  core::TimePoint create_date{};            ///< `CreateDate` on the wire
  std::string assume_role_policy_document;  ///< JSON (URL-encoded on the wire, as IAM sends it)
  std::optional<std::string> description;   ///< `Description` on the wire
  int max_session_duration = 3600;          ///< `MaxSessionDuration` on the wire
  std::vector<Tag> tags;                    ///< `Tags` on the wire
};

/// The parameters of CreateRole (Client::create_role).
struct CreateRoleRequest {
  std::string role_name;                    ///< `RoleName` on the wire
  std::optional<std::string> path;          ///< default "/"
  std::string assume_role_policy_document;  ///< `AssumeRolePolicyDocument` on the wire
  std::optional<std::string> description;   ///< `Description` on the wire
  std::optional<int> max_session_duration;  ///< 3600–43200
  std::vector<Tag> tags;                    ///< `Tags` on the wire
};
/// What CreateRole and GetRole return.
struct RoleResponse {  ///< CreateRole, GetRole
  Role role;
};
/// The parameters of GetRole, DeleteRole, ListRolePolicies, ListAttachedRolePolicies and ListRoleTags
/// (Client::get_role).
struct RoleNameRequest {  ///< GetRole, DeleteRole, ListRolePolicies, ListAttachedRolePolicies, ListRoleTags
  std::string role_name;
  std::optional<std::string> marker;  ///< `Marker` on the wire
  std::optional<int> max_items;       ///< `MaxItems` on the wire
};

/// The parameters of ListRoles (Client::list_roles).
struct ListRolesRequest {
  std::optional<std::string> path_prefix;  ///< `PathPrefix` on the wire
  std::optional<std::string> marker;       ///< `Marker` on the wire
  std::optional<int> max_items;            ///< 1–1000, default 100
};
/// What ListRoles returns.
struct ListRolesResponse {
  std::vector<Role> roles;            ///< `Roles` on the wire
  bool is_truncated = false;          ///< `IsTruncated` on the wire
  std::optional<std::string> marker;  ///< `Marker` on the wire
};

/// The parameters of UpdateAssumeRolePolicy (Client::update_assume_role_policy).
struct UpdateAssumeRolePolicyRequest {
  std::string role_name;        ///< `RoleName` on the wire
  std::string policy_document;  ///< `PolicyDocument` on the wire
};

/// The parameters of UpdateRole (Client::update_role): what is given changes, the rest stays.
struct UpdateRoleRequest {
  std::string role_name;                    ///< `RoleName` on the wire
  std::optional<std::string> description;   ///< `Description` on the wire; "" clears it
  std::optional<int> max_session_duration;  ///< 3600–43200
};

/// The parameters of TagRole (Client::tag_role): added to the role's tags, a key already there
/// (IAM compares keys case-insensitively) taking the new value.
struct TagRoleRequest {
  std::string role_name;  ///< `RoleName` on the wire
  std::vector<Tag> tags;  ///< `Tags` on the wire, 1–50
};

/// The parameters of UntagRole (Client::untag_role): keys the role does not have are ignored.
struct UntagRoleRequest {
  std::string role_name;              ///< `RoleName` on the wire
  std::vector<std::string> tag_keys;  ///< `TagKeys` on the wire, 1–50
};

/// What ListRoleTags returns.
struct ListRoleTagsResponse {
  std::vector<Tag> tags;              ///< `Tags` on the wire
  bool is_truncated = false;          ///< `IsTruncated` on the wire
  std::optional<std::string> marker;  ///< `Marker` on the wire
};

/// PutRolePolicy (with a document), GetRolePolicy and DeleteRolePolicy (without).
struct RolePolicyRequest {
  std::string role_name;        ///< `RoleName` on the wire
  std::string policy_name;      ///< `PolicyName` on the wire
  std::string policy_document;  ///< `PolicyDocument` on the wire
};
/// What GetRolePolicy returns.
struct GetRolePolicyResponse {
  std::string role_name;        ///< `RoleName` on the wire
  std::string policy_name;      ///< `PolicyName` on the wire
  std::string policy_document;  ///< `PolicyDocument` on the wire
};
/// What ListRolePolicies returns.
struct ListRolePoliciesResponse {
  std::vector<std::string> policy_names;  ///< `PolicyNames` on the wire
  bool is_truncated = false;              ///< `IsTruncated` on the wire
  std::optional<std::string> marker;      ///< `Marker` on the wire
};

/// AWS's `Policy` data type: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Policy.html
struct Policy {
  std::string policy_name;  ///< `PolicyName` on the wire
  std::string policy_id;    ///< `ANPA…`
  std::string arn;          ///< `arn:aws:iam::<account>:policy<path><name>` (`arn:aws:iam::aws:policy/…` for AWS's)
  std::string path = "/";   ///< `Path` on the wire
  std::string default_version_id = "v1";   ///< `DefaultVersionId` on the wire
  int attachment_count = 0;                ///< `AttachmentCount` on the wire
  bool is_attachable = true;               ///< `IsAttachable` on the wire
  std::optional<std::string> description;  ///< `Description` on the wire
  core::TimePoint create_date{};           ///< `CreateDate` on the wire
  core::TimePoint update_date{};           ///< `UpdateDate` on the wire
  std::vector<Tag> tags;                   ///< `Tags` on the wire
};

/// The parameters of CreatePolicy (Client::create_policy).
struct CreatePolicyRequest {
  std::string policy_name;                 ///< `PolicyName` on the wire
  std::optional<std::string> path;         ///< `Path` on the wire
  std::string policy_document;             ///< `PolicyDocument` on the wire
  std::optional<std::string> description;  ///< `Description` on the wire
  std::vector<Tag> tags;                   ///< `Tags` on the wire
};
/// What CreatePolicy and GetPolicy return.
struct PolicyResponse {  ///< CreatePolicy, GetPolicy
  Policy policy;
};
/// The parameters of GetPolicy and DeletePolicy (Client::get_policy).
struct PolicyArnRequest {  ///< GetPolicy, DeletePolicy
  std::string policy_arn;
};
/// The parameters of GetPolicyVersion (Client::get_policy_version).
struct GetPolicyVersionRequest {
  std::string policy_arn;  ///< `PolicyArn` on the wire
  std::string version_id;  ///< `VersionId` on the wire
};
/// AWS's `PolicyVersion` data type: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html
struct PolicyVersion {
  std::string document;            ///< JSON
  std::string version_id;          ///< `VersionId` on the wire
  bool is_default_version = true;  ///< `IsDefaultVersion` on the wire
  core::TimePoint create_date{};   ///< `CreateDate` on the wire
};
/// What GetPolicyVersion returns.
struct GetPolicyVersionResponse {
  PolicyVersion policy_version;  ///< `PolicyVersion` on the wire
};

/// The parameters of ListPolicies (Client::list_policies).
struct ListPoliciesRequest {
  std::optional<std::string> scope;        ///< All (default), AWS, Local
  std::optional<bool> only_attached;       ///< `OnlyAttached` on the wire
  std::optional<std::string> path_prefix;  ///< `PathPrefix` on the wire
  std::optional<std::string> marker;       ///< `Marker` on the wire
  std::optional<int> max_items;            ///< `MaxItems` on the wire
};
/// What ListPolicies returns.
struct ListPoliciesResponse {
  std::vector<Policy> policies;       ///< `Policies` on the wire
  bool is_truncated = false;          ///< `IsTruncated` on the wire
  std::optional<std::string> marker;  ///< `Marker` on the wire
};

/// AttachRolePolicy, DetachRolePolicy.
struct RolePolicyArnRequest {
  std::string role_name;   ///< `RoleName` on the wire
  std::string policy_arn;  ///< `PolicyArn` on the wire
};
/// AWS's `AttachedPolicy` data type: https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachedPolicy.html
struct AttachedPolicy {
  std::string policy_name;                                 ///< `PolicyName` on the wire
  std::string policy_arn;                                  ///< `PolicyArn` on the wire
  bool operator==(const AttachedPolicy&) const = default;  ///< member-wise
};
/// What ListAttachedRolePolicies returns.
struct ListAttachedRolePoliciesResponse {
  std::vector<AttachedPolicy> attached_policies;  ///< `AttachedPolicies` on the wire
  bool is_truncated = false;                      ///< `IsTruncated` on the wire
  std::optional<std::string> marker;              ///< `Marker` on the wire
};

/// The IAM client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Calls CreateRole: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
  core::Result<RoleResponse> create_role(const CreateRoleRequest& request);
  /// Calls GetRole: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html
  core::Result<RoleResponse> get_role(const RoleNameRequest& request);
  /// Calls ListRoles: https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html
  core::Result<ListRolesResponse> list_roles(const ListRolesRequest& request);
  /// Calls DeleteRole: https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html
  core::Result<void> delete_role(const RoleNameRequest& request);
  /// Calls UpdateAssumeRolePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
  core::Result<void> update_assume_role_policy(const UpdateAssumeRolePolicyRequest& request);
  /// Calls UpdateRole: https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html
  core::Result<void> update_role(const UpdateRoleRequest& request);
  /// Calls TagRole: https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html
  core::Result<void> tag_role(const TagRoleRequest& request);
  /// Calls UntagRole: https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html
  core::Result<void> untag_role(const UntagRoleRequest& request);
  /// Calls ListRoleTags: https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoleTags.html
  core::Result<ListRoleTagsResponse> list_role_tags(const RoleNameRequest& request);
  /// Calls PutRolePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
  core::Result<void> put_role_policy(const RolePolicyRequest& request);
  /// Calls GetRolePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html
  core::Result<GetRolePolicyResponse> get_role_policy(const RolePolicyRequest& request);
  /// Calls DeleteRolePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePolicy.html
  core::Result<void> delete_role_policy(const RolePolicyRequest& request);
  /// Calls ListRolePolicies: https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html
  core::Result<ListRolePoliciesResponse> list_role_policies(const RoleNameRequest& request);
  /// Calls CreatePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html
  core::Result<PolicyResponse> create_policy(const CreatePolicyRequest& request);
  /// Calls GetPolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html
  core::Result<PolicyResponse> get_policy(const PolicyArnRequest& request);
  /// Calls GetPolicyVersion: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html
  core::Result<GetPolicyVersionResponse> get_policy_version(const GetPolicyVersionRequest& request);
  /// Calls DeletePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html
  core::Result<void> delete_policy(const PolicyArnRequest& request);
  /// Calls ListPolicies: https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html
  core::Result<ListPoliciesResponse> list_policies(const ListPoliciesRequest& request);
  /// Calls AttachRolePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
  core::Result<void> attach_role_policy(const RolePolicyArnRequest& request);
  /// Calls DetachRolePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachRolePolicy.html
  core::Result<void> detach_role_policy(const RolePolicyArnRequest& request);
  /// Calls ListAttachedRolePolicies:
  /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedRolePolicies.html
  core::Result<ListAttachedRolePoliciesResponse> list_attached_role_policies(const RoleNameRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::iam
