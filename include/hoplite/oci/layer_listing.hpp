#pragma once
/// \file The entries of a layer's tar: what a layer holds, for people (describe) and checks.

#include <cstdint>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/layer.hpp"

namespace hoplite::oci {

struct LayerEntry {
  enum class Kind { file, directory, symlink, hardlink, other };
  std::string path;  ///< as stored in the tar (no leading "./" removed)
  Kind kind = Kind::other;
  std::int64_t size = 0;  ///< bytes of a regular file; 0 otherwise
  unsigned mode = 0;      ///< permission bits
  std::string link;       ///< a symlink's or hardlink's target
};

/// Lists the entries of `layer` in tar order, reading headers only. At most `max_entries`
/// (default 100 000) are read; more is an error, as is a tar libarchive cannot read. Errors:
/// `oci.layer`.
[[nodiscard]] core::Result<std::vector<LayerEntry>> list_layer(const Layer& layer, std::size_t max_entries = 100'000);

}  // namespace hoplite::oci
