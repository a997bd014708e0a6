#include "sfn_recorded/placeholder_match.hpp"

#include <fmt/format.h>

namespace hoplite::sfn::recorded {

std::vector<PlaceholderMatcher::Piece> PlaceholderMatcher::pieces(std::string_view s) {
  std::vector<Piece> out;
  std::string literal;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '<') {
      std::size_t close = s.find('>', i + 1);
      std::size_t reopen = s.find('<', i + 1);
      if (close != std::string_view::npos && close > i + 1 && (reopen == std::string_view::npos || reopen > close) &&
          s.substr(i, close - i).find(' ') == std::string_view::npos) {
        if (!literal.empty()) out.push_back({false, std::exchange(literal, {})});
        out.push_back({true, std::string(s.substr(i, close - i + 1))});
        i = close + 1;
        continue;
      }
    }
    literal.push_back(s[i++]);
  }
  if (!literal.empty()) out.push_back({false, literal});
  return out;
}

// Backtracking over where each unbound placeholder ends; bindings made on a failed branch are
// undone. Test-side only (recorded strings are short).
bool PlaceholderMatcher::match_pieces(const std::vector<Piece>& p, std::size_t k, std::string_view a, std::size_t at) {
  if (k == p.size()) return at == a.size();
  const Piece& piece = p[k];
  if (!piece.placeholder) {
    if (a.substr(at, piece.text.size()) != piece.text) return false;
    return match_pieces(p, k + 1, a, at + piece.text.size());
  }
  if (auto it = bound_.find(piece.text); it != bound_.end()) {
    if (a.substr(at, it->second.size()) != it->second) return false;
    return match_pieces(p, k + 1, a, at + it->second.size());
  }
  for (std::size_t end = at + 1; end <= a.size(); ++end) {
    bound_[piece.text] = std::string(a.substr(at, end - at));
    if (match_pieces(p, k + 1, a, end)) return true;
  }
  bound_.erase(piece.text);
  return false;
}

bool PlaceholderMatcher::match_string(std::string_view expected, std::string_view actual) {
  if (words_.contains(std::string(expected))) return true;
  if (expected == actual) return true;
  auto p = pieces(expected);
  bool any = false;
  for (const auto& piece : p) any = any || piece.placeholder;
  return any && match_pieces(p, 0, actual, 0);
}

bool PlaceholderMatcher::match(const Json& expected, const Json& actual, std::string* why, const std::string& at) {
  auto fail = [&]() {
    if (why && why->empty())
      *why = fmt::format("at '{}': expected {} but got {}", at.empty() ? "/" : at, expected.dump().substr(0, 400),
                         actual.dump().substr(0, 400));
    return false;
  };
  if (expected.is_string()) {
    if (actual.is_string()) return match_string(expected.get<std::string>(), actual.get<std::string>()) || fail();
    // A placeholder may stand for a number or a whole value (`<json-input:1>`): match its text.
    if (words_.contains(expected.get<std::string>())) return true;
    return match_string(expected.get<std::string>(), actual.dump()) || fail();
  }
  if (expected.is_number() && actual.is_number()) return expected.get<double>() == actual.get<double>() || fail();
  if (expected.type() != actual.type()) return fail();
  if (expected.is_object()) {
    if (expected.size() != actual.size()) return fail();
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) return fail();
      if (keys_.contains(it.key())) continue;
      if (!match(*it, actual[it.key()], why, at + "/" + it.key())) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (expected.size() != actual.size()) return fail();
    for (std::size_t i = 0; i < expected.size(); ++i)
      if (!match(expected[i], actual[i], why, at + "/" + std::to_string(i))) return false;
    return true;
  }
  return expected == actual || fail();
}

}  // namespace hoplite::sfn::recorded
