#include "hoplite/aws/retry.hpp"

#include <cstdio>
#include <cstdlib>
#include <random>

#include "hoplite/aws/profile.hpp"

namespace hoplite::aws {
std::string idempotency_token(const std::function<std::uint64_t()>& random) {
  std::uint64_t hi = 0, lo = 0;
  if (random) {
    hi = random();
    lo = random();
  } else {
    std::random_device rd;
    hi = (std::uint64_t{rd()} << 32) | rd();
    lo = (std::uint64_t{rd()} << 32) | rd();
  }
  hi = (hi & ~std::uint64_t{0xF000}) | 0x4000;                           // version 4
  lo = (lo & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{0x8} << 60);  // RFC 4122 variant
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

core::Result<core::RetryOptions> retry_options(const std::optional<std::string>& profile) {
  core::RetryOptions o;
  std::string source;
  std::optional<std::string> raw;
  if (const char* env = std::getenv("AWS_MAX_ATTEMPTS"); env != nullptr && *env != '\0') {
    raw = env;
    source = "AWS_MAX_ATTEMPTS";
  } else {
    auto cfg = load_shared_config();
    if (!cfg) return cfg.failure("reading retry settings");
    std::string name = selected_profile(profile);
    if (auto p = cfg->profile(name)) {
      raw = p->get("max_attempts");
      source = "max_attempts in profile " + name;
    }
  }
  if (raw) {
    char* end = nullptr;
    long v = std::strtol(raw->c_str(), &end, 10);
    if (end == raw->c_str() || *end != '\0' || v < 1 || v > 100)
      return core::fail("aws.retry.config", source + "='" + *raw + "' is not a whole number from 1 to 100");
    o.max_attempts = static_cast<int>(v);
  }
  return o;
}

}  // namespace hoplite::aws
