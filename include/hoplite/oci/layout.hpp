#pragma once
/// \file
/// OCI image layout directories (image-spec v1.1.1 image-layout.md): `oci-layout`,
/// `index.json`, `blobs/sha256/<hex>`. What skopeo (`oci:DIR:TAG`) and umoci read.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/image.hpp"

namespace hoplite::oci {

/// Writes `image` into the layout at `dir` under `tag` (annotation
/// `org.opencontainers.image.ref.name` on its index.json entry). Creates the directory if needed;
/// an existing layout keeps its other tags (an entry with the same tag is replaced). Every file is
/// written atomically (temp + rename) and index.json last, so a crash never leaves index.json
/// pointing at a missing or half-written blob. Blobs already present with the right bytes are not
/// rewritten. Errors: `io.write`, `oci.layout`.
///
/// **Example**:
/// \code
///   if (auto r = oci::write_layout(img, "out/image", "latest"); !r) return r.failure("writing image");
///   auto back = oci::read_layout("out/image", "latest");   // Result<Image>
/// \endcode
[[nodiscard]] core::Result<void> write_layout(const Image& image, const std::filesystem::path& dir,
                                              std::string_view tag);

/// Reads the image tagged `tag` from the layout at `dir` (an empty tag: the only manifest in the
/// index). Every blob's size and digest are checked against its descriptor before it is used.
/// Errors: `oci.layout` (not a layout, tag not found, nested index), `oci.invalid` (a blob whose
/// bytes do not match), `io.read`.
[[nodiscard]] core::Result<Image> read_layout(const std::filesystem::path& dir, std::string_view tag = {});

/// The tags (ref.name annotations) in the layout's index.json, in index order.
[[nodiscard]] core::Result<std::vector<std::string>> layout_tags(const std::filesystem::path& dir);

}  // namespace hoplite::oci
