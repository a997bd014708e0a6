#pragma once
/// \file
/// Filter expressions of JSONPath (`[?(@.status == 0 && @.name)]`): comparisons of relative
/// (`@…`) or absolute (`$…`) definite paths with literals or other paths, `&&`, `||`, `!`,
/// parentheses, and existence tests. No regular expressions (`=~` is refused when the path is
/// compiled, never evaluated on untrusted text).

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "sfn/json/value.hpp"

namespace hoplite::sfn::asl {

class JsonPath;

/// Parentheses, `!` and nested filters together may not nest deeper than this.
inline constexpr std::size_t kMaxFilterDepth = 16;

struct FilterOperand {
  enum class Kind { kRelative, kAbsolute, kLiteral };
  Kind kind = Kind::kLiteral;
  std::shared_ptr<const JsonPath> path;  ///< kRelative (compiled with `$` for `@`), kAbsolute
  Json literal;                          ///< kLiteral
};

struct FilterExpr {
  enum class Kind { kOr, kAnd, kNot, kExists, kCompare };
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe };
  Kind kind = Kind::kExists;
  Op op = Op::kEq;
  std::vector<std::shared_ptr<const FilterExpr>> children;  ///< kOr, kAnd (two or more), kNot (one)
  FilterOperand lhs;                                        ///< kExists, kCompare
  FilterOperand rhs;                                        ///< kCompare
};

/// Parses the text between `[?(` and `)]`. `depth` counts the nesting already used by enclosing
/// paths and filters.
[[nodiscard]] core::Result<std::shared_ptr<const FilterExpr>> parse_filter(std::string_view text, std::size_t depth);

/// Whether `item` (an element of the array being filtered) passes; `root` is the document `$`
/// refers to.
[[nodiscard]] bool filter_matches(const FilterExpr& expr, const Json& item, const Json& root);

}  // namespace hoplite::sfn::asl
