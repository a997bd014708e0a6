#include "local/logs/filter_pattern.hpp"

#include <algorithm>

#include "local/service.hpp"

namespace hoplite::local::logs {
namespace {

constexpr std::size_t kMaxPatternLength = 1024;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

core::Failure invalid(std::string message) { return aws_error("InvalidParameterException", std::move(message)); }

}  // namespace

core::Result<FilterPattern> FilterPattern::parse(std::string_view text) {
  if (text.size() > kMaxPatternLength)
    return invalid(
        "1 validation error detected: Value at 'filterPattern' failed to satisfy constraint: Member must "
        "have length less than or equal to 1024");
  FilterPattern out;
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  if (i < text.size() && (text[i] == '{' || text[i] == '['))
    return invalid(
        "JSON and space-delimited filter patterns are not supported by the local cloud; use terms, \"phrases\", "
        "?optional and -excluded terms.");
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    std::vector<std::string>* into = &out.required_;
    if (text[i] == '?' || text[i] == '-') {
      into = text[i] == '?' ? &out.any_of_ : &out.excluded_;
      ++i;
    }
    std::string term;
    if (i < text.size() && text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < text.size()) {
        char c = text[i++];
        if (c == '\\' && i < text.size()) {
          term += text[i++];
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          term += c;
        }
      }
      if (!closed) return invalid("Invalid filter pattern: a quoted term is not closed.");
    } else {
      while (i < text.size() && !is_space(text[i])) term += text[i++];
    }
    if (!term.empty()) into->push_back(std::move(term));
  }
  return out;
}

bool FilterPattern::matches(std::string_view message) const {
  auto has = [&](const std::string& term) { return message.find(term) != std::string_view::npos; };
  if (!std::all_of(required_.begin(), required_.end(), has)) return false;
  if (std::any_of(excluded_.begin(), excluded_.end(), has)) return false;
  return any_of_.empty() || std::any_of(any_of_.begin(), any_of_.end(), has);
}

}  // namespace hoplite::local::logs
