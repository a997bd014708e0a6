#pragma once
/// \file What `provision` and `diff` deploy: the synthesized template, the image it runs (built
/// from this binary and published, or only its digest computed) and the stack parameters.

#include <memory>
#include <string>

#include "app/command_env.hpp"
#include "hoplite/oci/progress.hpp"
#include "hoplite/provision/deploy.hpp"
#include "hoplite/provision/publisher.hpp"

namespace hoplite::app {

/// Where the image goes (flags shared by provision and diff).
struct ImageTargetOptions {
  std::string ecr_repository;  ///< `--ecr-repository`; "" = the service name in lower case
  std::string registry;        ///< `--registry REF`: any OCI registry instead of ECR
  bool insecure = false;       ///< `--insecure-registry`
};

/// The template with every decorator and validator applied, rendered. Throws on a wrong
/// definition (before any network call).
[[nodiscard]] std::string synthesized_template(CommandEnv& env, bool* has_image_parameter);

/// The publisher for the options: `--registry` → RegistryPublisher; else ECR. With `noop`, a
/// NoopPublisher for the repository's URI (read with DescribeRepositories; the bare repository
/// name when it does not exist yet).
core::Result<std::unique_ptr<provision::Publisher>> make_publisher(CommandEnv& env, AwsSession& session,
                                                                   const ImageTargetOptions& options, bool noop,
                                                                   oci::Progress* progress);

/// Builds the image `build` would make from this binary; with `hooks`, the service's pre- and
/// post-build hooks run around it (provision), without (diff) the image is only computed.
core::Result<oci::Image> build_service_image_for(CommandEnv& env, HookContext* hooks);

/// The template's resources as (logical id, type), in template order (what a new stack adds).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> template_resources(const std::string& template_text);

/// One HTTP client per push worker: CurlClients, or the command's injected client (tests).
[[nodiscard]] oci::ClientFactory push_client_factory(CommandEnv& env);

}  // namespace hoplite::app
