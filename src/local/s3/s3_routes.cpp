// S3's HTTP side: which operation a REST request is (method, bucket, key, subresource), its
// headers and XML in, the operation, its headers and XML out.
#include <algorithm>
#include <charconv>
#include <tuple>

#include "hoplite/aws/xml.hpp"
#include "hoplite/aws/xml_writer.hpp"
#include "hoplite/core/ascii.hpp"
#include "hoplite/core/percent.hpp"
#include "local/s3/s3_body.hpp"
#include "local/s3/s3_multipart.hpp"
#include "local/s3/s3_names.hpp"
#include "local/s3/s3_service.hpp"
#include "local/s3/s3_store.hpp"
#include "local/sql_values.hpp"
#include "local/store/blob_store.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::s3 {

using store::Tx;

namespace {

/// Largest XML request body (CreateBucketConfiguration, Delete, CompleteMultipartUpload).
constexpr std::uint64_t kMaxXmlBody = 2 << 20;

struct Target {
  std::string bucket;
  std::string key;
};

/// The bucket and key of a request: from a virtual host (`bucket.localhost`, `bucket.s3.localhost`)
/// or the path (`/bucket/key`). nullopt when the path does not decode.
std::optional<Target> parse_target(const http::ServerRequest& req) {
  auto path = core::percent_decode_strict(req.path());
  if (!path || path->empty() || path->front() != '/') return std::nullopt;
  std::string host = req.headers.get("Host").value_or("");
  if (auto colon = host.rfind(':'); colon != std::string::npos && host.back() != ']') host.resize(colon);
  for (std::string_view suffix : {".s3.localhost", ".localhost"}) {
    if (host.size() > suffix.size() && host.ends_with(suffix))
      return Target{host.substr(0, host.size() - suffix.size()), path->substr(1)};
  }
  auto slash = path->find('/', 1);
  if (slash == std::string::npos) return Target{path->substr(1), ""};
  return Target{path->substr(1, slash - 1), path->substr(slash + 1)};
}

http::Response xml_response(int status, aws::XmlWriter& w) {
  return http::make_response(status, w.finish(), "application/xml");
}

std::optional<std::string> query_value(const std::vector<core::FormField>& q, std::string_view key) {
  for (const auto& [k, v] : q)
    if (k == key) return v;
  return std::nullopt;
}

/// `bytes=a-b`, `bytes=a-`, `bytes=-n` against `size`: [first, last], or nullopt when the header
/// is not one range S3 honours (then the whole object is sent); `unsatisfiable` for a range
/// outside the object.
std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_range(std::string_view h, std::uint64_t size,
                                                                   bool& unsatisfiable) {
  unsatisfiable = false;
  if (!h.starts_with("bytes=")) return std::nullopt;
  h.remove_prefix(6);
  if (h.find(',') != std::string_view::npos) return std::nullopt;  // multiple ranges: S3 sends it all
  auto dash = h.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view s, std::uint64_t& out) {
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
  };
  std::uint64_t a = 0, b = 0;
  const bool has_a = number(h.substr(0, dash), a);
  const bool has_b = number(h.substr(dash + 1), b);
  if (!has_a && !h.substr(0, dash).empty()) return std::nullopt;
  if (!has_b && !h.substr(dash + 1).empty()) return std::nullopt;
  if (!has_a) {  // suffix: the last b bytes
    if (!has_b) return std::nullopt;
    if (b == 0 || size == 0) {
      unsatisfiable = true;
      return std::nullopt;
    }
    return std::make_pair(size - std::min(b, size), size - 1);
  }
  if (has_b && b < a) return std::nullopt;  // invalid: ignored, as RFC 9110 says
  if (a >= size) {
    unsatisfiable = true;
    return std::nullopt;
  }
  return std::make_pair(a, has_b ? std::min(b, size - 1) : size - 1);
}

void object_headers(http::Response& r, const ObjectRecord& o) {
  r.headers.set("ETag", o.etag);
  r.headers.set("Last-Modified", http_date(o.modified));
  r.headers.set("Accept-Ranges", "bytes");
  r.headers.set("Content-Type", o.content_type);
  for (const auto& [k, v] : o.metadata) r.headers.set("x-amz-meta-" + k, v);
}

std::map<std::string, std::string> metadata_of(const http::Headers& headers) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : headers) {
    if (name.size() > 11 && http::iequals(std::string_view(name).substr(0, 11), "x-amz-meta-")) {
      out[core::ascii_lower(name.substr(11))] = value;
    }
  }
  return out;
}

std::string encode_if(bool url, const std::string& s) { return url ? core::percent_encode_path(s) : s; }

}  // namespace

/// The handler of one request (friend of S3Service: it reaches the house's store and blobs).
class S3Routes {
 public:
  S3Routes(S3Service& svc, Call& call) : svc_(svc), call_(call), ctx_(call.context) {}

  http::Response run() {
    auto target = parse_target(call_.request);
    if (!target) return error(core::Error{"InvalidURI", "Couldn't parse the specified URI.", 400, false, {}});
    t_ = std::move(*target);
    query_ = core::form_decode(call_.request.query());
    auto r = dispatch();
    if (!r) return error(r.error());
    r->headers.set("x-amz-request-id", ctx_.request_id);
    return std::move(*r);
  }

 private:
  [[nodiscard]] bool has(std::string_view key) const { return query_value(query_, key).has_value(); }
  [[nodiscard]] std::string param(std::string_view key) const { return query_value(query_, key).value_or(""); }

  http::Response error(const core::Error& e) {
    // S3 names what was missing or in the way (recorded: NoSuchBucket and NoSuchBucketPolicy
    // carry the bucket's name).
    std::vector<std::pair<std::string, std::string>> extra;
    if (e.code.starts_with("NoSuchBucket") || e.code.starts_with("BucketAlready") || e.code == "BucketNotEmpty")
      extra.emplace_back("BucketName", t_.bucket);
    else if (e.code == "NoSuchKey")
      extra.emplace_back("Key", t_.key);
    http::Response r = render_error(svc_.spec_, e, ctx_.request_id, std::move(extra));
    if (call_.request.method == "HEAD") r.body.clear();  // HEAD answers carry no body
    r.headers.set("x-amz-request-id", ctx_.request_id);
    return r;
  }

  core::Result<http::Response> named(std::string op, core::Result<http::Response> (S3Routes::*fn)()) {
    call_.operation = std::move(op);
    return (this->*fn)();
  }

  core::Result<http::Response> dispatch() {
    const std::string& m = call_.request.method;
    if (t_.bucket.empty()) {
      if (m == "GET") return named("ListBuckets", &S3Routes::list_buckets);
      return s3_error("MethodNotAllowed", "The specified method is not allowed against this resource.", 405);
    }
    if (t_.key.empty()) {
      if (m == "PUT" && query_.empty()) return named("CreateBucket", &S3Routes::create_bucket);
      if (m == "PUT" && has("policy")) return named("PutBucketPolicy", &S3Routes::put_bucket_policy);
      if (m == "GET" && has("policy")) return named("GetBucketPolicy", &S3Routes::get_bucket_policy);
      if (m == "DELETE" && has("policy")) return named("DeleteBucketPolicy", &S3Routes::delete_bucket_policy);
      if (m == "DELETE" && query_.empty()) return named("DeleteBucket", &S3Routes::delete_bucket);
      for (const auto& [sub, kind, op] :
           {std::tuple{"cors", BucketConfig::cors, "BucketCors"},
            std::tuple{"website", BucketConfig::website, "BucketWebsite"},
            std::tuple{"notification", BucketConfig::notification, "BucketNotificationConfiguration"},
            std::tuple{"object-lock", BucketConfig::object_lock, "ObjectLockConfiguration"}}) {
        if (!has(sub)) continue;
        config_ = kind;
        if (m == "PUT") return named(std::string("Put") + op, &S3Routes::put_config);
        if (m == "GET") return named(std::string("Get") + op, &S3Routes::get_config);
        if (m == "DELETE" && (kind == BucketConfig::cors || kind == BucketConfig::website))
          return named(std::string("Delete") + op, &S3Routes::delete_config);
      }
      if (m == "HEAD") return named("HeadBucket", &S3Routes::head_bucket);
      if (m == "GET" && has("location")) return named("GetBucketLocation", &S3Routes::get_bucket_location);
      if (m == "GET" && param("list-type") == "2") return named("ListObjectsV2", &S3Routes::list_objects_v2);
      if (m == "GET" && !has("uploads") && !has("versions") && query_.size() <= 6 && !has("list-type"))
        return named("ListObjects", &S3Routes::list_objects_v1);
      if (m == "POST" && has("delete")) return named("DeleteObjects", &S3Routes::delete_objects);
      return not_implemented();
    }
    if (auto k = check_key(t_.key); !k) return k.failure();
    if (m == "PUT" && has("uploadId") && has("partNumber")) return named("UploadPart", &S3Routes::upload_part);
    if (m == "PUT" && call_.request.headers.has("x-amz-copy-source") && query_.empty())
      return named("CopyObject", &S3Routes::copy_object);
    if (m == "PUT" && query_.empty()) return named("PutObject", &S3Routes::put_object);
    if (m == "GET" && has("uploadId")) return named("ListParts", &S3Routes::list_parts);
    if ((m == "GET" || m == "HEAD") && !has("uploadId") && !has("tagging") && !has("acl"))
      return named(m == "GET" ? "GetObject" : "HeadObject", &S3Routes::get_object);
    if (m == "DELETE" && has("uploadId")) return named("AbortMultipartUpload", &S3Routes::abort_upload);
    if (m == "DELETE" && query_.empty()) return named("DeleteObject", &S3Routes::delete_object);
    if (m == "POST" && has("uploads")) return named("CreateMultipartUpload", &S3Routes::create_upload);
    if (m == "POST" && has("uploadId")) return named("CompleteMultipartUpload", &S3Routes::complete_upload);
    return not_implemented();
  }

  static core::Result<http::Response> not_implemented() {
    return s3_error("NotImplemented", "A header you provided implies functionality that is not implemented", 501);
  }

  // ---- buckets ----

  core::Result<http::Response> list_buckets() {
    auto buckets = svc_.list_buckets(ctx_);
    if (!buckets) return buckets.failure();
    aws::XmlWriter w(true);
    w.open("ListAllMyBucketsResult", kXmlns);
    w.open("Owner").element("ID", ctx_.principal.account_id).element("DisplayName", "hoplite").close();
    w.open("Buckets");
    for (const auto& b : *buckets)
      w.open("Bucket").element("Name", b.name).element("CreationDate", iso_millis(b.created)).close();
    w.close();
    return xml_response(200, w);
  }

  core::Result<http::Response> create_bucket() {
    auto body = receive_small(call_, kMaxXmlBody);
    if (!body) return body.failure();
    CreateBucketRequest request{t_.bucket, std::nullopt};
    if (body->find_first_not_of(" \t\r\n") != std::string::npos) {
      auto doc = aws::parse_xml(*body);
      if (!doc || doc->name != "CreateBucketConfiguration")
        return s3_error("MalformedXML",
                        "The XML you provided was not well-formed or did not validate against our published schema",
                        400);
      request.location_constraint = doc->optional_text("LocationConstraint");
    }
    auto made = svc_.create_bucket(ctx_, request);
    if (!made) return made.failure();
    http::Response r{200, {}, {}};
    r.headers.set("Location", made->location);
    return r;
  }

  core::Result<http::Response> delete_bucket() {
    if (auto d = svc_.delete_bucket(ctx_, t_.bucket); !d) return d.failure();
    return http::Response{204, {}, {}};
  }

  core::Result<http::Response> put_bucket_policy() {
    auto body = receive_small(call_, kMaxXmlBody);
    if (!body) return body.failure();
    if (auto p = svc_.put_bucket_policy(ctx_, t_.bucket, *body); !p) return p.failure();
    return http::Response{204, {}, {}};
  }

  /// The policy document itself is the body (JSON), as S3 answers GetBucketPolicy.
  core::Result<http::Response> get_bucket_policy() {
    auto policy = svc_.get_bucket_policy(ctx_, t_.bucket);
    if (!policy) return policy.failure();
    http::Response r{200, {}, std::move(*policy)};
    r.headers.set("Content-Type", "application/json");
    return r;
  }

  core::Result<http::Response> delete_bucket_policy() {
    if (auto d = svc_.delete_bucket_policy(ctx_, t_.bucket); !d) return d.failure();
    return http::Response{204, {}, {}};
  }

  core::Result<http::Response> put_config() {
    auto body = receive_small(call_, kMaxXmlBody);
    if (!body) return body.failure();
    if (auto p = svc_.put_bucket_config(ctx_, t_.bucket, config_, *body); !p) return p.failure();
    return http::Response{200, {}, {}};
  }

  core::Result<http::Response> get_config() {
    auto xml = svc_.get_bucket_config(ctx_, t_.bucket, config_);
    if (!xml) return xml.failure();
    return http::make_response(200, std::move(*xml), "application/xml");
  }

  core::Result<http::Response> delete_config() {
    if (auto d = svc_.delete_bucket_config(ctx_, t_.bucket, config_); !d) return d.failure();
    return http::Response{204, {}, {}};
  }

  core::Result<http::Response> head_bucket() {
    auto region = svc_.head_bucket(ctx_, t_.bucket);
    if (!region) return region.failure();
    http::Response r{200, {}, {}};
    r.headers.set("x-amz-bucket-region", *region);
    return r;
  }

  core::Result<http::Response> get_bucket_location() {
    auto region = svc_.head_bucket(ctx_, t_.bucket);
    if (!region) return region.failure();
    aws::XmlWriter w(true);
    w.open("LocationConstraint", kXmlns);
    w.raw(*region == "us-east-1" ? std::string() : *region);  // region names need no escaping
    return xml_response(200, w);
  }

  core::Result<ListObjectsRequest> listing_request(std::string_view max_keys_name) {
    ListObjectsRequest req{.bucket = t_.bucket, .prefix = param("prefix"), .delimiter = param("delimiter")};
    if (auto mk = query_value(query_, max_keys_name)) {
      int n = 0;
      auto [p, ec] = std::from_chars(mk->data(), mk->data() + mk->size(), n);
      if (ec != std::errc{} || p != mk->data() + mk->size() || n < 0)
        return invalid_argument("Provided max-keys not an integer or within integer range");
      req.max_keys = std::min(n, 1000);
    }
    if (auto enc = query_value(query_, "encoding-type"); enc && *enc != "url")
      return invalid_argument("Invalid Encoding Method specified in Request");
    return req;
  }

  void write_contents(aws::XmlWriter& w, const ListObjectsResponse& page, bool url) {
    for (const auto& o : page.contents) {
      w.open("Contents")
          .element("Key", encode_if(url, o.key))
          .element("LastModified", iso_millis(o.modified))
          .element("ETag", o.etag)
          .number("Size", static_cast<long long>(o.size))
          .element("StorageClass", "STANDARD")
          .close();
    }
    for (const auto& p : page.common_prefixes) w.open("CommonPrefixes").element("Prefix", encode_if(url, p)).close();
  }

  core::Result<http::Response> list_objects_v2() {
    auto req = listing_request("max-keys");
    if (!req) return req.failure();
    req->start_after = param("start-after");
    if (has("continuation-token")) req->continuation_token = param("continuation-token");
    auto page = svc_.list_objects(ctx_, *req);
    if (!page) return page.failure();
    const bool url = param("encoding-type") == "url";
    aws::XmlWriter w(true);
    w.open("ListBucketResult", kXmlns);
    w.element("Name", t_.bucket).element("Prefix", encode_if(url, req->prefix));
    if (req->continuation_token) w.element("ContinuationToken", *req->continuation_token);
    if (page->next_continuation_token) w.element("NextContinuationToken", *page->next_continuation_token);
    if (!req->start_after.empty()) w.element("StartAfter", encode_if(url, req->start_after));
    w.number("KeyCount", static_cast<long long>(page->contents.size() + page->common_prefixes.size()));
    w.number("MaxKeys", req->max_keys);
    if (!req->delimiter.empty()) w.element("Delimiter", encode_if(url, req->delimiter));
    if (url) w.element("EncodingType", "url");
    w.boolean("IsTruncated", page->truncated);
    write_contents(w, *page, url);
    return xml_response(200, w);
  }

  core::Result<http::Response> list_objects_v1() {
    auto req = listing_request("max-keys");
    if (!req) return req.failure();
    req->start_after = param("marker");
    auto page = svc_.list_objects(ctx_, *req);
    if (!page) return page.failure();
    const bool url = param("encoding-type") == "url";
    aws::XmlWriter w(true);
    w.open("ListBucketResult", kXmlns);
    w.element("Name", t_.bucket)
        .element("Prefix", encode_if(url, req->prefix))
        .element("Marker", encode_if(url, req->start_after));
    w.number("MaxKeys", req->max_keys);
    if (!req->delimiter.empty()) w.element("Delimiter", encode_if(url, req->delimiter));
    if (url) w.element("EncodingType", "url");
    w.boolean("IsTruncated", page->truncated);
    if (page->truncated) {
      std::string next = page->contents.empty() ? "" : page->contents.back().key;
      if (!page->common_prefixes.empty() && page->common_prefixes.back() > next) next = page->common_prefixes.back();
      if (!next.empty()) w.element("NextMarker", encode_if(url, next));
    }
    write_contents(w, *page, url);
    return xml_response(200, w);
  }

  core::Result<http::Response> delete_objects() {
    auto body = receive_small(call_, kMaxXmlBody);
    if (!body) return body.failure();
    auto doc = aws::parse_xml(*body);
    auto malformed = [] {
      return s3_error("MalformedXML",
                      "The XML you provided was not well-formed or did not validate against our published schema", 400);
    };
    if (!doc || doc->name != "Delete") return malformed();
    auto objects = doc->children_named("Object");
    if (objects.empty() || objects.size() > 1000) return malformed();
    const bool quiet = doc->text_at("Quiet") == "true";
    aws::XmlWriter w(true);
    w.open("DeleteResult", kXmlns);
    for (const auto* o : objects) {
      std::string key = o->text_at("Key");
      auto d = check_key(key);
      if (d) d = svc_.delete_object(ctx_, t_.bucket, key);
      if (!d) {
        if (d.error().code == "NoSuchBucket" || d.error().code == "AccessDenied") return d.failure();
        w.open("Error")
            .element("Key", key)
            .element("Code", d.error().code)
            .element("Message", d.error().message)
            .close();
      } else if (!quiet) {
        w.open("Deleted").element("Key", key).close();
      }
    }
    return xml_response(200, w);
  }

  // ---- objects ----

  core::Result<void> require_bucket() {
    return svc_.house_.db.transaction([&](Tx& tx) -> core::Result<void> {
      auto owned = owned_bucket(tx, ctx_, t_.bucket);
      if (!owned) return owned.failure();
      return core::ok();
    });
  }

  core::Result<http::Response> put_object() {
    if (auto b = require_bucket(); !b) return b.failure();
    auto blob = receive_blob(call_, svc_.house_.blobs, kMaxPutBytes);
    if (!blob) return blob.failure();
    ObjectRecord o{.bucket = t_.bucket,
                   .key = t_.key,
                   .digest = blob->blob.digest,
                   .size = blob->blob.size,
                   .etag = quoted_etag(blob->md5),
                   .content_type = call_.request.headers.get("Content-Type").value_or("binary/octet-stream"),
                   .metadata = metadata_of(call_.request.headers),
                   .modified = ctx_.now};
    auto written = svc_.house_.db.transaction([&](Tx& tx) -> core::Result<void> {
      if (auto owned = owned_bucket(tx, ctx_, t_.bucket); !owned) return owned.failure();
      return write_object(tx, o);
    });
    if (!written) return written.failure();
    http::Response r{200, {}, {}};
    r.headers.set("ETag", o.etag);
    return r;
  }

  core::Result<http::Response> get_object() {
    auto o = svc_.head_object(ctx_, t_.bucket, t_.key);
    if (!o) return o.failure();
    if (auto match = call_.request.headers.get("If-Match"); match && *match != o->etag && *match != "*")
      return s3_error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412);
    if (auto none = call_.request.headers.get("If-None-Match"); none && (*none == o->etag || *none == "*")) {
      http::Response r{304, {}, {}};
      r.headers.set("ETag", o->etag);
      return r;
    }
    std::uint64_t first = 0, length = o->size;
    int status = 200;
    if (auto range = call_.request.headers.get("Range")) {
      bool unsatisfiable = false;
      auto span = parse_range(*range, o->size, unsatisfiable);
      if (unsatisfiable) {
        core::Error e{"InvalidRange", "The requested range is not satisfiable", 416, false, {}};
        http::Response r = error(e);
        r.headers.set("Content-Range", "bytes */" + std::to_string(o->size));
        return r;
      }
      if (span) {
        first = span->first;
        length = span->second - span->first + 1;
        status = 206;
      }
    }
    http::Response r{status, {}, {}};
    object_headers(r, *o);
    if (status == 206)
      r.headers.set("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/" +
                                         std::to_string(o->size));
    if (call_.request.method == "HEAD") {
      r.headers.set("Content-Length", std::to_string(length));
      return r;
    }
    auto stream = svc_.house_.blobs.stream(o->digest, first, length);
    if (!stream) return stream.failure();
    r.stream = std::move(*stream);
    return r;
  }

  core::Result<http::Response> delete_object() {
    if (auto d = svc_.delete_object(ctx_, t_.bucket, t_.key); !d) return d.failure();
    return http::Response{204, {}, {}};
  }

  core::Result<http::Response> copy_object() {
    std::string source = *call_.request.headers.get("x-amz-copy-source");
    if (source.find('?') != std::string::npos) return not_implemented();  // versionId: no versioning
    auto decoded = core::percent_decode_strict(source);
    if (!decoded) return invalid_argument("Invalid copy source encoding");
    std::string_view s = *decoded;
    if (s.starts_with("/")) s.remove_prefix(1);
    auto slash = s.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == s.size())
      return invalid_argument("Invalid copy source object key");
    std::string src_bucket(s.substr(0, slash)), src_key(s.substr(slash + 1));
    std::string directive = call_.request.headers.get("x-amz-metadata-directive").value_or("COPY");
    if (directive != "COPY" && directive != "REPLACE") return invalid_argument("Unknown metadata directive.");
    if (src_bucket == t_.bucket && src_key == t_.key && directive == "COPY")
      return s3_error("InvalidRequest",
                      "This copy request is illegal because it is trying to copy an object to itself without changing "
                      "the object's metadata, storage class, website redirect location or encryption attributes.",
                      400);
    auto src = svc_.head_object(ctx_, src_bucket, src_key);
    if (!src) return src.failure();
    ObjectRecord o = *src;
    o.bucket = t_.bucket;
    o.key = t_.key;
    o.modified = ctx_.now;
    if (directive == "REPLACE") {
      o.content_type = call_.request.headers.get("Content-Type").value_or("binary/octet-stream");
      o.metadata = metadata_of(call_.request.headers);
    }
    // The copy names the same blob: no bytes move.
    auto written = svc_.house_.db.transaction([&](Tx& tx) -> core::Result<void> {
      if (auto owned = owned_bucket(tx, ctx_, t_.bucket); !owned) return owned.failure();
      return write_object(tx, o);
    });
    if (!written) return written.failure();
    aws::XmlWriter w(true);
    w.open("CopyObjectResult", kXmlns).element("LastModified", iso_millis(o.modified)).element("ETag", o.etag);
    return xml_response(200, w);
  }

  // ---- multipart (s3_multipart.cpp does the work) ----

  core::Result<http::Response> create_upload() {
    if (auto b = require_bucket(); !b) return b.failure();
    auto id = multipart::create(svc_.house_, ctx_, t_.bucket, t_.key,
                                call_.request.headers.get("Content-Type").value_or("binary/octet-stream"),
                                metadata_of(call_.request.headers));
    if (!id) return id.failure();
    aws::XmlWriter w(true);
    w.open("InitiateMultipartUploadResult", kXmlns)
        .element("Bucket", t_.bucket)
        .element("Key", t_.key)
        .element("UploadId", *id);
    return xml_response(200, w);
  }

  core::Result<http::Response> upload_part() {
    if (call_.request.headers.has("x-amz-copy-source")) return not_implemented();  // UploadPartCopy
    int number = 0;
    std::string text = param("partNumber");
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc{} || p != text.data() + text.size() || number < 1 || number > 10000)
      return invalid_argument("Part number must be an integer between 1 and 10000, inclusive");
    if (auto u = multipart::check(svc_.house_, ctx_, t_.bucket, t_.key, param("uploadId")); !u) return u.failure();
    auto blob = receive_blob(call_, svc_.house_.blobs, kMaxPutBytes);
    if (!blob) return blob.failure();
    auto etag =
        multipart::record_part(svc_.house_, ctx_, t_.bucket, t_.key, param("uploadId"), number, blob->blob, blob->md5);
    if (!etag) return etag.failure();
    http::Response r{200, {}, {}};
    r.headers.set("ETag", *etag);
    return r;
  }

  core::Result<http::Response> complete_upload() {
    auto body = receive_small(call_, kMaxXmlBody);
    if (!body) return body.failure();
    auto done = multipart::complete(svc_.house_, ctx_, t_.bucket, t_.key, param("uploadId"), *body);
    if (!done) return done.failure();
    aws::XmlWriter w(true);
    std::string host = ctx_.host.empty() ? "127.0.0.1:4566" : ctx_.host;
    w.open("CompleteMultipartUploadResult", kXmlns)
        .element("Location", "http://" + host + "/" + t_.bucket + "/" + core::percent_encode_path(t_.key))
        .element("Bucket", t_.bucket)
        .element("Key", t_.key)
        .element("ETag", done->etag);
    return xml_response(200, w);
  }

  core::Result<http::Response> abort_upload() {
    if (auto a = multipart::abort(svc_.house_, ctx_, t_.bucket, t_.key, param("uploadId")); !a) return a.failure();
    return http::Response{204, {}, {}};
  }

  core::Result<http::Response> list_parts() {
    int max_parts = 1000, marker = 0;
    auto read_int = [](const std::string& s, int& out) {
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
      return ec == std::errc{} && p == s.data() + s.size() && out >= 0;
    };
    if (has("max-parts") && !read_int(param("max-parts"), max_parts))
      return invalid_argument("Provided max-parts not an integer or within integer range");
    if (has("part-number-marker") && !read_int(param("part-number-marker"), marker))
      return invalid_argument("Provided part-number-marker not an integer or within integer range");
    max_parts = std::min(max_parts, 1000);
    auto parts = multipart::list_parts(svc_.house_, ctx_, t_.bucket, t_.key, param("uploadId"), marker, max_parts + 1);
    if (!parts) return parts.failure();
    const bool truncated = static_cast<int>(parts->size()) > max_parts;
    if (truncated) parts->resize(static_cast<std::size_t>(max_parts));
    aws::XmlWriter w(true);
    w.open("ListPartsResult", kXmlns)
        .element("Bucket", t_.bucket)
        .element("Key", t_.key)
        .element("UploadId", param("uploadId"))
        .number("PartNumberMarker", marker)
        .number("NextPartNumberMarker", parts->empty() ? 0 : parts->back().number)
        .number("MaxParts", max_parts)
        .boolean("IsTruncated", truncated)
        .element("StorageClass", "STANDARD");
    for (const auto& part : *parts)
      w.open("Part")
          .number("PartNumber", part.number)
          .element("LastModified", iso_millis(part.modified))
          .element("ETag", part.etag)
          .number("Size", static_cast<long long>(part.size))
          .close();
    return xml_response(200, w);
  }

  S3Service& svc_;
  Call& call_;
  const CallContext& ctx_;
  Target t_;
  std::vector<core::FormField> query_;
  BucketConfig config_ = BucketConfig::cors;  ///< the configuration a ?cors/?website/?notification call names
};

http::Response S3Service::handle(Call& call) { return S3Routes(*this, call).run(); }

}  // namespace hoplite::local::s3
