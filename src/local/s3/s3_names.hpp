#pragma once
/// \file S3's bucket names, dates and errors (codes, messages and statuses as S3 answers them).

#include <string>
#include <string_view>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::local::s3 {

/// The S3 XML namespace of every response document.
inline constexpr std::string_view kXmlns = "http://s3.amazonaws.com/doc/2006-03-01/";
/// Longest key, in bytes (S3's limit).
inline constexpr std::size_t kMaxKeyBytes = 1024;
/// Smallest part of a multipart upload but the last: 5 MiB.
inline constexpr std::uint64_t kMinPartBytes = 5ull << 20;
/// Largest single PUT: 5 GiB.
inline constexpr std::uint64_t kMaxPutBytes = 5ull << 30;

/// S3's general-purpose bucket naming rules: 3–63 characters of `a-z 0-9 . -`, starting and
/// ending with a letter or digit, no `..`, not an IPv4 address, not `xn--…`, `sthree-…`,
/// `…-s3alias`, `…--ol-s3`.
[[nodiscard]] bool is_bucket_name(std::string_view name);

/// `Wed, 01 Dec 2026 09:08:00 GMT` (Last-Modified).
[[nodiscard]] std::string http_date(core::TimePoint t);
/// `2026-12-01T09:08:00.000Z` (listings).
[[nodiscard]] std::string iso_millis(core::TimePoint t);

// ---- errors ----
[[nodiscard]] core::Failure s3_error(std::string code, std::string message, int status);
[[nodiscard]] core::Failure no_such_bucket();
[[nodiscard]] core::Failure no_such_key();
[[nodiscard]] core::Failure no_such_upload();
[[nodiscard]] core::Failure invalid_argument(std::string message);

}  // namespace hoplite::local::s3
