#pragma once
/// \file
/// Media types of OCI image-spec v1.1.1 (media-types.md) and their Docker v2 schema 2
/// equivalents (the spec's compatibility matrix). Registries such as ECR accept both.

#include <string_view>

namespace hoplite::oci {

// OCI image-spec v1.1.1.
/// An OCI image manifest.
inline constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
/// An OCI image index.
inline constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
/// An OCI image config.
inline constexpr std::string_view kOciConfig = "application/vnd.oci.image.config.v1+json";
/// An uncompressed OCI layer.
inline constexpr std::string_view kOciLayer = "application/vnd.oci.image.layer.v1.tar";
/// A gzip-compressed OCI layer.
inline constexpr std::string_view kOciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
/// A zstd-compressed OCI layer.
inline constexpr std::string_view kOciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
/// The OCI empty descriptor's content (`{}`).
inline constexpr std::string_view kOciEmpty = "application/vnd.oci.empty.v1+json";
/// The `oci-layout` file of an image layout.
inline constexpr std::string_view kOciLayoutHeader = "application/vnd.oci.layout.header.v1+json";

// Docker image manifest v2, schema 2.
/// A Docker image manifest (schema 2).
inline constexpr std::string_view kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
/// A Docker manifest list (the Docker index).
inline constexpr std::string_view kDockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
/// A Docker image config.
inline constexpr std::string_view kDockerConfig = "application/vnd.docker.container.image.v1+json";
/// A gzip-compressed Docker layer.
inline constexpr std::string_view kDockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

/// The two manifest dialects hoplite writes. OCI is the default; Docker v2 schema 2 exists for
/// registries or tools that still want it.
enum class ManifestFormat { kOci, kDocker };

/// True for an image manifest media type (OCI or Docker v2 schema 2).
[[nodiscard]] constexpr bool is_manifest(std::string_view media_type) {
  return media_type == kOciManifest || media_type == kDockerManifest;
}
/// True for an index / manifest list media type.
[[nodiscard]] constexpr bool is_index(std::string_view media_type) {
  return media_type == kOciIndex || media_type == kDockerManifestList;
}
/// True for a gzip-compressed layer media type (OCI or Docker).
[[nodiscard]] constexpr bool is_gzip_layer(std::string_view media_type) {
  return media_type == kOciLayerGzip || media_type == kDockerLayerGzip;
}
/// True for an uncompressed tar layer.
[[nodiscard]] constexpr bool is_tar_layer(std::string_view media_type) { return media_type == kOciLayer; }

}  // namespace hoplite::oci
