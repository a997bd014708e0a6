// The house: one Handler in front of every emulated service. For each request it finds the
// service (X-Amz-Target, else the SigV4 credential scope), reads the body the signature covers,
// checks the signature, hands the service a Call, and logs one line. See docs/local.md.
#include "hoplite/local/cloud.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

#include "hoplite/aws/sigv4_verify.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/auth/verify.hpp"
#include "local/ids.hpp"
#include "local/regions.hpp"
#include "local/request_log.hpp"
#include "local/services.hpp"
#include "local/store/blob_store.hpp"
#include "local/store/database.hpp"

namespace hoplite::local {
namespace {

/// Requests that reach no service (no usable signature, an unknown service) are answered in the
/// query dialect, which is what most of AWS answers with; this spec carries no namespace.
const ServiceSpec kNoService{.signing_name = "", .protocol = Protocol::query};

bool is_form_post(const http::ServerRequest& r) {
  return r.method == "POST" &&
         r.headers.get("Content-Type").value_or("").starts_with("application/x-www-form-urlencoded");
}

/// `bucket.localhost[:port]`, `bucket.s3.localhost`: S3's virtual-hosted addressing on the local cloud.
bool is_virtual_host(std::string_view host) {
  host =
      host.substr(0, host.rfind(':') == std::string_view::npos || host.back() == ']' ? host.size() : host.rfind(':'));
  return host.size() > 10 && host.ends_with(".localhost");
}

http::Response json_response(int status, const std::string& body) {
  return http::make_response(status, body, "application/json");
}

}  // namespace

struct LocalCloud::Impl {
  LocalCloudOptions options;
  core::Clock* clock = nullptr;
  int lock_fd = -1;
  std::unique_ptr<store::Database> db;
  std::optional<store::BlobStore> blobs;
  std::optional<auth::Accounts> accounts;
  std::unique_ptr<ServiceContext> house;
  std::unique_ptr<RequestLog> log;
  std::vector<std::unique_ptr<Service>> services;
  std::map<std::string, Service*, std::less<>> by_signing_name;
  std::map<std::string, Service*, std::less<>> by_target_prefix;
  std::vector<std::pair<std::string, Service*>> by_own_auth_prefix;
  core::TimePoint started;

  ~Impl() {
    // Last made, first destroyed: a service may use one made before it (ECS writes to Logs, SNS
    // to SQS) until its own threads have stopped.
    while (!services.empty()) services.pop_back();
    if (lock_fd >= 0) ::close(lock_fd);  // releases the flock
  }

  Service* find_by_target(std::string_view target) const {
    auto dot = target.find('.');
    if (dot == std::string_view::npos) return nullptr;
    auto it = by_target_prefix.find(target.substr(0, dot));
    return it == by_target_prefix.end() ? nullptr : it->second;
  }

  Service* find_by_name(std::string_view name) const {
    auto it = by_signing_name.find(name);
    return it == by_signing_name.end() ? nullptr : it->second;
  }

  http::Response hoplite_page(const http::ServerRequest& request) {
    std::string_view path = request.path();
    if (request.method != "GET" && request.method != "HEAD") return json_response(405, "{\"error\":\"use GET\"}\n");
    if (path == "/_hoplite/health") return json_response(200, "{\"status\":\"ok\"}\n");
    if (path == "/_hoplite" || path == "/_hoplite/") return json_response(200, inspect());
    return json_response(404, "{\"error\":\"no such page\"}\n");
  }

  std::string inspect() {
    nlohmann::json doc;
    doc["server"] = {{"data_dir", options.data_dir.string()},
                     {"started", core::format_iso8601(started)},
                     {"requests", log ? log->count() : 0}};
    nlohmann::json services_doc = nlohmann::json::object();
    for (const auto& s : services) services_doc[s->spec().signing_name] = s->inspect();
    doc["services"] = std::move(services_doc);
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }

  http::Response serve(http::ServerRequest& request, RequestLogEntry& entry) {
    if (request.path().starts_with("/_hoplite")) {
      entry.service = "hoplite";
      return hoplite_page(request);
    }
    const std::string id = entry.request_id;
    const core::TimePoint now = clock->now();
    // Services that authenticate their own requests (the registry under /v2/) come first: their
    // clients send Basic or Bearer credentials, not SigV4.
    for (const auto& [prefix, svc] : by_own_auth_prefix) {
      std::string_view path = request.path();
      if (path.starts_with(prefix) || path == std::string_view(prefix).substr(0, prefix.size() - 1)) {
        entry.service = svc->spec().signing_name;
        Call call{request, CallContext{id, "us-east-1", {}, now, request.headers.get("Host").value_or("")}, {}, {}, {},
                  {}};
        http::Response r = svc->handle(call);
        entry.operation = call.operation;
        return r;
      }
    }
    auto claim = aws::parse_signature_claim(request.headers, request.query());
    Service* service = nullptr;
    if (auto target = request.headers.get("X-Amz-Target")) service = find_by_target(*target);
    if (service == nullptr && claim && *claim) service = find_by_name((*claim)->service);
    // S3 is also reached without a signature (anonymous requests, answered AccessDenied) and by
    // virtual host (`bucket.localhost`); a form-encoded POST is a query request whatever its path.
    if (service == nullptr && (!claim || !*claim) && !request.headers.has("X-Amz-Target") && !is_form_post(request))
      service = find_by_name("s3");
    if (service == nullptr && is_virtual_host(request.headers.get("Host").value_or(""))) service = find_by_name("s3");
    if (service == nullptr) {
      if (!claim)
        return render_error(kNoService,
                            auth::auth_error(Protocol::query, auth::Failure::incomplete, claim.error().message), id);
      if (!*claim) return render_error(kNoService, auth::auth_error(Protocol::query, auth::Failure::missing), id);
      return render_error(kNoService,
                          core::Error{"InvalidAction",
                                      "The local cloud does not emulate the service '" + (*claim)->service + "'",
                                      400,
                                      false,
                                      {}},
                          id);
    }
    const ServiceSpec& spec = service->spec();
    entry.service = spec.signing_name;
    if (!claim)
      return render_error(spec, auth::auth_error(spec.protocol, auth::Failure::incomplete, claim.error().message), id);
    if (!*claim) return render_error(spec, auth::auth_error(spec.protocol, auth::Failure::missing), id);
    const aws::SignatureClaim& c = **claim;
    if (!is_region_name(c.region))
      return render_error(spec,
                          auth::auth_error(spec.protocol, auth::Failure::incomplete,
                                           "Credential should be scoped to a valid region, not '" + c.region + "'"),
                          id);
    std::string body;
    std::string payload_hash;
    if (spec.protocol == Protocol::rest_xml) {
      // S3 signs the payload hash the client declares; the service checks the body against it
      // as it streams (or decodes aws-chunked with the chunk signatures).
      auto declared = request.headers.get("x-amz-content-sha256");
      if (!declared && !c.presigned)
        return render_error(
            spec,
            core::Error{
                "InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400, false, {}},
            id);
      payload_hash = declared.value_or("UNSIGNED-PAYLOAD");
    } else {
      auto read = request.body.read_all(spec.max_body_bytes);
      if (!read) {
        const int status = read.error().http_status.value_or(400);
        return render_error(
            spec,
            core::Error{
                status == 413 ? "RequestEntityTooLarge" : "IncompleteBody", read.error().message, status, false, {}},
            id);
      }
      body = std::move(*read);
      payload_hash = core::sha256_hex(body);
    }
    auto key = auth::verify(request, c, payload_hash, *accounts, now, spec);
    if (!key) return render_error(spec, key.error(), id);
    entry.account = key->principal.account_id;
    Call call{request,
              CallContext{id, c.region, key->principal, now, request.headers.get("Host").value_or("")},
              c,
              spec.protocol == Protocol::rest_xml ? key->secret : std::string(),
              std::move(body),
              {}};
    http::Response r = service->handle(call);
    entry.operation = call.operation;
    return r;
  }
};

LocalCloud::LocalCloud(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LocalCloud::~LocalCloud() = default;

core::Result<std::unique_ptr<LocalCloud>> LocalCloud::open(LocalCloudOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->clock = options.clock ? options.clock : &core::system_clock();
  impl->started = impl->clock->now();
  const auto& dir = options.data_dir;
  if (dir.empty()) return core::fail("local.store", "no data directory given");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return core::fail("local.store", "creating " + dir.string() + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  // One server per directory: two SQLite writers are safe, but two sets of blob writers and
  // two request logs interleaving are not what anyone wants.
  auto lock_file = dir / "lock";
  impl->lock_fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (impl->lock_fd < 0)
    return core::fail("local.lock", "cannot open " + lock_file.string() + ": " + std::strerror(errno));
  if (::flock(impl->lock_fd, LOCK_EX | LOCK_NB) != 0)
    return core::fail("local.lock", "another local cloud is using " + dir.string());

  auto db = store::Database::open(dir / "state.db");
  if (!db) return db.failure();
  impl->db = std::move(*db);
  auto blobs = store::BlobStore::open(dir / "blobs");
  if (!blobs) return blobs.failure();
  impl->blobs.emplace(std::move(*blobs));
  auto accounts = auth::Accounts::open(*impl->db);
  if (!accounts) return accounts.failure();
  impl->accounts.emplace(std::move(*accounts));
  for (const auto& c : options.credentials)
    if (auto r = impl->accounts->register_key(c.access_key_id, c.secret_access_key, c.account_id, c.session_token,
                                              c.user_name);
        !r)
      return r.failure("registering key " + c.access_key_id);
  auto log = RequestLog::open(dir / "requests.log", options.request_log);
  if (!log) return log.failure();
  impl->log = std::move(*log);
  impl->house =
      std::make_unique<ServiceContext>(ServiceContext{*impl->db, *impl->blobs, *impl->accounts, *impl->clock, dir});
  // A service that cannot bring its schema up to date throws (its constructor has no other way out).
  try {
    impl->services = options.services ? options.services(*impl->house) : make_services(*impl->house);
  } catch (const std::exception& e) {
    return core::fail("local.store", e.what());
  }
  for (const auto& s : impl->services) {
    impl->by_signing_name.emplace(s->spec().signing_name, s.get());
    if (!s->spec().target_prefix.empty()) impl->by_target_prefix.emplace(s->spec().target_prefix, s.get());
    if (!s->spec().own_auth_prefix.empty()) impl->by_own_auth_prefix.emplace_back(s->spec().own_auth_prefix, s.get());
  }
  impl->options = std::move(options);
  return std::unique_ptr<LocalCloud>(new LocalCloud(std::move(impl)));
}

http::Response LocalCloud::handle(http::ServerRequest& request) {
  auto started = std::chrono::steady_clock::now();
  RequestLogEntry entry;
  entry.time = impl_->clock->now();
  entry.request_id = request_id();
  entry.method = request.method;
  entry.path = std::string(request.path().substr(0, 512));
  http::Response r;
  try {
    r = impl_->serve(request, entry);
  } catch (const std::exception& e) {
    r = render_error(kNoService, core::Error{"local.exception", e.what(), 500, false, {}}, entry.request_id);
  }
  entry.status = r.status;
  entry.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  impl_->log->write(entry);
  return r;
}

std::string LocalCloud::inspect() { return impl_->inspect(); }

void LocalCloud::set_port(int port) { impl_->house->port->store(port); }

core::Result<std::string> LocalCloud::integrity_check() { return impl_->db->integrity_check(); }

}  // namespace hoplite::local
