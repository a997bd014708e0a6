#pragma once
/// \file The constraint checks AWS services run on a request before the operation, with their
/// message: `2 validation errors detected: Value 'x' at 'name' failed to satisfy constraint: Member
/// must have length less than or equal to 2048; Value null at 'value' failed to satisfy
/// constraint: Member must not be null`. The members are named as the services name them (the
/// model's member name with a lower-case first letter: `name`, `parameterFilters.1.member.key`).
///
/// **Example**:
/// \code
///   Violations v;
///   v.required("name", !request.name.empty());
///   v.length("name", request.name, 1, 2048);
///   v.one_of("type", request.type, {"String", "StringList", "SecureString"});
///   if (auto r = v.finish(); !r) return r.failure();   // ValidationException, 400
/// \endcode

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"

namespace hoplite::local {

class Violations {
 public:
  /// `Value '<value>' at '<member>' failed to satisfy constraint: <rule>` (`Value null` when
  /// `value` is nullopt). Values are cut to 256 characters.
  void add(std::string_view member, std::optional<std::string_view> value, std::string_view rule);
  /// `Member must not be null` unless `present`.
  void required(std::string_view member, bool present);
  /// Length in characters (UTF-8 code points, as AWS counts), `min`..`max` inclusive; a value
  /// that is absent is not checked.
  void length(std::string_view member, std::string_view value, std::size_t min, std::size_t max);
  void length(std::string_view member, const std::string& value, std::size_t min, std::size_t max) {
    length(member, std::string_view(value), min, max);
  }
  void length(std::string_view member, const std::optional<std::string>& value, std::size_t min, std::size_t max);
  /// Numbers `min`..`max` inclusive.
  void range(std::string_view member, const std::optional<std::int64_t>& value, std::int64_t min, std::int64_t max);
  void range(std::string_view member, const std::optional<int>& value, std::int64_t min, std::int64_t max);
  /// `Member must satisfy enum value set: [A, B]`.
  void one_of(std::string_view member, const std::optional<std::string>& value,
              std::initializer_list<std::string_view> allowed);
  /// `Member must satisfy regular expression pattern: <pattern>` unless `matches` (the caller
  /// checks with code, never with a regex engine on request text).
  void pattern(std::string_view member, std::string_view value, bool matches, std::string_view pattern);

  [[nodiscard]] bool empty() const { return messages_.empty(); }
  /// Success when nothing was violated, else `code` (default `ValidationException`) with the
  /// sentence above and `status`.
  [[nodiscard]] core::Result<void> finish(std::string_view code = "ValidationException", int status = 400) const;

 private:
  std::vector<std::string> messages_;
};

/// Length in UTF-8 code points (continuation bytes not counted), how AWS counts string lengths.
[[nodiscard]] std::size_t utf8_length(std::string_view s);

}  // namespace hoplite::local
