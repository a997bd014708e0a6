#pragma once
// Private: the JSON shapes shared by manifest, index and config (descriptors, platforms, string
// maps). Keys are written sorted and compact — canonical JSON, which image-spec considerations.md
// recommends — so the same value always gives the same bytes (and digest).

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/descriptor.hpp"

namespace hoplite::oci::detail {

using ojson = nlohmann::json;  // std::map-backed: keys come out sorted (canonical JSON)

/// `{mediaType, digest, size, annotations?, platform?}`.
ojson descriptor_to_json(const Descriptor& d);
/// Reads a descriptor; `code` is the error code used (e.g. `oci.manifest`), `where` names the field.
core::Result<Descriptor> descriptor_from_json(const nlohmann::json& j, const std::string& code, std::string_view where);

/// A sorted string map as a JSON object (std::map order = sorted by key).
ojson string_map_to_json(const std::map<std::string, std::string>& m);
core::Result<std::map<std::string, std::string>> string_map_from_json(const nlohmann::json& j, const std::string& code,
                                                                      std::string_view where);

/// Parses JSON text within core::kPeerDocumentLimits; a malformed document fails with `code`,
/// one beyond the limits with `limits.size`/`limits.depth`.
core::Result<nlohmann::json> parse_json(std::string_view text, const std::string& code, std::string_view what);

/// Compact dump, UTF-8 kept as is; invalid UTF-8 is replaced rather than thrown on.
std::string dump(const ojson& j);

}  // namespace hoplite::oci::detail
