#pragma once
/// \file Tags of the EC2 providers' resources: read from the template's `[{Key, Value}]` list and
/// changed in place with CreateTags/DeleteTags.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/aws/ec2.hpp"
#include "local/service.hpp"

namespace hoplite::local::ec2 {
class Ec2Service;
}

namespace hoplite::local::cloudformation {

/// The `Tags` property as EC2 tags (none when absent).
[[nodiscard]] std::vector<aws::ec2::Tag> ec2_tags(const nlohmann::json& props);

/// Tags changed in place on resource `id`: keys no longer there deleted, the others (re)written.
core::Result<void> ec2_retag(ec2::Ec2Service& ec2, const CallContext& ctx, const std::string& id,
                             const nlohmann::json& before, const nlohmann::json& after);

}  // namespace hoplite::local::cloudformation
