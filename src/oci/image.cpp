#include "hoplite/oci/image.hpp"

#include "hoplite/oci/compression.hpp"

namespace hoplite::oci {
namespace {

std::string media_type_for(const Layer& l, ManifestFormat format) {
  if (is_gzip_layer(l.media_type())) {
    return std::string(format == ManifestFormat::kDocker ? kDockerLayerGzip : kOciLayerGzip);
  }
  return l.media_type();
}

}  // namespace

Image Image::create(ImageConfig config, std::vector<Layer> layers, ManifestFormat format,
                    std::map<std::string, std::string> manifest_annotations) {
  auto s = std::make_shared<State>();
  config.diff_ids.clear();
  for (auto& l : layers) {
    std::string mt = media_type_for(l, format);
    if (mt != l.media_type()) l = l.with_media_type(mt);
    config.diff_ids.push_back(l.diff_id());
  }
  s->config_bytes = config.to_json();
  s->config = std::move(config);
  s->manifest.media_type = std::string(format == ManifestFormat::kDocker ? kDockerManifest : kOciManifest);
  s->manifest.config = Descriptor::of(format == ManifestFormat::kDocker ? kDockerConfig : kOciConfig, s->config_bytes);
  for (const auto& l : layers) s->manifest.layers.push_back(l.descriptor());
  s->manifest.annotations = std::move(manifest_annotations);
  s->manifest_bytes = s->manifest.to_json();
  s->manifest_digest = Digest::of(s->manifest_bytes);
  s->layers = std::move(layers);
  return Image(std::move(s));
}

core::Result<Image> Image::from_bytes(std::string manifest_bytes, std::string config_bytes, std::vector<Layer> layers) {
  auto manifest = Manifest::parse(manifest_bytes);
  if (!manifest) return manifest.failure();
  auto config = ImageConfig::parse(config_bytes);
  if (!config) return config.failure();
  const Descriptor& cd = manifest->config;
  if (cd.size != static_cast<std::int64_t>(config_bytes.size()) || !cd.digest.matches(config_bytes)) {
    return core::fail("oci.image", "config bytes do not match the manifest's config descriptor " + cd.digest.str());
  }
  if (manifest->layers.size() != layers.size()) {
    return core::fail("oci.image", "manifest lists " + std::to_string(manifest->layers.size()) + " layers, " +
                                       std::to_string(layers.size()) + " given");
  }
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const Descriptor& d = manifest->layers[i];
    if (d.digest != layers[i].digest() || d.size != layers[i].size()) {
      return core::fail("oci.image", "layer " + std::to_string(i) + " is " + layers[i].digest().str() +
                                         " but the manifest lists " + d.digest.str());
    }
    if (d.media_type != layers[i].media_type()) layers[i] = layers[i].with_media_type(d.media_type);
  }
  auto s = std::make_shared<State>();
  s->manifest_digest = Digest::of(manifest_bytes);
  s->manifest_bytes = std::move(manifest_bytes);
  s->manifest = std::move(*manifest);
  s->config_bytes = std::move(config_bytes);
  s->config = std::move(*config);
  s->layers = std::move(layers);
  return Image(std::move(s));
}

Platform Image::platform() const {
  return Platform{state_->config.architecture, state_->config.os, state_->config.variant};
}

Descriptor Image::descriptor() const {
  Descriptor d = Descriptor::of(state_->manifest.media_type, state_->manifest_bytes);
  d.platform = platform();
  return d;
}

ManifestFormat Image::format() const {
  return state_->manifest.media_type == kDockerManifest ? ManifestFormat::kDocker : ManifestFormat::kOci;
}

Image append_layers(const Image& base, std::vector<Layer> layers) {
  std::vector<Layer> all = base.layers();
  for (auto& l : layers) all.push_back(std::move(l));
  return Image::create(base.config(), std::move(all), base.format(), base.manifest().annotations);
}

Image with_config(const Image& base, ImageConfig config) {
  return Image::create(std::move(config), base.layers(), base.format(), base.manifest().annotations);
}

core::Result<void> validate(const Image& image) {
  const std::string code = "oci.invalid";
  const Manifest& m = image.manifest();
  if (!is_manifest(m.media_type))
    return core::fail(code, "manifest media type '" + m.media_type + "' is not a manifest");
  if (!image.digest().matches(image.manifest_bytes()))
    return core::fail(code, "manifest digest does not match its bytes");
  auto reparsed = Manifest::parse(image.manifest_bytes());
  if (!reparsed) return core::fail(code, "manifest bytes: " + reparsed.error().message);
  if (*reparsed != m) return core::fail(code, "manifest bytes do not say what the manifest value says");

  const Descriptor& cd = m.config;
  const std::string& cb = image.config_bytes();
  if (cd.size != static_cast<std::int64_t>(cb.size())) {
    return core::fail(code, "config " + cd.digest.str() + ": size " + std::to_string(cb.size()) + ", descriptor says " +
                                std::to_string(cd.size));
  }
  if (!cd.digest.matches(cb)) return core::fail(code, "config: bytes do not hash to " + cd.digest.str());
  bool docker = m.media_type == kDockerManifest;
  if (cd.media_type != (docker ? kDockerConfig : kOciConfig)) {
    return core::fail(code, "config media type '" + cd.media_type + "' does not fit manifest type " + m.media_type);
  }
  auto config = ImageConfig::parse(cb);
  if (!config) return core::fail(code, "config: " + config.error().message);

  const auto& layers = image.layers();
  if (m.layers.size() != layers.size()) return core::fail(code, "manifest and image disagree on the number of layers");
  if (config->diff_ids.size() != layers.size()) {
    return core::fail(code, "config lists " + std::to_string(config->diff_ids.size()) + " diff_ids for " +
                                std::to_string(layers.size()) + " layers");
  }
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    const Descriptor& d = m.layers[i];
    const std::string where = "layer " + std::to_string(i) + " (" + d.digest.str() + ")";
    if (d.size != static_cast<std::int64_t>(l.compressed().size())) {
      return core::fail(code, where + ": size " + std::to_string(l.compressed().size()) + ", descriptor says " +
                                  std::to_string(d.size));
    }
    if (!d.digest.matches(l.compressed())) return core::fail(code, where + ": blob does not hash to its digest");
    if (!compression_of(d.media_type)) {
      return core::fail(code, where + ": unsupported layer media type '" + d.media_type + "'");
    }
    auto computed = compute_diff_id(l);
    if (!computed) return core::fail(code, where + ": " + computed.error().message);
    const Digest& diff_id = *computed;
    if (diff_id != l.diff_id()) return core::fail(code, where + ": diff_id " + l.diff_id().str() + " is wrong");
    if (diff_id != config->diff_ids[i]) {
      return core::fail(code, where + ": config rootfs.diff_ids[" + std::to_string(i) + "] is " +
                                  config->diff_ids[i].str() + ", the tar hashes to " + diff_id.str());
    }
  }
  return core::ok();
}

}  // namespace hoplite::oci
