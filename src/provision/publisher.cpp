#include "hoplite/provision/publisher.hpp"

#include <fmt/format.h>

#include "hoplite/core/log.hpp"

namespace hoplite::provision {

namespace {

Published from_push(const oci::PushResult& r) {
  return {.image_uri = r.reference.name() + "@" + r.digest,
          .pushed = true,
          .blobs_uploaded = r.blobs_uploaded,
          .blobs_existing = r.blobs_existing,
          .blobs_mounted = r.blobs_mounted,
          .bytes_uploaded = r.bytes_uploaded};
}

}  // namespace

RegistryPublisher::RegistryPublisher(oci::Reference repository, oci::ClientFactory make_client,
                                     oci::PushOptions options)
    : repository_(std::move(repository)), make_client_(std::move(make_client)), options_(std::move(options)) {}

std::string RegistryPublisher::name() const { return "registry " + repository_.name(); }

core::Result<Published> RegistryPublisher::publish(const oci::Image& image, const std::string& tag) {
  auto pushed = oci::push_image(image, repository_.with_tag(tag), make_client_, options_);
  if (!pushed) return pushed.failure("pushing to " + repository_.name());
  return from_push(*pushed);
}

core::Result<Published> NoopPublisher::publish(const oci::Image& image, const std::string& /*tag*/) {
  return Published{.image_uri = repository_ + "@" + image.digest().str()};
}

core::Result<aws::ecr::Repository> EcrPublisher::ensure_repository() {
  const std::string& name = options_.repository_name;
  auto found = ecr_.describe_repositories({.repository_names = {name}});
  if (found && !found->repositories.empty()) return found->repositories.front();
  if (!found && found.error().code != "RepositoryNotFoundException")
    return found.failure("looking for ECR repository " + name);
  auto created = ecr_.create_repository({.repository_name = name});
  if (created) {
    core::log::info("created ECR repository {}", created->repository_uri);
    return *created;
  }
  if (created.error().code != "RepositoryAlreadyExistsException")
    return created.failure("creating ECR repository " + name);
  // Created meanwhile by another run: read it back.
  found = ecr_.describe_repositories({.repository_names = {name}});
  if (!found) return found.failure("looking for ECR repository " + name);
  if (found->repositories.empty()) return core::fail("provision.ecr", "ECR repository " + name + " vanished");
  return found->repositories.front();
}

core::Result<Published> EcrPublisher::publish(const oci::Image& image, const std::string& tag) {
  auto repo = ensure_repository();
  if (!repo) return repo.failure();
  auto ref = oci::Reference::parse(repo->repository_uri);
  if (!ref) return ref.failure("ECR's repository URI " + repo->repository_uri);
  auto token = ecr_.get_authorization_token();
  if (!token) return token.failure("getting an ECR authorization token");
  oci::PushOptions push = options_.push;
  push.credentials = oci::Credentials{.username = token->username, .password = token->password};
  push.docker_config = std::filesystem::path();  // never mix in ~/.docker credentials
  auto pushed = oci::push_image(image, ref->with_tag(tag), options_.make_client, push);
  if (!pushed) return pushed.failure("pushing to " + ref->name());
  return from_push(*pushed);
}

std::string ecr_repository_name(std::string_view service_name) {
  std::string out;
  for (char c : service_name) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' || c == '-') {
      out += c;
    } else {
      out += '-';
    }
  }
  return out.empty() ? std::string("hoplite-service") : out;
}

}  // namespace hoplite::provision
