#pragma once
/// \file Reading a resource's resolved properties, shared by the providers: templates write
/// scalars as JSON strings, numbers or booleans ("512" or 512), so a property is read as text.

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace hoplite::local::cloudformation {

/// A value as text: a string as is, any other JSON value as its JSON text.
[[nodiscard]] std::string as_text(const nlohmann::json& v);

/// The property `key` as text (as_text), or nullopt when it is absent or null.
[[nodiscard]] std::optional<std::string> text(const nlohmann::json& props, const char* key);

/// The `Tags` property ([{"Key": ..., "Value": ...}]) as a map, for services that keep tags by
/// key; entries that are not objects are skipped.
[[nodiscard]] std::map<std::string, std::string> tag_map(const nlohmann::json& props);

}  // namespace hoplite::local::cloudformation
