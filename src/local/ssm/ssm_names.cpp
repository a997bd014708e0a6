#include "local/ssm/ssm_names.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "local/regions.hpp"

namespace hoplite::local::ssm {
namespace {

constexpr std::string_view kBadName =
    "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as a path, it can "
    "consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and "
    "the following 3 symbols .-_";

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool starts_with_reserved(std::string_view segment) {
  auto lower3 = [&](std::string_view prefix) {
    if (segment.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (static_cast<char>(std::tolower(static_cast<unsigned char>(segment[i]))) != prefix[i]) return false;
    return true;
  };
  return lower3("aws") || lower3("ssm");
}

}  // namespace

core::Result<void> check_name(std::string_view name, bool writing) {
  if (name.empty() || name.size() > 2048)
    return validation("1 validation error detected: Value '" + std::string(name.substr(0, 256)) +
                      "' at 'name' failed to satisfy constraint: Member must have length " +
                      (name.empty() ? "greater than or equal to 1" : "less than or equal to 2048"));
  if (name.find('/') != std::string_view::npos && name.front() != '/')
    return validation("Parameter name must be a fully qualified name.");
  std::string_view rest = name.front() == '/' ? name.substr(1) : name;
  std::size_t levels = 0;
  while (true) {
    auto slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || !std::all_of(segment.begin(), segment.end(), is_name_char))
      return validation(std::string(kBadName));
    if (writing && levels == 0 && starts_with_reserved(segment)) return validation(std::string(kBadName));
    ++levels;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (levels > kMaxHierarchyLevels)
    return aws_error("HierarchyLevelLimitExceededException",
                     "A parameter hierarchy can have a maximum of 15 levels. To create a parameter, use a "
                     "hierarchy with 15 or fewer levels.");
  return core::ok();
}

core::Result<NameReference> parse_reference(const CallContext& ctx, std::string_view text) {
  NameReference out;
  std::string_view name = text;
  if (name.starts_with("arn:")) {
    // arn:<partition>:ssm:<region>:<account>:parameter/<name>
    std::string prefix =
        "arn:" + partition_of(ctx.region) + ":ssm:" + ctx.region + ":" + ctx.principal.account_id + ":parameter";
    if (!name.starts_with(prefix) || name.size() <= prefix.size() + 1 || name[prefix.size()] != '/')
      return validation("The parameter ARN " + std::string(text.substr(0, 256)) + " is not valid.");
    name.remove_prefix(prefix.size());
    // A path keeps its leading slash; a plain name loses it.
    std::string_view after = name.substr(1);
    if (after.find('/') == std::string_view::npos) name = after;
  }
  if (auto colon = name.rfind(':'); colon != std::string_view::npos) {
    std::string_view selector = name.substr(colon + 1);
    out.selector = ":" + std::string(selector);
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(selector.data(), selector.data() + selector.size(), v);
    if (!selector.empty() && ec == std::errc{} && end == selector.data() + selector.size() && v > 0) out.version = v;
    name = name.substr(0, colon);
  }
  if (auto ok = check_name(name, false); !ok) return ok.failure();
  out.name = std::string(name);
  return out;
}

std::string parameter_arn(const CallContext& ctx, std::string_view name) {
  std::string arn =
      "arn:" + partition_of(ctx.region) + ":ssm:" + ctx.region + ":" + ctx.principal.account_id + ":parameter";
  if (name.empty() || name.front() != '/') arn += '/';
  arn += name;
  return arn;
}

core::Failure parameter_not_found() { return aws_error("ParameterNotFound", ""); }

core::Failure version_not_found(std::string_view name, std::string_view selector) {
  return aws_error("ParameterVersionNotFound", "Systems Manager could not find version " +
                                                   std::string(selector.substr(selector.starts_with(':') ? 1 : 0)) +
                                                   " of " + std::string(name) + ". Verify the version and try again.");
}

core::Failure validation(std::string message) { return aws_error("ValidationException", std::move(message)); }

core::Failure invalid_next_token() { return aws_error("InvalidNextToken", "The specified token is not valid."); }

}  // namespace hoplite::local::ssm
