#pragma once
/// \file Tags of the EC2 providers' resources: read from the template's `[{Key, Value}]` list and
/// changed in place with CreateTags/DeleteTags.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/aws/ec2.hpp"
#include "local/cloudformation/provider.hpp"
#include "local/service.hpp"

namespace hoplite::local::ec2 {
class Ec2Service;
}

namespace hoplite::local::cloudformation {

/// The `Tags` property as EC2 tags (none when absent).
[[nodiscard]] std::vector<aws::ec2::Tag> ec2_tags(const nlohmann::json& props);

/// The tags CloudFormation puts on what a stack makes (`aws:cloudformation:stack-name`,
/// `…:logical-id`, `…:stack-id`, recorded on AWS) and then the template's, for a resource of
/// `resource_type` (`vpc`, `subnet` …).
[[nodiscard]] std::vector<aws::ec2::TagSpecification> ec2_tag_specifications(const ProviderCall& call,
                                                                             const nlohmann::json& props,
                                                                             const std::string& resource_type);

/// Tags changed in place on resource `id`: keys no longer there deleted, the others (re)written.
core::Result<void> ec2_retag(ec2::Ec2Service& ec2, const CallContext& ctx, const std::string& id,
                             const nlohmann::json& before, const nlohmann::json& after);

}  // namespace hoplite::local::cloudformation
