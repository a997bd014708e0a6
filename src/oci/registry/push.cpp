#include "hoplite/oci/push.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "hoplite/core/sha256.hpp"

namespace hoplite::oci {

/// Everything the workers share; each worker has its own client and RepositoryClient.
struct PushSession::State {
  Reference target;
  PushOptions options;
  ClientFactory make_client;
  std::unique_ptr<http::Client> main_client;  // worker 0's, then the manifest's: one connection reused
  std::shared_ptr<Authenticator> auth;
  NullProgress quiet;
  Progress* progress = nullptr;
  std::string what;

  std::mutex mutex;
  std::condition_variable changed;
  std::deque<PushBlob> queue;  // added, not yet taken by a worker
  std::size_t in_flight = 0;   // taken, not yet done
  bool pinged = false;         // GET /v2/ succeeded: workers may start on blobs
  bool closing = false;        // finish() or the destructor: no more blobs will come
  std::optional<core::Error> first_error;
  PushResult result;
  std::vector<std::thread> workers;

  [[nodiscard]] bool failed() const { return first_error.has_value(); }
  void fail(core::Error e) {
    std::lock_guard lock(mutex);
    if (!first_error) first_error = std::move(e);
    changed.notify_all();
  }
};

namespace {

using State = PushSession::State;

core::Result<BlobOutcome> push_blob(RepositoryClient& repo, const PushBlob& blob, State& s) {
  auto exists = repo.blob_exists(blob.digest);
  if (!exists) return exists.failure();
  if (*exists) return BlobOutcome::kExists;
  for (const auto& from : s.options.mount_from) {
    if (from == s.target.repository) continue;
    auto mounted = repo.mount_blob(blob.digest, from);
    if (!mounted) return mounted.failure("mounting from " + from);
    if (*mounted) return BlobOutcome::kMounted;
  }
  // The digest names the content: refuse to upload bytes that do not hash to it.
  if (std::string actual = "sha256:" + core::sha256_hex(blob.bytes); actual != blob.digest) {
    return core::fail("registry.digest_mismatch", "the bytes of blob " + blob.digest + " hash to " + actual);
  }
  auto on_bytes = [&](std::uint64_t sent) { s.progress->blob_bytes(blob.digest, sent, blob.bytes.size()); };
  if (auto up = repo.upload_blob(blob.bytes, blob.digest, on_bytes); !up) return up.failure();
  return BlobOutcome::kUploaded;
}

// Worker 0 checks the registry first; every worker then takes blobs as they are added until the
// session closes with nothing left, or something failed.
void worker(State& s, bool first) {
  std::unique_ptr<http::Client> own = first ? nullptr : s.make_client();
  RepositoryClient repo(s.target, first ? *s.main_client : *own, s.auth, s.options.registry);
  if (first) {
    auto pinged = repo.ping();
    if (!pinged) return s.fail(pinged.error());
    std::lock_guard lock(s.mutex);
    s.pinged = true;
    s.changed.notify_all();
  }
  while (true) {
    PushBlob blob;
    {
      std::unique_lock lock(s.mutex);
      s.changed.wait(lock,
                     [&] { return s.failed() || (s.pinged && !s.queue.empty()) || (s.closing && s.queue.empty()); });
      if (s.failed() || s.queue.empty()) return;
      blob = std::move(s.queue.front());
      s.queue.pop_front();
      ++s.in_flight;
    }
    auto outcome = push_blob(repo, blob, s);
    std::lock_guard lock(s.mutex);
    --s.in_flight;
    s.changed.notify_all();
    if (!outcome) {
      if (!s.first_error) s.first_error = outcome.error().context("pushing blob " + blob.digest);
      return;
    }
    switch (*outcome) {
      case BlobOutcome::kExists:
        ++s.result.blobs_existing;
        break;
      case BlobOutcome::kMounted:
        ++s.result.blobs_mounted;
        break;
      case BlobOutcome::kUploaded:
        ++s.result.blobs_uploaded;
        s.result.bytes_uploaded += blob.bytes.size();
        break;
    }
    s.progress->blob_done(blob.digest, blob.bytes.size(), *outcome);
  }
}

}  // namespace

PushSession::PushSession(std::unique_ptr<State> state) : state_(std::move(state)) {}

PushSession::~PushSession() {
  {
    std::lock_guard lock(state_->mutex);
    state_->closing = true;
    if (!state_->first_error) state_->first_error = core::Error{"registry.abandoned", "push abandoned", {}, false, {}};
  }
  state_->changed.notify_all();
  for (auto& t : state_->workers) {
    if (t.joinable()) t.join();
  }
}

core::Result<std::unique_ptr<PushSession>> PushSession::open(const Reference& target, const ClientFactory& make_client,
                                                             const PushOptions& options) {
  auto s = std::make_unique<State>();
  s->target = target;
  s->options = options;
  // One deadline for the whole push: every request and retry of every worker shares it.
  if (!s->options.registry.deadline && options.timeout.count() > 0) {
    core::Clock& clock = options.registry.clock != nullptr ? *options.registry.clock : core::system_clock();
    s->options.registry.deadline = clock.now() + options.timeout;
  }
  s->make_client = make_client;
  s->what = "pushing " + target.to_string();
  std::optional<Credentials> credentials = options.credentials;
  if (!credentials) {
    std::filesystem::path dir = options.docker_config.value_or(docker_config_dir());
    if (!dir.empty()) {
      auto found = credentials_from_docker_config(target.registry, dir);
      if (!found) return found.failure(s->what);
      credentials = *found;
    }
  }
  std::vector<std::string> scopes{"repository:" + target.repository + ":pull,push"};
  for (const auto& from : options.mount_from)
    if (from != target.repository) scopes.push_back("repository:" + from + ":pull");
  s->auth = std::make_shared<Authenticator>(target.registry, credentials, scopes);
  s->progress = options.progress != nullptr ? options.progress : &s->quiet;
  s->main_client = make_client();

  State& state = *s;
  const int workers = std::max(1, options.concurrency);
  for (int i = 0; i < workers; ++i) state.workers.emplace_back([&state, i] { worker(state, i == 0); });
  return std::unique_ptr<PushSession>(new PushSession(std::move(s)));
}

void PushSession::add(PushBlob blob) {
  {
    std::lock_guard lock(state_->mutex);
    state_->queue.push_back(std::move(blob));
  }
  state_->changed.notify_all();
}

core::Result<PushResult> PushSession::finish(std::string_view manifest, const std::string& manifest_media_type) {
  State& s = *state_;
  {
    std::lock_guard lock(s.mutex);
    s.closing = true;
  }
  s.changed.notify_all();
  for (auto& t : s.workers) t.join();
  if (s.first_error) return core::fail(s.first_error->context(s.what));

  std::string manifest_digest = "sha256:" + core::sha256_hex(manifest);
  if (!s.target.digest.empty() && s.target.digest != manifest_digest) {
    return core::fail(core::Error{
        "registry.digest_mismatch",
        "the reference asks for " + s.target.digest + " but the manifest is " + manifest_digest,
        std::nullopt,
        false,
        {}}.context(s.what));
  }
  // Every blob is in the registry: only now may a manifest name them.
  RepositoryClient repo(s.target, *s.main_client, s.auth, s.options.registry);
  std::string tag_or_digest = s.target.tag.empty() ? manifest_digest : s.target.tag;
  auto digest = repo.put_manifest(manifest, manifest_media_type, tag_or_digest);
  if (!digest) return digest.failure(s.what);
  s.result.digest = *digest;
  s.result.reference = s.target.with_digest(*digest);
  s.progress->manifest_pushed(s.result.reference.to_string());
  return std::move(s.result);
}

core::Result<PushResult> push(const Reference& target, const PushContent& content, const ClientFactory& make_client,
                              const PushOptions& options) {
  std::string manifest_digest = "sha256:" + core::sha256_hex(content.manifest);
  if (!target.digest.empty() && target.digest != manifest_digest) {
    return core::fail(core::Error{
        "registry.digest_mismatch",
        "the reference asks for " + target.digest + " but the manifest is " + manifest_digest,
        std::nullopt,
        false,
        {}}.context("pushing " + target.to_string()));
  }
  PushOptions o = options;
  o.concurrency = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.concurrency)),
                                                         std::max<std::size_t>(1, content.blobs.size())));
  auto session = PushSession::open(target, make_client, o);
  if (!session) return session.failure();
  for (const auto& blob : content.blobs) (*session)->add(blob);
  return (*session)->finish(content.manifest, content.manifest_media_type);
}

PushContent push_content(const Image& image) {
  PushContent content;
  content.blobs.push_back(
      {image.config_descriptor().digest.str(), image.config_descriptor().media_type, image.config_bytes(), {}});
  for (const auto& layer : image.layers())
    content.blobs.push_back({layer.digest().str(), layer.media_type(), layer.compressed(), layer.bytes_owner()});
  content.manifest = image.manifest_bytes();
  content.manifest_media_type = image.manifest_media_type();
  return content;
}

core::Result<PushResult> push_image(const Image& image, const Reference& target, const ClientFactory& make_client,
                                    const PushOptions& options) {
  return push(target, push_content(image), make_client, options);
}

}  // namespace hoplite::oci
