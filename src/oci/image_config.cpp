#include "hoplite/oci/image_config.hpp"

#include <chrono>

#include "hoplite/core/time_format.hpp"
#include "json_codec.hpp"

namespace hoplite::oci {
namespace {

using detail::ojson;
const std::string kCode = "oci.config";

std::string time_text(std::int64_t seconds) {
  return core::format_iso8601(core::TimePoint{std::chrono::seconds{seconds}});
}

// The seconds of an RFC 3339 time; fractions are dropped, an unreadable time gives nullopt (the
// bytes are kept by Image anyway).
std::optional<std::int64_t> parse_time(const std::string& s) {
  auto t = core::parse_iso8601(s);
  if (!t) return std::nullopt;
  return core::to_epoch_seconds(*t);
}

ojson strings(const std::vector<std::string>& v) {
  ojson a = ojson::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

core::Result<std::vector<std::string>> strings_from(const nlohmann::json& j, std::string_view where) {
  std::vector<std::string> out;
  if (j.is_null()) return out;
  if (!j.is_array()) return core::fail(kCode, std::string(where) + " must be an array of strings");
  for (const auto& e : j) {
    if (!e.is_string()) return core::fail(kCode, std::string(where) + " must be an array of strings");
    out.push_back(e.get<std::string>());
  }
  return out;
}

}  // namespace

std::string ImageConfig::to_json() const {
  ojson o = ojson::object();
  if (created) o["created"] = time_text(*created);
  if (!author.empty()) o["author"] = author;
  o["architecture"] = architecture;
  o["os"] = os;
  if (!variant.empty()) o["variant"] = variant;

  ojson c = ojson::object();
  if (!config.user.empty()) c["User"] = config.user;
  if (!config.exposed_ports.empty()) {
    ojson ports = ojson::object();
    std::vector<std::string> sorted = config.exposed_ports;
    std::sort(sorted.begin(), sorted.end());
    for (const auto& p : sorted) ports[p] = ojson::object();
    c["ExposedPorts"] = std::move(ports);
  }
  if (!config.env.empty()) c["Env"] = strings(config.env);
  if (!config.entrypoint.empty()) c["Entrypoint"] = strings(config.entrypoint);
  if (!config.cmd.empty()) c["Cmd"] = strings(config.cmd);
  if (!config.working_dir.empty()) c["WorkingDir"] = config.working_dir;
  if (!config.labels.empty()) c["Labels"] = detail::string_map_to_json(config.labels);
  if (!config.stop_signal.empty()) c["StopSignal"] = config.stop_signal;
  o["config"] = std::move(c);

  ojson rootfs = ojson::object();
  rootfs["type"] = "layers";
  ojson ids = ojson::array();
  for (const auto& d : diff_ids) ids.push_back(d.str());
  rootfs["diff_ids"] = std::move(ids);
  o["rootfs"] = std::move(rootfs);

  if (!history.empty()) {
    ojson h = ojson::array();
    for (const auto& e : history) {
      ojson he = ojson::object();
      if (e.created) he["created"] = time_text(*e.created);
      if (!e.created_by.empty()) he["created_by"] = e.created_by;
      if (!e.comment.empty()) he["comment"] = e.comment;
      if (e.empty_layer) he["empty_layer"] = true;
      h.push_back(std::move(he));
    }
    o["history"] = std::move(h);
  }
  return detail::dump(o);
}

core::Result<ImageConfig> ImageConfig::parse(std::string_view json) {
  auto parsed = detail::parse_json(json, kCode, "image config");
  if (!parsed) return parsed.failure();
  const nlohmann::json& j = *parsed;
  if (!j.is_object()) return core::fail(kCode, "image config must be a JSON object");
  ImageConfig out;
  try {
    auto arch = j.find("architecture");
    auto os = j.find("os");
    if (arch == j.end() || !arch->is_string()) return core::fail(kCode, "image config: architecture missing");
    if (os == j.end() || !os->is_string()) return core::fail(kCode, "image config: os missing");
    out.architecture = arch->get<std::string>();
    out.os = os->get<std::string>();
    out.variant = j.value("variant", "");
    out.author = j.value("author", "");
    if (auto c = j.find("created"); c != j.end() && c->is_string()) out.created = parse_time(c->get<std::string>());
    if (auto c = j.find("config"); c != j.end() && c->is_object()) {
      out.config.user = c->value("User", "");
      out.config.working_dir = c->value("WorkingDir", "");
      out.config.stop_signal = c->value("StopSignal", "");
      for (auto [key, field] : {std::pair{"Env", &out.config.env}, std::pair{"Entrypoint", &out.config.entrypoint},
                                std::pair{"Cmd", &out.config.cmd}}) {
        if (auto f = c->find(key); f != c->end()) {
          auto v = strings_from(*f, std::string("config.") + key);
          if (!v) return v.failure();
          *field = std::move(*v);
        }
      }
      if (auto l = c->find("Labels"); l != c->end()) {
        auto m = detail::string_map_from_json(*l, kCode, "config.Labels");
        if (!m) return m.failure();
        out.config.labels = std::move(*m);
      }
      if (auto p = c->find("ExposedPorts"); p != c->end() && p->is_object()) {
        for (const auto& [k, v] : p->items()) out.config.exposed_ports.push_back(k);
      }
    }
    auto rootfs = j.find("rootfs");
    if (rootfs == j.end() || !rootfs->is_object()) return core::fail(kCode, "image config: rootfs missing");
    if (rootfs->value("type", "") != "layers") return core::fail(kCode, "image config: rootfs.type must be 'layers'");
    auto ids = rootfs->find("diff_ids");
    if (ids == rootfs->end() || !ids->is_array()) return core::fail(kCode, "image config: rootfs.diff_ids missing");
    for (const auto& id : *ids) {
      if (!id.is_string()) return core::fail(kCode, "image config: rootfs.diff_ids must be strings");
      auto d = Digest::parse(id.get<std::string>());
      if (!d) return core::fail(kCode, "image config: rootfs.diff_ids: " + d.error().message);
      out.diff_ids.push_back(*d);
    }
    if (auto h = j.find("history"); h != j.end() && h->is_array()) {
      for (const auto& e : *h) {
        if (!e.is_object()) continue;
        HistoryEntry he;
        he.created_by = e.value("created_by", "");
        he.comment = e.value("comment", "");
        he.empty_layer = e.value("empty_layer", false);
        if (auto c = e.find("created"); c != e.end() && c->is_string()) he.created = parse_time(c->get<std::string>());
        out.history.push_back(std::move(he));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return core::fail(kCode, std::string("image config: ") + e.what());
  }
  return out;
}

}  // namespace hoplite::oci
