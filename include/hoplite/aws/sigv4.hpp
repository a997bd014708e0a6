#pragma once
/// \file
/// AWS Signature Version 4: signing requests with an Authorization header, and presigned URLs.
/// Each stage (canonical request, string to sign, signature) is exposed so tests can check it on
/// its own against the published vectors (tests/testdata/sigv4/).

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/aws/credentials.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::aws {

/// What goes in the payload-hash line of the canonical request.
enum class PayloadSigning {
  signed_body,       ///< hex SHA-256 of the body (of the stream, read once, for streamed bodies)
  unsigned_payload,  ///< the literal `UNSIGNED-PAYLOAD` (S3 only; presigned S3 URLs use it)
};

/// What a request is signed for and how (the knobs differ between S3 and the rest).
struct SigningOptions {
  std::string service;   ///< signing name: "cloudformation", "s3", "ecr", "states", ...
  std::string region;    ///< "us-east-1"
  core::TimePoint time;  ///< the request time (X-Amz-Date); from an injected Clock
  /// Remove `.`/`..` segments and collapse `//` in the path. Every service but S3. Default true.
  bool normalize_path = true;
  /// Percent-encode the (already encoded) path a second time. Every service but S3. Default true.
  bool double_uri_encode = true;
  PayloadSigning payload = PayloadSigning::signed_body;  ///< signed body hash (default) or UNSIGNED-PAYLOAD
  /// Add a signed `x-amz-content-sha256` header with the payload hash (S3 needs it). Default false.
  bool add_content_sha256_header = false;
  /// Add X-Amz-Security-Token *after* signing, outside the signature (a few services want that;
  /// the suites' `post-sts-header-after`). Default false: the token is signed.
  bool omit_session_token = false;
  /// How a header value that spans lines (obs-fold) is canonicalized. Default false: the lines are
  /// joined with one space, which is what an HTTP server hands the service after unfolding (RFC 9112
  /// section 5.2) and what AWS verifies. true: joined with ",", the convention of the 2015 test suite
  /// only (docs/aws.md, "Signing"). hoplite itself never sends folded headers.
  bool fold_multiline_with_comma = false;
};

/// The intermediate results of one signing, for tests and for debugging a rejected signature.
/// Contains the signature: never log it.
struct SigningTrace {
  std::string canonical_request;  ///< the canonical request (first stage)
  std::string string_to_sign;     ///< the string to sign (second stage)
  std::string signature;          ///< lower-case hex
};

/// Signs `req` in place: sets X-Amz-Date, X-Amz-Security-Token (temporary credentials),
/// x-amz-content-sha256 (when asked), Host (from the URL, when missing) and Authorization.
/// Headers already present (Content-Type, X-Amz-Target, ...) are signed as they are; repeated
/// headers are joined with "," in order. Fails (`aws.sigv4`) on a URL it cannot parse or a
/// stream that cannot be read for hashing.
core::Result<void> sign_request(http::Request& req, const Credentials& c, const SigningOptions& o,
                                SigningTrace* trace = nullptr);

/// A presigned URL for `req` valid for `expires` (at most 7 days): the X-Amz-* parameters are
/// appended to the query and only `host` (plus any headers already on `req`) is signed.
core::Result<std::string> presign_url(const http::Request& req, const Credentials& c, const SigningOptions& o,
                                      std::chrono::seconds expires, SigningTrace* trace = nullptr);

// ---- the stages, exposed for tests ----

/// `20150830T123600Z`
[[nodiscard]] std::string amz_date(core::TimePoint t);
/// `20150830/us-east-1/service/aws4_request`
[[nodiscard]] std::string credential_scope(const SigningOptions& o);

/// The payload hash `req` is signed with under `o`.
core::Result<std::string> payload_hash(const http::Request& req, const SigningOptions& o);

/// The canonical request of `req` as it stands (its headers are all signed; callers add X-Amz-Date
/// etc. first). `signed_headers` receives the `a;b;c` list.
core::Result<std::string> canonical_request(const http::Request& req, const SigningOptions& o,
                                            std::string_view payload_hash, std::string* signed_headers = nullptr);

/// The canonical request of `req` as a server received it, for verifying its signature: exactly
/// the headers named in `signed_headers` (lower-case, the list the signature claims) — even ones
/// a signer normally leaves out — repeated values joined with "," in order of arrival.
core::Result<std::string> canonical_request_of(const http::Request& req, const SigningOptions& o,
                                               std::string_view payload_hash,
                                               const std::vector<std::string>& signed_headers);

/// `AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256 of canonical request>`
[[nodiscard]] std::string string_to_sign(std::string_view canonical_request, const SigningOptions& o);

/// The raw 32-byte key HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request").
/// `date` is `YYYYMMDD`. Results are cached (a small per-process cache keyed by a hash of the
/// inputs), since a key serves a whole day of requests.
[[nodiscard]] std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                                      std::string_view service);

}  // namespace hoplite::aws
