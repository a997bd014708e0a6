#include "local/auth/verify.hpp"

#include <string>

namespace hoplite::local::auth {
namespace {

struct Entry {
  const char* code;
  int status;
  const char* message;  ///< "{}" is replaced by the detail
};

constexpr const char* kInvalidToken = "The security token included in the request is invalid.";
constexpr const char* kMismatch =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
    "Key and signing method. Consult the service documentation for details.";

Entry query_entry(Failure f) {
  switch (f) {
    case Failure::missing:
      return {"MissingAuthenticationToken", 403, "Request is missing Authentication Token"};
    case Failure::incomplete:
      return {"IncompleteSignature", 400, "{}"};
    case Failure::unknown_key:
    case Failure::token_invalid:
      return {"InvalidClientTokenId", 403, kInvalidToken};
    case Failure::mismatch:
      return {"SignatureDoesNotMatch", 403, kMismatch};
    case Failure::skewed:
    case Failure::presign_expired:
      return {"SignatureDoesNotMatch", 403, "{}"};
    case Failure::token_expired:
      return {"ExpiredToken", 403, "The security token included in the request is expired"};
    case Failure::wrong_service:
      return {"SignatureDoesNotMatch", 403, "Credential should be scoped to correct service: '{}'. "};
  }
  return {"InternalFailure", 500, ""};
}

Entry ec2_entry(Failure f) {
  switch (f) {
    case Failure::missing:
      return {"MissingAuthenticationToken", 401, "Request is missing Authentication Token"};
    case Failure::incomplete:
      return {"IncompleteSignature", 400, "{}"};
    case Failure::unknown_key:
    case Failure::token_invalid:
    case Failure::mismatch:
    case Failure::wrong_service:
      return {"AuthFailure", 401, "AWS was not able to validate the provided access credentials"};
    case Failure::skewed:
    case Failure::presign_expired:
    case Failure::token_expired:
      return {"RequestExpired", 400, "Request has expired."};
  }
  return {"InternalFailure", 500, ""};
}

Entry json_entry(Failure f) {
  switch (f) {
    case Failure::missing:
      return {"MissingAuthenticationTokenException", 400, "Missing Authentication Token"};
    case Failure::incomplete:
      return {"IncompleteSignatureException", 400, "{}"};
    case Failure::unknown_key:
    case Failure::token_invalid:
      return {"UnrecognizedClientException", 400, kInvalidToken};
    case Failure::mismatch:
      return {"InvalidSignatureException", 400, kMismatch};
    case Failure::skewed:
    case Failure::presign_expired:
      return {"InvalidSignatureException", 400, "{}"};
    case Failure::token_expired:
      return {"ExpiredTokenException", 400, "The security token included in the request is expired"};
    case Failure::wrong_service:
      return {"InvalidSignatureException", 400, "Credential should be scoped to correct service: '{}'. "};
  }
  return {"InternalFailure", 500, ""};
}

Entry s3_entry(Failure f) {
  switch (f) {
    case Failure::missing:
      return {"AccessDenied", 403, "Access Denied"};
    case Failure::incomplete:
      return {"AuthorizationHeaderMalformed", 400, "The authorization header is malformed; {}"};
    case Failure::unknown_key:
      return {"InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."};
    case Failure::mismatch:
      return {"SignatureDoesNotMatch", 403, kMismatch};
    case Failure::skewed:
      return {"RequestTimeTooSkewed", 403,
              "The difference between the request time and the current time is too large."};
    case Failure::presign_expired:
      return {"AccessDenied", 403, "Request has expired"};
    case Failure::token_invalid:
      return {"InvalidToken", 400, "The provided token is malformed or otherwise invalid."};
    case Failure::token_expired:
      return {"ExpiredToken", 400, "The provided token has expired."};
    case Failure::wrong_service:
      return {"AuthorizationHeaderMalformed", 400,
              "The authorization header is malformed; the service '{}' is wrong; expecting 's3'"};
  }
  return {"InternalError", 500, ""};
}

std::string fill(const char* message, std::string_view detail) {
  std::string m = message;
  if (auto at = m.find("{}"); at != std::string::npos) m.replace(at, 2, detail);
  return m;
}

core::Failure refuse(const ServiceSpec& spec, Failure f, std::string_view detail = {}) {
  return core::fail(auth_error(spec.protocol, f, detail));
}

}  // namespace

core::Error auth_error(Protocol protocol, Failure failure, std::string_view detail) {
  Entry e{};
  switch (protocol) {
    case Protocol::query:
      e = query_entry(failure);
      break;
    case Protocol::ec2:
      e = ec2_entry(failure);
      break;
    case Protocol::json_1_0:
    case Protocol::json_1_1:
    case Protocol::rest_json:  // Lambda answers auth failures with the JSON services' codes
      e = json_entry(failure);
      break;
    case Protocol::rest_xml:
      e = s3_entry(failure);
      break;
  }
  return core::Error{e.code, fill(e.message, detail), e.status, false, {}};
}

core::Result<AccessKey> verify(const http::ServerRequest& request, const aws::SignatureClaim& claim,
                               std::string_view payload_hash, Accounts& accounts, core::TimePoint now,
                               const ServiceSpec& spec) {
  if (claim.service != spec.signing_name) return refuse(spec, Failure::wrong_service, spec.signing_name);
  auto key = accounts.find(claim.access_key_id);
  if (!key) return key.failure();
  if (!*key) return refuse(spec, Failure::unknown_key);
  const AccessKey& k = **key;
  // A key with a session token (temporary credentials) needs exactly that token; a key without
  // one must not be sent with any.
  if (!aws::constant_time_equal(claim.security_token, k.session_token)) return refuse(spec, Failure::token_invalid);
  if (k.expires && now >= *k.expires) return refuse(spec, Failure::token_expired);
  const std::string server = aws::amz_date(now);
  if (claim.presigned) {
    if (claim.time > now + kMaxSkew)
      return refuse(spec, Failure::skewed,
                    "Signature not yet current: " + claim.amz_date + " is still later than " +
                        aws::amz_date(now + kMaxSkew) + " (" + server + " + 15 min.)");
    if (now > claim.time + claim.expires)
      return refuse(
          spec, Failure::presign_expired,
          "Signature expired: " + aws::amz_date(claim.time + claim.expires) + " is now earlier than " + server);
  } else if (claim.time < now - kMaxSkew) {
    return refuse(spec, Failure::skewed,
                  "Signature expired: " + claim.amz_date + " is now earlier than " + aws::amz_date(now - kMaxSkew) +
                      " (" + server + " - 15 min.)");
  } else if (claim.time > now + kMaxSkew) {
    return refuse(spec, Failure::skewed,
                  "Signature not yet current: " + claim.amz_date + " is still later than " +
                      aws::amz_date(now + kMaxSkew) + " (" + server + " + 15 min.)");
  }
  auto ok = aws::verify_signature({request.method, request.target, request.headers}, claim, k.secret, payload_hash,
                                  {.s3 = spec.protocol == Protocol::rest_xml});
  if (!ok) return refuse(spec, Failure::mismatch);
  return k;
}

}  // namespace hoplite::local::auth
