#include "local/cloudformation/cfn_names.hpp"

#include "local/acting_service.hpp"
#include "local/ids.hpp"

namespace hoplite::local::cloudformation {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// AWS's `[a-zA-Z][-a-zA-Z0-9]*` names, at most `max` characters.
core::Result<void> check_name(std::string_view name, std::string_view member, std::size_t max) {
  std::string shown(name.substr(0, 256));
  if (name.empty() || name.size() > max)
    return aws_error("ValidationError",
                     "1 validation error detected: Value '" + shown + "' at '" + std::string(member) +
                         "' failed to satisfy constraint: Member must have length less than or equal to " +
                         std::to_string(max));
  bool ok = is_letter(name[0]);
  for (char c : name) ok = ok && (is_letter(c) || is_digit(c) || c == '-');
  if (!ok)
    return aws_error("ValidationError", "1 validation error detected: Value '" + shown + "' at '" +
                                            std::string(member) +
                                            "' failed to satisfy constraint: Member must satisfy regular expression "
                                            "pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*");
  return core::ok();
}

}  // namespace

std::string partition_of(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

std::string new_stack_id(std::string_view region, std::string_view account, std::string_view name) {
  return "arn:" + partition_of(region) + ":cloudformation:" + std::string(region) + ":" + std::string(account) +
         ":stack/" + std::string(name) + "/" + request_id();
}

std::string new_change_set_id(std::string_view region, std::string_view account, std::string_view name) {
  return "arn:" + partition_of(region) + ":cloudformation:" + std::string(region) + ":" + std::string(account) +
         ":changeSet/" + std::string(name) + "/" + request_id();
}

bool is_arn(std::string_view s) { return s.starts_with("arn:"); }

core::Result<void> check_stack_name(std::string_view name) { return check_name(name, "stackName", 128); }

core::Result<void> check_change_set_name(std::string_view name) { return check_name(name, "changeSetName", 128); }

core::Failure stack_not_found(std::string_view name_or_id) {
  return aws_error("ValidationError", "Stack with id " + std::string(name_or_id.substr(0, 1024)) + " does not exist");
}

core::Failure change_set_not_found(std::string_view name) {
  return aws_error("ChangeSetNotFound", "ChangeSet [" + std::string(name.substr(0, 1024)) + "] does not exist", 404);
}

cfn::StackContext stack_context(const StackRow& stack) {
  cfn::StackContext c;
  c.account_id = stack.account;
  c.region = stack.region;
  c.partition = partition_of(stack.region);
  c.url_suffix = c.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  c.stack_name = stack.name;
  c.stack_id = stack.id;
  c.notification_arns = stack.notification_arns;
  return c;
}

CallContext engine_call(const StackRow& stack, core::TimePoint now) {
  return CallContext{
      .request_id = request_id(),
      .region = stack.region,
      // As the operation's caller (stacks from before callers were kept: the account's root).
      .principal = auth::Principal{.account_id = stack.account,
                                   .arn = !stack.caller_arn.empty() ? stack.caller_arn
                                                                    : "arn:" + partition_of(stack.region) +
                                                                          ":iam::" + stack.account + ":root",
                                   .user_id = !stack.caller_user_id.empty() ? stack.caller_user_id : stack.account,
                                   .access_key_id = std::string(kCloudFormationCaller),
                                   .temporary = false},
      .now = now,
      .host = ""};
}

std::string random_alnum(std::size_t n) {
  std::string out;
  while (out.size() < n) {
    for (char c : random_base64ish(n * 2)) {
      if (out.size() == n) break;
      if (is_letter(c) || is_digit(c)) out += c;
    }
  }
  return out;
}

bool is_in_progress(std::string_view status) {
  return status.ends_with("_IN_PROGRESS") && status != "REVIEW_IN_PROGRESS";
}

}  // namespace hoplite::local::cloudformation
