#pragma once
/// \file
/// What a push reports while it runs: per blob, bytes sent and how it ended. A terminal gets
/// one line per event on stderr; JSON-log mode and non-terminals get nothing (the caller logs the
/// result instead).

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>

namespace hoplite::oci {

/// How a blob reached the registry.
enum class BlobOutcome {
  kExists,    ///< HEAD found it: nothing sent
  kMounted,   ///< cross-repository mount: nothing sent
  kUploaded,  ///< bytes were sent
};

/// `exists`, `mounted` or `uploaded`.
[[nodiscard]] const char* to_string(BlobOutcome outcome);

/// Receives push events. Called from several worker threads at once: implementations lock.
class Progress {
 public:
  virtual ~Progress() = default;
  /// Bytes of `digest` acknowledged by the registry so far (0 at the start of each attempt).
  virtual void blob_bytes(const std::string& digest, std::uint64_t sent, std::uint64_t total) = 0;
  /// The blob is in the registry: how it got there and its size.
  virtual void blob_done(const std::string& digest, std::uint64_t size, BlobOutcome outcome) = 0;
  /// The manifest was stored under `reference` (a tag or a digest).
  virtual void manifest_pushed(const std::string& reference) = 0;
};

/// Reports nothing.
class NullProgress final : public Progress {
 public:
  void blob_bytes(const std::string&, std::uint64_t, std::uint64_t) override {}  ///< ignores the event
  void blob_done(const std::string&, std::uint64_t, BlobOutcome) override {}     ///< ignores the event
  void manifest_pushed(const std::string&) override {}                           ///< ignores the event
};

/// Human-readable lines such as `sha256:1a2b3c4d5e6f  4.9 MiB  uploaded`, one per event.
class TextProgress final : public Progress {
 public:
  /// Writes to `out`, which must outlive it.
  explicit TextProgress(std::ostream& out) : out_(out) {}
  void blob_bytes(const std::string& digest, std::uint64_t sent, std::uint64_t total) override;
  void blob_done(const std::string& digest, std::uint64_t size, BlobOutcome outcome) override;
  void manifest_pushed(const std::string& reference) override;

 private:
  std::ostream& out_;
  std::mutex mutex_;
};

/// TextProgress on stderr when stderr is a terminal and logs are not JSON; otherwise NullProgress.
[[nodiscard]] std::unique_ptr<Progress> make_progress(bool json_logs);

/// `4.9 MiB`, `512 B` — sizes for people.
[[nodiscard]] std::string human_size(std::uint64_t bytes);

}  // namespace hoplite::oci
