#pragma once
/// \file Where a local cloud keeps its state and how the `hoplite local` commands find a running
/// one: `<data dir>/server.json` ({"pid", "port"}) is written by the server once it listens and
/// removed when it stops; a server is running when that pid is alive and answers
/// `GET /_hoplite/health`.

#include <filesystem>
#include <optional>
#include <string>

#include "hoplite/core/result.hpp"

namespace hoplite::tool {

/// The local cloud's default port (LocalStack's, which scripts and SDK configs already use).
inline constexpr int kDefaultPort = 4566;

/// `$XDG_STATE_HOME/hoplite/local`, else `$HOME/.local/state/hoplite/local`.
core::Result<std::filesystem::path> default_data_dir();

struct ServerInfo {
  int pid = 0;
  int port = 0;
};

/// `<dir>/server.json`, if present and well-formed.
[[nodiscard]] std::optional<ServerInfo> read_server_info(const std::filesystem::path& dir);
/// Writes it atomically.
core::Result<void> write_server_info(const std::filesystem::path& dir, const ServerInfo& info);
void remove_server_info(const std::filesystem::path& dir);

/// True when a process with this pid exists.
[[nodiscard]] bool process_alive(int pid);
/// True when `http://127.0.0.1:<port>/_hoplite/health` answers 200 within `timeout_ms`.
[[nodiscard]] bool server_answers(int port, int timeout_ms = 1000);
/// The server described by server.json, when it is alive and answers; else nullopt.
[[nodiscard]] std::optional<ServerInfo> running_server(const std::filesystem::path& dir);

/// `http://127.0.0.1:<port>`.
[[nodiscard]] std::string endpoint_of(int port);

}  // namespace hoplite::tool
