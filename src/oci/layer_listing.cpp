#include "hoplite/oci/layer_listing.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace hoplite::oci {

core::Result<std::vector<LayerEntry>> list_layer(const Layer& layer, std::size_t max_entries) {
  auto tar = uncompressed_tar(layer);
  if (!tar) return tar.failure();
  std::unique_ptr<archive, decltype(&archive_read_free)> in(archive_read_new(), archive_read_free);
  archive_read_support_format_tar(in.get());
  const std::string where = "layer " + layer.digest().str();
  if (archive_read_open_memory(in.get(), tar->data(), tar->size()) != ARCHIVE_OK)
    return core::fail("oci.layer", where + ": " + archive_error_string(in.get()));
  std::vector<LayerEntry> out;
  archive_entry* e = nullptr;
  int rc = ARCHIVE_OK;
  while ((rc = archive_read_next_header(in.get(), &e)) == ARCHIVE_OK) {
    if (out.size() >= max_entries)
      return core::fail("oci.layer", where + ": more than " + std::to_string(max_entries) + " entries");
    LayerEntry entry;
    const char* path = archive_entry_pathname(e);
    entry.path = path != nullptr ? path : "";
    entry.mode = static_cast<unsigned>(archive_entry_perm(e));
    if (const char* hard = archive_entry_hardlink(e); hard != nullptr) {
      entry.kind = LayerEntry::Kind::hardlink;
      entry.link = hard;
    } else {
      switch (archive_entry_filetype(e)) {
        case AE_IFREG:
          entry.kind = LayerEntry::Kind::file;
          entry.size = archive_entry_size(e);
          break;
        case AE_IFDIR:
          entry.kind = LayerEntry::Kind::directory;
          break;
        case AE_IFLNK:
          entry.kind = LayerEntry::Kind::symlink;
          if (const char* target = archive_entry_symlink(e); target != nullptr) entry.link = target;
          break;
        default:
          entry.kind = LayerEntry::Kind::other;
      }
    }
    out.push_back(std::move(entry));
    archive_read_data_skip(in.get());
  }
  if (rc != ARCHIVE_EOF) return core::fail("oci.layer", where + ": " + archive_error_string(in.get()));
  return out;
}

}  // namespace hoplite::oci
