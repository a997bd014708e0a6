// The distribution API's routes over a RegistryStorage: path → operation, the spec's checks and
// headers, errors in the spec's shape. What is kept and where is the storage's business.
#include "hoplite/oci/registry_server.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "hoplite/core/json.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/oci/media_type.hpp"

namespace hoplite::oci {
namespace {

constexpr std::string_view kApiVersionHeader = "Docker-Distribution-API-Version";

/// One request, taken apart.
struct Route {
  std::string repo;
  enum class Kind { ping, tags, manifest, blob, upload, unknown } kind = Kind::unknown;
  std::string arg;  ///< the reference, digest or upload id
};

Route parse_route(std::string_view path) {
  Route r;
  if (path == "/v2" || path == "/v2/") {
    r.kind = Route::Kind::ping;
    return r;
  }
  if (!path.starts_with("/v2/")) return r;
  std::string_view rest = path.substr(4);
  constexpr std::string_view kTags = "/tags/list";
  constexpr std::string_view kManifests = "/manifests/";
  constexpr std::string_view kUploads = "/blobs/uploads";
  constexpr std::string_view kBlobs = "/blobs/";
  if (rest.ends_with(kTags)) {
    r.kind = Route::Kind::tags;
    r.repo = rest.substr(0, rest.size() - kTags.size());
  } else if (auto m = rest.rfind(kManifests); m != std::string_view::npos) {
    r.kind = Route::Kind::manifest;
    r.repo = rest.substr(0, m);
    r.arg = rest.substr(m + kManifests.size());
  } else if (auto u = rest.rfind(kUploads);
             u != std::string_view::npos && (rest.size() == u + kUploads.size() || rest[u + kUploads.size()] == '/')) {
    r.kind = Route::Kind::upload;
    r.repo = rest.substr(0, u);
    r.arg = rest.substr(std::min(rest.size(), u + kUploads.size() + 1));
  } else if (auto b = rest.rfind(kBlobs); b != std::string_view::npos) {
    r.kind = Route::Kind::blob;
    r.repo = rest.substr(0, b);
    r.arg = rest.substr(b + kBlobs.size());
  }
  return r;
}

std::string query_value(const std::vector<core::FormField>& q, std::string_view key) {
  for (const auto& f : q)
    if (f.first == key) return f.second;
  return {};
}

bool has_query(const std::vector<core::FormField>& q, std::string_view key) {
  for (const auto& f : q)
    if (f.first == key) return true;
  return false;
}

/// A storage error as the spec's response; codes that are not OCI codes stay private (500).
http::Response storage_error(const core::Error& e) {
  bool oci_code = !e.code.empty();
  for (char c : e.code)
    if (!((c >= 'A' && c <= 'Z') || c == '_')) oci_code = false;
  if (!oci_code) return registry_error(500, "UNKNOWN", "internal error");
  return registry_error(e.http_status.value_or(400), e.code, e.message);
}

http::Response with_api_version(http::Response r) {
  r.headers.set(std::string(kApiVersionHeader), "registry/2.0");
  return r;
}

http::Response empty(int status) { return with_api_version(http::Response{status, {}, {}}); }

std::string range_header(std::uint64_t size) { return "0-" + std::to_string(size == 0 ? 0 : size - 1); }

/// `start-end` of a PATCH's Content-Range (nullopt when malformed).
std::optional<std::uint64_t> range_start(std::string_view v) {
  if (v.starts_with("bytes ")) v.remove_prefix(6);  // some clients write the RFC 9110 form
  auto dash = v.find('-');
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  std::uint64_t start = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + dash, start);
  if (ec != std::errc{} || p != v.data() + dash) return std::nullopt;
  return start;
}

/// Reads `{"digest", "size"}` of a descriptor; false when it is not one.
bool read_descriptor(const nlohmann::json& d, Digest& digest, std::uint64_t& size) {
  if (!d.is_object()) return false;
  auto it = d.find("digest");
  if (it == d.end() || !it->is_string()) return false;
  auto parsed = Digest::parse(it->get<std::string>());
  if (!parsed) return false;
  digest = *parsed;
  auto s = d.find("size");
  size = s != d.end() && s->is_number_unsigned() ? s->get<std::uint64_t>() : 0;
  return true;
}

/// Most descriptors a manifest or index may name: far above real images (ECR allows 127 layers).
constexpr std::size_t kMaxDescriptors = 10000;

class Request {
 public:
  Request(RegistryStorage& storage, const RegistryServerOptions& options, http::ServerRequest& req, std::string tenant,
          Route route, std::string& operation)
      : storage_(storage),
        options_(options),
        req_(req),
        tenant_(std::move(tenant)),
        route_(std::move(route)),
        op_(operation),
        query_(core::form_decode(req.query())) {}

  http::Response run() {
    using Handler = http::Response (Request::*)();
    struct Entry {
      Route::Kind kind;
      std::string_view method;
      bool with_arg;  ///< uploads: an upload id in the path
      std::string_view name;
      Handler fn;
    };
    static constexpr Entry kTable[] = {
        {Route::Kind::tags, "GET", false, "ListTags", &Request::list_tags},
        {Route::Kind::manifest, "GET", true, "GetManifest", &Request::get_manifest},
        {Route::Kind::manifest, "HEAD", true, "GetManifest", &Request::get_manifest},
        {Route::Kind::manifest, "PUT", true, "PutManifest", &Request::put_manifest},
        {Route::Kind::manifest, "DELETE", true, "DeleteManifest", &Request::delete_manifest},
        {Route::Kind::blob, "GET", true, "GetBlob", &Request::get_blob},
        {Route::Kind::blob, "HEAD", true, "GetBlob", &Request::get_blob},
        {Route::Kind::blob, "DELETE", true, "DeleteBlob", &Request::delete_blob},
        {Route::Kind::upload, "POST", false, "StartUpload", &Request::start_upload},
        {Route::Kind::upload, "GET", true, "GetUpload", &Request::upload_status},
        {Route::Kind::upload, "PATCH", true, "PatchUpload", &Request::patch_upload},
        {Route::Kind::upload, "PUT", true, "PutUpload", &Request::put_upload},
        {Route::Kind::upload, "DELETE", true, "CancelUpload", &Request::cancel_upload},
    };
    const bool has_arg = !route_.arg.empty();
    for (const Entry& e : kTable) {
      if (e.kind != route_.kind || e.method != req_.method) continue;
      if (e.kind == Route::Kind::upload && e.with_arg != has_arg) continue;
      if (e.kind != Route::Kind::upload && e.with_arg && !has_arg) continue;
      op_ = std::string(e.name);
      return (this->*e.fn)();
    }
    return registry_error(405, "UNSUPPORTED", "The operation is unsupported.");
  }

 private:
  [[nodiscard]] std::string base() const { return "/v2/" + route_.repo; }

  http::Response list_tags() {
    int n = options_.max_tags_per_page;
    if (auto text = query_value(query_, "n"); !text.empty()) {
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc{} || p != text.data() + text.size() || n < 0 || n > options_.max_tags_per_page)
        return registry_error(400, "PAGINATION_NUMBER_INVALID", "invalid number of results requested");
    }
    std::string last = query_value(query_, "last");
    auto tags = storage_.list_tags(tenant_, route_.repo);
    if (!tags) return storage_error(tags.error());
    auto first = std::upper_bound(tags->begin(), tags->end(), last);
    if (last.empty()) first = tags->begin();
    nlohmann::json page = nlohmann::json::array();
    for (auto it = first; it != tags->end() && static_cast<int>(page.size()) < n; ++it) page.push_back(*it);
    http::Response r = with_api_version(http::make_response(
        200, nlohmann::json{{"name", route_.repo}, {"tags", page}}.dump() + "\n", "application/json"));
    const auto shown = static_cast<std::ptrdiff_t>(page.size());
    if (n > 0 && std::distance(first, tags->end()) > shown) {
      r.headers.set("Link", "<" + base() + "/tags/list?n=" + std::to_string(n) +
                                "&last=" + core::percent_encode(page.back().get<std::string>()) + ">; rel=\"next\"");
    }
    return r;
  }

  http::Response get_manifest() {
    const std::string& ref = route_.arg;
    if (ref.find(':') == std::string::npos ? !is_tag(ref) : !Digest::parse(ref))
      return registry_error(400, "MANIFEST_INVALID", "manifest invalid: malformed reference");
    auto m = storage_.get_manifest(tenant_, route_.repo, ref);
    if (!m) return storage_error(m.error());
    if (!*m) return registry_error(404, "MANIFEST_UNKNOWN", "manifest unknown");
    http::Response r = with_api_version(
        http::make_response(200, req_.method == "HEAD" ? std::string() : (*m)->bytes, (*m)->media_type));
    if (req_.method == "HEAD") r.headers.set("Content-Length", std::to_string((*m)->bytes.size()));
    r.headers.set("Docker-Content-Digest", (*m)->digest.str());
    r.headers.set("ETag", "\"" + (*m)->digest.str() + "\"");
    return r;
  }

  http::Response put_manifest() {
    const std::string& ref = route_.arg;
    const bool by_digest = ref.find(':') != std::string::npos;
    if (by_digest ? !Digest::parse(ref) : !is_tag(ref))
      return registry_error(400, "TAG_INVALID", "manifest tag did not match URI");
    auto body = req_.body.read_all(kMaxManifestBytes);
    if (!body) {
      if (body.error().http_status == 413) return registry_error(413, "SIZE_INVALID", "manifest too large");
      return registry_error(400, "MANIFEST_INVALID", "manifest invalid: incomplete body");
    }
    std::string content_type = req_.headers.get("Content-Type").value_or("");
    if (auto semi = content_type.find(';'); semi != std::string::npos) content_type.resize(semi);
    auto doc = core::parse_json(*body, "the manifest", core::DocumentLimits{kMaxManifestBytes, 32});
    if (!doc || !doc->is_object()) return registry_error(400, "MANIFEST_INVALID", "manifest invalid");
    std::string media_type = content_type;
    if (auto it = doc->find("mediaType"); it != doc->end()) {
      if (!it->is_string()) return registry_error(400, "MANIFEST_INVALID", "manifest invalid: mediaType");
      if (media_type.empty()) media_type = it->get<std::string>();
      if (it->get<std::string>() != media_type)
        return registry_error(400, "MANIFEST_INVALID", "manifest invalid: mediaType does not match Content-Type");
    }
    if (auto v = doc->find("schemaVersion"); v != doc->end() && *v != 2)
      return registry_error(400, "MANIFEST_INVALID", "manifest invalid: schemaVersion must be 2");
    ManifestFacts facts;
    if (is_index(media_type)) {
      auto list = doc->find("manifests");
      if (list == doc->end() || !list->is_array() || list->size() > kMaxDescriptors)
        return registry_error(400, "MANIFEST_INVALID", "manifest invalid: manifests");
      for (const auto& d : *list) {
        Digest digest;
        std::uint64_t size = 0;
        if (!read_descriptor(d, digest, size))
          return registry_error(400, "MANIFEST_INVALID", "manifest invalid: descriptor");
        auto child = storage_.get_manifest(tenant_, route_.repo, digest.str());
        if (!child) return storage_error(child.error());
        if (!*child) return registry_error(400, "MANIFEST_BLOB_UNKNOWN", "manifest unknown: " + digest.str());
        facts.manifests.push_back(digest);
      }
    } else if (is_manifest(media_type) || (media_type.empty() && doc->contains("config"))) {
      std::vector<const nlohmann::json*> descriptors;
      auto config = doc->find("config");
      if (config == doc->end()) return registry_error(400, "MANIFEST_INVALID", "manifest invalid: no config");
      descriptors.push_back(&*config);
      if (auto layers = doc->find("layers"); layers != doc->end()) {
        if (!layers->is_array() || layers->size() > kMaxDescriptors)
          return registry_error(400, "MANIFEST_INVALID", "manifest invalid: layers");
        for (const auto& l : *layers) descriptors.push_back(&l);
      }
      for (const nlohmann::json* d : descriptors) {
        Digest digest;
        std::uint64_t size = 0;
        if (!read_descriptor(*d, digest, size))
          return registry_error(400, "MANIFEST_INVALID", "manifest invalid: descriptor");
        auto have = storage_.blob_size(tenant_, route_.repo, digest);
        if (!have) return storage_error(have.error());
        if (!*have) return registry_error(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry: " + digest.str());
        facts.blobs.push_back(digest);
        facts.image_size += **have;
      }
      if (auto a = doc->find("artifactType"); a != doc->end() && a->is_string()) {
        facts.artifact_type = a->get<std::string>();
      } else if (auto t = config->find("mediaType"); t != config->end() && t->is_string()) {
        facts.artifact_type = t->get<std::string>();
      }
    } else {
      return registry_error(400, "MANIFEST_INVALID", "manifest invalid: unsupported media type '" + media_type + "'");
    }
    StoredManifest stored{Digest::of(*body), media_type, std::move(*body)};
    if (by_digest && stored.digest.str() != ref)
      return registry_error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
    if (auto put = storage_.put_manifest(tenant_, route_.repo, stored, by_digest ? "" : ref, facts); !put)
      return storage_error(put.error());
    http::Response r = empty(201);
    r.headers.set("Location", base() + "/manifests/" + stored.digest.str());
    r.headers.set("Docker-Content-Digest", stored.digest.str());
    return r;
  }

  http::Response delete_manifest() {
    const std::string& ref = route_.arg;
    if (ref.find(':') == std::string::npos ? !is_tag(ref) : !Digest::parse(ref))
      return registry_error(400, "MANIFEST_INVALID", "manifest invalid: malformed reference");
    if (auto d = storage_.delete_manifest(tenant_, route_.repo, ref); !d) return storage_error(d.error());
    return empty(202);
  }

  core::Result<Digest> digest_arg(const std::string& text) {
    auto d = Digest::parse(text);
    if (!d || d->algorithm() != "sha256")
      return core::fail(
          core::Error{"DIGEST_INVALID", "provided digest did not match uploaded content", 400, false, {}});
    return d;
  }

  http::Response get_blob() {
    auto digest = digest_arg(route_.arg);
    if (!digest) return storage_error(digest.error());
    auto size = storage_.blob_size(tenant_, route_.repo, *digest);
    if (!size) return storage_error(size.error());
    if (!*size) return registry_error(404, "BLOB_UNKNOWN", "blob unknown to registry");
    http::Response r = empty(200);
    r.headers.set("Docker-Content-Digest", digest->str());
    r.headers.set("ETag", "\"" + digest->str() + "\"");
    r.headers.set("Accept-Ranges", "bytes");
    if (req_.method == "HEAD") {
      r.headers.set("Content-Type", "application/octet-stream");
      r.headers.set("Content-Length", std::to_string(**size));
      return r;
    }
    auto stream = storage_.read_blob(tenant_, route_.repo, *digest, 0, **size);
    if (!stream) return storage_error(stream.error());
    r.headers.set("Content-Type", "application/octet-stream");
    r.stream = std::move(*stream);
    return r;
  }

  http::Response delete_blob() {
    auto digest = digest_arg(route_.arg);
    if (!digest) return storage_error(digest.error());
    if (auto d = storage_.delete_blob(tenant_, route_.repo, *digest); !d) return storage_error(d.error());
    return empty(202);
  }

  http::Response upload_location(int status, const std::string& id, std::uint64_t size) {
    http::Response r = empty(status);
    // A query on the Location, as docker-registry sends (`_state`): clients must keep it and add
    // their own parameters to it, which is what the spec asks of them.
    r.headers.set("Location", base() + "/blobs/uploads/" + id + "?_state=" + std::to_string(size));
    r.headers.set("Range", range_header(size));
    r.headers.set("Docker-Upload-UUID", id);
    return r;
  }

  http::Response blob_created(const Digest& digest) {
    http::Response r = empty(201);
    r.headers.set("Location", base() + "/blobs/" + digest.str());
    r.headers.set("Docker-Content-Digest", digest.str());
    return r;
  }

  http::Response start_upload() {
    if (has_query(query_, "mount")) {
      auto digest = digest_arg(query_value(query_, "mount"));
      std::string from = query_value(query_, "from");
      if (digest && is_repository_name(from)) {
        auto mounted = storage_.mount_blob(tenant_, route_.repo, from, *digest);
        if (!mounted) return storage_error(mounted.error());
        if (*mounted) return blob_created(*digest);
      }
      // A mount the registry cannot do becomes an ordinary upload, as the spec says.
    }
    auto id = storage_.start_upload(tenant_, route_.repo);
    if (!id) return storage_error(id.error());
    if (has_query(query_, "digest")) {  // a monolithic upload in one POST
      return finish(*id, true);
    }
    return upload_location(202, *id, 0);
  }

  http::Response upload_status() {
    auto size = storage_.upload_size(tenant_, route_.repo, route_.arg);
    if (!size) return storage_error(size.error());
    return upload_location(204, route_.arg, *size);
  }

  http::Response patch_upload() {
    auto size = storage_.upload_size(tenant_, route_.repo, route_.arg);
    if (!size) return storage_error(size.error());
    if (auto range = req_.headers.get("Content-Range")) {
      auto start = range_start(*range);
      if (!start || *start != *size) {
        http::Response r = registry_error(416, "BLOB_UPLOAD_INVALID", "blob upload invalid: chunk out of order");
        r.headers.set("Location", base() + "/blobs/uploads/" + route_.arg);
        r.headers.set("Range", range_header(*size));
        return r;
      }
    }
    auto appended = storage_.append_upload(tenant_, route_.repo, route_.arg, req_.body, options_.max_blob_bytes);
    if (!appended) return storage_error(appended.error());
    return upload_location(202, route_.arg, *appended);
  }

  http::Response put_upload() { return finish(route_.arg, false); }

  /// Appends the request's body (if any) and completes the upload with the `digest` parameter.
  http::Response finish(const std::string& id, bool drop_on_error) {
    auto digest = digest_arg(query_value(query_, "digest"));
    if (!digest) {
      if (drop_on_error) (void)storage_.cancel_upload(tenant_, route_.repo, id);
      return storage_error(digest.error());
    }
    if (req_.body.declared_length().value_or(1) > 0) {
      auto appended = storage_.append_upload(tenant_, route_.repo, id, req_.body, options_.max_blob_bytes);
      if (!appended) return storage_error(appended.error());
    }
    auto done = storage_.finish_upload(tenant_, route_.repo, id, *digest);
    if (!done) return storage_error(done.error());
    return blob_created(*digest);
  }

  http::Response cancel_upload() {
    if (auto c = storage_.cancel_upload(tenant_, route_.repo, route_.arg); !c) return storage_error(c.error());
    return empty(204);
  }

  RegistryStorage& storage_;
  const RegistryServerOptions& options_;
  http::ServerRequest& req_;
  std::string tenant_;
  Route route_;
  std::string& op_;
  std::vector<core::FormField> query_;
};

}  // namespace

RegistryServer::RegistryServer(RegistryStorage& storage, RegistryServerOptions options)
    : storage_(storage), options_(std::move(options)) {}

http::Response RegistryServer::handle(http::ServerRequest& request) {
  std::string operation;
  return handle(request, operation);
}

http::Response RegistryServer::handle(http::ServerRequest& request, std::string& operation) {
  std::string tenant;
  if (options_.authenticate) {
    auto who = options_.authenticate(request);
    if (!who) {
      operation = "Authenticate";
      http::Response r =
          registry_error(401, who.error().code.empty() ? "UNAUTHORIZED" : who.error().code, who.error().message);
      r.headers.set("WWW-Authenticate", options_.challenge);
      return r;
    }
    tenant = std::move(*who);
  }
  auto path = core::percent_decode_strict(request.path());
  if (!path) return registry_error(400, "NAME_INVALID", "invalid repository name");
  Route route = parse_route(*path);
  if (route.kind == Route::Kind::ping) {
    operation = "Ping";
    if (request.method != "GET" && request.method != "HEAD")
      return registry_error(405, "UNSUPPORTED", "The operation is unsupported.");
    return with_api_version(http::make_response(200, "{}", "application/json"));
  }
  if (route.kind == Route::Kind::unknown) return registry_error(404, "NOT_FOUND", "no such endpoint");
  if (!is_repository_name(route.repo)) return registry_error(400, "NAME_INVALID", "invalid repository name");
  if (auto repo = storage_.check_repository(tenant, route.repo); !repo) return storage_error(repo.error());
  return Request(storage_, options_, request, std::move(tenant), std::move(route), operation).run();
}

}  // namespace hoplite::oci
