#pragma once
/// \file Definition-time checks shared by the state constructors (they throw DefinitionError).

#include <optional>
#include <string_view>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn::detail {

const char* to_string(StateType t);

/// InputPath/OutputPath/ItemsPath (`reference` false) or ResultPath (`reference` true).
void check_path(std::string_view state, std::string_view field, const std::optional<Path>& path, bool reference);
/// A reference path that must be set (SecondsPath, TimestampPath, ...).
void check_reference_path(std::string_view state, std::string_view field, std::string_view path);
/// Parameters/ResultSelector/ItemSelector: every key ending in ".$" maps to a path or an
/// intrinsic function string.
void check_payload(std::string_view state, std::string_view field, const cfn::Json& payload);
/// A positive count of seconds.
void check_positive(std::string_view state, std::string_view field, const std::optional<int>& value);

}  // namespace hoplite::sfn::detail
