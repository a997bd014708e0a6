#include "local/s3/s3_names.hpp"

#include <ctime>

#include <fmt/format.h>

namespace hoplite::local::s3 {

bool is_bucket_name(std::string_view n) {
  if (n.size() < 3 || n.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(n.front()) || !alnum(n.back())) return false;
  int dots = 0;
  bool digits_and_dots = true;
  for (std::size_t i = 0; i < n.size(); ++i) {
    char c = n[i];
    if (!alnum(c) && c != '.' && c != '-') return false;
    if (c == '.') {
      ++dots;
      if (n[i - 1] == '.') return false;
    }
    if (!(c == '.' || (c >= '0' && c <= '9'))) digits_and_dots = false;
  }
  if (digits_and_dots && dots == 3) return false;  // looks like an IPv4 address
  if (n.starts_with("xn--") || n.starts_with("sthree-") || n.ends_with("-s3alias") || n.ends_with("--ol-s3"))
    return false;
  return true;
}

namespace {
std::tm utc(core::TimePoint t) {
  std::time_t secs =
      std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::system_clock::duration>(
          std::chrono::system_clock::time_point{} + t.time_since_epoch()));
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}
}  // namespace

std::string http_date(core::TimePoint t) {
  std::tm tm = utc(t);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::string iso_millis(core::TimePoint t) {
  std::tm tm = utc(t);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:03d}Z", buf, ms < 0 ? 0 : ms);
}

core::Failure s3_error(std::string code, std::string message, int status) {
  return core::fail(core::Error{std::move(code), std::move(message), status, false, {}});
}

core::Failure no_such_bucket() { return s3_error("NoSuchBucket", "The specified bucket does not exist", 404); }
core::Failure no_such_key() { return s3_error("NoSuchKey", "The specified key does not exist.", 404); }
core::Failure no_such_upload() {
  return s3_error("NoSuchUpload",
                  "The specified upload does not exist. The upload ID may be invalid, or the upload may have been "
                  "aborted or completed.",
                  404);
}
core::Failure invalid_argument(std::string message) { return s3_error("InvalidArgument", std::move(message), 400); }

}  // namespace hoplite::local::s3
