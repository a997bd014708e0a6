#pragma once
/// \file
/// Content descriptors (image-spec v1.1.1 descriptor.md): what a manifest or index says
/// about a blob it references.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/oci/digest.hpp"

namespace hoplite::oci {

/// The platform an image manifest runs on (image-index.md `platform`).
struct Platform {
  std::string architecture;  ///< GOARCH spelling: `amd64`, `arm64`
  std::string os;            ///< `linux`
  std::string variant;       ///< e.g. `v8` for arm64; default: empty (omitted)

  friend bool operator==(const Platform&, const Platform&) = default;  ///< member-wise
};

/// A reference to a blob: its media type, digest and size, plus optional annotations and platform.
struct Descriptor {
  std::string media_type;                          ///< the blob's media type
  Digest digest;                                   ///< the blob's digest
  std::int64_t size = 0;                           ///< the blob's size in bytes
  std::map<std::string, std::string> annotations;  ///< default: none (omitted from JSON)
  std::optional<Platform> platform;                ///< only meaningful in an index; default: none

  /// The descriptor of `bytes` as content of `media_type`.
  [[nodiscard]] static Descriptor of(std::string_view media_type, std::string_view bytes);

  friend bool operator==(const Descriptor&, const Descriptor&) = default;  ///< member-wise
};

/// The annotation that names a manifest in an image layout's index.json (the tag).
inline constexpr std::string_view kRefNameAnnotation = "org.opencontainers.image.ref.name";

}  // namespace hoplite::oci
