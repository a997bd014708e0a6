#include "hoplite/oci/layout.hpp"

#include <system_error>

#include "hoplite/core/file.hpp"
#include "json_codec.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kLayoutFile = R"({"imageLayoutVersion":"1.0.0"})";

fs::path blob_path(const fs::path& dir, const Digest& d) {
  return dir / "blobs" / std::string(d.algorithm()) / std::string(d.encoded());
}

// Writes a blob unless a file with exactly these bytes is already there.
core::Result<void> write_blob(const fs::path& dir, const Digest& digest, std::string_view bytes) {
  fs::path p = blob_path(dir, digest);
  std::error_code ec;
  if (fs::is_regular_file(p, ec) && fs::file_size(p, ec) == bytes.size() && !ec) {
    auto existing = core::read_file(p);
    if (existing && digest.matches(*existing)) return core::ok();
  }
  if (auto r = core::write_file_atomic(p, bytes, 0644); !r) return r.failure("writing blob " + digest.str());
  return core::ok();
}

// Reads a blob, checking size (cheap, first) then digest, as descriptor.md asks.
core::Result<std::string> read_blob(const fs::path& dir, const Descriptor& d) {
  fs::path p = blob_path(dir, d.digest);
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  if (ec) return core::fail("oci.layout", "blob " + d.digest.str() + " missing from layout " + dir.string());
  if (static_cast<std::int64_t>(size) != d.size) {
    return core::fail("oci.invalid", "blob " + d.digest.str() + " has " + std::to_string(size) +
                                         " bytes, its descriptor says " + std::to_string(d.size));
  }
  auto bytes = core::read_file(p);
  if (!bytes) return bytes.failure();
  if (!d.digest.matches(*bytes)) {
    return core::fail("oci.invalid", "blob " + d.digest.str() + " in " + dir.string() + " does not hash to its name");
  }
  return bytes;
}

core::Result<ImageIndex> read_index(const fs::path& dir) {
  auto layout = core::read_file(dir / "oci-layout");
  if (!layout) return core::fail("oci.layout", dir.string() + " is not an OCI image layout (no oci-layout file)");
  auto lj = detail::parse_json(*layout, "oci.layout", "oci-layout");
  if (!lj) return lj.failure();
  if (!lj->is_object() || !lj->contains("imageLayoutVersion")) {
    return core::fail("oci.layout", dir.string() + "/oci-layout has no imageLayoutVersion");
  }
  auto text = core::read_file(dir / "index.json");
  if (!text) return core::fail("oci.layout", dir.string() + " has no index.json");
  auto idx = ImageIndex::parse(*text);
  if (!idx) return idx.failure(dir.string() + "/index.json");
  return idx;
}

}  // namespace

core::Result<void> write_layout(const Image& image, const fs::path& dir, std::string_view tag) {
  if (tag.empty()) return core::fail("oci.layout", "a layout tag must not be empty");
  std::error_code ec;
  fs::create_directories(dir / "blobs" / "sha256", ec);
  if (ec) return core::fail("io.write", "creating " + dir.string() + ": " + ec.message());

  ImageIndex index;
  if (fs::exists(dir / "index.json")) {
    auto existing = read_index(dir);
    if (!existing) return existing.failure("updating layout");
    index = std::move(*existing);
  }

  // Blobs first, index.json last: the index never names a blob that is not completely on disk.
  for (const Layer& l : image.layers()) {
    if (auto r = write_blob(dir, l.digest(), l.compressed()); !r) return r;
  }
  if (auto r = write_blob(dir, image.config_descriptor().digest, image.config_bytes()); !r) return r;
  if (auto r = write_blob(dir, image.digest(), image.manifest_bytes()); !r) return r;

  auto layout = core::read_file(dir / "oci-layout");
  if (!layout || *layout != kLayoutFile) {
    if (auto r = core::write_file_atomic(dir / "oci-layout", kLayoutFile, 0644); !r) return r;
  }

  std::vector<Descriptor> kept;
  for (auto& d : index.manifests) {
    auto it = d.annotations.find(std::string(kRefNameAnnotation));
    if (it == d.annotations.end() || it->second != tag) kept.push_back(std::move(d));
  }
  Descriptor entry = image.descriptor();
  entry.annotations[std::string(kRefNameAnnotation)] = std::string(tag);
  kept.push_back(std::move(entry));
  index.manifests = std::move(kept);
  index.media_type = std::string(kOciIndex);
  return core::write_file_atomic(dir / "index.json", index.to_json(), 0644);
}

core::Result<std::vector<std::string>> layout_tags(const fs::path& dir) {
  auto idx = read_index(dir);
  if (!idx) return idx.failure();
  std::vector<std::string> tags;
  for (const auto& d : idx->manifests) {
    auto it = d.annotations.find(std::string(kRefNameAnnotation));
    if (it != d.annotations.end()) tags.push_back(it->second);
  }
  return tags;
}

core::Result<Image> read_layout(const fs::path& dir, std::string_view tag) {
  auto idx = read_index(dir);
  if (!idx) return idx.failure();
  const Descriptor* found = nullptr;
  if (tag.empty()) {
    if (idx->manifests.size() != 1) {
      return core::fail("oci.layout", dir.string() + " holds " + std::to_string(idx->manifests.size()) +
                                          " manifests; name the tag to read");
    }
    found = &idx->manifests.front();
  } else {
    for (const auto& d : idx->manifests) {
      auto it = d.annotations.find(std::string(kRefNameAnnotation));
      if (it != d.annotations.end() && it->second == tag) found = &d;
    }
    if (!found) return core::fail("oci.layout", "tag '" + std::string(tag) + "' not found in " + dir.string());
  }

  Descriptor md = *found;
  if (is_index(md.media_type)) {
    // A nested index (some builders write one): take its only manifest, or its linux one.
    auto bytes = read_blob(dir, md);
    if (!bytes) return bytes.failure();
    auto nested = ImageIndex::parse(*bytes);
    if (!nested) return nested.failure();
    const Descriptor* pick = nullptr;
    for (const auto& d : nested->manifests) {
      if (is_manifest(d.media_type) && (nested->manifests.size() == 1 || (d.platform && d.platform->os == "linux"))) {
        pick = &d;
        break;
      }
    }
    if (!pick) return core::fail("oci.layout", "nested index " + md.digest.str() + " has no linux image manifest");
    md = *pick;
  }
  if (!is_manifest(md.media_type)) {
    return core::fail("oci.layout",
                      "entry " + md.digest.str() + " has media type '" + md.media_type + "', not an image manifest");
  }
  auto manifest_bytes = read_blob(dir, md);
  if (!manifest_bytes) return manifest_bytes.failure();
  auto manifest = Manifest::parse(*manifest_bytes);
  if (!manifest) return manifest.failure("manifest " + md.digest.str());
  auto config_bytes = read_blob(dir, manifest->config);
  if (!config_bytes) return config_bytes.failure();
  std::vector<Layer> layers;
  for (const auto& ld : manifest->layers) {
    auto blob = read_blob(dir, ld);
    if (!blob) return blob.failure();
    auto layer = Layer::from_blob(std::move(*blob), ld.media_type);
    if (!layer) return layer.failure();
    layers.push_back(std::move(*layer));
  }
  return Image::from_bytes(std::move(*manifest_bytes), std::move(*config_bytes), std::move(layers));
}

}  // namespace hoplite::oci
