#include "local/request_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hoplite::local {
namespace {

constexpr std::uint64_t kRotateBytes = 16 << 20;

int open_append(const std::filesystem::path& file) {
  return ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}

std::string iso_millis(core::TimePoint t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  std::string s = core::format_iso8601(t);  // …Z
  s.pop_back();
  return fmt::format("{}.{:03}Z", s, ms < 0 ? ms + 1000 : ms);
}

}  // namespace

core::Result<std::unique_ptr<RequestLog>> RequestLog::open(const std::filesystem::path& file, bool enabled) {
  int fd = -1;
  if (enabled) {
    fd = open_append(file);
    if (fd < 0) return core::fail("local.log", "cannot open " + file.string() + ": " + std::strerror(errno));
  }
  std::unique_ptr<RequestLog> log(new RequestLog(file, fd));
  if (fd >= 0) {
    struct stat st {};
    if (::fstat(fd, &st) == 0) log->bytes_ = static_cast<std::uint64_t>(st.st_size);
  }
  return log;
}

RequestLog::~RequestLog() {
  if (fd_ >= 0) ::close(fd_);
}

void RequestLog::write(const RequestLogEntry& e) {
  std::lock_guard lock(mutex_);
  ++count_;
  if (fd_ < 0) return;
  nlohmann::ordered_json line{
      {"time", iso_millis(e.time)}, {"id", e.request_id},
      {"method", e.method},         {"path", e.path},
      {"service", e.service},       {"operation", e.operation},
      {"status", e.status},         {"ms", static_cast<double>(static_cast<long long>(e.milliseconds * 1000)) / 1000},
      {"account", e.account}};
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  // One write per line on an O_APPEND descriptor: lines never interleave, and a crash loses at
  // most the line being written.
  if (::write(fd_, text.data(), text.size()) > 0) bytes_ += text.size();
  if (bytes_ > kRotateBytes) rotate_locked();
}

void RequestLog::rotate_locked() {
  auto old = file_;
  old += ".1";
  ::rename(file_.c_str(), old.c_str());
  ::close(fd_);
  fd_ = open_append(file_);
  bytes_ = 0;
}

std::uint64_t RequestLog::count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

}  // namespace hoplite::local
