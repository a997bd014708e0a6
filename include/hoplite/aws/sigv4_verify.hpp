#pragma once
/// \file
/// Checking AWS Signature Version 4 on the receiving side, built on the signer's own stages
/// (sigv4.hpp): a request's claim is parsed from its Authorization header or presigned query, the
/// canonical request is rebuilt from the request as received, and the signature recomputed with
/// the secret the server knows. Used by the local cloud; the stages are public so a rejected
/// signature can be explained (the canonical request is what to compare with the client's).
///
/// **Example**:
/// \code
///   auto claim = aws::parse_signature_claim(req.headers, req.query());
///   if (!claim) return reject(claim.error());            // code aws.sigv4.incomplete …
///   if (!*claim) return anonymous();                      // no SigV4 at all
///   auto secret = keys.secret_of((*claim)->access_key_id);
///   auto check = aws::verify_signature({req.method, req.target, req.headers}, **claim, secret,
///                                      aws::sha256_hex(body), {.s3 = false});
///   if (!check) return reject(check.error());             // aws.sigv4.mismatch …
/// \endcode

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/aws/sigv4.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::aws {

/// What a request's signature claims, parsed but not yet checked.
struct SignatureClaim {
  bool presigned = false;                   ///< from the query string (X-Amz-*) rather than Authorization
  std::string access_key_id;                ///< the key the client signed with
  std::string scope_date;                   ///< `YYYYMMDD` from the credential scope
  std::string region;                       ///< from the credential scope
  std::string service;                      ///< from the credential scope: the signing name ("sts", "s3")
  std::vector<std::string> signed_headers;  ///< lower-case names, as listed
  std::string signature;                    ///< 64 lower-case hex digits
  std::string amz_date;                     ///< `YYYYMMDDTHHMMSSZ` (X-Amz-Date header or query parameter)
  core::TimePoint time;                     ///< `amz_date` as a time
  std::chrono::seconds expires{0};          ///< presigned URLs: X-Amz-Expires (1 s … 7 days); else 0
  std::string security_token;               ///< X-Amz-Security-Token (header or query); "" when absent
};

/// The parts of a received request a verification needs.
struct ReceivedRequest {
  std::string_view method;       ///< "GET"
  std::string_view target;       ///< path and query exactly as sent: `/a%20b?x=1`
  const http::Headers& headers;  ///< the headers as received
};

/// Parses the SigV4 claim of a request. nullopt when it carries none (no Authorization header, no
/// X-Amz-Algorithm parameter). Errors (all `retryable = false`):
///  - `aws.sigv4.incomplete`: a part is missing or malformed (Credential, SignedHeaders, Signature,
///    the date; `host` not signed; an algorithm other than AWS4-HMAC-SHA256);
///  - `aws.sigv4.scope`: the credential scope's date is not the request date's day, or it does not
///    end in `aws4_request`.
core::Result<std::optional<SignatureClaim>> parse_signature_claim(const http::Headers& headers, std::string_view query);

/// How the receiving service canonicalizes (S3 differs from every other service).
struct VerifyOptions {
  /// S3 rules: no path normalization, single URI encoding. Default false.
  bool s3 = false;
};

/// Recomputes the signature of `request` under `claim` with `secret` and compares (in constant
/// time). `payload_hash` is what the canonical request ends with: the hex SHA-256 of the body as
/// received, or (S3) the `x-amz-content-sha256` value the client sent. For a presigned claim the
/// `X-Amz-Signature` parameter is left out of the canonical query. Error `aws.sigv4.mismatch`
/// (with the canonical request and string to sign in `trace`, when given).
core::Result<void> verify_signature(const ReceivedRequest& request, const SignatureClaim& claim,
                                    std::string_view secret, std::string_view payload_hash, VerifyOptions options = {},
                                    SigningTrace* trace = nullptr);

/// The signature of one chunk of an `aws-chunked` upload (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`):
/// HMAC over `AWS4-HMAC-SHA256-PAYLOAD`, the request date, the scope, the previous signature (the
/// request's own for the first chunk), the hash of "" and the hash of the chunk's data.
[[nodiscard]] std::string chunk_signature(const SignatureClaim& claim, std::string_view secret,
                                          std::string_view previous_signature, std::string_view chunk_sha256_hex);

/// Equal hex strings, compared in time that does not depend on where they differ.
[[nodiscard]] bool constant_time_equal(std::string_view a, std::string_view b);

/// `YYYYMMDDTHHMMSSZ` as a time, or nullopt when malformed or outside the years 1970–2199.
[[nodiscard]] std::optional<core::TimePoint> parse_amz_date(std::string_view text);

}  // namespace hoplite::aws
