#pragma once
// Comparing what we produce with what AWS recorded, under the recording's normalisation (see the
// README of tests/testdata/cfn/aws-recorded): `<name:N>` placeholders are wildcards that must
// bind to the same value everywhere in a case, timestamp words match any text, keys the test
// normalised match anything, and object key order never matters.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "recorded_case.hpp"

namespace hoplite::recorded {

class Matcher {
 public:
  /// Keys whose values always match (normalised_by_test).
  std::set<std::string> any_value_keys;
  /// Paths of arrays compared as multisets (their last key): AWS returns Details in no fixed order;
  /// Parameters: AWS lists a stack's parameters in an order of its own (neither declaration nor name).
  std::set<std::string> unordered_arrays = {"Details", "Parameters"};

  /// Compares; appends a line per difference to `problems`. Bindings persist across calls.
  bool match(const Json& expected, const Json& actual, std::vector<std::string>& problems,
             const std::string& path = "$");
  /// One string; `<...>` in `expected` are placeholders, and in `actual` a `<...>` that came from
  /// the case's own inputs (a substitution the test made) matches anything.
  bool match_text(const std::string& expected, const std::string& actual);

  std::map<std::string, std::string> bindings;

 private:
  bool match_value(const Json& expected, const Json& actual, std::vector<std::string>& problems,
                   const std::string& path, const std::string& key);
};

/// True for `<...>`-style placeholder text anywhere in `s`.
[[nodiscard]] bool has_placeholder(const std::string& s);

}  // namespace hoplite::recorded
