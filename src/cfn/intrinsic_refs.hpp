#pragma once
// What an intrinsic function call refers to, derived from its name and arguments. Shared by the
// typed helpers (intrinsics.cpp) and by parsing hand-written JSON (render.cpp), so both record
// the same references.

#include <string_view>
#include <vector>

#include "hoplite/cfn/json.hpp"

namespace hoplite::cfn::detail {

/// True for "Ref", "Condition" and "Fn::*": the keys of one-member objects that are intrinsics.
[[nodiscard]] bool is_intrinsic_key(std::string_view key, const Json& value);

/// The references one call makes by itself (its arguments' own intrinsics are not included).
[[nodiscard]] std::vector<Reference> references_of(std::string_view function, const Json& args);

/// The ${Name} and ${Name.Attribute} references in an Fn::Sub string; names in `bound` (the
/// variable map) and pseudo parameters are skipped, ${!Literal} is an escape.
[[nodiscard]] std::vector<Reference> sub_references(std::string_view text, const std::vector<std::string>& bound);

}  // namespace hoplite::cfn::detail
