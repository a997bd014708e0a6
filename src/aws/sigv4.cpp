#include "hoplite/aws/sigv4.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "aws/url.hpp"
#include "hoplite/core/ascii.hpp"
#include "hoplite/core/hex.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/sha256.hpp"

namespace hoplite::aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Headers never signed: they are set or rewritten by proxies and HTTP stacks after signing
/// (the AWS CLI and aws-c-auth skip the same ones).
bool is_unsigned_header(std::string_view lower_name) {
  return lower_name == "authorization" || lower_name == "user-agent" || lower_name == "expect" ||
         lower_name == "x-amzn-trace-id" || lower_name == "connection" || lower_name == "transfer-encoding";
}

/// A header value as SigV4 wants it: folded lines (obs-fold) joined with one space — what an HTTP
/// server hands the service after unfolding — outer whitespace trimmed, inner runs of spaces and
/// tabs collapsed to one space.
std::string canonical_header_value(std::string_view v, bool fold_with_comma) {
  std::string out;
  out.reserve(v.size());
  char pending = 0;  // separator owed before the next visible character
  for (char ch : v) {
    if (ch == '\r' || ch == '\n') {
      if (!out.empty()) pending = fold_with_comma ? ',' : (pending == ',' ? ',' : ' ');
      continue;
    }
    if (ch == ' ' || ch == '\t') {
      if (!out.empty() && pending == 0) pending = ' ';
      continue;
    }
    if (pending != 0) out += pending;
    pending = 0;
    out += ch;
  }
  return out;
}

/// RFC 3986 section 5.2.4 dot-segment removal plus collapsing of empty segments (`//`).
std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
    } else if (!seg.empty() && seg != ".") {
      out.push_back(seg);
    }
    i = j + 1;
  }
  std::string result;
  for (std::string_view seg : out) {
    result += '/';
    result += seg;
  }
  // Keep a trailing slash (it names a different resource) unless the path is just "/".
  bool trailing = !path.empty() && (path.back() == '/' || path.ends_with("/.") || path.ends_with("/.."));
  if (result.empty() || trailing) result += '/';
  return result;
}

std::string canonical_uri(std::string_view raw_path, const SigningOptions& o) {
  std::string path(raw_path.empty() ? "/" : raw_path);
  if (o.normalize_path) path = normalize_path(path);
  // Double encoding: the path as it is in the URL is encoded once more (what AWS services other
  // than S3 expect). Single (S3): the path is brought to its SigV4 encoding exactly once,
  // whatever escapes the URL already used.
  if (o.double_uri_encode) return core::percent_encode_path(path);
  return core::percent_encode_path(core::percent_decode(path));
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t i = 0;
  while (i < query.size()) {
    std::size_t j = query.find('&', i);
    if (j == std::string_view::npos) j = query.size();
    std::string_view item = query.substr(i, j - i);
    if (!item.empty()) {
      std::size_t eq = item.find('=');
      std::string_view k = item.substr(0, eq);
      std::string_view v = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
      params.emplace_back(core::percent_encode(core::percent_decode(k)), core::percent_encode(core::percent_decode(v)));
    }
    i = j + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += k;
    out += '=';
    out += v;
  }
  return out;
}

std::string hash_stream(const http::BodyStream& s, bool* failed) {
  core::Sha256 h;
  http::BodyReader reader = s.open();
  char buf[64 * 1024];
  for (;;) {
    std::int64_t n = reader(buf, sizeof buf);
    if (n < 0) {
      *failed = true;
      return {};
    }
    if (n == 0) break;
    h.update(std::string_view(buf, static_cast<std::size_t>(n)));
  }
  return h.finish_hex();
}

std::string date_only(const SigningOptions& o) { return amz_date(o.time).substr(0, 8); }

std::string signature_of(std::string_view sts, const Credentials& c, const SigningOptions& o) {
  return core::to_hex(core::hmac_sha256(signing_key(c.secret_access_key, date_only(o), o.region, o.service), sts));
}

core::Result<void> check_inputs(const Credentials& c, const SigningOptions& o) {
  if (c.access_key_id.empty() || c.secret_access_key.empty())
    return core::fail("aws.sigv4", "cannot sign: credentials have no access key id or secret key");
  if (o.service.empty() || o.region.empty())
    return core::fail("aws.sigv4", "cannot sign: service and region must be set");
  return core::ok();
}

}  // namespace

std::string amz_date(core::TimePoint t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

std::string credential_scope(const SigningOptions& o) {
  return fmt::format("{}/{}/{}/aws4_request", date_only(o), o.region, o.service);
}

core::Result<std::string> payload_hash(const http::Request& req, const SigningOptions& o) {
  if (auto given = req.headers.get("x-amz-content-sha256")) return *given;  // caller precomputed it
  if (o.payload == PayloadSigning::unsigned_payload) return std::string("UNSIGNED-PAYLOAD");
  if (req.stream) {
    if (!req.stream->open) return core::fail("aws.sigv4", "cannot hash the request body: stream has no open()");
    bool failed = false;
    std::string h = hash_stream(*req.stream, &failed);
    if (failed) return core::fail("aws.sigv4", "cannot hash the request body: reading the stream failed");
    return h;
  }
  if (req.body.empty()) return std::string(kEmptySha256);
  return core::sha256_hex(req.body);
}

namespace {

/// `only`: when set, exactly these lower-case header names (a verifier's list), whatever they are;
/// otherwise every header of the request but the never-signed ones, plus Host.
core::Result<std::string> build_canonical_request(const http::Request& req, const SigningOptions& o,
                                                  std::string_view payload_hash, std::string* signed_headers,
                                                  const std::vector<std::string>* only) {
  auto url = detail::split_url(req.url);
  if (!url) return url.failure("signing " + req.method + " request");
  // name -> values in order of appearance; std::map sorts by lower-case name.
  std::map<std::string, std::vector<std::string>> headers;
  if (only != nullptr)
    for (const auto& name : *only) headers[core::ascii_lower(name)];
  for (const auto& [name, value] : req.headers) {
    std::string n = core::ascii_lower(name);
    if (only != nullptr ? !headers.contains(n) : is_unsigned_header(n)) continue;
    headers[n].push_back(canonical_header_value(value, o.fold_multiline_with_comma));
  }
  if (only == nullptr && !headers.contains("host")) headers["host"].push_back(url->host);
  std::string out = req.method + "\n" + canonical_uri(url->path, o) + "\n" + canonical_query(url->query) + "\n";
  std::string names;
  for (const auto& [name, values] : headers) {
    out += name;
    out += ':';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ',';
      out += values[i];
    }
    out += '\n';
    if (!names.empty()) names += ';';
    names += name;
  }
  out += '\n';
  out += names;
  out += '\n';
  out += payload_hash;
  if (signed_headers) *signed_headers = names;
  return out;
}

}  // namespace

core::Result<std::string> canonical_request(const http::Request& req, const SigningOptions& o,
                                            std::string_view payload_hash, std::string* signed_headers) {
  return build_canonical_request(req, o, payload_hash, signed_headers, nullptr);
}

core::Result<std::string> canonical_request_of(const http::Request& req, const SigningOptions& o,
                                               std::string_view payload_hash,
                                               const std::vector<std::string>& signed_headers) {
  return build_canonical_request(req, o, payload_hash, nullptr, &signed_headers);
}

std::string string_to_sign(std::string_view canonical_request, const SigningOptions& o) {
  return fmt::format("{}\n{}\n{}\n{}", kAlgorithm, amz_date(o.time), credential_scope(o),
                     core::sha256_hex(canonical_request));
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service) {
  // One key serves a whole day of requests to one service; deriving it costs four HMACs. The cache
  // is keyed by a hash of the secret so the secret itself is not kept twice.
  static std::mutex mutex;
  static std::map<std::string, std::string> cache;
  std::string cache_key =
      core::sha256(secret) + '\n' + std::string(date) + '\n' + std::string(region) + '\n' + std::string(service);
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(cache_key); it != cache.end()) return it->second;
  }
  std::string k = core::hmac_sha256("AWS4" + std::string(secret), date);
  k = core::hmac_sha256(k, region);
  k = core::hmac_sha256(k, service);
  k = core::hmac_sha256(k, "aws4_request");
  std::lock_guard lock(mutex);
  if (cache.size() >= 64) cache.clear();  // bounded: old days and rotated keys fall out
  cache.emplace(std::move(cache_key), k);
  return k;
}

core::Result<void> sign_request(http::Request& req, const Credentials& c, const SigningOptions& o,
                                SigningTrace* trace) {
  if (auto ok = check_inputs(c, o); !ok) return ok;
  auto url = detail::split_url(req.url);
  if (!url) return url.failure("signing " + req.method + " request");
  req.headers.remove("Authorization");
  req.headers.set("X-Amz-Date", amz_date(o.time));
  if (!req.headers.has("Host")) req.headers.set("Host", url->host);
  req.headers.remove("X-Amz-Security-Token");
  if (!c.session_token.empty() && !o.omit_session_token) req.headers.set("X-Amz-Security-Token", c.session_token);
  auto hash = payload_hash(req, o);
  if (!hash) return hash.failure();
  if (o.add_content_sha256_header && !req.headers.has("x-amz-content-sha256"))
    req.headers.set("X-Amz-Content-SHA256", *hash);
  std::string signed_headers;
  auto creq = canonical_request(req, o, *hash, &signed_headers);
  if (!creq) return creq.failure();
  std::string sts = string_to_sign(*creq, o);
  std::string sig = signature_of(sts, c, o);
  req.headers.set("Authorization", fmt::format("{} Credential={}/{}, SignedHeaders={}, Signature={}", kAlgorithm,
                                               c.access_key_id, credential_scope(o), signed_headers, sig));
  if (!c.session_token.empty() && o.omit_session_token) req.headers.set("X-Amz-Security-Token", c.session_token);
  if (trace) *trace = SigningTrace{std::move(*creq), std::move(sts), std::move(sig)};
  return core::ok();
}

core::Result<std::string> presign_url(const http::Request& req, const Credentials& c, const SigningOptions& o,
                                      std::chrono::seconds expires, SigningTrace* trace) {
  if (auto ok = check_inputs(c, o); !ok) return ok.failure();
  if (expires.count() < 1 || expires.count() > 7 * 24 * 3600)
    return core::fail("aws.sigv4",
                      fmt::format("presigned URL lifetime must be 1 s to 7 days, not {} s", expires.count()));
  http::Request r = req;
  auto url = detail::split_url(r.url);
  if (!url) return url.failure("presigning " + r.method + " request");
  if (!r.headers.has("Host")) r.headers.set("Host", url->host);
  // The signed-header list goes into the query, so compute it (sorted, unique) first.
  std::string signed_headers;
  if (auto listing = canonical_request(r, o, "", &signed_headers); !listing) return listing.failure();
  std::string params =
      fmt::format("X-Amz-Algorithm={}&X-Amz-Credential={}&X-Amz-Date={}&X-Amz-Expires={}", kAlgorithm,
                  core::percent_encode(c.access_key_id + "/" + credential_scope(o)), amz_date(o.time), expires.count());
  std::string token_param =
      c.session_token.empty() ? "" : "&X-Amz-Security-Token=" + core::percent_encode(c.session_token);
  if (!o.omit_session_token) params += token_param;
  params += "&X-Amz-SignedHeaders=" + core::percent_encode(signed_headers);
  std::string base = r.url.substr(0, r.url.find('#'));
  r.url = base + (base.find('?') == std::string::npos ? "?" : "&") + params;
  std::string hash = o.payload == PayloadSigning::unsigned_payload ? "UNSIGNED-PAYLOAD" : "";
  if (hash.empty()) {
    auto h = payload_hash(r, o);
    if (!h) return h.failure();
    hash = *h;
  }
  auto creq = canonical_request(r, o, hash);
  if (!creq) return creq.failure();
  std::string sts = string_to_sign(*creq, o);
  std::string sig = signature_of(sts, c, o);
  std::string out = r.url;
  if (o.omit_session_token) out += token_param;
  out += "&X-Amz-Signature=" + sig;
  if (trace) *trace = SigningTrace{std::move(*creq), std::move(sts), std::move(sig)};
  return out;
}

}  // namespace hoplite::aws
