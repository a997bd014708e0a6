#include "app/local_cloud_start.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "hoplite/core/log.hpp"
#include "hoplite/core/terminal_text.hpp"
#include "hoplite/http/url.hpp"

namespace hoplite::app {
namespace {

enum class Probe { healthy, silent, other };

Probe probe(const LocalCloudStart& s) {
  http::Request req{.method = "GET", .url = s.url + "/_hoplite/health"};
  req.timeout = s.probe_timeout;
  auto r = s.http.send(req);
  if (!r) return Probe::silent;  // refused, timed out: nobody there
  return r->status == 200 ? Probe::healthy : Probe::other;
}

bool executable(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

}  // namespace

std::filesystem::path find_hoplite_tool(const std::filesystem::path& self,
                                        const std::map<std::string, std::string>& environment) {
  std::error_code ec;
  auto real = std::filesystem::canonical(self, ec);
  if (!ec) {
    auto beside = real.parent_path() / "hoplite";
    // A service binary that is itself called `hoplite` must not start itself.
    if (beside != real && executable(beside)) return beside;
  }
  auto path = environment.find("PATH");
  if (path == environment.end()) return {};
  std::string_view rest = path->second;
  while (!rest.empty()) {
    const auto colon = rest.find(':');
    std::string_view dir = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    if (dir.empty()) continue;  // an empty entry means ".": never run a tool from where we stand
    auto candidate = std::filesystem::path(dir) / "hoplite";
    if (executable(candidate)) return candidate;
  }
  return {};
}

core::Result<void> ensure_local_cloud(const LocalCloudStart& s) {
  switch (probe(s)) {
    case Probe::healthy:
      return {};
    case Probe::other:
      return core::fail("app.local.not_hoplite",
                        fmt::format("something answers at {} but it is not hoplite's local cloud (no "
                                    "/_hoplite/health); set HOPLITE_LOCAL_URL to the local cloud's URL",
                                    s.url));
    case Probe::silent:
      break;
  }
  auto url = http::parse_url(s.url);
  if (!url || !http::is_loopback_host(url->host) || url->scheme != "http") {
    return core::fail("app.local.unreachable",
                      fmt::format("nothing answers at {}; start the local cloud there, or unset HOPLITE_LOCAL_URL "
                                  "to use the one on this machine",
                                  s.url));
  }
  const std::string up = fmt::format("hoplite local up --port {}", url->port);
  const auto tool = find_hoplite_tool(s.self, s.environment);
  if (tool.empty()) {
    return core::fail("app.local.unreachable",
                      fmt::format("nothing answers at {} and no `hoplite` tool was found beside this binary or on "
                                  "PATH; build it (target hoplite_tool) and run `{}`",
                                  s.url, up));
  }
  core::log::info("nothing answers at {}: starting the local cloud ({} {})", s.url, tool.string(),
                  up.substr(std::string_view("hoplite ").size()));
  auto ran = s.runner.run({.argv = {tool.string(), "local", "up", "--port", std::to_string(url->port)},
                           .timeout = std::chrono::milliseconds(60'000)});
  if (!ran) return ran.failure("running " + tool.string());
  if (ran->exit_code != 0) {
    return core::fail("app.local.unreachable",
                      fmt::format("`{}` failed (exit {}): {}", up, ran->exit_code,
                                  core::terminal_safe(ran->err.empty() ? ran->out : ran->err, 2000)));
  }
  if (probe(s) != Probe::healthy) {
    return core::fail(
        "app.local.unreachable",
        fmt::format("`{}` returned but nothing answers at {}; see `hoplite local logs --server`", up, s.url));
  }
  core::log::info("local cloud started at {}; it keeps running (stop it with `hoplite local down`)", s.url);
  return {};
}

}  // namespace hoplite::app
