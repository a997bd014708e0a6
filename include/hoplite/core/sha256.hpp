#pragma once
/// \file
/// SHA-256 and HMAC-SHA-256 (OpenSSL), the two hashes hoplite needs: image digests and SigV4.

#include <memory>
#include <string>
#include <string_view>

namespace hoplite::core {

/// Raw 32-byte SHA-256 of `data`.
[[nodiscard]] std::string sha256(std::string_view data);
/// Lower-case hex SHA-256 of `data` (64 characters).
[[nodiscard]] std::string sha256_hex(std::string_view data);
/// Raw 32-byte HMAC-SHA-256 of `data` under `key`.
[[nodiscard]] std::string hmac_sha256(std::string_view key, std::string_view data);

/// Incremental SHA-256, for data that arrives in pieces (layers being written, uploads).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  /// Moves the hashing state; the moved-from object must not be used.
  Sha256(Sha256&&) noexcept;
  /// Moves the hashing state; the moved-from object must not be used.
  Sha256& operator=(Sha256&&) noexcept;

  /// Adds `data` to the hashed bytes.
  void update(std::string_view data);
  /// Raw 32-byte digest; the object must not be updated afterwards.
  [[nodiscard]] std::string finish();
  /// The digest as 64 lower-case hex digits; the object must not be updated afterwards.
  [[nodiscard]] std::string finish_hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace hoplite::core
