#pragma once
/// \file How an ECS task of the local cloud logs in to the local ECR's registry: with a token
/// GetAuthorizationToken issues for the task's account, as a Fargate task's execution role gets
/// one from ECR. Images on any other registry are pulled anonymously. services.cpp connects it.

#include "local/ecs/image_cache.hpp"
#include "local/service.hpp"

namespace hoplite::local {

namespace ecr {
class EcrService;
}

/// The credentials for images whose registry is this local cloud (`127.0.0.1:<port>` or
/// `localhost:<port>`, the port the server listens on); nullopt for any other registry.
ecs::RegistryCredentials local_ecr_login(ecr::EcrService& ecr, ServiceContext& house);

/// The local ECR's storage for images on this local cloud's registry, as the task's account and
/// region see them (what a pull with local_ecr_login's token would see); nullptr for any other
/// registry. The image cache reads manifests and maps blob files from it: no HTTP, no copy.
ecs::LocalImages local_ecr_images(ecr::EcrService& ecr, ServiceContext& house);

}  // namespace hoplite::local
