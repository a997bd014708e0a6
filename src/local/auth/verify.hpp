#pragma once
/// \file Request-level SigV4 checks of the local cloud: the key is known, its session token
/// matches and has not expired, the request time is within 15 minutes of the server's (or a
/// presigned URL is still valid), and the signature is right. Every refusal is the error the
/// service's own protocol uses for it (the table is in docs/local.md, "Authentication").

#include <string_view>

#include "hoplite/aws/sigv4_verify.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/handler.hpp"
#include "local/auth/accounts.hpp"
#include "local/service.hpp"

namespace hoplite::local::auth {

/// Why a request was refused before it reached an operation.
enum class Failure {
  missing,          ///< no signature at all
  incomplete,       ///< a signature that cannot be read (missing part, bad date)
  unknown_key,      ///< the access key id is not registered
  mismatch,         ///< the signature does not match (wrong secret, altered request)
  skewed,           ///< request time more than 15 minutes from the server's
  presign_expired,  ///< a presigned URL past its X-Amz-Expires
  token_invalid,    ///< session token missing, wrong, or given with a long-term key
  token_expired,    ///< temporary credentials past their expiration
  wrong_service,    ///< credential scope names another service than the request's
};

/// The maximum distance between a request's time and the server's clock.
inline constexpr std::chrono::minutes kMaxSkew{15};

/// The AWS error (code, message, HTTP status) a service speaking `protocol` answers for `failure`;
/// `detail` completes messages that carry one (a date, a service name).
[[nodiscard]] core::Error auth_error(Protocol protocol, Failure failure, std::string_view detail = {});

/// Checks `claim` for `request` against the registered keys at `now`. `payload_hash` is the hex
/// SHA-256 of the body as received (or, for S3, the x-amz-content-sha256 the client sent).
/// Returns the key the request was signed with (its principal, and the secret an `aws-chunked`
/// body's chunk signatures need), or the service's own error for the first check that fails.
core::Result<AccessKey> verify(const http::ServerRequest& request, const aws::SignatureClaim& claim,
                               std::string_view payload_hash, Accounts& accounts, core::TimePoint now,
                               const ServiceSpec& spec);

}  // namespace hoplite::local::auth
