#pragma once
// The checks Template::validate runs at synthesis (rules and ids: validation_error.hpp).

#include <string>
#include <vector>

#include "hoplite/cfn/template.hpp"

namespace hoplite::cfn::detail {

/// Throws ValidationError for the first failure, in a fixed order (ids, properties, references,
/// cycles), so the same template always reports the same error.
void validate_template(const Template& t);

/// The resources `resource` needs first: its DependsOn entries, then the resources its properties
/// reference (Ref, GetAtt, Sub), in order, without duplicates; IDs not in the template are skipped.
[[nodiscard]] std::vector<std::string> direct_dependencies(const Template& t, const Resource& resource);

/// Throws ValidationError 006 when `id` is not 1-255 letters and digits. `what` names the kind
/// ("resource", "parameter", "output", "condition", "mapping").
void check_logical_id(std::string_view id, std::string_view what);

}  // namespace hoplite::cfn::detail
