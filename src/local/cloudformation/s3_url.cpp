#include "local/cloudformation/s3_url.hpp"

#include <algorithm>

#include "hoplite/core/percent.hpp"
#include "hoplite/http/url.hpp"
#include "local/s3/s3_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

core::Failure unsupported(std::string_view what) {
  return aws_error("ValidationError", std::string(what) + " must be a supported URL.");
}

/// `s3`, `s3.<region>`, `s3-<region>`, `s3.dualstack.<region>` before `.amazonaws.com[.cn]`:
/// the path names the bucket.
bool is_s3_endpoint(std::string_view host) {
  if (host == "s3") return true;
  if (!host.starts_with("s3.") && !host.starts_with("s3-")) return false;
  std::string_view region = host.substr(3);
  if (host[2] == '.' && region.starts_with("dualstack.")) region.remove_prefix(10);
  return !region.empty() && std::all_of(region.begin(), region.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

/// The host without S3's domain, or "" when it is not one of S3's.
std::string_view without_aws_domain(std::string_view host) {
  for (std::string_view domain : {".amazonaws.com", ".amazonaws.com.cn"})
    if (host.size() > domain.size() && host.ends_with(domain)) return host.substr(0, host.size() - domain.size());
  return {};
}

}  // namespace

core::Result<S3Location> s3_location(std::string_view url, std::string_view local_host, std::string_view what) {
  if (auto scheme_end = url.find("://"); scheme_end != std::string_view::npos) {
    std::string_view scheme = url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") {
      std::string_view rest = url.substr(scheme_end + 3);
      std::string_view host = rest.substr(0, rest.find('/'));
      return aws_error("ValidationError", "S3 error: Domain name specified in " + std::string(host.substr(0, 255)) +
                                              " is not a valid S3 domain");
    }
  }
  auto u = http::parse_url(url);
  if (!u || !u->query.empty()) return unsupported(what);
  std::string_view path = u->path;
  if (path.starts_with("/")) path.remove_prefix(1);
  S3Location at;
  std::string_view name = without_aws_domain(u->host);
  bool local = !local_host.empty() && http::authority(*u) == local_host;
  if (local || is_s3_endpoint(name)) {  // path style: /<bucket>/<key>
    auto slash = path.find('/');
    if (slash == std::string_view::npos) return unsupported(what);
    at.bucket = std::string(path.substr(0, slash));
    path.remove_prefix(slash + 1);
  } else {  // virtual-hosted: <bucket>.s3…, where the bucket's own name may hold dots (and ".s3")
    for (auto dot = name.find(".s3"); dot != std::string_view::npos && at.bucket.empty();
         dot = name.find(".s3", dot + 1))
      if (dot > 0 && is_s3_endpoint(name.substr(dot + 1))) at.bucket = std::string(name.substr(0, dot));
    if (at.bucket.empty()) return unsupported(what);
  }
  at.key = core::percent_decode(path);
  if (at.bucket.empty() || at.key.empty()) return unsupported(what);
  return at;
}

core::Result<std::string> read_s3_url(s3::S3Service& s3, const CallContext& ctx, std::string_view url,
                                      std::string_view what, std::uint64_t max) {
  auto at = s3_location(url, ctx.host, what);
  if (!at) return at.failure();
  auto bytes = s3.get_object_bytes(ctx, at->bucket, at->key, max);
  if (!bytes) {
    const core::Error& e = bytes.error();
    // A failure inside the local cloud stays one (render_error hides its details).
    if (e.code.find('.') != std::string::npos) return bytes.failure();
    return aws_error(
        "ValidationError",
        "S3 error: " + e.message +
            "\nFor more information check http://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html");
  }
  return bytes;
}

}  // namespace hoplite::local::cloudformation
