#pragma once
// Helpers for the end-to-end tests: a real docker-registry per test, running programs, and the
// built example service.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/process.hpp"
#include "support/golden.hpp"

namespace hoplite::integration {

/// A port on 127.0.0.1 nobody listens on right now (the kernel's pick).
int free_port();

/// `docker-registry serve` on a free 127.0.0.1 port with its storage in `dir`; with `user` set,
/// htpasswd basic auth (bcrypt, `htpasswd -Bbc`). Stopped (SIGTERM, then SIGKILL) on destruction.
class RegistryServer {
 public:
  explicit RegistryServer(std::filesystem::path dir, std::optional<std::pair<std::string, std::string>> user = {});
  ~RegistryServer();
  RegistryServer(const RegistryServer&) = delete;
  RegistryServer& operator=(const RegistryServer&) = delete;

  [[nodiscard]] int port() const { return port_; }
  /// `127.0.0.1:<port>`.
  [[nodiscard]] std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
  /// What the registry logged so far.
  [[nodiscard]] std::string log() const;
  /// Deletes everything stored (restarting the registry), as if freshly installed.
  void wipe();

 private:
  void start();
  void stop();
  std::filesystem::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

/// Runs a program to completion (2 minutes at most), capturing its output. The layer cache is
/// off (HOPLITE_CACHE_DIR empty) unless `env` sets HOPLITE_CACHE_DIR.
core::ProcessResult run(std::vector<std::string> argv, std::map<std::string, std::string> env = {},
                        std::filesystem::path cwd = {});

/// The built example service binary, or "" when it was not built.
std::string servicefull();

/// A skopeo policy file that accepts any image (skopeo copy needs one).
std::filesystem::path skopeo_policy(const std::filesystem::path& dir);

/// HTTP status of `GET /v2/<repo>/manifests/<ref>` (with basic credentials when given).
int manifest_status(const std::string& host, const std::string& repo, const std::string& ref,
                    const std::string& user_colon_password = {});

}  // namespace hoplite::integration
