#include "local_state.hpp"

#include <signal.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "hoplite/core/file.hpp"
#include "hoplite/http/curl_client.hpp"

namespace hoplite::tool {

core::Result<std::filesystem::path> default_data_dir() {
  if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && state[0] == '/')
    return std::filesystem::path(state) / "hoplite" / "local";
  const char* home = std::getenv("HOME");
  if (home == nullptr || home[0] != '/')
    return core::fail("tool.data_dir", "neither XDG_STATE_HOME nor HOME is set: pass --data-dir");
  return std::filesystem::path(home) / ".local" / "state" / "hoplite" / "local";
}

std::optional<ServerInfo> read_server_info(const std::filesystem::path& dir) {
  std::ifstream in(dir / "server.json");
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!doc.is_object() || !doc.contains("pid") || !doc.contains("port") || !doc["pid"].is_number_integer() ||
      !doc["port"].is_number_integer())
    return std::nullopt;
  return ServerInfo{doc["pid"].get<int>(), doc["port"].get<int>()};
}

core::Result<void> write_server_info(const std::filesystem::path& dir, const ServerInfo& info) {
  nlohmann::ordered_json doc{{"pid", info.pid}, {"port", info.port}};
  return core::write_file_atomic(dir / "server.json", doc.dump() + "\n");
}

void remove_server_info(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::remove(dir / "server.json", ec);
}

bool process_alive(int pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

bool server_answers(int port, int timeout_ms) {
  http::CurlClient client({.connect_timeout = std::chrono::milliseconds(timeout_ms),
                           .total_timeout = std::chrono::milliseconds(timeout_ms),
                           .stall_timeout = std::chrono::seconds(0)});
  // Never through a proxy: the server is on loopback.
  http::Request req{"GET", endpoint_of(port) + "/_hoplite/health", {}, {}, {}};
  auto r = client.send(req);
  return r.ok() && r->status == 200;
}

std::optional<ServerInfo> running_server(const std::filesystem::path& dir) {
  auto info = read_server_info(dir);
  if (!info || !process_alive(info->pid) || !server_answers(info->port)) return std::nullopt;
  return info;
}

std::string endpoint_of(int port) { return "http://127.0.0.1:" + std::to_string(port); }

}  // namespace hoplite::tool
