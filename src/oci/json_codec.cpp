#include "json_codec.hpp"

#include "hoplite/core/json.hpp"

namespace hoplite::oci::detail {

ojson string_map_to_json(const std::map<std::string, std::string>& m) {
  ojson o = ojson::object();
  for (const auto& [k, v] : m) o[k] = v;
  return o;
}

core::Result<std::map<std::string, std::string>> string_map_from_json(const nlohmann::json& j, const std::string& code,
                                                                      std::string_view where) {
  std::map<std::string, std::string> out;
  if (j.is_null()) return out;
  if (!j.is_object()) return core::fail(code, std::string(where) + " must be an object of strings");
  for (const auto& [k, v] : j.items()) {
    if (!v.is_string()) return core::fail(code, std::string(where) + "." + k + " must be a string");
    out[k] = v.get<std::string>();
  }
  return out;
}

ojson descriptor_to_json(const Descriptor& d) {
  ojson o = ojson::object();
  o["mediaType"] = d.media_type;
  o["digest"] = d.digest.str();
  o["size"] = d.size;
  if (!d.annotations.empty()) o["annotations"] = string_map_to_json(d.annotations);
  if (d.platform) {
    ojson p = ojson::object();
    p["architecture"] = d.platform->architecture;
    p["os"] = d.platform->os;
    if (!d.platform->variant.empty()) p["variant"] = d.platform->variant;
    o["platform"] = std::move(p);
  }
  return o;
}

core::Result<Descriptor> descriptor_from_json(const nlohmann::json& j, const std::string& code,
                                              std::string_view where) {
  const std::string w(where);
  if (!j.is_object()) return core::fail(code, w + " must be a descriptor object");
  Descriptor d;
  auto mt = j.find("mediaType");
  if (mt == j.end() || !mt->is_string()) return core::fail(code, w + ".mediaType missing or not a string");
  d.media_type = mt->get<std::string>();
  auto dg = j.find("digest");
  if (dg == j.end() || !dg->is_string()) return core::fail(code, w + ".digest missing or not a string");
  auto digest = Digest::parse(dg->get<std::string>());
  if (!digest) return core::fail(code, w + ".digest: " + digest.error().message);
  d.digest = *digest;
  auto sz = j.find("size");
  if (sz == j.end() || !sz->is_number_integer() || sz->get<std::int64_t>() < 0) {
    return core::fail(code, w + ".size missing or not a non-negative integer");
  }
  d.size = sz->get<std::int64_t>();
  if (auto a = j.find("annotations"); a != j.end()) {
    auto m = string_map_from_json(*a, code, w + ".annotations");
    if (!m) return m.failure();
    d.annotations = std::move(*m);
  }
  if (auto p = j.find("platform"); p != j.end()) {
    if (!p->is_object()) return core::fail(code, w + ".platform must be an object");
    Platform pl;
    pl.architecture = p->value("architecture", "");
    pl.os = p->value("os", "");
    pl.variant = p->value("variant", "");
    if (pl.architecture.empty() || pl.os.empty()) return core::fail(code, w + ".platform needs architecture and os");
    d.platform = pl;
  }
  return d;
}

core::Result<nlohmann::json> parse_json(std::string_view text, const std::string& code, std::string_view what) {
  auto doc = core::parse_json(text, "the " + std::string(what));
  if (!doc) {
    core::Error e = doc.error();
    if (e.code == "json.parse") e.code = code;  // callers branch on their module's code
    return core::fail(std::move(e));
  }
  return doc;
}

std::string dump(const ojson& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace hoplite::oci::detail
