#pragma once
/// \file An in-memory OCI registry for tests: the real registry server (oci/registry_server.hpp)
/// over a MemoryRegistryStorage, plus what tests need around it: it can demand basic or bearer
/// auth (with its own token service), logs requests, and injects faults on request. It is an `http::Handler` (serve it
/// over a socket with `http::Server`) and an `http::Client` that calls that handler in process, which is also where the
/// connection-level faults live. Thread-safe: concurrent pushes may share one.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "hoplite/http/client.hpp"
#include "hoplite/http/handler.hpp"
#include "hoplite/oci/memory_registry_storage.hpp"
#include "hoplite/oci/registry_server.hpp"

namespace hoplite::testing {

class MemoryRegistry : public http::Client, public http::Handler {
 public:
  /// A fault applied to the `skip`+1-th request whose method matches and whose path contains
  /// `path_contains`; each fault fires once.
  struct Fault {
    enum class Kind {
      kStatus,       ///< answer `status` (with an error body) without doing anything
      kDrop,         ///< fail with a retryable transport error, as if the connection dropped
      kWrongDigest,  ///< do the work but report another Docker-Content-Digest
      kRestart,      ///< forget every open upload session (as a restarted registry does), then answer
    };
    std::string method;
    std::string path_contains;
    Kind kind = Kind::kStatus;
    int status = 500;
    int skip = 0;
  };

  /// In process: applies a matching fault, else passes the request to `handle`.
  core::Result<http::Response> send(const http::Request& request) override;
  /// The registry itself (no faults but kStatus/kWrongDigest, which send() also applies).
  http::Response handle(http::ServerRequest& request) override;

  /// Demand HTTP basic auth with these credentials.
  void require_basic(std::string user, std::string password);
  /// Demand bearer tokens from the token service at `realm` (answered by this fake too), which
  /// accepts these basic credentials.
  void require_bearer(std::string realm, std::string service, std::string user, std::string password);
  void add_fault(Fault fault);

  /// Puts a blob into `repository` directly (e.g. as if pushed earlier).
  void put_blob(const std::string& repository, const std::string& bytes);
  [[nodiscard]] bool has_blob(const std::string& repository, const std::string& digest) const;
  /// The manifest bytes stored under `reference` (tag or digest) in `repository`.
  [[nodiscard]] std::optional<std::string> manifest(const std::string& repository, const std::string& reference) const;
  /// Number of manifests stored anywhere.
  [[nodiscard]] std::size_t manifest_count() const;
  /// `METHOD /path status` of every request received (queries dropped), in order.
  [[nodiscard]] std::vector<std::string> log() const;
  /// Requests whose method is `method` and whose path contains `path_contains`.
  [[nodiscard]] int count(const std::string& method, const std::string& path_contains = "") const;
  /// Scopes asked of the token service, in order.
  [[nodiscard]] std::vector<std::string> token_scopes() const;

 private:
  http::Response handle_token(const http::ServerRequest& req, const std::string& query);
  bool authorized(const http::ServerRequest& req) const;
  http::Response challenge() const;

  oci::MemoryRegistryStorage storage_;
  oci::RegistryServer server_{storage_, {}};
  mutable std::mutex mutex_;
  std::vector<Fault> faults_;
  std::vector<std::string> log_;
  std::vector<std::string> token_scopes_;
  std::optional<std::pair<std::string, std::string>> basic_;
  std::string realm_, service_;
  std::set<std::string> tokens_;
  int next_id_ = 0;
};

}  // namespace hoplite::testing
