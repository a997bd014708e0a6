// SSM listings: DescribeParameters (metadata, with Filters or ParameterFilters) and
// GetParametersByPath (values under a path). Both page in name order; the token is the last name.
#include <algorithm>
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

/// Rows read per step of a listing: filters run in code, so a page may need several steps.
constexpr std::size_t kScanBatch = 200;

constexpr std::string_view kBadPath =
    "The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward "
    "slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). It must use only letters, "
    "numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not "
    "allowed. All sub-paths, if specified, must use the forward slash symbol \"/\". Valid example: "
    "/get/parameters2-/by1./path0_.";

/// A checked filter: what to compare, how, with which values.
struct Filter {
  std::string key;     ///< Name, Type, KeyId, Path, Tier, DataType, Label or tag:<key>
  std::string option;  ///< Equals, BeginsWith, Contains, Recursive, OneLevel
  std::vector<std::string> values;
};

bool match_string(std::string_view option, std::string_view actual, const std::vector<std::string>& values) {
  for (const auto& v : values) {
    if (option == "Equals" && actual == v) return true;
    if (option == "BeginsWith" && actual.starts_with(v)) return true;
    if (option == "Contains" && actual.find(v) != std::string_view::npos) return true;
  }
  return false;
}

/// `foo` lives at the root like `/foo`: the path of a name is everything before its last slash.
std::string parent_path(std::string_view name) {
  std::string full = name.starts_with('/') ? std::string(name) : "/" + std::string(name);
  auto slash = full.rfind('/');
  return slash == 0 ? "/" : full.substr(0, slash);
}

bool under_path(std::string_view name, std::string_view path, bool recursive) {
  std::string parent = parent_path(name);
  std::string p(path);
  if (p.size() > 1 && p.back() == '/') p.pop_back();
  if (parent == p) return true;
  if (!recursive) return false;
  return p == "/" || parent.starts_with(p + "/");
}

bool matches(const Filter& f, const StoredVersion& v, const std::map<std::string, std::string>& tags) {
  if (f.key == "Name") {
    // Name filters compare with and without the leading slash, as the console shows names.
    std::string_view bare = v.name;
    if (bare.starts_with('/')) bare.remove_prefix(1);
    std::vector<std::string> bare_values;
    for (const auto& value : f.values) bare_values.push_back(value.starts_with('/') ? value.substr(1) : value);
    return match_string(f.option, bare, bare_values);
  }
  if (f.key == "Type") return match_string(f.option, v.type, f.values);
  if (f.key == "KeyId") return v.key_id && match_string(f.option, *v.key_id, f.values);
  if (f.key == "Tier") return match_string(f.option, v.tier, f.values);
  if (f.key == "DataType") return match_string(f.option, v.data_type, f.values);
  if (f.key == "Label") return false;  // labels are not emulated: no version carries one
  if (f.key == "Path") {
    for (const auto& p : f.values)
      if (under_path(v.name, p, f.option == "Recursive")) return true;
    return false;
  }
  // tag:<key>: the tag exists (no values) or its value matches.
  auto it = tags.find(f.key.substr(4));
  if (it == tags.end()) return false;
  return f.values.empty() || match_string(f.option, it->second, f.values);
}

bool valid_path(std::string_view path) {
  if (!path.starts_with('/')) return false;
  if (path == "/") return true;
  std::string_view p = path;
  if (p.back() == '/') p.remove_suffix(1);
  return check_name(p, false).ok();
}

/// Checks ParameterFilters against the keys `allowed` and turns them into Filters.
core::Result<std::vector<Filter>> check_filters(const std::vector<ParameterStringFilter>& in,
                                                std::initializer_list<std::string_view> allowed) {
  Violations v;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::string member = "parameterFilters." + std::to_string(i + 1) + ".member.";
    const auto& f = in[i];
    v.length(member + "key", f.key, 1, 132);
    bool known = f.key == "Name" || f.key == "Type" || f.key == "KeyId" || f.key == "Path" || f.key == "Tier" ||
                 f.key == "DataType" || f.key == "Label" || (f.key.starts_with("tag:") && f.key.size() > 4);
    v.pattern(member + "key", f.key, known, "tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType");
    v.length(member + "option", f.option, 1, 10);
    for (std::size_t j = 0; j < f.values.size(); ++j)
      v.length(member + "values." + std::to_string(j + 1) + ".member", f.values[j], 1, 1024);
    if (f.values.size() > 50)
      v.add(member + "values", std::nullopt, "Member must have length less than or equal to 50");
  }
  if (auto ok = v.finish(); !ok) return ok.failure();

  std::vector<Filter> out;
  std::set<std::string> seen;
  for (const auto& f : in) {
    std::string_view family = f.key.starts_with("tag:") ? std::string_view("tag") : std::string_view(f.key);
    if (std::find(allowed.begin(), allowed.end(), family) == allowed.end())
      return aws_error(
          "InvalidFilterKey", "The following filter key is not valid: " + f.key + ". Valid filter keys include: [" +
                                  [&] {
                                    std::string keys;
                                    for (auto a : allowed) keys += (keys.empty() ? "" : ", ") + std::string(a);
                                    return keys;
                                  }() +
                                  "].");
    if (!seen.insert(f.key).second)
      return validation("The following filter is duplicated in the request: " + f.key +
                        ". A request can contain only one occurrence of a specific filter.");
    std::vector<std::string_view> options;
    if (f.key == "Path") {
      options = {"Recursive", "OneLevel"};
    } else if (f.key == "Name" || family == "tag") {
      options = {"Equals", "BeginsWith", "Contains"};
    } else if (f.key == "Label") {
      options = {"Equals"};
    } else {
      options = {"Equals", "BeginsWith"};
    }
    std::string option = f.option.value_or(f.key == "Path" ? "OneLevel" : "Equals");
    if (std::find(options.begin(), options.end(), option) == options.end()) {
      std::string list;
      for (auto o : options) list += (list.empty() ? "" : ", ") + std::string(o);
      return aws_error("InvalidFilterOption", "The following filter option is not valid: " + option +
                                                  ". Valid options include: [" + list + "].");
    }
    if (f.values.empty() && family != "tag")
      return aws_error("InvalidFilterValue",
                       "The following filter values are missing : null for filter key " + f.key + ".");
    if (f.key == "Path")
      for (const auto& p : f.values)
        if (!valid_path(p)) return aws_error("InvalidFilterValue", std::string(kBadPath));
    out.push_back(Filter{f.key, option, f.values});
  }
  return out;
}

/// The old-style Filters of DescribeParameters: Name values are prefixes, Type and KeyId exact.
core::Result<std::vector<Filter>> check_old_filters(const std::vector<ParametersFilter>& in) {
  Violations v;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::string member = "filters." + std::to_string(i + 1) + ".member.";
    v.one_of(member + "key", in[i].key, {"Name", "Type", "KeyId"});
    if (in[i].values.empty())
      v.add(member + "values", std::nullopt, "Member must have length greater than or equal to 1");
    for (std::size_t j = 0; j < in[i].values.size(); ++j)
      v.length(member + "values." + std::to_string(j + 1) + ".member", in[i].values[j], 1, 1024);
  }
  if (auto ok = v.finish(); !ok) return ok.failure();
  std::vector<Filter> out;
  for (const auto& f : in) out.push_back(Filter{f.key, f.key == "Name" ? "BeginsWith" : "Equals", f.values});
  return out;
}

/// Pages through the current versions in name order from `token`, keeping those that pass every
/// filter (and `extra`), up to `limit`; sets the next token when more follow.
template <typename Extra>
core::Result<std::pair<std::vector<StoredVersion>, std::optional<std::string>>> scan(
    ParameterTable& table, std::string_view listing, const std::optional<std::string>& token, const std::string& prefix,
    const std::vector<Filter>& filters, std::size_t limit, Extra extra) {
  std::string after;
  if (token) {
    auto position = read_page_token(listing, *token);
    if (!position) return invalid_next_token();
    after = *position;
  }
  const bool needs_tags =
      std::any_of(filters.begin(), filters.end(), [](const Filter& f) { return f.key.starts_with("tag:"); });
  std::vector<StoredVersion> page;
  std::optional<std::string> next;
  while (true) {
    auto batch = table.list(after, prefix, kScanBatch);
    if (!batch) return batch.failure();
    for (auto& v : *batch) {
      std::map<std::string, std::string> tags;
      if (needs_tags) {
        auto t = table.tags(v.name);
        if (!t) return t.failure();
        tags = std::move(*t);
      }
      bool keep =
          extra(v) && std::all_of(filters.begin(), filters.end(), [&](const Filter& f) { return matches(f, v, tags); });
      if (!keep) continue;
      if (page.size() == limit) {
        // One more match exists: the page is full and a token leads on.
        next = page_token(listing, page.back().name);
        return std::make_pair(std::move(page), std::move(next));
      }
      page.push_back(std::move(v));
    }
    if (batch->size() < kScanBatch) break;
    after = batch->back().name;
  }
  return std::make_pair(std::move(page), std::move(next));
}

}  // namespace

core::Result<DescribeParametersResponse> SsmService::describe_parameters(const CallContext& ctx,
                                                                         const DescribeParametersRequest& r) {
  Violations v;
  v.range("maxResults", r.max_results, 1, 50);
  if (auto ok = v.finish(); !ok) return ok.failure();
  if (!r.filters.empty() && !r.parameter_filters.empty())
    return validation("You can use either Filters or ParameterFilters in a single request.");
  auto filters =
      r.filters.empty()
          ? check_filters(r.parameter_filters, {"Name", "Type", "KeyId", "Path", "Tier", "DataType", "Label", "tag"})
          : check_old_filters(r.filters);
  if (!filters) return filters.failure();
  const std::size_t limit = static_cast<std::size_t>(r.max_results.value_or(10));
  return house_.db.transaction<DescribeParametersResponse>(
      [&](store::Tx& tx) -> core::Result<DescribeParametersResponse> {
        ParameterTable table(tx, ctx.principal.account_id, ctx.region);
        auto found = scan(table, "ssm.DescribeParameters", r.next_token, "", *filters, limit,
                          [](const StoredVersion&) { return true; });
        if (!found) return found.failure();
        DescribeParametersResponse out;
        for (const auto& s : found->first)
          out.parameters.push_back(ParameterMetadata{.name = s.name,
                                                     .arn = parameter_arn(ctx, s.name),
                                                     .type = s.type,
                                                     .key_id = s.key_id,
                                                     .last_modified_date = s.modified,
                                                     .last_modified_user = s.modified_user,
                                                     .description = s.description,
                                                     .allowed_pattern = s.allowed_pattern,
                                                     .version = s.version,
                                                     .tier = s.tier,
                                                     .data_type = s.data_type});
        out.next_token = std::move(found->second);
        return out;
      });
}

core::Result<GetParametersByPathResponse> SsmService::get_parameters_by_path(const CallContext& ctx,
                                                                             const GetParametersByPathRequest& r) {
  Violations v;
  v.length("path", r.path, 1, 2048);
  v.range("maxResults", r.max_results, 1, 10);
  if (auto ok = v.finish(); !ok) return ok.failure();
  if (!valid_path(r.path)) return validation(std::string(kBadPath));
  auto filters = check_filters(r.parameter_filters, {"Type", "KeyId", "Label", "tag"});
  if (!filters) return filters.failure();
  std::string path = r.path;
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  const std::string prefix = path == "/" ? "/" : path + "/";
  const bool recursive = r.recursive.value_or(false);
  const std::size_t limit = static_cast<std::size_t>(r.max_results.value_or(10));
  return house_.db.transaction<GetParametersByPathResponse>(
      [&](store::Tx& tx) -> core::Result<GetParametersByPathResponse> {
        ParameterTable table(tx, ctx.principal.account_id, ctx.region);
        auto found = scan(table, "ssm.GetParametersByPath", r.next_token, prefix, *filters, limit,
                          [&](const StoredVersion& s) { return under_path(s.name, path, recursive); });
        if (!found) return found.failure();
        GetParametersByPathResponse out;
        const bool decrypt = r.with_decryption.value_or(false);
        for (const auto& s : found->first) out.parameters.push_back(to_parameter(ctx, s, decrypt));
        out.next_token = std::move(found->second);
        return out;
      });
}

}  // namespace hoplite::local::ssm
