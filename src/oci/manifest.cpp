#include "hoplite/oci/manifest.hpp"

#include "json_codec.hpp"

namespace hoplite::oci {

using detail::ojson;

std::string Manifest::to_json() const {
  ojson o = ojson::object();
  o["schemaVersion"] = 2;
  o["mediaType"] = media_type;
  o["config"] = detail::descriptor_to_json(config);
  ojson ls = ojson::array();
  for (const auto& l : layers) ls.push_back(detail::descriptor_to_json(l));
  o["layers"] = std::move(ls);
  if (!annotations.empty()) o["annotations"] = detail::string_map_to_json(annotations);
  return detail::dump(o);
}

core::Result<Manifest> Manifest::parse(std::string_view json) {
  const std::string code = "oci.manifest";
  auto parsed = detail::parse_json(json, code, "manifest");
  if (!parsed) return parsed.failure();
  const nlohmann::json& j = *parsed;
  if (!j.is_object()) return core::fail(code, "manifest must be a JSON object");
  auto sv = j.find("schemaVersion");
  if (sv == j.end() || !sv->is_number_integer() || sv->get<int>() != 2) {
    return core::fail(code, "manifest: schemaVersion must be 2");
  }
  Manifest m;
  if (auto mt = j.find("mediaType"); mt != j.end()) {
    if (!mt->is_string()) return core::fail(code, "manifest: mediaType must be a string");
    m.media_type = mt->get<std::string>();
  }  // absent: OCI allows it (SHOULD be set); keep the OCI default
  if (!is_manifest(m.media_type)) return core::fail(code, "manifest: unexpected mediaType '" + m.media_type + "'");
  auto cfg = j.find("config");
  if (cfg == j.end()) return core::fail(code, "manifest: config missing");
  auto c = detail::descriptor_from_json(*cfg, code, "manifest.config");
  if (!c) return c.failure();
  m.config = std::move(*c);
  auto ls = j.find("layers");
  if (ls == j.end() || !ls->is_array()) return core::fail(code, "manifest: layers missing");
  for (std::size_t i = 0; i < ls->size(); ++i) {
    auto d = detail::descriptor_from_json((*ls)[i], code, "manifest.layers[" + std::to_string(i) + "]");
    if (!d) return d.failure();
    m.layers.push_back(std::move(*d));
  }
  if (auto a = j.find("annotations"); a != j.end()) {
    auto am = detail::string_map_from_json(*a, code, "manifest.annotations");
    if (!am) return am.failure();
    m.annotations = std::move(*am);
  }
  return m;
}

std::string ImageIndex::to_json() const {
  ojson o = ojson::object();
  o["schemaVersion"] = 2;
  o["mediaType"] = media_type;
  ojson ms = ojson::array();
  for (const auto& d : manifests) ms.push_back(detail::descriptor_to_json(d));
  o["manifests"] = std::move(ms);
  if (!annotations.empty()) o["annotations"] = detail::string_map_to_json(annotations);
  return detail::dump(o);
}

core::Result<ImageIndex> ImageIndex::parse(std::string_view json) {
  const std::string code = "oci.index";
  auto parsed = detail::parse_json(json, code, "image index");
  if (!parsed) return parsed.failure();
  const nlohmann::json& j = *parsed;
  if (!j.is_object()) return core::fail(code, "image index must be a JSON object");
  auto sv = j.find("schemaVersion");
  if (sv == j.end() || !sv->is_number_integer() || sv->get<int>() != 2) {
    return core::fail(code, "image index: schemaVersion must be 2");
  }
  ImageIndex idx;
  if (auto mt = j.find("mediaType"); mt != j.end()) {
    if (!mt->is_string()) return core::fail(code, "image index: mediaType must be a string");
    idx.media_type = mt->get<std::string>();
  }
  if (!is_index(idx.media_type)) return core::fail(code, "image index: unexpected mediaType '" + idx.media_type + "'");
  auto ms = j.find("manifests");
  if (ms == j.end() || !ms->is_array()) return core::fail(code, "image index: manifests missing");
  for (std::size_t i = 0; i < ms->size(); ++i) {
    auto d = detail::descriptor_from_json((*ms)[i], code, "index.manifests[" + std::to_string(i) + "]");
    if (!d) return d.failure();
    idx.manifests.push_back(std::move(*d));
  }
  if (auto a = j.find("annotations"); a != j.end()) {
    auto am = detail::string_map_from_json(*a, code, "index.annotations");
    if (!am) return am.failure();
    idx.annotations = std::move(*am);
  }
  return idx;
}

}  // namespace hoplite::oci
