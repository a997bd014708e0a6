#include "hoplite/oci/digest.hpp"

#include <stdexcept>

#include "hoplite/core/sha256.hpp"

namespace hoplite::oci {
namespace {

bool is_lower_hex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool is_alg_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alg_sep(char c) { return c == '+' || c == '.' || c == '_' || c == '-'; }

// algorithm ::= component (separator component)*, component ::= [a-z0-9]+
bool valid_algorithm(std::string_view alg) {
  if (alg.empty() || !is_alg_char(alg.front()) || !is_alg_char(alg.back())) return false;
  bool prev_sep = false;
  for (char c : alg) {
    if (is_alg_sep(c)) {
      if (prev_sep) return false;
      prev_sep = true;
    } else if (is_alg_char(c)) {
      prev_sep = false;
    } else {
      return false;
    }
  }
  return true;
}

// encoded ::= [a-zA-Z0-9=_-]+
bool valid_encoded(std::string_view enc) {
  if (enc.empty()) return false;
  for (char c : enc) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '=' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Digest Digest::of(std::string_view bytes) { return Digest("sha256:" + core::sha256_hex(bytes)); }

Digest Digest::from_sha256_hex(std::string_view hex) {
  if (hex.size() != 64 || !is_lower_hex(hex)) {
    throw std::invalid_argument("Digest::from_sha256_hex: not 64 lower-case hex characters");
  }
  return Digest("sha256:" + std::string(hex));
}

core::Result<Digest> Digest::parse(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    return core::fail("oci.digest", "invalid digest '" + std::string(text) + "': expected algorithm:encoded");
  }
  std::string_view alg = text.substr(0, colon);
  std::string_view enc = text.substr(colon + 1);
  if (!valid_algorithm(alg) || !valid_encoded(enc)) {
    return core::fail("oci.digest", "invalid digest '" + std::string(text) + "'");
  }
  if (alg == "sha256" && (enc.size() != 64 || !is_lower_hex(enc))) {
    return core::fail("oci.digest",
                      "invalid digest '" + std::string(text) + "': sha256 needs 64 lower-case hex characters");
  }
  if (alg == "sha512" && (enc.size() != 128 || !is_lower_hex(enc))) {
    return core::fail("oci.digest",
                      "invalid digest '" + std::string(text) + "': sha512 needs 128 lower-case hex characters");
  }
  return Digest(std::string(text));
}

std::string_view Digest::algorithm() const {
  std::string_view t = text_;
  return t.substr(0, t.find(':'));
}

std::string_view Digest::encoded() const {
  std::string_view t = text_;
  auto colon = t.find(':');
  return colon == std::string_view::npos ? std::string_view{} : t.substr(colon + 1);
}

std::string Digest::short_str() const { return std::string(algorithm()) + ":" + std::string(encoded().substr(0, 12)); }

bool Digest::matches(std::string_view bytes) const {
  return algorithm() == "sha256" && core::sha256_hex(bytes) == encoded();
}

}  // namespace hoplite::oci
