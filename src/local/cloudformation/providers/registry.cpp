// Which provider each service offers. A provider holds a reference to its service, found here
// among the services the house built (the CloudFormation service is built after them and stops its
// engine before any of them goes away).
#include "local/cloudformation/providers/providers.hpp"
#include "local/ssm/ssm_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

template <typename S>
S* find_service(const std::vector<std::unique_ptr<Service>>& services) {
  for (const auto& s : services)
    if (auto* found = dynamic_cast<S*>(s.get())) return found;
  return nullptr;
}

}  // namespace

ProviderRegistry make_providers(const std::vector<std::unique_ptr<Service>>& services) {
  ProviderRegistry out;
  if (auto* ssm = find_service<ssm::SsmService>(services)) {
    out.add(make_ssm_parameter_provider(*ssm));
    out.ssm = [ssm](const CallContext& ctx, const std::string& name) -> core::Result<std::string> {
      auto p = ssm->get_parameter(ctx, {.name = name, .with_decryption = std::nullopt});
      if (!p) {
        if (p.error().code == "ParameterNotFound")
          return aws_error("ValidationError", "Parameters [" + name +
                                                  "] referenced by template have types not supported by "
                                                  "CloudFormation.");
        return p.failure();
      }
      return p->parameter.value;
    };
  }
  return out;
}

}  // namespace hoplite::local::cloudformation
