#include "hoplite/aws/iam_wire.hpp"

#include <charconv>

#include "aws/protocol/response.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/time_format.hpp"

namespace hoplite::aws::iam::wire {
namespace {

constexpr std::size_t kMaxEntries = 1000;

void add_tags(QueryParams& p, const std::vector<Tag>& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    std::string m = QueryParams::member("Tags", i + 1);
    p.add(m + ".Key", tags[i].key).add(m + ".Value", tags[i].value);
  }
}

std::vector<Tag> read_tags(const QueryReader& in) {
  std::vector<Tag> out;
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string m = QueryParams::member("Tags", i);
    auto key = in.string(m + ".Key");
    if (!key) break;
    out.push_back({*key, in.string(m + ".Value").value_or("")});
  }
  return out;
}

void write_tags(XmlWriter& out, const std::vector<Tag>& tags) {
  if (tags.empty()) return;
  out.open("Tags");
  for (const auto& t : tags) out.open("member").element("Key", t.key).element("Value", t.value).close();
  out.close();
}

std::vector<Tag> tags_of(const XmlElement& e) {
  std::vector<Tag> out;
  for (const auto* m : e.members("Tags")) out.push_back({m->text_at("Key"), m->text_at("Value")});
  return out;
}

core::Result<std::optional<int>> read_int(const QueryReader& in, std::string_view key, std::string_view member) {
  auto v = in.integer(key, member);
  if (!v) return v.failure();
  if (!*v) return std::optional<int>{};
  if (**v < -2147483648LL || **v > 2147483647LL)
    return core::fail(core::Error{"ValidationError", "Invalid value for " + std::string(member), 400, false, {}});
  return std::optional<int>{static_cast<int>(**v)};
}

void add_paging(QueryParams& p, const std::optional<std::string>& marker, const std::optional<int>& max_items) {
  p.add("Marker", marker);
  if (max_items) p.add("MaxItems", std::to_string(*max_items));
}

void write_paging(XmlWriter& out, bool truncated, const std::optional<std::string>& marker) {
  out.boolean("IsTruncated", truncated).optional_element("Marker", marker);
}

std::string time_text(core::TimePoint t) { return core::format_iso8601(t); }
core::TimePoint time_of(const XmlElement& e, std::string_view path) {
  return detail::time_at(e, path).value_or(core::TimePoint{});
}

void write_role(XmlWriter& out, const Role& r) {
  out.element("Path", r.path).element("RoleName", r.role_name).element("RoleId", r.role_id).element("Arn", r.arn);
  out.element("CreateDate", time_text(r.create_date));
  out.element("AssumeRolePolicyDocument", core::percent_encode(r.assume_role_policy_document));
  out.optional_element("Description", r.description).number("MaxSessionDuration", r.max_session_duration);
  write_tags(out, r.tags);
  out.open("RoleLastUsed").close();
}

Role read_role(const XmlElement& e) {
  Role r{.path = e.text_at("Path"),
         .role_name = e.text_at("RoleName"),
         .role_id = e.text_at("RoleId"),
         .arn = e.text_at("Arn"),
         .create_date = time_of(e, "CreateDate"),
         .assume_role_policy_document = core::percent_decode(e.text_at("AssumeRolePolicyDocument")),
         .description = e.optional_text("Description"),
         .tags = tags_of(e)};
  int n = 0;
  std::string d = e.text_at("MaxSessionDuration");
  if (std::from_chars(d.data(), d.data() + d.size(), n).ec == std::errc{}) r.max_session_duration = n;
  return r;
}

void write_policy(XmlWriter& out, const Policy& p) {
  out.element("PolicyName", p.policy_name).element("PolicyId", p.policy_id).element("Arn", p.arn);
  out.element("Path", p.path).element("DefaultVersionId", p.default_version_id);
  out.number("AttachmentCount", p.attachment_count).number("PermissionsBoundaryUsageCount", 0);
  out.boolean("IsAttachable", p.is_attachable).optional_element("Description", p.description);
  out.element("CreateDate", time_text(p.create_date)).element("UpdateDate", time_text(p.update_date));
  write_tags(out, p.tags);
}

Policy read_policy(const XmlElement& e) {
  Policy p{.policy_name = e.text_at("PolicyName"),
           .policy_id = e.text_at("PolicyId"),
           .arn = e.text_at("Arn"),
           .path = e.text_at("Path"),
           .default_version_id = e.text_at("DefaultVersionId"),
           .is_attachable = e.text_at("IsAttachable") != "false",
           .description = e.optional_text("Description"),
           .create_date = time_of(e, "CreateDate"),
           .update_date = time_of(e, "UpdateDate"),
           .tags = tags_of(e)};
  std::string n = e.text_at("AttachmentCount");
  std::from_chars(n.data(), n.data() + n.size(), p.attachment_count);
  return p;
}

QueryParams one(std::string key, const std::string& value) {
  QueryParams p;
  p.add(std::move(key), value);
  return p;
}

std::string text(const QueryReader& in, std::string_view key) { return in.string(key).value_or(""); }

}  // namespace

// ---- roles ----

QueryParams encode_request(const CreateRoleRequest& r) {
  QueryParams p = one("RoleName", r.role_name);
  p.add("Path", r.path)
      .add("AssumeRolePolicyDocument", r.assume_role_policy_document)
      .add("Description", r.description);
  if (r.max_session_duration) p.add("MaxSessionDuration", std::to_string(*r.max_session_duration));
  add_tags(p, r.tags);
  return p;
}

core::Result<CreateRoleRequest> decode_create_role_request(const QueryParams& params) {
  QueryReader in(params);
  CreateRoleRequest out{.role_name = text(in, "RoleName"),
                        .path = in.string("Path"),
                        .assume_role_policy_document = text(in, "AssumeRolePolicyDocument"),
                        .description = in.string("Description"),
                        .tags = read_tags(in)};
  auto duration = read_int(in, "MaxSessionDuration", "maxSessionDuration");
  if (!duration) return duration.failure();
  out.max_session_duration = *duration;
  return out;
}

void encode_response(const RoleResponse& r, XmlWriter& result) {
  result.open("Role");
  write_role(result, r.role);
  result.close();
}

core::Result<RoleResponse> decode_role_response(const XmlElement& result) {
  const auto* role = result.child("Role");
  if (role == nullptr) return core::fail("aws.iam", "response has no Role");
  return RoleResponse{.role = read_role(*role)};
}

QueryParams encode_request(const RoleNameRequest& r) {
  QueryParams p = one("RoleName", r.role_name);
  add_paging(p, r.marker, r.max_items);
  return p;
}

core::Result<RoleNameRequest> decode_role_name_request(const QueryParams& params) {
  QueryReader in(params);
  RoleNameRequest out{.role_name = text(in, "RoleName"), .marker = in.string("Marker")};
  auto max = read_int(in, "MaxItems", "maxItems");
  if (!max) return max.failure();
  out.max_items = *max;
  return out;
}

QueryParams encode_request(const ListRolesRequest& r) {
  QueryParams p;
  p.add("PathPrefix", r.path_prefix);
  add_paging(p, r.marker, r.max_items);
  return p;
}

core::Result<ListRolesRequest> decode_list_roles_request(const QueryParams& params) {
  QueryReader in(params);
  ListRolesRequest out{.path_prefix = in.string("PathPrefix"), .marker = in.string("Marker")};
  auto max = read_int(in, "MaxItems", "maxItems");
  if (!max) return max.failure();
  out.max_items = *max;
  return out;
}

void encode_response(const ListRolesResponse& r, XmlWriter& result) {
  result.open("Roles");
  for (const auto& role : r.roles) {
    result.open("member");
    write_role(result, role);
    result.close();
  }
  result.close();
  write_paging(result, r.is_truncated, r.marker);
}

core::Result<ListRolesResponse> decode_list_roles_response(const XmlElement& result) {
  ListRolesResponse out{.is_truncated = result.text_at("IsTruncated") == "true",
                        .marker = result.optional_text("Marker")};
  for (const auto* m : result.members("Roles")) out.roles.push_back(read_role(*m));
  return out;
}

QueryParams encode_request(const UpdateAssumeRolePolicyRequest& r) {
  QueryParams p = one("RoleName", r.role_name);
  p.add("PolicyDocument", r.policy_document);
  return p;
}

core::Result<UpdateAssumeRolePolicyRequest> decode_update_assume_role_policy_request(const QueryParams& params) {
  QueryReader in(params);
  return UpdateAssumeRolePolicyRequest{.role_name = text(in, "RoleName"),
                                       .policy_document = text(in, "PolicyDocument")};
}

QueryParams encode_request(const UpdateRoleRequest& r) {
  QueryParams p = one("RoleName", r.role_name);
  p.add("Description", r.description);
  if (r.max_session_duration) p.add("MaxSessionDuration", std::to_string(*r.max_session_duration));
  return p;
}

core::Result<UpdateRoleRequest> decode_update_role_request(const QueryParams& params) {
  QueryReader in(params);
  UpdateRoleRequest out{.role_name = text(in, "RoleName"), .description = in.string("Description")};
  auto duration = read_int(in, "MaxSessionDuration", "maxSessionDuration");
  if (!duration) return duration.failure();
  out.max_session_duration = *duration;
  return out;
}

// ---- role tags ----

QueryParams encode_request(const TagRoleRequest& r) {
  QueryParams p = one("RoleName", r.role_name);
  add_tags(p, r.tags);
  return p;
}

core::Result<TagRoleRequest> decode_tag_role_request(const QueryParams& params) {
  QueryReader in(params);
  return TagRoleRequest{.role_name = text(in, "RoleName"), .tags = read_tags(in)};
}

QueryParams encode_request(const UntagRoleRequest& r) {
  QueryParams p = one("RoleName", r.role_name);
  p.add_list("TagKeys", r.tag_keys);
  return p;
}

core::Result<UntagRoleRequest> decode_untag_role_request(const QueryParams& params) {
  QueryReader in(params);
  return UntagRoleRequest{.role_name = text(in, "RoleName"), .tag_keys = in.list("TagKeys")};
}

void encode_response(const ListRoleTagsResponse& r, XmlWriter& result) {
  result.open("Tags");
  for (const auto& t : r.tags) result.open("member").element("Key", t.key).element("Value", t.value).close();
  result.close();
  write_paging(result, r.is_truncated, r.marker);
}

core::Result<ListRoleTagsResponse> decode_list_role_tags_response(const XmlElement& result) {
  return ListRoleTagsResponse{.tags = tags_of(result),
                              .is_truncated = result.text_at("IsTruncated") == "true",
                              .marker = result.optional_text("Marker")};
}

// ---- inline policies ----

QueryParams encode_request(const RolePolicyRequest& r) {
  QueryParams p = one("RoleName", r.role_name);
  p.add("PolicyName", r.policy_name);
  if (!r.policy_document.empty()) p.add("PolicyDocument", r.policy_document);
  return p;
}

core::Result<RolePolicyRequest> decode_role_policy_request(const QueryParams& params) {
  QueryReader in(params);
  return RolePolicyRequest{.role_name = text(in, "RoleName"),
                           .policy_name = text(in, "PolicyName"),
                           .policy_document = text(in, "PolicyDocument")};
}

void encode_response(const GetRolePolicyResponse& r, XmlWriter& result) {
  result.element("RoleName", r.role_name).element("PolicyName", r.policy_name);
  result.element("PolicyDocument", core::percent_encode(r.policy_document));
}

core::Result<GetRolePolicyResponse> decode_get_role_policy_response(const XmlElement& result) {
  return GetRolePolicyResponse{.role_name = result.text_at("RoleName"),
                               .policy_name = result.text_at("PolicyName"),
                               .policy_document = core::percent_decode(result.text_at("PolicyDocument"))};
}

void encode_response(const ListRolePoliciesResponse& r, XmlWriter& result) {
  result.open("PolicyNames");
  for (const auto& name : r.policy_names) result.element("member", name);
  result.close();
  write_paging(result, r.is_truncated, r.marker);
}

core::Result<ListRolePoliciesResponse> decode_list_role_policies_response(const XmlElement& result) {
  ListRolePoliciesResponse out{.is_truncated = result.text_at("IsTruncated") == "true",
                               .marker = result.optional_text("Marker")};
  for (const auto* m : result.members("PolicyNames")) out.policy_names.push_back(m->text);
  return out;
}

// ---- managed policies ----

QueryParams encode_request(const CreatePolicyRequest& r) {
  QueryParams p = one("PolicyName", r.policy_name);
  p.add("Path", r.path).add("PolicyDocument", r.policy_document).add("Description", r.description);
  add_tags(p, r.tags);
  return p;
}

core::Result<CreatePolicyRequest> decode_create_policy_request(const QueryParams& params) {
  QueryReader in(params);
  return CreatePolicyRequest{.policy_name = text(in, "PolicyName"),
                             .path = in.string("Path"),
                             .policy_document = text(in, "PolicyDocument"),
                             .description = in.string("Description"),
                             .tags = read_tags(in)};
}

void encode_response(const PolicyResponse& r, XmlWriter& result) {
  result.open("Policy");
  write_policy(result, r.policy);
  result.close();
}

core::Result<PolicyResponse> decode_policy_response(const XmlElement& result) {
  const auto* policy = result.child("Policy");
  if (policy == nullptr) return core::fail("aws.iam", "response has no Policy");
  return PolicyResponse{.policy = read_policy(*policy)};
}

QueryParams encode_request(const PolicyArnRequest& r) { return one("PolicyArn", r.policy_arn); }
core::Result<PolicyArnRequest> decode_policy_arn_request(const QueryParams& params) {
  return PolicyArnRequest{.policy_arn = text(QueryReader(params), "PolicyArn")};
}

QueryParams encode_request(const GetPolicyVersionRequest& r) {
  QueryParams p = one("PolicyArn", r.policy_arn);
  p.add("VersionId", r.version_id);
  return p;
}

core::Result<GetPolicyVersionRequest> decode_get_policy_version_request(const QueryParams& params) {
  QueryReader in(params);
  return GetPolicyVersionRequest{.policy_arn = text(in, "PolicyArn"), .version_id = text(in, "VersionId")};
}

void encode_response(const GetPolicyVersionResponse& r, XmlWriter& result) {
  const auto& v = r.policy_version;
  result.open("PolicyVersion").element("Document", core::percent_encode(v.document));
  result.element("VersionId", v.version_id).boolean("IsDefaultVersion", v.is_default_version);
  result.element("CreateDate", time_text(v.create_date)).close();
}

core::Result<GetPolicyVersionResponse> decode_get_policy_version_response(const XmlElement& result) {
  return GetPolicyVersionResponse{
      .policy_version = {.document = core::percent_decode(result.text_at("PolicyVersion/Document")),
                         .version_id = result.text_at("PolicyVersion/VersionId"),
                         .is_default_version = result.text_at("PolicyVersion/IsDefaultVersion") == "true",
                         .create_date = time_of(result, "PolicyVersion/CreateDate")}};
}

QueryParams encode_request(const ListPoliciesRequest& r) {
  QueryParams p;
  p.add("Scope", r.scope);
  if (r.only_attached) p.add("OnlyAttached", *r.only_attached ? "true" : "false");
  p.add("PathPrefix", r.path_prefix);
  add_paging(p, r.marker, r.max_items);
  return p;
}

core::Result<ListPoliciesRequest> decode_list_policies_request(const QueryParams& params) {
  QueryReader in(params);
  ListPoliciesRequest out{
      .scope = in.string("Scope"), .path_prefix = in.string("PathPrefix"), .marker = in.string("Marker")};
  auto attached = in.boolean("OnlyAttached", "onlyAttached");
  if (!attached) return attached.failure();
  out.only_attached = *attached;
  auto max = read_int(in, "MaxItems", "maxItems");
  if (!max) return max.failure();
  out.max_items = *max;
  return out;
}

void encode_response(const ListPoliciesResponse& r, XmlWriter& result) {
  result.open("Policies");
  for (const auto& p : r.policies) {
    result.open("member");
    write_policy(result, p);
    result.close();
  }
  result.close();
  write_paging(result, r.is_truncated, r.marker);
}

core::Result<ListPoliciesResponse> decode_list_policies_response(const XmlElement& result) {
  ListPoliciesResponse out{.is_truncated = result.text_at("IsTruncated") == "true",
                           .marker = result.optional_text("Marker")};
  for (const auto* m : result.members("Policies")) out.policies.push_back(read_policy(*m));
  return out;
}

QueryParams encode_request(const RolePolicyArnRequest& r) {
  QueryParams p = one("RoleName", r.role_name);
  p.add("PolicyArn", r.policy_arn);
  return p;
}

core::Result<RolePolicyArnRequest> decode_role_policy_arn_request(const QueryParams& params) {
  QueryReader in(params);
  return RolePolicyArnRequest{.role_name = text(in, "RoleName"), .policy_arn = text(in, "PolicyArn")};
}

void encode_response(const ListAttachedRolePoliciesResponse& r, XmlWriter& result) {
  result.open("AttachedPolicies");
  for (const auto& p : r.attached_policies)
    result.open("member").element("PolicyName", p.policy_name).element("PolicyArn", p.policy_arn).close();
  result.close();
  write_paging(result, r.is_truncated, r.marker);
}

core::Result<ListAttachedRolePoliciesResponse> decode_list_attached_role_policies_response(const XmlElement& result) {
  ListAttachedRolePoliciesResponse out{.is_truncated = result.text_at("IsTruncated") == "true",
                                       .marker = result.optional_text("Marker")};
  for (const auto* m : result.members("AttachedPolicies"))
    out.attached_policies.push_back({m->text_at("PolicyName"), m->text_at("PolicyArn")});
  return out;
}

}  // namespace hoplite::aws::iam::wire
