#pragma once
/// \file EC2's tag rules: keys 1–128 characters not starting with `aws:`, values up to 256, at
/// most 50 per resource; TagSpecifications must name the resource type being created.

#include <string_view>
#include <vector>

#include "hoplite/aws/ec2.hpp"
#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::ec2 {

/// Most tags on one resource.
inline constexpr std::size_t kMaxTags = 50;

/// The tags of `specs` for a resource of `resource_type` (other types: InvalidParameterValue).
core::Result<std::vector<aws::ec2::Tag>> tags_for(const CallContext& ctx,
                                                  const std::vector<aws::ec2::TagSpecification>& specs,
                                                  std::string_view resource_type);

/// Checks tags to add to `current` and merges them (a key again replaces its value). `aws:` keys
/// are refused but CloudFormation's own on its calls.
core::Result<void> merge_tags(const CallContext& ctx, std::vector<aws::ec2::Tag>& current,
                              const std::vector<aws::ec2::Tag>& added);

}  // namespace hoplite::local::ec2
