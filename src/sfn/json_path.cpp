#include "sfn/json_path.hpp"

#include <cctype>
#include <cstddef>

namespace hoplite::sfn::detail {
namespace {

bool is_name_char(char c) {
  // ASL names in dot notation: anything except the JSONPath operators and whitespace.
  return c != '.' && c != '[' && c != ']' && c != '(' && c != ')' && c != '\'' && c != '"' && c != '*' && c != '?' &&
         c != '@' && c != ',' && c != ':' && c != '$' && !std::isspace(static_cast<unsigned char>(c));
}

// Parses the segments after the root; `general` admits wildcards, recursive descent, unions,
// slices and filters.
bool parse_segments(std::string_view p, std::size_t i, bool general) {
  while (i < p.size()) {
    if (p[i] == '.') {
      ++i;
      if (i < p.size() && p[i] == '.') {
        if (!general) return false;
        ++i;
      }
      if (i < p.size() && p[i] == '*' && general) {
        ++i;
        continue;
      }
      std::size_t start = i;
      while (i < p.size() && is_name_char(p[i])) ++i;
      if (i == start) return false;
    } else if (p[i] == '[') {
      std::size_t close = p.find(']', i);
      if (close == std::string_view::npos) return false;
      std::string_view inner = p.substr(i + 1, close - i - 1);
      if (inner.empty()) return false;
      if (inner.front() == '\'') {
        if (inner.size() < 3 || inner.back() != '\'') return false;
        if (inner.substr(1, inner.size() - 2).find('\'') != std::string_view::npos) return false;
      } else {
        bool digits = true;
        for (char c : inner) digits = digits && std::isdigit(static_cast<unsigned char>(c));
        if (!digits) {
          if (!general) return false;
          // [*], [a,b], [0:2], [-1:], [?(@.x > 1)]: accept the characters JSONPath allows.
          if (inner != "*" && inner.front() != '?') {
            for (char c : inner) {
              if (!std::isdigit(static_cast<unsigned char>(c)) && c != ',' && c != ':' && c != '-' && c != ' ')
                return false;
            }
          }
        }
      }
      i = close + 1;
    } else {
      return false;
    }
  }
  return true;
}

bool parse_path(std::string_view p, bool general) {
  if (p.empty() || p[0] != '$') return false;
  std::size_t i = 1;
  if (i < p.size() && p[i] == '$') ++i;  // context object
  return parse_segments(p, i, general);
}

}  // namespace

bool is_reference_path(std::string_view path) { return parse_path(path, false); }

bool is_json_path(std::string_view path) { return parse_path(path, true); }

bool is_dynamic_value(std::string_view value) {
  if (value.starts_with("States.")) {
    std::size_t open = value.find('(');
    return open != std::string_view::npos && open > 7 && value.back() == ')';
  }
  return is_json_path(value);
}

}  // namespace hoplite::sfn::detail
