#pragma once
/// \file
/// IAM on the wire, both directions (see docs/local.md, "Wire shapes"). Query protocol: lists
/// `X.member.N`; results inside `<ActionResult>`. Policy documents in responses are URL-encoded
/// JSON, as IAM sends them (the decoders decode them; the encoders encode them).

#include "hoplite/aws/iam.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/xml.hpp"
#include "hoplite/aws/xml_writer.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::iam::wire {

inline constexpr std::string_view kApiVersion = "2010-05-08";
inline constexpr std::string_view kXmlNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";

[[nodiscard]] QueryParams encode_request(const CreateRoleRequest& request);
core::Result<CreateRoleRequest> decode_create_role_request(const QueryParams& params);
void encode_response(const RoleResponse& response, XmlWriter& result);
core::Result<RoleResponse> decode_role_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const RoleNameRequest& request);
core::Result<RoleNameRequest> decode_role_name_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const ListRolesRequest& request);
core::Result<ListRolesRequest> decode_list_roles_request(const QueryParams& params);
void encode_response(const ListRolesResponse& response, XmlWriter& result);
core::Result<ListRolesResponse> decode_list_roles_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const UpdateAssumeRolePolicyRequest& request);
core::Result<UpdateAssumeRolePolicyRequest> decode_update_assume_role_policy_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const UpdateRoleRequest& request);
core::Result<UpdateRoleRequest> decode_update_role_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const TagRoleRequest& request);
core::Result<TagRoleRequest> decode_tag_role_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const UntagRoleRequest& request);
core::Result<UntagRoleRequest> decode_untag_role_request(const QueryParams& params);
void encode_response(const ListRoleTagsResponse& response, XmlWriter& result);
core::Result<ListRoleTagsResponse> decode_list_role_tags_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const RolePolicyRequest& request);
core::Result<RolePolicyRequest> decode_role_policy_request(const QueryParams& params);
void encode_response(const GetRolePolicyResponse& response, XmlWriter& result);
core::Result<GetRolePolicyResponse> decode_get_role_policy_response(const XmlElement& result);
void encode_response(const ListRolePoliciesResponse& response, XmlWriter& result);
core::Result<ListRolePoliciesResponse> decode_list_role_policies_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const CreatePolicyRequest& request);
core::Result<CreatePolicyRequest> decode_create_policy_request(const QueryParams& params);
void encode_response(const PolicyResponse& response, XmlWriter& result);
core::Result<PolicyResponse> decode_policy_response(const XmlElement& result);
[[nodiscard]] QueryParams encode_request(const PolicyArnRequest& request);
core::Result<PolicyArnRequest> decode_policy_arn_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const GetPolicyVersionRequest& request);
core::Result<GetPolicyVersionRequest> decode_get_policy_version_request(const QueryParams& params);
void encode_response(const GetPolicyVersionResponse& response, XmlWriter& result);
core::Result<GetPolicyVersionResponse> decode_get_policy_version_response(const XmlElement& result);
[[nodiscard]] QueryParams encode_request(const ListPoliciesRequest& request);
core::Result<ListPoliciesRequest> decode_list_policies_request(const QueryParams& params);
void encode_response(const ListPoliciesResponse& response, XmlWriter& result);
core::Result<ListPoliciesResponse> decode_list_policies_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const RolePolicyArnRequest& request);
core::Result<RolePolicyArnRequest> decode_role_policy_arn_request(const QueryParams& params);
void encode_response(const ListAttachedRolePoliciesResponse& response, XmlWriter& result);
core::Result<ListAttachedRolePoliciesResponse> decode_list_attached_role_policies_response(const XmlElement& result);

}  // namespace hoplite::aws::iam::wire
