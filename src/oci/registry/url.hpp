#pragma once
// Private URL helpers for the registry client.

#include <string>
#include <string_view>

namespace hoplite::oci::detail {

/// `location` resolved against `base` (scheme://host[:port]): absolute URLs are kept, paths get the base.
std::string resolve_location(std::string_view base, std::string_view location);

/// `url` with `key=value` appended to its query string (`?` or `&` as needed); value is encoded.
std::string add_query(std::string_view url, std::string_view key, std::string_view value);

}  // namespace hoplite::oci::detail
