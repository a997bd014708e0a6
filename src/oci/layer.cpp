#include "hoplite/oci/layer.hpp"

#include "hoplite/oci/layer_writer.hpp"

namespace hoplite::oci {

core::Result<Layer> Layer::from_blob(std::string blob, std::string_view media_type) {
  Digest digest = Digest::of(blob);
  Digest diff_id;
  if (is_gzip_layer(media_type)) {
    auto tar = gunzip(blob);
    if (!tar) return core::fail("oci.layer", "layer " + digest.str() + ": " + tar.error().message);
    diff_id = Digest::of(*tar);
  } else if (is_tar_layer(media_type)) {
    diff_id = digest;
  } else {
    return core::fail("oci.layer",
                      "layer " + digest.str() + ": unsupported media type '" + std::string(media_type) + "'");
  }
  return Layer(std::make_shared<const std::string>(std::move(blob)), std::move(digest), std::move(diff_id),
               std::string(media_type));
}

Layer Layer::from_parts(std::string blob, Digest digest, Digest diff_id, std::string media_type) {
  return Layer(std::make_shared<const std::string>(std::move(blob)), std::move(digest), std::move(diff_id),
               std::move(media_type));
}

Layer Layer::with_media_type(std::string media_type) const {
  return Layer(blob_, digest_, diff_id_, std::move(media_type));
}

core::Result<std::string> uncompressed_tar(const Layer& layer) {
  if (is_tar_layer(layer.media_type())) return std::string(layer.compressed());
  if (!is_gzip_layer(layer.media_type())) {
    return core::fail("oci.layer",
                      "layer " + layer.digest().str() + ": unsupported media type '" + layer.media_type() + "'");
  }
  auto tar = gunzip(layer.compressed());
  if (!tar) return core::fail("oci.layer", "layer " + layer.digest().str() + ": " + tar.error().message);
  return tar;
}

}  // namespace hoplite::oci
