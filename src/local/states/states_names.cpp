#include "local/states/states_names.hpp"

#include <fmt/format.h>

#include <vector>

#include "local/auth/accounts.hpp"
#include "local/regions.hpp"

namespace hoplite::local::states {
namespace {

// Longest ARN read; anything longer is not one (AWS's own limit is 256 for state machines).
constexpr std::size_t kMaxArnBytes = 2048;

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

// The shown part of a hostile ARN: cut, so an error message stays small.
std::string shown(std::string_view arn) { return std::string(arn.substr(0, 256)); }

core::Result<StatesArn> parse(const CallContext& ctx, std::string_view arn, std::string_view want) {
  if (arn.size() > kMaxArnBytes) return invalid_arn("Invalid ARN prefix: " + shown(arn));
  auto parts = split(arn, ':');
  if (parts.size() < 7 || parts[0] != "arn" || parts[2] != "states" || !parts[1].starts_with("aws"))
    return invalid_arn("Invalid ARN prefix: " + shown(arn));
  StatesArn out{.region = std::string(parts[3]),
                .account = std::string(parts[4]),
                .type = std::string(parts[5]),
                .machine = std::string(parts[6]),
                .execution = {}};
  if (out.type != want) return invalid_arn("Resource type not valid in this context: " + shown(out.type));
  std::size_t expected = want == "stateMachine" ? 7 : 8;
  if (parts.size() != expected || !is_valid_name(out.machine) || (expected == 8 && !is_valid_name(parts[7])) ||
      !auth::is_account_id(out.account) || !is_region_name(out.region))
    return invalid_arn("Invalid ARN: " + shown(arn));
  if (expected == 8) out.execution = std::string(parts[7]);
  if (out.account != ctx.principal.account_id || out.region != ctx.region) {
    if (want == "stateMachine") return state_machine_does_not_exist(arn);
    return execution_does_not_exist(arn);
  }
  return out;
}

}  // namespace

bool is_valid_name(std::string_view name) {
  if (name.empty() || name.size() > 80) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return false;
    if (std::string_view("<>{}[]?*\"#%\\^|~`$&,;:/").find(c) != std::string_view::npos) return false;
  }
  return true;
}

std::string state_machine_arn(const CallContext& ctx, std::string_view name) {
  return fmt::format("arn:{}:states:{}:{}:stateMachine:{}", partition_of(ctx.region), ctx.region,
                     ctx.principal.account_id, name);
}

core::Result<StatesArn> parse_state_machine_arn(const CallContext& ctx, std::string_view arn) {
  return parse(ctx, arn, "stateMachine");
}

core::Result<StatesArn> parse_execution_arn(const CallContext& ctx, std::string_view arn) {
  return parse(ctx, arn, "execution");
}

bool is_role_arn(std::string_view arn) {
  if (arn.size() > kMaxArnBytes) return false;
  auto parts = split(arn, ':');
  return parts.size() == 6 && parts[0] == "arn" && parts[1].starts_with("aws") && parts[2] == "iam" &&
         parts[3].empty() && auth::is_account_id(parts[4]) && parts[5].starts_with("role/") && parts[5].size() > 5;
}

core::Failure state_machine_does_not_exist(std::string_view arn) {
  return aws_error("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + shown(arn) + "'");
}

core::Failure execution_does_not_exist(std::string_view arn) {
  return aws_error("ExecutionDoesNotExist", "Execution Does Not Exist: '" + shown(arn) + "'");
}

core::Failure invalid_arn(std::string_view why) {
  return aws_error("InvalidArn", "Invalid Arn: '" + std::string(why) + "'");
}

core::Failure invalid_name(std::string_view name) {
  return aws_error("InvalidName", "Invalid Name: '" + shown(name) + "'");
}

core::Failure invalid_token() { return aws_error("InvalidToken", "Invalid Token: 'Invalid token'"); }

}  // namespace hoplite::local::states
