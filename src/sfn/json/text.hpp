#pragma once
/// \file Writing JSON text without recursion, with a size and a depth cap: every state output is
/// written once for the history, and the same pass enforces the payload limit.

#include <cstddef>
#include <string>
#include <string_view>

#include "sfn/json/value.hpp"

namespace hoplite::sfn::asl {

struct WriteLimits {
  std::size_t max_bytes = 262144;         ///< stop (and fail) beyond this many bytes (default: 256 KiB)
  std::size_t max_depth = kMaxJsonDepth;  ///< fail on deeper nesting (default: kMaxJsonDepth)
};

/// Appends the compact text of `value` to `out`; false when a limit was crossed (`out` then holds
/// a truncated prefix).
[[nodiscard]] bool write_json(std::string& out, const Json& value, const WriteLimits& limits);

/// Appends the text of `value` as one JSON string literal (quotes included), in the same single
/// pass: what `"output": "..."` holds in a history event. The limits apply to the plain text, whose
/// size is stored in `plain_size` when given.
[[nodiscard]] bool write_json_literal(std::string& out, const Json& value, const WriteLimits& limits,
                                      std::size_t* plain_size = nullptr);

/// `literal` is write_json_literal's text of an object (`plain_size` bytes of plain text); makes
/// it the text of that object with the member `key: value` appended, exactly as
/// write_json_literal would write the whole object, with the same limits, at the cost of writing
/// the member only. False (and both unchanged) when a limit was crossed.
[[nodiscard]] bool append_member_literal(std::string& literal, std::size_t& plain_size, std::string_view key,
                                         const Json& value, const WriteLimits& limits);

/// The plain text a literal written by write_json_literal holds (its quotes and the `\\` before
/// `"` and `\\` taken away): cheaper than writing the value again.
[[nodiscard]] std::string plain_of_literal(std::string_view literal);

/// Appends `s` as a JSON string literal (quotes, escapes; bytes that are not UTF-8 become U+FFFD).
void append_json_string(std::string& out, std::string_view s);

}  // namespace hoplite::sfn::asl
