#pragma once
/// \file `--local`: make sure the local cloud answers before the first call, starting it with the
/// `hoplite` tool when nothing listens (docs/cli.md, "The local cloud").

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include "hoplite/core/process.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/client.hpp"

namespace hoplite::app {

struct LocalCloudStart {
  std::string url;  ///< the local cloud's base URL (AwsSession::endpoint_url())
  http::Client& http;
  core::ProcessRunner& runner;
  /// The command's environment: PATH is searched for `hoplite` after the binary's own directory.
  const std::map<std::string, std::string>& environment;
  /// The running binary; a `hoplite` beside it is preferred. Default: /proc/self/exe.
  std::filesystem::path self = "/proc/self/exe";
  /// How long one health probe may take. Default 2 s.
  std::chrono::milliseconds probe_timeout{2'000};
};

/// GET `<url>/_hoplite/health`. When it answers 200: nothing to do. When nothing answers and the
/// URL is on this machine (a loopback host), runs `hoplite local up --port <port>` (which returns
/// once the server answers) and probes again. Otherwise an error (`app.local.unreachable`) that
/// says exactly what to run. Something else answering there is `app.local.not_hoplite`.
core::Result<void> ensure_local_cloud(const LocalCloudStart& start);

/// The `hoplite` tool: `<directory of self>/hoplite`, else the first executable `hoplite` on
/// `PATH` (from `environment`); empty when there is none.
[[nodiscard]] std::filesystem::path find_hoplite_tool(const std::filesystem::path& self,
                                                      const std::map<std::string, std::string>& environment);

}  // namespace hoplite::app
