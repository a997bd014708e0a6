#include "local/lambda/lambda_names.hpp"

#include <algorithm>
#include <vector>

#include "hoplite/core/time_format.hpp"
#include "local/service.hpp"

namespace hoplite::local::lambda {
namespace {

constexpr std::string_view kFunctionNamePattern =
    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)"
    "(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

bool lambda_is_digits(std::string_view s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool lambda_is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool is_qualifier(std::string_view q) {
  return q == "$LATEST" || (!q.empty() && q.size() <= 128 && std::all_of(q.begin(), q.end(), [](char c) {
           return lambda_is_alnum(c) || c == '-' || c == '_';
         }));
}

/// `us-east-1`, `us-gov-west-1`: two letters, words, one digit.
bool is_lambda_region(std::string_view r) {
  if (r.size() < 6 || r.size() > 32) return false;
  auto last_dash = r.rfind('-');
  if (last_dash == std::string_view::npos || !lambda_is_digits(r.substr(last_dash + 1), 1)) return false;
  return std::all_of(r.begin(), r.begin() + static_cast<std::ptrdiff_t>(last_dash),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

std::vector<std::string_view> split_colons(std::string_view s) {
  std::vector<std::string_view> out;
  while (out.size() < 9) {
    auto colon = s.find(':');
    out.push_back(s.substr(0, colon));
    if (colon == std::string_view::npos) return out;
    s.remove_prefix(colon + 1);
  }
  out.push_back(s);  // too many parts: the caller refuses the count
  return out;
}

}  // namespace

bool is_function_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(), [](char c) { return lambda_is_alnum(c) || c == '-' || c == '_'; });
}

core::Result<FunctionRef> parse_function_ref(std::string_view text, std::string_view member) {
  Violations v;
  v.length(member, text, 1, 140);
  if (!v.empty()) return v.finish().failure();
  auto parts = split_colons(text);
  FunctionRef out;
  bool ok = true;
  auto take_name = [&](std::size_t i) {
    ok = ok && is_function_name(parts[i]);
    out.name = std::string(parts[i]);
    if (i + 1 < parts.size()) {
      ok = ok && is_qualifier(parts[i + 1]);
      out.qualifier = std::string(parts[i + 1]);
    }
  };
  switch (parts.size()) {
    case 1:
    case 2:  // name[:qualifier]
      take_name(0);
      break;
    case 3:
    case 4:  // account:function:name[:qualifier]
      ok = lambda_is_digits(parts[0], 12) && parts[1] == "function";
      out.account = std::string(parts[0]);
      take_name(2);
      break;
    case 7:
    case 8:  // arn:aws:lambda:region:account:function:name[:qualifier]
      ok = parts[0] == "arn" && parts[1].starts_with("aws") && parts[2] == "lambda" && is_lambda_region(parts[3]) &&
           lambda_is_digits(parts[4], 12) && parts[5] == "function";
      out.region = std::string(parts[3]);
      out.account = std::string(parts[4]);
      take_name(6);
      break;
    default:
      ok = false;
  }
  if (!ok) {
    v.pattern(member, text, false, kFunctionNamePattern);
    return v.finish().failure();
  }
  return out;
}

bool is_role_arn(std::string_view arn) {
  if (!arn.starts_with("arn:aws")) return false;
  auto colon = arn.find(':', 4);
  if (colon == std::string_view::npos) return false;
  auto partition = arn.substr(4, colon - 4);
  if (!std::all_of(partition.begin(), partition.end(), [](char c) { return lambda_is_alnum(c) || c == '-'; }))
    return false;
  std::string_view rest = arn.substr(colon + 1);
  if (!rest.starts_with("iam::")) return false;
  rest.remove_prefix(5);
  if (rest.size() < 13 || !lambda_is_digits(rest.substr(0, 12), 12) || rest[12] != ':') return false;
  rest.remove_prefix(13);
  if (!rest.starts_with("role")) return false;
  rest.remove_prefix(4);
  if (rest.starts_with('/')) rest.remove_prefix(1);
  return !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) {
    return lambda_is_alnum(c) || std::string_view("_+=,.@-/").find(c) != std::string_view::npos;
  });
}

bool is_environment_key(std::string_view key) {
  if (key.size() < 2 || !((key[0] >= 'a' && key[0] <= 'z') || (key[0] >= 'A' && key[0] <= 'Z'))) return false;
  return std::all_of(key.begin(), key.end(), [](char c) { return lambda_is_alnum(c) || c == '_'; });
}

void check_runtime(Violations& v, const std::optional<std::string>& runtime) {
  // Lambda's model enum (deprecated runtimes included: they stay valid names for existing
  // functions; AWS refuses creating some of them, which is not modelled).
  v.one_of("runtime", runtime,
           {"nodejs",     "nodejs4.3",      "nodejs6.10",    "nodejs8.10",    "nodejs10.x",     "nodejs12.x",
            "nodejs14.x", "nodejs16.x",     "nodejs18.x",    "nodejs20.x",    "nodejs22.x",     "java8",
            "java8.al2",  "java11",         "java17",        "java21",        "python2.7",      "python3.6",
            "python3.7",  "python3.8",      "python3.9",     "python3.10",    "python3.11",     "python3.12",
            "python3.13", "dotnetcore1.0",  "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1",  "dotnet6",
            "dotnet8",    "nodejs4.3-edge", "go1.x",         "ruby2.5",       "ruby2.7",        "ruby3.2",
            "ruby3.3",    "ruby3.4",        "provided",      "provided.al2",  "provided.al2023"});
}

std::string function_arn(std::string_view region, std::string_view account, std::string_view name) {
  return "arn:aws:lambda:" + std::string(region) + ":" + std::string(account) + ":function:" + std::string(name);
}

std::string lambda_timestamp(core::TimePoint t) {
  std::string s = core::format_iso8601_millis(t);  // …T00:00:00.000Z
  if (s.ends_with('Z')) s.pop_back();
  return s + "+0000";
}

core::Failure function_not_found(std::string_view arn) {
  return aws_error("ResourceNotFoundException", "Function not found: " + std::string(arn), 404);
}

core::Failure invalid_parameter(std::string message) {
  return aws_error("InvalidParameterValueException", std::move(message), 400);
}

}  // namespace hoplite::local::lambda
