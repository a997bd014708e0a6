#include "hoplite/aws/region.hpp"

#include <cstdlib>

#include "hoplite/aws/profile.hpp"

namespace hoplite::aws {

core::Result<std::string> resolve_region(const std::optional<std::string>& flag,
                                         const std::optional<std::string>& profile) {
  if (flag && !flag->empty()) return *flag;
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"})
    if (const char* v = std::getenv(name); v != nullptr && *v != '\0') return std::string(v);
  auto cfg = load_shared_config();
  if (!cfg) return cfg.failure("looking up the region");
  std::string name = selected_profile(profile);
  if (auto p = cfg->profile(name))
    if (auto region = p->get("region"); region && !region->empty()) return *region;
  return core::fail(
      "aws.region.not_found",
      "no AWS region configured; tried --region, AWS_REGION, AWS_DEFAULT_REGION and `region` of profile '" + name +
          "' in " + cfg->config_path + ". Set one, e.g. --region us-east-1");
}

}  // namespace hoplite::aws
