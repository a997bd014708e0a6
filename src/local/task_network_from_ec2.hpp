#pragma once
/// \file How ECS's RunTask sees the local EC2: its subnets and security groups, read from EC2's
/// table in the caller's transaction, in the task's account and region. services.cpp connects it
/// when the local cloud runs both services.

#include "local/ecs/ecs_service.hpp"

namespace hoplite::local {

namespace ec2 {
class Ec2Service;
}

/// The lookups over `ec2`'s resources (the service is named to say it must run: its constructor
/// made the table).
ecs::NetworkLookup ec2_network_lookup(ec2::Ec2Service& ec2);

}  // namespace hoplite::local
