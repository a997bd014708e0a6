#pragma once
/// \file EC2's errors, worded as EC2 words them, and its resource ids (`vpc-` + 17 hex digits).

#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::ec2 {

/// `<prefix>-` + 17 lower-case hex digits, the shape of EC2's ids today.
[[nodiscard]] std::string new_id(std::string_view prefix);

/// `InvalidVpcID.NotFound`: "The vpc ID 'vpc-…' does not exist" (and the same for subnet,
/// internetGateway, routeTable, security group, association ids).
[[nodiscard]] core::Failure vpc_not_found(std::string_view id);
[[nodiscard]] core::Failure subnet_not_found(std::string_view id);
[[nodiscard]] core::Failure gateway_not_found(std::string_view id);
[[nodiscard]] core::Failure route_table_not_found(std::string_view id);
[[nodiscard]] core::Failure group_not_found(std::string_view id);
/// `DependencyViolation`: "The <kind> '<id>' has dependencies and cannot be deleted."
[[nodiscard]] core::Failure dependency_violation(std::string_view kind, std::string_view id);
[[nodiscard]] core::Failure invalid_value(std::string message);

}  // namespace hoplite::local::ec2
