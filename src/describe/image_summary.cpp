#include "hoplite/describe/image_summary.hpp"

#include <algorithm>

#include "hoplite/oci/layer_listing.hpp"

namespace hoplite::describe {

core::Result<ImageSummary> summarize_image(const oci::Image& image, std::string reference) {
  ImageSummary s;
  s.reference = std::move(reference);
  s.digest = image.digest().str();
  s.media_type = image.manifest_media_type();
  const oci::ImageConfig& config = image.config();
  s.platform = config.os + "/" + config.architecture + (config.variant.empty() ? "" : "/" + config.variant);
  s.entrypoint = config.config.entrypoint;
  s.cmd = config.config.cmd;
  s.env = config.config.env;
  s.user = config.config.user;
  s.working_dir = config.config.working_dir;
  s.labels = config.config.labels;
  // History entries that made a layer line up with the layers, bottom to top.
  std::vector<std::string> created_by;
  for (const auto& h : config.history)
    if (!h.empty_layer) created_by.push_back(h.created_by);
  for (std::size_t i = 0; i < image.layers().size(); ++i) {
    const oci::Layer& layer = image.layers()[i];
    LayerSummary l{.digest = layer.digest().str(), .media_type = layer.media_type(), .size = layer.size()};
    if (i < created_by.size()) l.created_by = created_by[i];
    auto entries = oci::list_layer(layer);
    if (!entries) return entries.failure();
    std::vector<std::pair<std::string, std::int64_t>> files;
    for (const auto& e : *entries) {
      if (e.kind != oci::LayerEntry::Kind::file) continue;
      ++l.files;
      l.uncompressed_size += e.size;
      files.emplace_back(e.path, e.size);
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (files.size() > 6) files.resize(6);
    l.largest = std::move(files);
    s.layers.push_back(std::move(l));
  }
  return s;
}

}  // namespace hoplite::describe
