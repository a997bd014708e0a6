#include "local/ecr/ecr_names.hpp"

#include "local/validation.hpp"

namespace hoplite::local::ecr {
namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// `[a-z0-9]+(?:[._-][a-z0-9]+)*`
bool is_component(std::string_view c) {
  if (c.empty() || !lower_alnum(c.front()) || !lower_alnum(c.back())) return false;
  for (std::size_t i = 1; i < c.size(); ++i)
    if (!lower_alnum(c[i]) && !lower_alnum(c[i - 1])) return false;  // two separators in a row
  for (char ch : c)
    if (!lower_alnum(ch) && ch != '.' && ch != '_' && ch != '-') return false;
  return true;
}

}  // namespace

bool is_repository_name(std::string_view name) {
  std::size_t start = 0;
  while (true) {
    auto slash = name.find('/', start);
    if (!is_component(name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start)))
      return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

core::Result<void> check_repository_name(std::string_view name) {
  Violations v;
  v.length("repositoryName", name, 2, 256);
  if (auto r = v.finish(); !r) return r;
  if (!is_repository_name(name))
    return invalid_parameter(
        "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression "
        "'(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
  return core::ok();
}

core::Result<void> check_registry_id(const CallContext& ctx, const std::optional<std::string>& registry_id) {
  if (!registry_id || *registry_id == ctx.principal.account_id) return core::ok();
  bool digits = registry_id->size() == 12;
  for (char c : *registry_id) digits = digits && c >= '0' && c <= '9';
  if (!digits)
    return invalid_parameter(
        "Invalid parameter at 'registryId' failed to satisfy constraint: 'must satisfy regular "
        "expression '[0-9]{12}''");
  return core::fail(core::Error{"AccessDeniedException",
                                "User: " + ctx.principal.arn + " is not authorized to access registry " + *registry_id,
                                400,
                                false,
                                {}});
}

std::string repository_arn(const CallContext& ctx, std::string_view name) {
  return "arn:aws:ecr:" + ctx.region + ":" + ctx.principal.account_id + ":repository/" + std::string(name);
}

std::string repository_uri(const CallContext& ctx, std::string_view name) {
  std::string host = ctx.host.empty() ? std::string("127.0.0.1:4566") : ctx.host;
  // `localhost:4566` works for docker and skopeo too, but the documented form is the IP one.
  return host + "/" + std::string(name);
}

core::Failure repository_not_found(const CallContext& ctx, std::string_view name) {
  return aws_error("RepositoryNotFoundException",
                   "The repository with name '" + std::string(name) + "' does not exist in the registry with id '" +
                       ctx.principal.account_id + "'",
                   400);
}

core::Failure invalid_parameter(std::string message) {
  return aws_error("InvalidParameterException", std::move(message), 400);
}

}  // namespace hoplite::local::ecr
