// SSM operations on single parameters: write (versions, tiers, types), read (by name, version or
// ARN), delete, history, tags.
#include <algorithm>
#include <limits>
#include <set>

#include "local/paging.hpp"
#include "local/ssm/ssm_names.hpp"
#include "local/ssm/ssm_service.hpp"
#include "local/ssm/ssm_state.hpp"
#include "local/ssm/ssm_values.hpp"
#include "local/store/database.hpp"
#include "local/validation.hpp"

namespace hoplite::local::ssm {
namespace {

using namespace aws::ssm;

constexpr std::size_t kStandardValueLimit = 4096;
constexpr std::size_t kAdvancedValueLimit = 8192;
constexpr std::string_view kDefaultKeyId = "alias/aws/ssm";

bool is_key_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '/' ||
         c == '_' || c == '-';
}

bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void check_tags(Violations& v, const std::vector<Tag>& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    std::string member = "tags." + std::to_string(i + 1) + ".member.";
    v.length(member + "key", tags[i].key, 1, 128);
    v.length(member + "value", tags[i].value, 0, 256);
  }
}

core::Result<void> check_put(const PutParameterRequest& r) {
  Violations v;
  v.length("name", r.name, 1, 2048);
  v.length("description", r.description, 0, 1024);
  v.length("value", r.value, 1, std::numeric_limits<std::size_t>::max());
  v.one_of("type", r.type, {"String", "StringList", "SecureString"});
  if (r.key_id) {
    v.length("keyId", *r.key_id, 1, 256);
    v.pattern("keyId", *r.key_id, std::all_of(r.key_id->begin(), r.key_id->end(), is_key_id_char),
              "^([a-zA-Z0-9:/_-]+)$");
  }
  v.length("allowedPattern", r.allowed_pattern, 0, 1024);
  v.one_of("tier", r.tier, {"Standard", "Advanced", "Intelligent-Tiering"});
  v.length("dataType", r.data_type, 0, 128);
  check_tags(v, r.tags);
  return v.finish();
}

/// The data type of a new version, checked against its value.
core::Result<std::string> data_type_of(const PutParameterRequest& r) {
  std::string type = r.data_type.value_or("text");
  if (type == "text" || type == "aws:ssm:integration") return type;
  if (type == "aws:ec2:image") {
    // The format only: AWS then checks (asynchronously) that the image exists, which a local
    // cloud without EC2 images cannot.
    std::string_view id = r.value;
    if (!id.starts_with("ami-") || (id.size() != 12 && id.size() != 21) || !is_hex(id.substr(4)))
      return validation("Parameter value, " + r.value.substr(0, 256) +
                        ", is not a valid AMI ID for the aws:ec2:image data type.");
    return type;
  }
  return validation("The following data type is not supported: " + type.substr(0, 128) +
                    " (Data type names are all lowercase.)");
}

core::Result<std::string> tier_of(const PutParameterRequest& r, const std::optional<StoredVersion>& existing) {
  std::string tier = r.tier.value_or(existing ? existing->tier : "Standard");
  if (tier == "Intelligent-Tiering") tier = r.value.size() > kStandardValueLimit ? "Advanced" : "Standard";
  if (existing && existing->tier == "Advanced" && tier == "Standard")
    return validation(
        "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the "
        "advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced "
        "parameter and recreate it as a standard parameter.");
  if (tier == "Standard" && r.value.size() > kStandardValueLimit)
    return validation(
        "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger "
        "parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see "
        "https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
  if (r.value.size() > kAdvancedValueLimit)
    return validation(
        "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have "
        "length less than or equal to 8192");
  return tier;
}

}  // namespace

core::Result<PutParameterResponse> SsmService::put_parameter(const CallContext& ctx, const PutParameterRequest& r) {
  if (auto ok = check_put(r); !ok) return ok.failure();
  if (auto ok = check_name(r.name, true); !ok) return ok.failure();
  const bool overwrite = r.overwrite.value_or(false);
  if (overwrite && !r.tags.empty())
    return validation(
        "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please "
        "remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or "
        "RemoveTagsFromResource.");
  if (r.tags.size() > kMaxTags) return aws_error("TooManyTagsError", "You can't add more than 50 tags to a parameter.");
  auto data_type = data_type_of(r);
  if (!data_type) return data_type.failure();
  return house_.db.transaction<PutParameterResponse>([&](store::Tx& tx) -> core::Result<PutParameterResponse> {
    ParameterTable table(tx, ctx.principal.account_id, ctx.region);
    auto existing = table.current(r.name);
    if (!existing) return existing.failure();
    if (*existing && !overwrite)
      return aws_error("ParameterAlreadyExists",
                       "The parameter already exists. To overwrite this value, set the overwrite option in the "
                       "request to true.");
    if (!*existing && !r.type) return validation("A parameter type is required when you create a parameter.");
    auto tier = tier_of(r, *existing);
    if (!tier) return tier.failure();
    StoredVersion v;
    v.name = r.name;
    v.version = *existing ? (*existing)->version + 1 : 1;
    v.type = r.type ? *r.type : (*existing)->type;
    if (r.key_id && v.type != "SecureString")
      return validation("KeyId is required for SecureString type parameter only.");
    v.value = r.value;
    // What a write leaves out stays as it was (AWS keeps the description and pattern).
    v.description = r.description ? r.description : (*existing ? (*existing)->description : std::nullopt);
    v.allowed_pattern =
        r.allowed_pattern ? r.allowed_pattern : (*existing ? (*existing)->allowed_pattern : std::nullopt);
    if (v.type == "SecureString")
      v.key_id = r.key_id ? r.key_id
                          : (*existing && (*existing)->key_id ? (*existing)->key_id
                                                              : std::optional<std::string>(std::string(kDefaultKeyId)));
    v.tier = *tier;
    v.data_type = *data_type;
    v.modified = ctx.now;
    v.modified_user = ctx.principal.arn;
    if (auto ok = check_allowed_pattern(v); !ok) return ok.failure();
    if (auto w = table.write(v, kMaxVersions); !w) return w.failure();
    for (const auto& t : r.tags)
      if (auto w = table.put_tag(r.name, t.key, t.value); !w) return w.failure();
    return PutParameterResponse{.version = v.version, .tier = v.tier};
  });
}

core::Result<GetParameterResponse> SsmService::get_parameter(const CallContext& ctx, const GetParameterRequest& r) {
  Violations v;
  v.length("name", r.name, 1, 2048);
  if (auto ok = v.finish(); !ok) return ok.failure();
  auto ref = parse_reference(ctx, r.name);
  if (!ref) return ref.failure();
  return house_.db.transaction<GetParameterResponse>([&](store::Tx& tx) -> core::Result<GetParameterResponse> {
    ParameterTable table(tx, ctx.principal.account_id, ctx.region);
    auto current = table.current(ref->name);
    if (!current) return current.failure();
    if (!*current) return parameter_not_found();
    std::optional<StoredVersion> found = *current;
    if (ref->selector) {
      if (!ref->version) return version_not_found(ref->name, *ref->selector);
      auto at = table.at_version(ref->name, *ref->version);
      if (!at) return at.failure();
      if (!*at) return version_not_found(ref->name, *ref->selector);
      found = std::move(*at);
    }
    GetParameterResponse out{to_parameter(ctx, *found, r.with_decryption.value_or(false))};
    out.parameter.selector = ref->selector;
    return out;
  });
}

core::Result<GetParametersResponse> SsmService::get_parameters(const CallContext& ctx, const GetParametersRequest& r) {
  Violations v;
  v.required("names", !r.names.empty());
  if (r.names.size() > 10) v.add("names", std::nullopt, "Member must have length less than or equal to 10");
  if (auto ok = v.finish(); !ok) return ok.failure();
  GetParametersResponse out;
  std::set<std::string> seen;
  for (const auto& text : r.names) {
    if (!seen.insert(text).second) continue;
    GetParameterRequest one{text, r.with_decryption};
    auto got = get_parameter(ctx, one);
    if (got) {
      out.parameters.push_back(std::move(got->parameter));
    } else if (got.error().code.find('.') != std::string::npos) {
      return got.failure();  // the store failed: not the caller's mistake
    } else {
      out.invalid_parameters.push_back(text);
    }
  }
  return out;
}

core::Result<void> SsmService::delete_parameter(const CallContext& ctx, const DeleteParameterRequest& r) {
  if (auto ok = check_name(r.name, false); !ok) return ok.failure();
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    auto removed = ParameterTable(tx, ctx.principal.account_id, ctx.region).remove(r.name);
    if (!removed) return removed.failure();
    if (!*removed) return parameter_not_found();
    return core::ok();
  });
}

core::Result<DeleteParametersResponse> SsmService::delete_parameters(const CallContext& ctx,
                                                                     const DeleteParametersRequest& r) {
  Violations v;
  v.required("names", !r.names.empty());
  if (r.names.size() > 10) v.add("names", std::nullopt, "Member must have length less than or equal to 10");
  if (auto ok = v.finish(); !ok) return ok.failure();
  return house_.db.transaction<DeleteParametersResponse>([&](store::Tx& tx) -> core::Result<DeleteParametersResponse> {
    ParameterTable table(tx, ctx.principal.account_id, ctx.region);
    DeleteParametersResponse out;
    std::set<std::string> seen;
    for (const auto& name : r.names) {
      if (!seen.insert(name).second) continue;
      bool removed = false;
      if (check_name(name, false)) {
        auto gone = table.remove(name);
        if (!gone) return gone.failure();
        removed = *gone;
      }
      (removed ? out.deleted_parameters : out.invalid_parameters).push_back(name);
    }
    return out;
  });
}

core::Result<GetParameterHistoryResponse> SsmService::get_parameter_history(const CallContext& ctx,
                                                                            const GetParameterHistoryRequest& r) {
  Violations v;
  v.length("name", r.name, 1, 2048);
  v.range("maxResults", r.max_results, 1, 50);
  if (auto ok = v.finish(); !ok) return ok.failure();
  auto ref = parse_reference(ctx, r.name);
  if (!ref) return ref.failure();
  std::int64_t after = 0;
  if (r.next_token) {
    auto position = read_page_token("ssm.GetParameterHistory", *r.next_token);
    if (!position || position->empty() ||
        !std::all_of(position->begin(), position->end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        position->size() > 18)
      return invalid_next_token();
    after = std::stoll(*position);
  }
  const std::size_t limit = static_cast<std::size_t>(r.max_results.value_or(50));
  return house_.db.transaction<GetParameterHistoryResponse>(
      [&](store::Tx& tx) -> core::Result<GetParameterHistoryResponse> {
        ParameterTable table(tx, ctx.principal.account_id, ctx.region);
        auto current = table.current(ref->name);
        if (!current) return current.failure();
        if (!*current) return parameter_not_found();
        auto versions = table.history(ref->name, after, limit + 1);
        if (!versions) return versions.failure();
        GetParameterHistoryResponse out;
        const bool decrypt = r.with_decryption.value_or(false);
        for (const auto& s : *versions) {
          if (out.parameters.size() == limit) {
            out.next_token = page_token("ssm.GetParameterHistory", std::to_string(out.parameters.back().version));
            break;
          }
          out.parameters.push_back(ParameterHistory{.name = s.name,
                                                    .type = s.type,
                                                    .key_id = s.key_id,
                                                    .last_modified_date = s.modified,
                                                    .last_modified_user = s.modified_user,
                                                    .description = s.description,
                                                    .value = visible_value(s, decrypt),
                                                    .allowed_pattern = s.allowed_pattern,
                                                    .version = s.version,
                                                    .labels = {},
                                                    .tier = s.tier,
                                                    .data_type = s.data_type});
        }
        return out;
      });
}

// ---- tags ----

namespace {

core::Result<void> check_tag_target(const std::string& type, const std::string& id) {
  Violations v;
  v.one_of("resourceType", type,
           {"Document", "ManagedInstance", "MaintenanceWindow", "Parameter", "PatchBaseline", "OpsItem", "OpsMetadata",
            "Automation", "Association"});
  v.required("resourceId", !id.empty());
  if (auto ok = v.finish(); !ok) return ok;
  if (type != "Parameter")
    return aws_error("InvalidResourceType",
                     "The local cloud's Parameter Store tags parameters only; " + type + " is not emulated.");
  return core::ok();
}

core::Failure invalid_resource_id() {
  return aws_error("InvalidResourceId", "The resource ID is not valid. Verify that the ID is correct and try again.");
}

}  // namespace

core::Result<void> SsmService::add_tags_to_resource(const CallContext& ctx, const AddTagsToResourceRequest& r) {
  if (auto ok = check_tag_target(r.resource_type, r.resource_id); !ok) return ok;
  Violations v;
  v.required("tags", !r.tags.empty());
  check_tags(v, r.tags);
  if (auto ok = v.finish(); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ParameterTable table(tx, ctx.principal.account_id, ctx.region);
    auto current = table.current(r.resource_id);
    if (!current) return current.failure();
    if (!*current) return invalid_resource_id();
    auto tags = table.tags(r.resource_id);
    if (!tags) return tags.failure();
    for (const auto& t : r.tags) (*tags)[t.key] = t.value;
    if (tags->size() > kMaxTags)
      return aws_error("TooManyTagsError", "You can't add more than 50 tags to a parameter.");
    for (const auto& t : r.tags)
      if (auto w = table.put_tag(r.resource_id, t.key, t.value); !w) return w;
    return core::ok();
  });
}

core::Result<void> SsmService::remove_tags_from_resource(const CallContext& ctx,
                                                         const RemoveTagsFromResourceRequest& r) {
  if (auto ok = check_tag_target(r.resource_type, r.resource_id); !ok) return ok;
  Violations v;
  v.required("tagKeys", !r.tag_keys.empty());
  if (auto ok = v.finish(); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ParameterTable table(tx, ctx.principal.account_id, ctx.region);
    auto current = table.current(r.resource_id);
    if (!current) return current.failure();
    if (!*current) return invalid_resource_id();
    for (const auto& key : r.tag_keys)
      if (auto w = table.remove_tag(r.resource_id, key); !w) return w;
    return core::ok();
  });
}

core::Result<ListTagsForResourceResponse> SsmService::list_tags_for_resource(const CallContext& ctx,
                                                                             const ListTagsForResourceRequest& r) {
  if (auto ok = check_tag_target(r.resource_type, r.resource_id); !ok) return ok.failure();
  return house_.db.transaction<ListTagsForResourceResponse>(
      [&](store::Tx& tx) -> core::Result<ListTagsForResourceResponse> {
        ParameterTable table(tx, ctx.principal.account_id, ctx.region);
        auto current = table.current(r.resource_id);
        if (!current) return current.failure();
        if (!*current) return invalid_resource_id();
        auto tags = table.tags(r.resource_id);
        if (!tags) return tags.failure();
        ListTagsForResourceResponse out;
        for (auto& [k, val] : *tags) out.tag_list.push_back({k, val});
        return out;
      });
}

}  // namespace hoplite::local::ssm
