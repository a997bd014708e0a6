#pragma once
/// \file Describe filters as EC2 applies them: a resource matches when every filter matches, a
/// filter matches when any of its values matches one of the resource's values for that name;
/// values may hold `*` (any run) and `?` (one character). `tag:<key>`, `tag-key` and `tag-value`
/// work on every resource. An unknown filter name is InvalidParameterValue, as EC2 answers.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/aws/ec2.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::local::ec2 {

/// The values a resource has for a filter name (empty: none), or nullopt for a name the resource
/// type does not know.
using FieldValues = std::function<std::optional<std::vector<std::string>>(std::string_view name)>;

/// Checks the names first (unknown: InvalidParameterValue "The filter 'x' is invalid"), then
/// whether the resource matches.
core::Result<bool> matches(const std::vector<aws::ec2::Filter>& filters, const std::vector<aws::ec2::Tag>& tags,
                           const FieldValues& fields);

}  // namespace hoplite::local::ec2
