#include "hoplite/oci/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace hoplite::oci {
namespace {

std::string short_digest(const std::string& digest) { return digest.substr(0, std::min<size_t>(digest.size(), 19)); }

}  // namespace

const char* to_string(BlobOutcome outcome) {
  switch (outcome) {
    case BlobOutcome::kExists:
      return "exists";
    case BlobOutcome::kMounted:
      return "mounted";
    case BlobOutcome::kUploaded:
      return "uploaded";
  }
  return "?";
}

std::string human_size(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  }
  return buf;
}

void TextProgress::blob_bytes(const std::string& digest, std::uint64_t sent, std::uint64_t total) {
  if (sent == 0 || sent == total) return;  // the start is implied and the end is blob_done
  std::lock_guard lock(mutex_);
  out_ << short_digest(digest) << "  " << human_size(sent) << " / " << human_size(total) << '\n' << std::flush;
}

void TextProgress::blob_done(const std::string& digest, std::uint64_t size, BlobOutcome outcome) {
  std::lock_guard lock(mutex_);
  out_ << short_digest(digest) << "  " << human_size(size) << "  " << to_string(outcome) << '\n' << std::flush;
}

void TextProgress::manifest_pushed(const std::string& reference) {
  std::lock_guard lock(mutex_);
  out_ << "pushed " << reference << '\n' << std::flush;
}

std::unique_ptr<Progress> make_progress(bool json_logs) {
  if (!json_logs && ::isatty(STDERR_FILENO) == 1) return std::make_unique<TextProgress>(std::cerr);
  return std::make_unique<NullProgress>();
}

}  // namespace hoplite::oci
