#pragma once
/// \file
/// Conversions between cfn::Json and nlohmann::ordered_json (the heavy header, kept out of
/// template.hpp so most translation units do not parse nlohmann).

#include <nlohmann/json.hpp>

#include "hoplite/cfn/json.hpp"
#include "hoplite/cfn/template.hpp"

namespace hoplite::cfn {

/// Renders a cfn::Json (intrinsics become their {"Fn::X": args} objects).
[[nodiscard]] nlohmann::ordered_json to_nlohmann(const Json& json);
/// Converts nlohmann JSON; {"Ref": "X"}, {"Fn::GetAtt": ...} and other single-key intrinsic
/// objects become intrinsic leaves, so their references are validated.
[[nodiscard]] Json from_nlohmann(const nlohmann::ordered_json& json);

/// The template as text: 2-space indent, trailing newline, UTF-8 as is.
[[nodiscard]] std::string dump_template(const nlohmann::ordered_json& json);

}  // namespace hoplite::cfn
