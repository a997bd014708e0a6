#pragma once
/// \file
/// The publisher seam (ko's publish step, STYLE.md G3): where `provision` puts the image it
/// built and what reference the template gets. Three kinds: an OCI registry repository, Amazon
/// ECR (the repository is created when missing, credentials come from GetAuthorizationToken) and
/// noop (`--noop`: the digest is computed, nothing is sent). Every push goes through oci's push,
/// which asks the registry about each blob first and uploads only what it lacks.

#include <cstdint>
#include <memory>
#include <string>

#include "hoplite/aws/ecr.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/oci/image.hpp"
#include "hoplite/oci/push.hpp"
#include "hoplite/oci/reference.hpp"

namespace hoplite::provision {

/// Where an image went.
struct Published {
  std::string image_uri;             ///< `registry/repository@sha256:…`: what the template's ImageUri gets
  bool pushed = false;               ///< false when nothing was sent (noop)
  int blobs_uploaded = 0;            ///< blobs sent to the registry
  int blobs_existing = 0;            ///< blobs the registry already had
  int blobs_mounted = 0;             ///< blobs mounted from another repository
  std::uint64_t bytes_uploaded = 0;  ///< bytes sent
};

/// Puts a built image where the stack can pull it. Abstract so `--noop`, tests and the registry kinds swap in; the
/// pipeline's publish stage calls it.
class Publisher {
 public:
  virtual ~Publisher() = default;
  /// For logs: "ECR repository svc", "registry 127.0.0.1:5000/svc", "noop".
  [[nodiscard]] virtual std::string name() const = 0;
  /// Publishes `image` (tagged `tag` where tags apply) and returns its digest reference.
  virtual core::Result<Published> publish(const oci::Image& image, const std::string& tag) = 0;
};

/// Pushes to one repository of an OCI registry (`127.0.0.1:5000/svc`).
class RegistryPublisher final : public Publisher {
 public:
  /// A publisher to `repository` over clients made by `make_client`.
  RegistryPublisher(oci::Reference repository, oci::ClientFactory make_client, oci::PushOptions options);
  [[nodiscard]] std::string name() const override;
  core::Result<Published> publish(const oci::Image& image, const std::string& tag) override;

 private:
  oci::Reference repository_;
  oci::ClientFactory make_client_;
  oci::PushOptions options_;
};

/// Computes the reference the image would have in `repository`; sends nothing.
class NoopPublisher final : public Publisher {
 public:
  /// A publisher that only computes `repository@sha256:…`.
  explicit NoopPublisher(std::string repository) : repository_(std::move(repository)) {}
  [[nodiscard]] std::string name() const override { return "noop (" + repository_ + ")"; }
  core::Result<Published> publish(const oci::Image& image, const std::string& tag) override;

 private:
  std::string repository_;
};

/// Where and how EcrPublisher pushes.
struct EcrPublisherOptions {
  std::string repository_name;     ///< `--ecr-repository`; e.g. the service name in lower case
  oci::ClientFactory make_client;  ///< one HTTP client per push worker
  oci::PushOptions push;           ///< credentials are filled in from GetAuthorizationToken
};

/// Amazon ECR (or the local cloud's): DescribeRepositories, CreateRepository when missing
/// (RepositoryNotFoundException), GetAuthorizationToken, then a registry push to the repository's
/// URI. Creating an existing repository (a concurrent run) is not an error.
class EcrPublisher final : public Publisher {
 public:
  /// A publisher through `ecr` (which must outlive it).
  EcrPublisher(aws::ecr::Client& ecr, EcrPublisherOptions options) : ecr_(ecr), options_(std::move(options)) {}
  [[nodiscard]] std::string name() const override { return "ECR repository " + options_.repository_name; }
  core::Result<Published> publish(const oci::Image& image, const std::string& tag) override;
  /// The repository (created when missing); publish() calls it.
  core::Result<aws::ecr::Repository> ensure_repository();

 private:
  aws::ecr::Client& ecr_;
  EcrPublisherOptions options_;
};

/// An ECR repository name for a service: lower case, `[a-z0-9._/-]`, other characters as `-`.
[[nodiscard]] std::string ecr_repository_name(std::string_view service_name);

}  // namespace hoplite::provision
