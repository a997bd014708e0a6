#include "local/task_network_from_ec2.hpp"

#include "local/ec2/ec2_service.hpp"
#include "local/ec2/ec2_state.hpp"

namespace hoplite::local {

ecs::NetworkLookup ec2_network_lookup(ec2::Ec2Service& ec2) {
  (void)ec2;
  return ecs::NetworkLookup{
      .subnet = [](store::Tx& tx, const ecs::Scope& scope,
                   const std::string& id) { return ec2::ResourceTable(tx, scope.account, scope.region).subnet(id); },
      .security_group =
          [](store::Tx& tx, const ecs::Scope& scope, const std::string& id) {
            return ec2::ResourceTable(tx, scope.account, scope.region).security_group(id);
          }};
}

}  // namespace hoplite::local
