#pragma once
/// \file
/// The one size-and-depth policy for everything hoplite parses from outside: AWS and
/// registry responses, credential helpers' output, config files, manifests, templates. Every
/// parser checks its input against a DocumentLimits *before* building anything, and no parser
/// recurses in proportion to its input, so a hostile peer gets an error, never a crash or an
/// exhausted machine.

#include <cstddef>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::core {

/// How big and how deep a document may be.
struct DocumentLimits {
  /// Largest accepted input. Default 16 MiB: AWS responses, manifests and templates are far
  /// smaller (CloudFormation's own template limit is 1 MB).
  std::size_t max_bytes = 16u << 20;
  /// Deepest accepted nesting of arrays/objects (JSON) or elements (XML). Default 128: real
  /// documents stay under 20, and it keeps recursive consumers (nlohmann's copy and dump, tree
  /// walkers) far from the stack's end.
  std::size_t max_depth = 128;
};

/// The limits for peer documents, as above.
inline constexpr DocumentLimits kPeerDocumentLimits{};

/// Small inputs: config files, credential helper output, WWW-Authenticate headers. 1 MiB, depth 32.
inline constexpr DocumentLimits kSmallDocumentLimits{1u << 20, 32};

/// Checks the size of `text` and, with a linear scan that skips strings, the nesting depth of
/// its `[`/`{`. Errors: `limits.size` or `limits.depth`, naming `what` ("the DescribeStacks
/// response", "~/.docker/config.json").
Result<void> check_json_limits(std::string_view text, std::string_view what,
                               const DocumentLimits& limits = kPeerDocumentLimits);

/// `limits.size` unless `size <= limits.max_bytes`.
Result<void> check_size(std::size_t size, std::string_view what, const DocumentLimits& limits = kPeerDocumentLimits);

}  // namespace hoplite::core
