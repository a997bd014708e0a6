#pragma once
/// \file JSON as readable, escaped HTML for a <pre>: 2-space indentation, short arrays on one line,
/// multi-line strings as blocks, and CloudFormation intrinsics in their short form (`!Ref Vpc`,
/// `!GetAtt Role.Arn`, `!Sub "…${Topic}…"`) with references linked to their detail views.

#include <functional>
#include <string>
#include <string_view>

#include "describe/json_input.hpp"

namespace hoplite::describe {

/// The DOM id of the detail view of `name` (a logical id, or a `${placeholder}` name), or "" when
/// it has none.
using DetailLink = std::function<std::string(std::string_view name)>;

/// Appends `value` to `out`. Nesting deeper than 64 (more than the parser accepts) shows as "…".
void append_json_html(std::string& out, const Json& value, const DetailLink& link);

/// A string with its `${Name}` placeholders linked (for Fn::Sub text and ASL parameters).
void append_linked_text(std::string& out, std::string_view text, const DetailLink& link);

/// `<a class="ref" href="#id" data-detail="id">text</a>`, or the escaped text alone when `id` is "".
void append_link(std::string& out, std::string_view id, std::string_view text);

}  // namespace hoplite::describe
