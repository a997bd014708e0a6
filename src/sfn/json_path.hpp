#pragma once
/// \file
/// Syntax checks for the JSONPath strings the Amazon States Language accepts (JSONPath query
/// language). Shared by the builder (checks user paths when a state is defined) and the ASL checker.

#include <string_view>

namespace hoplite::sfn::detail {

/// A *reference path*: `$` or `$$` followed by `.name`, `['name']` or `[index]` segments, no
/// wildcards or filters. ResultPath, Choice `Variable`, `…Path` comparison values and the
/// `…Path` fields of Wait/Fail/Task must be reference paths.
[[nodiscard]] bool is_reference_path(std::string_view path);

/// A general JSONPath as allowed in InputPath/OutputPath/ItemsPath and `.$` values: a reference
/// path that may also use `[*]`, `..name`, `[a,b]`, `[start:end]` and `[?(...)]` filters.
[[nodiscard]] bool is_json_path(std::string_view path);

/// A value allowed for a Parameters key ending in `.$`: a JSONPath (`$.x`, `$$.Execution.Id`)
/// or an intrinsic function call (`States.Format(...)`).
[[nodiscard]] bool is_dynamic_value(std::string_view value);

}  // namespace hoplite::sfn::detail
