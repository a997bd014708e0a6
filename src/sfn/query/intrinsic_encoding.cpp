// States.Base64Encode, Base64Decode, Hash, UUID.
#include <fmt/format.h>
#include <openssl/evp.h>

#include <string>

#include "hoplite/core/base64.hpp"
#include "sfn/query/intrinsic.hpp"
#include "sfn/query/intrinsic_functions.hpp"
#include "sfn/query/scope.hpp"

namespace hoplite::sfn::asl {
namespace {

// AWS: the input of Base64Encode, Base64Decode and Hash "can contain up to 10,000 characters".
constexpr std::size_t kMaxInput = 10000;

core::Result<std::string> bounded_string(const IntrinsicCall& call, const Json& v) {
  if (!v.is_string()) return intrinsic_failure(call, "the input must be a string");
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() > kMaxInput)
    return intrinsic_failure(call,
                             fmt::format("the input has {} characters; at most {} are allowed", s.size(), kMaxInput));
  return s;
}

}  // namespace

core::Result<Json> intrinsic_base64_encode(const IntrinsicCall& call, const std::vector<Json>& args) {
  auto s = bounded_string(call, args[0]);
  if (!s) return s.failure();
  return Json(core::base64_encode(*s));
}

core::Result<Json> intrinsic_base64_decode(const IntrinsicCall& call, const std::vector<Json>& args) {
  auto s = bounded_string(call, args[0]);
  if (!s) return s.failure();
  auto decoded = core::base64_decode(*s);
  if (!decoded) return intrinsic_failure(call, "the input is not base64");
  return Json(std::move(*decoded));
}

core::Result<Json> intrinsic_hash(const IntrinsicCall& call, const std::vector<Json>& args) {
  auto s = bounded_string(call, args[0]);
  if (!s) return s.failure();
  if (!args[1].is_string()) return intrinsic_failure(call, "the algorithm must be a string");
  const std::string& name = args[1].get_ref<const std::string&>();
  const EVP_MD* md = name == "MD5"       ? EVP_md5()
                     : name == "SHA-1"   ? EVP_sha1()
                     : name == "SHA-256" ? EVP_sha256()
                     : name == "SHA-384" ? EVP_sha384()
                     : name == "SHA-512" ? EVP_sha512()
                                         : nullptr;
  if (md == nullptr)
    return intrinsic_failure(call, fmt::format("'{}' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512", name));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(s->data(), s->size(), digest, &length, md, nullptr) != 1)
    return intrinsic_failure(call, "hashing failed");
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return Json(std::move(hex));
}

core::Result<Json> intrinsic_uuid(const Scope& scope) {
  std::uint64_t hi = (*scope.random)();
  std::uint64_t lo = (*scope.random)();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  return Json(fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff, hi & 0xffff, lo >> 48,
                          lo & 0xffffffffffffULL));
}

}  // namespace hoplite::sfn::asl
