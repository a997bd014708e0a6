#pragma once
/// \file
/// Parsing JSON from outside (responses, config files, helper output) within
/// core::DocumentLimits. Only declarations: include <nlohmann/json.hpp> where the value is used.
///
/// **Example**:
/// \code
///   auto doc = core::parse_json(response.body, "the token service's answer");
///   if (!doc) return doc.failure();          // json.parse, limits.size or limits.depth
/// \endcode

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "hoplite/core/limits.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::core {

/// `text` as JSON after check_json_limits. Errors: `limits.size`, `limits.depth`, or `json.parse`
/// with the parser's reason; each names `what`.
Result<nlohmann::json> parse_json(std::string_view text, std::string_view what,
                                  const DocumentLimits& limits = kPeerDocumentLimits);

/// The same for documents whose key order matters (templates, manifests as written).
Result<nlohmann::ordered_json> parse_ordered_json(std::string_view text, std::string_view what,
                                                  const DocumentLimits& limits = kPeerDocumentLimits);

}  // namespace hoplite::core
