#pragma once
/// \file Reading a resource's resolved properties, shared by the providers: templates write
/// scalars as JSON strings, numbers or booleans ("512" or 512), so a property is read as text.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace hoplite::local::cloudformation {

/// The property `key` as text (a string as is, any other JSON value as its JSON text), or nullopt
/// when it is absent or null.
[[nodiscard]] std::optional<std::string> text(const nlohmann::json& props, const char* key);

}  // namespace hoplite::local::cloudformation
