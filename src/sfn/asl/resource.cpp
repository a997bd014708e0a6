#include "sfn/asl/resource.hpp"

#include <vector>

namespace hoplite::sfn::asl {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    auto at = s.find(sep);
    if (at == std::string_view::npos) break;
    parts.push_back(s.substr(0, at));
    s.remove_prefix(at + 1);
  }
  parts.push_back(s);
  return parts;
}

bool valid_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) <= ' ' || c == ':') return false;
  return true;
}

}  // namespace

std::optional<ResourceArn> parse_resource(std::string_view arn) {
  // arn:PARTITION:SERVICE:REGION:ACCOUNT:REST
  auto parts = split(arn, ':', 6);
  if (parts.size() != 6 || parts[0] != "arn" || parts[1].empty()) return std::nullopt;
  ResourceArn out;
  if (parts[2] == "lambda") {
    auto rest = split(parts[5], ':', 3);
    if (rest.size() < 2 || rest[0] != "function" || !valid_name(rest[1])) return std::nullopt;
    out.kind = ResourceArn::Kind::kLambdaFunction;
    out.resource_type = "lambda";
    out.action = "invoke";
    return out;
  }
  auto other = [&]() -> std::optional<ResourceArn> {
    if (parts[2].empty() || parts[5].empty()) return std::nullopt;
    out.kind = ResourceArn::Kind::kOther;
    out.resource_type = std::string(parts[2]);
    out.action = std::string(parts[5]);
    return out;
  };
  if (parts[2] != "states") return other();
  if (!parts[3].empty() || !parts[4].empty()) {
    auto rest = split(parts[5], ':', 2);
    if (rest.size() != 2 || rest[0] != "activity" || !valid_name(rest[1])) return other();
    out.kind = ResourceArn::Kind::kActivity;
    out.resource_type = "activity";
    out.action = std::string(rest[1]);
    return out;
  }
  // arn:aws:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken], SERVICE may be aws-sdk:NAME
  std::string_view rest = parts[5];
  std::string_view service;
  if (rest.starts_with("aws-sdk:")) {
    auto colon = rest.find(':', 8);
    if (colon == std::string_view::npos) return std::nullopt;
    service = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  } else {
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    service = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  std::string_view action = rest;
  std::string_view base = action;
  if (action.ends_with(".waitForTaskToken")) {
    out.pattern = Integration::wait_for_task_token;
    base = action.substr(0, action.size() - 17);
  } else if (action.ends_with(".sync:2")) {
    out.pattern = Integration::run_job;
    base = action.substr(0, action.size() - 7);
  } else if (action.ends_with(".sync")) {
    out.pattern = Integration::run_job;
    base = action.substr(0, action.size() - 5);
  }
  if (!valid_name(service) && !service.starts_with("aws-sdk:")) return std::nullopt;
  if (!valid_name(base) || base.find('.') != std::string_view::npos) return std::nullopt;
  out.resource_type = std::string(service);
  out.action = std::string(action);
  return out;
}

}  // namespace hoplite::sfn::asl
