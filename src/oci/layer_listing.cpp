#include "hoplite/oci/layer_listing.hpp"

#include <string>

#include "hoplite/oci/byte_source.hpp"
#include "hoplite/oci/tar.hpp"

namespace hoplite::oci {

core::Result<std::vector<LayerEntry>> list_layer(const Layer& layer, std::size_t max_entries) {
  auto tar_bytes = uncompressed_tar(layer);
  if (!tar_bytes) return tar_bytes.failure();
  const std::string where = "layer " + layer.digest().str();
  MemorySource bytes(*tar_bytes);
  // One entry more than asked for, so that "more than max_entries" is an error of our own.
  tar::Reader reader(bytes, tar::Limits{.max_entries = static_cast<std::uint64_t>(max_entries) + 1});
  std::vector<LayerEntry> out;
  while (true) {
    auto header = reader.next();
    if (!header) return core::fail("oci.layer", where + ": " + header.error().message);
    if (!*header) break;
    if (out.size() >= max_entries)
      return core::fail("oci.layer", where + ": more than " + std::to_string(max_entries) + " entries");
    const tar::Header& h = **header;
    LayerEntry entry;
    entry.path = h.path;
    entry.mode = h.mode & 07777;
    switch (h.type) {
      case tar::Type::kFile:
        entry.kind = LayerEntry::Kind::file;
        entry.size = static_cast<std::int64_t>(h.size);
        break;
      case tar::Type::kDirectory:
        entry.kind = LayerEntry::Kind::directory;
        entry.path += '/';  // as the tar stores it (the reader drops the trailing '/')
        break;
      case tar::Type::kSymlink:
        entry.kind = LayerEntry::Kind::symlink;
        entry.link = h.link;
        break;
      case tar::Type::kHardLink:
        entry.kind = LayerEntry::Kind::hardlink;
        entry.link = h.link;
        break;
      default:
        entry.kind = LayerEntry::Kind::other;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace hoplite::oci
