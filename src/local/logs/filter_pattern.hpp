#pragma once
/// \file CloudWatch Logs filter patterns for unstructured text: terms that must all appear
/// (`ERROR timeout`), quoted phrases (`"connection refused"`), optional terms of which one must
/// appear (`?ERROR ?WARN`), and excluded terms (`ERROR -retry`). Matching is case-sensitive
/// substring search, as AWS's. JSON (`{ $.x = 1 }`) and space-delimited (`[ip, user, …]`) patterns
/// are refused with InvalidParameterException rather than matched wrongly.
///
/// Bounded: a pattern is at most 1024 characters (the API's limit), so matching one message is
/// linear in the message times a small constant.

#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"

namespace hoplite::local::logs {

class FilterPattern {
 public:
  /// Parses `text`; the empty pattern matches every event.
  static core::Result<FilterPattern> parse(std::string_view text);

  [[nodiscard]] bool matches(std::string_view message) const;

 private:
  std::vector<std::string> required_;
  std::vector<std::string> any_of_;
  std::vector<std::string> excluded_;
};

}  // namespace hoplite::local::logs
