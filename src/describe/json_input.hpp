#pragma once
/// \file Parsing JSON that describe did not write itself (a template, a state machine definition,
/// an execution's event details) with its size and nesting capped *before* the parser runs.

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hoplite/core/result.hpp"

namespace hoplite::describe {

using Json = nlohmann::ordered_json;

struct JsonLimits {
  std::size_t max_bytes = 4u << 20;  ///< default 4 MiB (CloudFormation's own limit is 1 MB)
  std::size_t max_depth = 64;        ///< nesting of arrays and objects; default 64
};

/// Parses `text` as JSON (keys in document order). Errors: `describe.json` naming `what` and the
/// limit or parse error.
[[nodiscard]] core::Result<Json> parse_json(std::string_view text, std::string_view what,
                                            const JsonLimits& limits = {});

/// Member `key` of `obj` when it is a string (a bool or number when the accessor says so);
/// `fallback` when `obj` is not an object, the member is missing or has another type. Input
/// from outside may hold anything: these never throw.
[[nodiscard]] std::string str_or(const Json& obj, std::string_view key, std::string_view fallback = {});
[[nodiscard]] bool bool_or(const Json& obj, std::string_view key, bool fallback);
[[nodiscard]] double num_or(const Json& obj, std::string_view key, double fallback);

/// The deepest nesting of arrays/objects in `text` (strings skipped), counted without recursion;
/// stops counting at `cap` + 1.
[[nodiscard]] std::size_t json_depth(std::string_view text, std::size_t cap);

}  // namespace hoplite::describe
