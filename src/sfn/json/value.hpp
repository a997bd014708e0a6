#pragma once
/// \file
/// The JSON values a state machine moves around: definitions, inputs, outputs, parameters.
///
/// Step Functions keeps the key order of objects (`{"b":1,"a":2}` stays as written, and
/// `States.JsonToString` shows it), so values are `nlohmann::ordered_json`. Its own parser checks
/// duplicate keys with a linear scan (quadratic for a wide object), so documents from outside are
/// read by `parse_json` instead: a size cap before reading, a depth cap while reading, duplicate
/// keys found through an index (the last one wins, as in Jackson, which AWS uses).

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::sfn::asl {

using Json = nlohmann::ordered_json;

/// Caps applied while reading a document.
struct JsonLimits {
  std::size_t max_bytes = 262144;  ///< larger text is refused before it is read (default: 256 KiB)
  std::size_t max_depth = 512;     ///< deeper nesting of arrays/objects is refused (default: 512)
};

/// Nesting every value the interpreter keeps may have; keeps the (recursive) copy and dump of
/// nlohmann well inside any thread's stack.
inline constexpr std::size_t kMaxJsonDepth = 512;

/// Reads `text` as one JSON value. Error code `json.too_large`, `json.too_deep` or `json.syntax`;
/// the message says where.
[[nodiscard]] core::Result<Json> parse_json(std::string_view text, const JsonLimits& limits = {});

/// Compact text (`{"a":1,"b":[true,null]}`), as Step Functions writes inputs and outputs. Bytes
/// that are not UTF-8 (a decoded base64 string, say) become U+FFFD instead of failing.
[[nodiscard]] std::string to_text(const Json& value);

/// Deep equality as Step Functions compares values (ArrayContains, ArrayUnique): objects equal
/// regardless of key order, numbers by value (1 equals 1.0).
[[nodiscard]] bool json_equal(const Json& a, const Json& b);

/// Nesting depth: 0 for a scalar, 1 for `[]` or `{"a":1}`. Iterative.
[[nodiscard]] std::size_t json_depth(const Json& value);

/// Appends a member to an object (no check for an existing key) and returns its value. Growing
/// an ordered_json object otherwise copies every member deeply (its keys are const, so the
/// vector cannot move them); this moves the values instead.
Json& append_member(Json& object, std::string key, Json value);

/// Looks up `key` in an object (nullptr when absent or when `object` is not an object). Linear,
/// like ordered_json itself; fine for the keys of a definition or a payload.
[[nodiscard]] const Json* find_member(const Json& object, std::string_view key);

/// The JSON type name AWS uses in messages: `string`, `number`, `boolean`, `null`, `array`, `object`.
[[nodiscard]] const char* type_name(const Json& value);

}  // namespace hoplite::sfn::asl
