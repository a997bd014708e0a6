#include "local/iam/iam_names.hpp"

#include <algorithm>

#include "local/ids.hpp"
#include "local/service.hpp"

namespace hoplite::local::iam {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
         c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

}  // namespace

void check_name(Violations& v, std::string_view member, std::string_view name, std::size_t max) {
  v.length(member, name, 1, max);
  if (!name.empty()) v.pattern(member, name, std::all_of(name.begin(), name.end(), is_name_char), "[\\w+=,.@-]+");
}

core::Result<void> check_path(const std::string& path) {
  bool ok = !path.empty() && path.size() <= 512 && path.front() == '/' && path.back() == '/' &&
            std::all_of(path.begin(), path.end(), [](char c) { return c >= '!' && c <= '~'; });
  if (!ok)
    return aws_error("ValidationError",
                     "The specified value for path is invalid. It must begin and end with / and contain only "
                     "alphanumeric characters and/or / characters.");
  return core::ok();
}

std::string iam_arn(std::string_view account, std::string_view kind, std::string_view path, std::string_view name) {
  return "arn:aws:iam::" + std::string(account) + ":" + std::string(kind) + std::string(path) + std::string(name);
}

std::string unique_id(std::string_view prefix) {
  // IAM ids are upper-case letters and digits 2–7 after the prefix; random_upper_alnum's
  // alphabet is close enough for a local id (they are opaque to every client).
  return std::string(prefix) + random_upper_alnum(17);
}

core::Failure no_such_role(std::string_view name) {
  return aws_error("NoSuchEntity", "The role with name " + std::string(name.substr(0, 64)) + " cannot be found.", 404);
}

core::Failure no_such_entity(std::string message) { return aws_error("NoSuchEntity", std::move(message), 404); }

core::Failure delete_conflict(std::string message) { return aws_error("DeleteConflict", std::move(message), 409); }

core::Result<void> finish(const Violations& v) { return v.finish("ValidationError"); }

}  // namespace hoplite::local::iam
