#pragma once
/// \file The local cloud's request log: one JSON line per request in `<data_dir>/requests.log`
/// (time, request id, method, path without query, service, operation, status, duration, account).
/// It is how a test proves that `--noop` only reads, or that a no-change push uploads nothing, and
/// what `hoplite local logs` prints. Never headers, query strings or bodies: they carry
/// signatures and secrets. Rotated to `requests.log.1` past 16 MiB.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::local {

struct RequestLogEntry {
  core::TimePoint time;
  std::string request_id;
  std::string method;
  std::string path;  ///< without the query
  std::string service;
  std::string operation;
  int status = 0;
  double milliseconds = 0;
  std::string account;
};

class RequestLog {
 public:
  /// Appends to `file` (created, mode 0600). A disabled log writes nothing.
  static core::Result<std::unique_ptr<RequestLog>> open(const std::filesystem::path& file, bool enabled);
  ~RequestLog();
  void write(const RequestLogEntry& entry);
  /// Requests logged since the server started.
  [[nodiscard]] std::uint64_t count() const;

 private:
  RequestLog(std::filesystem::path file, int fd) : file_(std::move(file)), fd_(fd) {}
  void rotate_locked();

  std::filesystem::path file_;
  int fd_;
  mutable std::mutex mutex_;
  std::uint64_t count_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace hoplite::local
