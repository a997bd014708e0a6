#include "hoplite/oci/push.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "hoplite/core/sha256.hpp"

namespace hoplite::oci {
namespace {

/// Everything the workers share; each worker has its own client and RepositoryClient.
struct Shared {
  const Reference& target;
  const PushContent& content;
  const PushOptions& options;
  std::shared_ptr<Authenticator> auth;
  Progress& progress;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::optional<core::Error> first_error;
  PushResult result;
};

core::Result<BlobOutcome> push_blob(RepositoryClient& repo, const PushBlob& blob, Shared& shared) {
  auto exists = repo.blob_exists(blob.digest);
  if (!exists) return exists.failure();
  if (*exists) return BlobOutcome::kExists;
  for (const auto& from : shared.options.mount_from) {
    if (from == shared.target.repository) continue;
    auto mounted = repo.mount_blob(blob.digest, from);
    if (!mounted) return mounted.failure("mounting from " + from);
    if (*mounted) return BlobOutcome::kMounted;
  }
  // The digest names the content: refuse to upload bytes that do not hash to it.
  if (std::string actual = "sha256:" + core::sha256_hex(blob.bytes); actual != blob.digest) {
    return core::fail("registry.digest_mismatch", "the bytes of blob " + blob.digest + " hash to " + actual);
  }
  auto on_retry = [&](const std::string& what, const core::Error& e, long long delay) {
    shared.progress.retrying(what, e.to_string(), delay);
  };
  auto on_bytes = [&](std::uint64_t sent) { shared.progress.blob_bytes(blob.digest, sent, blob.bytes.size()); };
  if (auto up = repo.upload_blob(blob.bytes, blob.digest, on_bytes, on_retry); !up) return up.failure();
  return BlobOutcome::kUploaded;
}

void worker(Shared& shared, const ClientFactory& make_client) {
  auto client = make_client();
  RepositoryClient repo(shared.target, *client, shared.auth, shared.options.registry);
  while (!shared.failed) {
    std::size_t i = shared.next++;
    if (i >= shared.content.blobs.size()) return;
    const PushBlob& blob = shared.content.blobs[i];
    auto outcome = push_blob(repo, blob, shared);
    std::lock_guard lock(shared.mutex);
    if (!outcome) {
      if (!shared.first_error) shared.first_error = outcome.error().context("pushing blob " + blob.digest);
      shared.failed = true;
      return;
    }
    switch (*outcome) {
      case BlobOutcome::kExists:
        ++shared.result.blobs_existing;
        break;
      case BlobOutcome::kMounted:
        ++shared.result.blobs_mounted;
        break;
      case BlobOutcome::kUploaded:
        ++shared.result.blobs_uploaded;
        shared.result.bytes_uploaded += blob.bytes.size();
        break;
    }
    shared.progress.blob_done(blob.digest, blob.bytes.size(), *outcome);
  }
}

}  // namespace

core::Result<PushResult> push(const Reference& target, const PushContent& content, const ClientFactory& make_client,
                              const PushOptions& options) {
  std::string manifest_digest = "sha256:" + core::sha256_hex(content.manifest);
  std::string what = "pushing " + target.to_string();
  if (!target.digest.empty() && target.digest != manifest_digest) {
    return core::fail(core::Error{
        "registry.digest_mismatch",
        "the reference asks for " + target.digest + " but the manifest is " + manifest_digest,
        std::nullopt,
        false,
        {}}.context(what));
  }
  std::optional<Credentials> credentials = options.credentials;
  if (!credentials) {
    std::filesystem::path dir = options.docker_config.value_or(docker_config_dir());
    if (!dir.empty()) {
      auto found = credentials_from_docker_config(target.registry, dir);
      if (!found) return found.failure(what);
      credentials = *found;
    }
  }
  std::vector<std::string> scopes{"repository:" + target.repository + ":pull,push"};
  for (const auto& from : options.mount_from)
    if (from != target.repository) scopes.push_back("repository:" + from + ":pull");
  auto auth = std::make_shared<Authenticator>(target.registry, credentials, scopes);

  NullProgress quiet;
  Progress& progress = options.progress != nullptr ? *options.progress : quiet;
  auto main_client = make_client();
  RepositoryClient repo(target, *main_client, auth, options.registry);
  if (auto pinged = repo.ping(); !pinged) return pinged.failure(what);

  Shared shared{target, content, options, auth, progress};
  std::size_t workers =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.concurrency)), content.blobs.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers; ++i) threads.emplace_back([&] { worker(shared, make_client); });
  if (workers > 0) worker(shared, make_client);
  for (auto& t : threads) t.join();
  if (shared.first_error) return core::fail(shared.first_error->context(what));

  // Every blob is in the registry: only now may a manifest name them.
  auto on_retry = [&](const std::string& w, const core::Error& e, long long delay) {
    progress.retrying(w, e.to_string(), delay);
  };
  std::string tag_or_digest = target.tag.empty() ? manifest_digest : target.tag;
  auto digest = repo.put_manifest(content.manifest, content.manifest_media_type, tag_or_digest, on_retry);
  if (!digest) return digest.failure(what);
  shared.result.digest = *digest;
  shared.result.reference = target.with_digest(*digest);
  progress.manifest_pushed(shared.result.reference.to_string());
  return std::move(shared.result);
}

PushContent push_content(const Image& image) {
  PushContent content;
  content.blobs.push_back(
      {image.config_descriptor().digest.str(), image.config_descriptor().media_type, image.config_bytes()});
  for (const auto& layer : image.layers())
    content.blobs.push_back({layer.digest().str(), layer.media_type(), layer.compressed()});
  content.manifest = image.manifest_bytes();
  content.manifest_media_type = image.manifest_media_type();
  return content;
}

core::Result<PushResult> push_image(const Image& image, const Reference& target, const ClientFactory& make_client,
                                    const PushOptions& options) {
  return push(target, push_content(image), make_client, options);
}

}  // namespace hoplite::oci
