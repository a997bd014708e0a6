#pragma once
/// \file
/// Content digests (`sha256:<64 hex>`), the names of everything in an OCI image.
/// See image-spec v1.1.1 descriptor.md "Digests".

#include <compare>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::oci {

/// A validated content digest such as `sha256:2c26…ae`. Immutable; compares by its text.
///
/// The digest is always computed over the exact bytes of the content (nothing is re-serialised
/// first). Only sha256 is produced; `parse` also accepts other algorithms that match the spec's
/// grammar (the spec says unknown algorithms SHOULD pass) but `verify` can only check sha256.
///
/// **Example**:
/// \code
///   oci::Digest d = oci::Digest::of("hello");          // sha256:2cf24dba…
///   auto p = oci::Digest::parse("sha256:2cf24dba…");   // Result<Digest>
/// \endcode
class Digest {
 public:
  /// An empty digest (`empty()` is true); useful only as a placeholder in aggregates.
  Digest() = default;

  /// sha256 of `bytes`.
  [[nodiscard]] static Digest of(std::string_view bytes);
  /// From a 64-character lower-case hex sha256 (as core::sha256_hex returns). Throws
  /// std::invalid_argument when `hex` is not that: passing a bad hex here is a bug.
  [[nodiscard]] static Digest from_sha256_hex(std::string_view hex);
  /// Parses `algorithm:encoded`. Errors (`oci.digest`): grammar violations, and for sha256 anything
  /// but 64 lower-case hex characters.
  [[nodiscard]] static core::Result<Digest> parse(std::string_view text);

  /// `sha256:…` — the form used in JSON, URLs and logs.
  [[nodiscard]] const std::string& str() const { return text_; }
  /// `sha256`.
  [[nodiscard]] std::string_view algorithm() const;
  /// The part after the colon (the hex for sha256); the blob's file name in a layout.
  [[nodiscard]] std::string_view encoded() const;
  /// The first 12 hex characters, for progress output (`sha256:2cf24dba5fb0`).
  [[nodiscard]] std::string short_str() const;
  /// True for a default-constructed Digest.
  [[nodiscard]] bool empty() const { return text_.empty(); }

  /// True when `bytes` hash to this digest (sha256 only; other algorithms return false).
  [[nodiscard]] bool matches(std::string_view bytes) const;

  friend bool operator==(const Digest&, const Digest&) = default;  ///< same text
  friend std::strong_ordering operator<=>(const Digest&,
                                          const Digest&) = default;  ///< ordered by text (sorted listings)

 private:
  explicit Digest(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace hoplite::oci
