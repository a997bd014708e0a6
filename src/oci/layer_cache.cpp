#include "hoplite/oci/layer_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <system_error>
#include <vector>

#include "hoplite/core/file.hpp"
#include "hoplite/core/log.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;

// Entries are a few dozen bytes; anything larger is not ours.
constexpr std::uintmax_t kMaxEntrySize = 4096;

std::optional<std::string> read_entry(const fs::path& p) {
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  if (ec || size > kMaxEntrySize) return std::nullopt;
  auto text = core::read_file(p);
  if (!text) return std::nullopt;
  return *text;
}

void touch(const fs::path& p) {
  // The blob's mtime is its last use: prune() drops the oldest first.
  ::utimensat(AT_FDCWD, p.c_str(), nullptr, 0);
}

int effective_level(const LayerOptions& o) {
  if (o.level > 0) return o.level;
  return o.compression == Compression::kZstd ? 3 : 1;
}

fs::path entry_path(const fs::path& layers, const Digest& diff_id, const LayerOptions& o) {
  return layers / (std::string(diff_id.encoded()) + "-" + std::string(to_string(o.compression)) + "-" +
                   std::to_string(effective_level(o)));
}

void remember(const fs::path& path, const std::string& text) {
  if (auto w = core::write_file_atomic(path, text); !w) core::log::debug("layer cache: {}", w.error().to_string());
}

}  // namespace

std::optional<fs::path> default_cache_dir() {
  if (const char* own = std::getenv("HOPLITE_CACHE_DIR")) {
    if (*own == '\0') return std::nullopt;
    return fs::path(own);
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') return fs::path(xdg) / "hoplite";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return fs::path(home) / ".cache" / "hoplite";
  }
  return std::nullopt;
}

LayerCache::LayerCache(fs::path dir, std::uint64_t max_bytes) : dir_(std::move(dir) / "v1"), max_bytes_(max_bytes) {}

core::Result<CachedLayer> LayerCache::get(const LayerWriter& writer) {
  const fs::path recipes = dir_ / "recipes", layers = dir_ / "layers", blobs = dir_ / "blobs" / "sha256";
  std::error_code ec;
  for (const auto& d : {recipes, layers, blobs}) fs::create_directories(d, ec);
  if (ec) {
    core::log::debug("layer cache {} is not usable ({}); building without it", dir_.string(), ec.message());
    auto built = writer.build();
    if (!built) return built.failure();
    return CachedLayer{std::move(*built), LayerOrigin::kBuilt};
  }

  const fs::path recipe = recipes / writer.recipe_key();
  std::optional<Digest> diff_id;
  LayerOrigin origin = LayerOrigin::kSameFiles;
  if (auto text = read_entry(recipe)) {
    auto parsed = Digest::parse(text->substr(0, text->find('\n')));
    if (parsed) diff_id = *parsed;
  }
  const LayerOptions& o = writer.options();
  if (!diff_id) {
    // Hashing first pays (one streamed read, a fraction of compressing) only when the content may
    // be known: an empty store cannot have it, so the layer is built in one pass instead.
    if (fs::is_empty(layers, ec)) return build_and_remember(writer, recipe, layers, blobs, {});
    auto hashed = writer.diff_id();
    if (!hashed) return hashed.failure();
    diff_id = *hashed;
    origin = LayerOrigin::kSameContent;
    remember(recipe, diff_id->str() + "\n");
  }
  const fs::path entry = entry_path(layers, *diff_id, o);
  if (auto text = read_entry(entry)) {
    std::istringstream in(*text);
    std::string digest_text, media_type;
    std::uint64_t size = 0;
    if (in >> digest_text >> size >> media_type && media_type == o.media_type) {
      auto digest = Digest::parse(digest_text);
      const fs::path blob = blobs / std::string(digest ? digest->encoded() : "");
      if (digest && fs::is_regular_file(blob, ec) && fs::file_size(blob, ec) == size && !ec) {
        auto layer = Layer::from_file(blob, *digest, *diff_id, media_type);
        if (layer) {
          touch(blob);
          return CachedLayer{std::move(*layer), origin};
        }
      }
    }
  }

  return build_and_remember(writer, recipe, layers, blobs, diff_id);
}

core::Result<CachedLayer> LayerCache::build_and_remember(const LayerWriter& writer, const fs::path& recipe,
                                                         const fs::path& layers, const fs::path& blobs,
                                                         const std::optional<Digest>& diff_id) {
  auto built = writer.build({.blob_dir = blobs, .diff_id = diff_id});
  if (!built) {
    if (built.error().code != "io.write") return built.failure();
    core::log::debug("layer cache: {}; building in memory", built.error().to_string());
    built = writer.build({.diff_id = diff_id});
    if (!built) return built.failure();
    return CachedLayer{std::move(*built), LayerOrigin::kBuilt};
  }
  const Layer& l = *built;
  if (!diff_id) remember(recipe, l.diff_id().str() + "\n");
  remember(entry_path(layers, l.diff_id(), writer.options()),
           l.digest().str() + " " + std::to_string(l.size()) + " " + l.media_type() + "\n");
  prune();
  return CachedLayer{std::move(*built), LayerOrigin::kBuilt};
}

void LayerCache::prune() {
  std::error_code ec;
  struct Blob {
    fs::path path;
    std::uintmax_t size;
    fs::file_time_type used;
  };
  std::vector<Blob> all;
  std::uintmax_t total = 0;
  for (fs::directory_iterator it(dir_ / "blobs" / "sha256", ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    Blob b{it->path(), it->file_size(ec), it->last_write_time(ec)};
    if (ec) continue;
    total += b.size;
    all.push_back(std::move(b));
  }
  if (total <= max_bytes_) return;
  std::sort(all.begin(), all.end(), [](const Blob& a, const Blob& b) { return a.used < b.used; });
  for (const Blob& b : all) {
    if (total <= max_bytes_) break;
    if (fs::remove(b.path, ec)) total -= b.size;
  }
  // Entries whose blob is gone are misses anyway; drop them so the directory does not grow.
  for (fs::directory_iterator it(dir_ / "layers", ec), end; !ec && it != end; it.increment(ec)) {
    auto text = read_entry(it->path());
    if (!text) continue;
    std::string digest = text->substr(0, text->find(' '));
    auto colon = digest.find(':');
    if (colon == std::string::npos || !fs::exists(dir_ / "blobs" / "sha256" / digest.substr(colon + 1), ec)) {
      fs::remove(it->path(), ec);
    }
  }
}

}  // namespace hoplite::oci
