#include "local/ec2/ec2_errors.hpp"

#include "local/ids.hpp"

namespace hoplite::local::ec2 {
namespace {

std::string cut(std::string_view id) { return std::string(id.substr(0, 128)); }

}  // namespace

std::string new_id(std::string_view prefix) { return std::string(prefix) + "-" + random_hex(17); }

core::Failure vpc_not_found(std::string_view id) {
  return aws_error("InvalidVpcID.NotFound", "The vpc ID '" + cut(id) + "' does not exist");
}
core::Failure subnet_not_found(std::string_view id) {
  return aws_error("InvalidSubnetID.NotFound", "The subnet ID '" + cut(id) + "' does not exist");
}
core::Failure gateway_not_found(std::string_view id) {
  return aws_error("InvalidInternetGatewayID.NotFound", "The internetGateway ID '" + cut(id) + "' does not exist");
}
core::Failure route_table_not_found(std::string_view id) {
  return aws_error("InvalidRouteTableID.NotFound", "The routeTable ID '" + cut(id) + "' does not exist");
}
core::Failure group_not_found(std::string_view id) {
  return aws_error("InvalidGroup.NotFound", "The security group '" + cut(id) + "' does not exist");
}
core::Failure dependency_violation(std::string_view kind, std::string_view id) {
  return aws_error("DependencyViolation",
                   "The " + std::string(kind) + " '" + cut(id) + "' has dependencies and cannot be deleted.");
}
core::Failure invalid_value(std::string message) { return aws_error("InvalidParameterValue", std::move(message)); }

}  // namespace hoplite::local::ec2
