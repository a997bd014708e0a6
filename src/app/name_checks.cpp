#include "app/name_checks.hpp"

#include <string_view>

#include "hoplite/core/terminal_text.hpp"
#include "hoplite/oci/reference.hpp"

namespace hoplite::app {
namespace {

bool valid_user_part(std::string_view part) {
  if (part.empty()) return false;
  if (part.find_first_not_of("0123456789") == std::string_view::npos)
    return part.size() <= 10 && std::stoull(std::string(part)) <= 4294967294ULL;
  if (part.size() > 32 || part.front() == '-' || part.front() == '.') return false;
  for (char c : part) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string tag_problem(const std::string& tag) {
  if (oci::is_valid_tag(tag)) return {};
  return "'" + core::terminal_safe(tag, 200) +
         "' is not a tag: up to 128 of letters, digits, '_', '.' and '-', not starting with '.' or '-'";
}

std::string push_reference_problem(const std::string& ref) {
  if (ref.empty()) return "the reference is empty (give REGISTRY/REPOSITORY[:TAG], or leave --push out)";
  auto parsed = oci::Reference::parse(ref);
  return parsed ? std::string() : parsed.error().message;
}

std::string user_problem(const std::string& user) {
  std::string_view u = user;
  std::size_t colon = u.find(':');
  bool ok =
      valid_user_part(u.substr(0, colon)) && (colon == std::string_view::npos || valid_user_part(u.substr(colon + 1)));
  if (ok) return {};
  return "'" + core::terminal_safe(user, 200) + "' is not a user: NAME, UID, NAME:GROUP or UID:GID";
}

}  // namespace hoplite::app
