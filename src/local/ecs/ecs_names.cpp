#include "local/ecs/ecs_names.hpp"

#include <charconv>

#include "local/regions.hpp"

namespace hoplite::local::ecs {
namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 255) return false;
  for (char c : s)
    if (!name_char(c)) return false;
  return true;
}

/// `arn:<partition>:ecs:<region>:<account>:<kind>/`.
std::string arn_prefix(const Scope& s, std::string_view kind) {
  return "arn:" + partition_of(s.region) + ":ecs:" + s.region + ":" + s.account + ":" + std::string(kind) + "/";
}

/// The rest of `reference` after the ARN prefix of `kind`, or nullopt when it is an ARN of
/// something else (or of another scope). A reference that is not an ARN is returned as is.
std::optional<std::string_view> strip_arn(const Scope& s, std::string_view reference, std::string_view kind) {
  if (!reference.starts_with("arn:")) return reference;
  std::string prefix = arn_prefix(s, kind);
  if (!reference.starts_with(prefix)) return std::nullopt;
  return reference.substr(prefix.size());
}

bool is_task_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!name_char(c)) return false;
  return true;
}

}  // namespace

Scope scope_of(const CallContext& ctx) { return Scope{ctx.principal.account_id, ctx.region}; }

bool valid_cluster_name(std::string_view name) { return valid_name(name); }
bool valid_family(std::string_view family) { return valid_name(family); }

std::string cluster_arn(const Scope& s, std::string_view name) { return arn_prefix(s, "cluster") + std::string(name); }

std::string task_definition_arn(const Scope& s, std::string_view family, int revision) {
  return arn_prefix(s, "task-definition") + std::string(family) + ":" + std::to_string(revision);
}

std::string task_arn(const Scope& s, std::string_view cluster, std::string_view id) {
  return arn_prefix(s, "task") + std::string(cluster) + "/" + std::string(id);
}

std::string service_arn(const Scope& s, std::string_view cluster, std::string_view name) {
  return arn_prefix(s, "service") + std::string(cluster) + "/" + std::string(name);
}

std::string container_arn(const Scope& s, std::string_view cluster, std::string_view task_id,
                          std::string_view container_id) {
  return arn_prefix(s, "container") + std::string(cluster) + "/" + std::string(task_id) + "/" +
         std::string(container_id);
}

std::optional<std::string> cluster_name(const Scope& s, const std::optional<std::string>& reference) {
  if (!reference || reference->empty()) return std::string("default");
  auto name = strip_arn(s, *reference, "cluster");
  if (!name || !valid_name(*name)) return std::nullopt;
  return std::string(*name);
}

std::optional<TaskDefinitionRef> parse_task_definition(const Scope& s, std::string_view reference) {
  auto rest = strip_arn(s, reference, "task-definition");
  if (!rest) return std::nullopt;
  TaskDefinitionRef out;
  std::string_view family = *rest;
  if (auto colon = family.rfind(':'); colon != std::string_view::npos) {
    std::string_view digits = family.substr(colon + 1);
    int revision = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), revision);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || revision < 1)
      return std::nullopt;
    out.revision = revision;
    family = family.substr(0, colon);
  } else if (reference.starts_with("arn:")) {
    return std::nullopt;  // an ARN always names a revision
  }
  if (!valid_name(family)) return std::nullopt;
  out.family = std::string(family);
  return out;
}

std::optional<std::string> task_id(const Scope& s, std::string_view reference) {
  auto rest = strip_arn(s, reference, "task");
  if (!rest) return std::nullopt;
  std::string_view id = *rest;
  if (reference.starts_with("arn:")) {
    if (auto slash = id.rfind('/'); slash != std::string_view::npos) id = id.substr(slash + 1);
  }
  if (!is_task_id(id)) return std::nullopt;
  return std::string(id);
}

core::Failure client_error(std::string message) { return aws_error("ClientException", std::move(message)); }
core::Failure invalid_parameter(std::string message) {
  return aws_error("InvalidParameterException", std::move(message));
}
core::Failure cluster_not_found() { return aws_error("ClusterNotFoundException", "Cluster not found."); }

}  // namespace hoplite::local::ecs
