#pragma once
/// \file
/// The entries of a layer's tar: what a layer holds, for people (describe) and checks.

#include <cstdint>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/layer.hpp"

namespace hoplite::oci {

/// One entry of a layer's tar, as listed for tests and describe.
struct LayerEntry {
  /// What the entry is.
  enum class Kind { file, directory, symlink, hardlink, other };
  std::string path;         ///< as stored in the tar (no leading "./" removed; a directory ends with "/")
  Kind kind = Kind::other;  ///< default other
  std::int64_t size = 0;    ///< bytes of a regular file; 0 otherwise
  unsigned mode = 0;        ///< permission bits
  std::string link;         ///< a symlink's or hardlink's target
};

/// Lists the entries of `layer` in tar order, reading headers only, with the in-house reader
/// (tar.hpp). At most `max_entries` (default 100 000) are read; more is an error, as is a tar the
/// reader refuses. Errors: `oci.layer`, naming the layer and the reader's reason.
[[nodiscard]] core::Result<std::vector<LayerEntry>> list_layer(const Layer& layer, std::size_t max_entries = 100'000);

}  // namespace hoplite::oci
