#include "hoplite/aws/sigv4_verify.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <utility>

#include <fmt/format.h>

#include "aws/url.hpp"
#include "hoplite/core/ascii.hpp"
#include "hoplite/core/hex.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/sha256.hpp"

namespace hoplite::aws {
namespace {

constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kEmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::int64_t kMaxPresignSeconds = 7 * 24 * 3600;

core::Failure incomplete(std::string message) { return core::fail("aws.sigv4.incomplete", std::move(message)); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_scope_word(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

/// `AKID/20150830/us-east-1/iam/aws4_request` into the claim.
core::Result<void> parse_credential(std::string_view credential, SignatureClaim& claim) {
  std::vector<std::string_view> parts;
  while (true) {
    auto slash = credential.find('/');
    parts.push_back(credential.substr(0, slash));
    if (slash == std::string_view::npos) break;
    credential.remove_prefix(slash + 1);
  }
  if (parts.size() != 5 || parts[0].empty() || parts[0].size() > 128)
    return incomplete("Credential should be <access key>/<date>/<region>/<service>/aws4_request");
  if (parts[4] != "aws4_request")
    return core::fail("aws.sigv4.scope", "Credential should be scoped with a valid terminator: 'aws4_request', not '" +
                                             std::string(parts[4].substr(0, 32)) + "'");
  if (parts[1].size() != 8 || !all_digits(parts[1]))
    return incomplete("Credential should be scoped to a valid date (YYYYMMDD)");
  if (!is_scope_word(parts[2])) return incomplete("Credential should be scoped to a valid region");
  if (!is_scope_word(parts[3])) return incomplete("Credential should be scoped to a valid service");
  claim.access_key_id = std::string(parts[0]);
  claim.scope_date = std::string(parts[1]);
  claim.region = std::string(parts[2]);
  claim.service = std::string(parts[3]);
  return core::ok();
}

core::Result<void> parse_signed_headers(std::string_view list, SignatureClaim& claim) {
  if (list.empty()) return incomplete("SignedHeaders is empty");
  while (true) {
    auto semi = list.find(';');
    std::string_view name = list.substr(0, semi);
    if (name.empty() || name.size() > 256) return incomplete("SignedHeaders has an empty or overlong name");
    claim.signed_headers.push_back(core::ascii_lower(name));
    if (semi == std::string_view::npos) break;
    list.remove_prefix(semi + 1);
  }
  if (std::find(claim.signed_headers.begin(), claim.signed_headers.end(), "host") == claim.signed_headers.end())
    return incomplete("SignedHeaders must include host");
  return core::ok();
}

core::Result<void> parse_signature_hex(std::string_view sig, SignatureClaim& claim) {
  std::string s = core::ascii_lower(sig);
  if (s.size() != 64 ||
      !std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
    return incomplete("Signature must be 64 hexadecimal characters");
  claim.signature = std::move(s);
  return core::ok();
}

core::Result<void> check_date(std::string_view amz_date, SignatureClaim& claim) {
  auto t = parse_amz_date(amz_date);
  if (!t) return incomplete("X-Amz-Date must be in the ISO8601 basic format YYYYMMDDTHHMMSSZ");
  claim.amz_date = std::string(amz_date);
  claim.time = *t;
  if (amz_date.substr(0, 8) != claim.scope_date)
    return core::fail("aws.sigv4.scope",
                      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                      "date from HTTP: '" +
                          claim.scope_date + "' != '" + std::string(amz_date.substr(0, 8)) + "'");
  return core::ok();
}

core::Result<std::optional<SignatureClaim>> parse_header_claim(std::string_view auth, const http::Headers& headers) {
  auth = trim(auth);
  if (!auth.starts_with(kSigV4Algorithm) ||
      (auth.size() > kSigV4Algorithm.size() && auth[kSigV4Algorithm.size()] != ' '))
    return incomplete("Authorization header must use the AWS4-HMAC-SHA256 algorithm");
  std::string_view rest = auth.substr(kSigV4Algorithm.size());
  SignatureClaim claim;
  bool has_credential = false, has_signed = false, has_signature = false;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (item.empty()) continue;
    auto eq = item.find('=');
    if (eq == std::string_view::npos)
      return incomplete("Authorization header has a part without '=': " + std::string(item.substr(0, 32)));
    std::string_view key = item.substr(0, eq);
    std::string_view value = item.substr(eq + 1);
    core::Result<void> ok;
    if (key == "Credential" && !has_credential) {
      has_credential = true;
      ok = parse_credential(value, claim);
    } else if (key == "SignedHeaders" && !has_signed) {
      has_signed = true;
      ok = parse_signed_headers(value, claim);
    } else if (key == "Signature" && !has_signature) {
      has_signature = true;
      ok = parse_signature_hex(value, claim);
    } else {
      return incomplete("Authorization header has an unknown or repeated part '" + std::string(key.substr(0, 32)) +
                        "'");
    }
    if (!ok) return ok.failure();
  }
  if (!has_credential) return incomplete("Authorization header requires 'Credential' parameter.");
  if (!has_signed) return incomplete("Authorization header requires 'SignedHeaders' parameter.");
  if (!has_signature) return incomplete("Authorization header requires 'Signature' parameter.");
  auto date = headers.get("X-Amz-Date");
  if (!date) return incomplete("Authorization header requires existence of a 'X-Amz-Date' header.");
  if (auto ok = check_date(*date, claim); !ok) return ok.failure();
  claim.security_token = headers.get("X-Amz-Security-Token").value_or("");
  return std::optional<SignatureClaim>{std::move(claim)};
}

/// The query's parameters, percent-decoded (`+` stays `+`, as SigV4 reads it).
std::vector<std::pair<std::string, std::string>> query_params(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (item.empty()) continue;
    auto eq = item.find('=');
    out.emplace_back(core::percent_decode(item.substr(0, eq)),
                     eq == std::string_view::npos ? std::string{} : core::percent_decode(item.substr(eq + 1)));
  }
  return out;
}

core::Result<std::optional<SignatureClaim>> parse_query_claim(std::string_view query) {
  auto params = query_params(query);
  auto get = [&](std::string_view key) -> std::optional<std::string> {
    std::optional<std::string> found;
    for (const auto& [k, v] : params)
      if (k == key) {
        if (found) return std::string("\x01");  // repeated: never a valid value
        found = v;
      }
    return found;
  };
  auto algorithm = get("X-Amz-Algorithm");
  if (!algorithm) return std::optional<SignatureClaim>{};
  if (*algorithm != kSigV4Algorithm) return incomplete("X-Amz-Algorithm must be AWS4-HMAC-SHA256");
  SignatureClaim claim;
  claim.presigned = true;
  auto credential = get("X-Amz-Credential");
  auto signed_headers = get("X-Amz-SignedHeaders");
  auto signature = get("X-Amz-Signature");
  auto date = get("X-Amz-Date");
  auto expires = get("X-Amz-Expires");
  if (!credential || !signed_headers || !signature || !date || !expires)
    return incomplete(
        "Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, "
        "X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
  if (auto ok = parse_credential(*credential, claim); !ok) return ok.failure();
  if (auto ok = parse_signed_headers(*signed_headers, claim); !ok) return ok.failure();
  if (auto ok = parse_signature_hex(*signature, claim); !ok) return ok.failure();
  if (auto ok = check_date(*date, claim); !ok) return ok.failure();
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(expires->data(), expires->data() + expires->size(), seconds);
  if (ec != std::errc{} || end != expires->data() + expires->size() || seconds < 1 || seconds > kMaxPresignSeconds)
    return incomplete("X-Amz-Expires must be a number of seconds between 1 and 604800");
  claim.expires = std::chrono::seconds(seconds);
  claim.security_token = get("X-Amz-Security-Token").value_or("");
  return std::optional<SignatureClaim>{std::move(claim)};
}

/// `query` without its X-Amz-Signature parameter (a presigned URL's signature is not signed).
std::string without_signature(std::string_view query) {
  std::string out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (core::percent_decode(item.substr(0, item.find('='))) == "X-Amz-Signature") continue;
    if (!out.empty()) out += '&';
    out += item;
  }
  return out;
}

}  // namespace

std::optional<core::TimePoint> parse_amz_date(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  if (!all_digits(text.substr(0, 8)) || !all_digits(text.substr(9, 6))) return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    std::from_chars(text.data() + pos, text.data() + pos + len, v);
    return v;
  };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  // Years are bounded so that every time point stays representable: system_clock counts
  // nanoseconds in 64 bits, which ends in 2262.
  if (tm.tm_year < 70 || tm.tm_year >= 300 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
      tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
    return std::nullopt;
  std::time_t secs = timegm(&tm);
  // timegm normalises 31 February into March: a date that does not round-trip is not a date.
  if (amz_date(std::chrono::system_clock::from_time_t(secs)) != text) return std::nullopt;
  return std::chrono::system_clock::from_time_t(secs);
}

core::Result<std::optional<SignatureClaim>> parse_signature_claim(const http::Headers& headers,
                                                                  std::string_view query) {
  if (auto auth = headers.get("Authorization")) return parse_header_claim(*auth, headers);
  return parse_query_claim(query);
}

core::Result<void> verify_signature(const ReceivedRequest& request, const SignatureClaim& claim,
                                    std::string_view secret, std::string_view payload_hash, VerifyOptions options,
                                    SigningTrace* trace) {
  std::string_view target = request.target;
  std::string_view path = target.substr(0, target.find('?'));
  std::string_view query = path.size() < target.size() ? target.substr(path.size() + 1) : std::string_view{};
  http::Request req;
  req.method = std::string(request.method);
  req.url = "http://" + request.headers.get("Host").value_or("host") + std::string(path.empty() ? "/" : path);
  std::string q = claim.presigned ? without_signature(query) : std::string(query);
  if (!q.empty()) req.url += "?" + q;
  req.headers = request.headers;
  SigningOptions o{.service = claim.service,
                   .region = claim.region,
                   .time = claim.time,
                   .normalize_path = !options.s3,
                   .double_uri_encode = !options.s3};
  auto creq = canonical_request_of(req, o, payload_hash, claim.signed_headers);
  if (!creq) return creq.failure();
  std::string sts = string_to_sign(*creq, o);
  std::string expected =
      core::to_hex(core::hmac_sha256(signing_key(secret, claim.scope_date, claim.region, claim.service), sts));
  if (trace) *trace = SigningTrace{*creq, sts, expected};
  if (!constant_time_equal(expected, claim.signature))
    return core::fail("aws.sigv4.mismatch",
                      "The request signature we calculated does not match the signature you provided. Check your AWS "
                      "Secret Access Key and signing method. Consult the service documentation for details.");
  return core::ok();
}

std::string chunk_signature(const SignatureClaim& claim, std::string_view secret, std::string_view previous_signature,
                            std::string_view chunk_sha256_hex) {
  std::string sts =
      fmt::format("AWS4-HMAC-SHA256-PAYLOAD\n{}\n{}/{}/{}/aws4_request\n{}\n{}\n{}", claim.amz_date, claim.scope_date,
                  claim.region, claim.service, previous_signature, kEmptyBodySha256, chunk_sha256_hex);
  return core::to_hex(core::hmac_sha256(signing_key(secret, claim.scope_date, claim.region, claim.service), sts));
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace hoplite::aws
