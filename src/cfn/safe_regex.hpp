#pragma once
// A small regular-expression matcher for parameter AllowedPattern, safe on untrusted patterns and
// values: the pattern compiles to a bounded NFA program and matching simulates all threads at
// once (Pike VM), so time is O(pattern x value) whatever the input - no backtracking, no
// recursion proportional to input, no std::regex.
//
// Supported (the Java syntax CloudFormation templates use): literals, `.`, classes `[a-z0-9_-]`,
// `[^...]`, escapes `\d \w \s \D \W \S` and escaped metacharacters, groups `(...)` `(?:...)`,
// alternation `|`, quantifiers `* + ? {n} {n,} {n,m}` (and their lazy `?` forms, which match the
// same strings), anchors `^` and `$`. The whole value must match, as Java's String.matches does.
// Backreferences and lookaround are refused at compile time.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace hoplite::cfn::detail {

class SafeRegex {
 public:
  /// nullopt and `error` set when the pattern is invalid, unsupported or too large.
  static std::optional<SafeRegex> compile(std::string_view pattern, std::string* error = nullptr);

  /// True when the whole `text` matches.
  [[nodiscard]] bool full_match(std::string_view text) const;

  SafeRegex(SafeRegex&&) noexcept;
  SafeRegex& operator=(SafeRegex&&) noexcept;
  ~SafeRegex();

  struct Program;  ///< the compiled NFA (defined in the .cpp)

 private:
  explicit SafeRegex(std::unique_ptr<Program> program);
  std::unique_ptr<Program> program_;
};

}  // namespace hoplite::cfn::detail
