#include "local/services.hpp"

#include "local/ecr/ecr_service.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/logs/logs_service.hpp"
#include "local/s3/s3_service.hpp"
#include "local/ssm/ssm_service.hpp"
#include "local/sts/sts_service.hpp"

namespace hoplite::local {

std::vector<std::unique_ptr<Service>> make_services(ServiceContext& house) {
  std::vector<std::unique_ptr<Service>> out;
  out.push_back(std::make_unique<sts::StsService>(house));
  out.push_back(std::make_unique<ssm::SsmService>(house));
  out.push_back(std::make_unique<ecr::EcrService>(house));
  out.push_back(std::make_unique<s3::S3Service>(house));
  out.push_back(std::make_unique<ecs::EcsService>(house));
  out.push_back(std::make_unique<logs::LogsService>(house));
  return out;
}

}  // namespace hoplite::local
