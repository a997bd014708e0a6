#pragma once
/// \file Reading a resource's resolved properties, shared by the providers: templates write
/// scalars as JSON strings, numbers or booleans ("512" or 512), so a property is read as text.

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "hoplite/core/result.hpp"

namespace hoplite::local::cloudformation {

/// A value as text: a string as is, any other JSON value as its JSON text.
[[nodiscard]] std::string as_text(const nlohmann::json& v);

/// The property `key` as text (as_text), or nullopt when it is absent or null.
[[nodiscard]] std::optional<std::string> text(const nlohmann::json& props, const char* key);

/// The property `key` as a Boolean: a JSON bool or CloudFormation's "true"/"false" text;
/// nullopt when it is absent or null.
[[nodiscard]] std::optional<bool> flag(const nlohmann::json& props, const char* key);

/// The property `key` as an Integer: a JSON integer or its text ("22"); nullopt when it is absent
/// or null. Anything else fails as CloudFormation's schema check does: "Value of property {/key}
/// does not match type {Integer}".
[[nodiscard]] core::Result<std::optional<int>> integer_property(const nlohmann::json& props, const char* key);

/// The `Tags` property ([{"Key": ..., "Value": ...}]) as a map, for services that keep tags by
/// key; entries that are not objects are skipped.
[[nodiscard]] std::map<std::string, std::string> tag_map(const nlohmann::json& props);

}  // namespace hoplite::local::cloudformation
