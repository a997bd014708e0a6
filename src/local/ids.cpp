#include "local/ids.hpp"

#include <cstdint>
#include <random>

#include <fmt/format.h>

namespace hoplite::local {
namespace {

/// Secrets come straight from the kernel; ids (which only need to be unique) from a generator
/// seeded by it, which is much cheaper per character.
std::string draw(std::size_t n, std::string_view alphabet, bool secret) {
  thread_local std::random_device device;
  thread_local std::mt19937_64 fast{(static_cast<std::uint64_t>(device()) << 32) ^ device()};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string out(n, '\0');
  for (char& c : out) c = alphabet[secret ? pick(device) : pick(fast)];
  return out;
}

}  // namespace

std::string request_id() {
  std::string h = random_hex(32);
  h[12] = '4';
  h[16] = "89ab"[static_cast<unsigned char>(h[16]) % 4];
  return fmt::format("{}-{}-{}-{}-{}", h.substr(0, 8), h.substr(8, 4), h.substr(12, 4), h.substr(16, 4), h.substr(20));
}

std::string random_upper_alnum(std::size_t n) { return draw(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", true); }

std::string random_base64ish(std::size_t n) {
  return draw(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
}

std::string random_hex(std::size_t n) { return draw(n, "0123456789abcdef", false); }

}  // namespace hoplite::local
