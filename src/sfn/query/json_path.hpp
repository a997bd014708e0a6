#pragma once
/// \file
/// JSONPath as Step Functions evaluates it (the Jayway dialect AWS runs): compiled once when a
/// definition is read, evaluated many times against state inputs and the context object.
///
/// Syntax: `$` (the input) or `$$` (the context object), then `.name`, `['name']`, `[0]`, `[-1]`,
/// `[*]`, `.*`, `..name`, `..*`, `[0,2]`, `['a','b']`, `[1:3]`, `[-2:]`, `[?(@.x > 1 && @.y)]`.
/// A *definite* path (names and indices only) selects at most one value and fails when it is
/// missing; any other path selects a list, empty when nothing matches.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "sfn/json/value.hpp"

namespace hoplite::sfn::asl {

struct FilterExpr;

/// One step of a path.
struct PathSegment {
  enum class Kind {
    kName,          ///< .name / ['name']
    kIndex,         ///< [3] / [-1]
    kWildcard,      ///< .* / [*]
    kDeepName,      ///< ..name
    kDeepWildcard,  ///< ..*
    kNames,         ///< ['a','b']
    kIndices,       ///< [0,2]
    kSlice,         ///< [start:end]
    kFilter,        ///< [?(...)]
  };
  Kind kind = Kind::kName;
  std::vector<std::string> names;     ///< kName, kDeepName (one), kNames
  std::vector<std::int64_t> indices;  ///< kIndex (one), kIndices
  std::optional<std::int64_t> start;  ///< kSlice
  std::optional<std::int64_t> end;    ///< kSlice
  std::shared_ptr<const FilterExpr> filter;
};

class JsonPath {
 public:
  /// Parses `text`; error code `path.syntax` with a message naming the offending character.
  /// `nesting` is the number of filters the path sits in (paths inside `[?(...)]`), bounded by
  /// kMaxFilterDepth so hostile paths cannot recurse deeply.
  [[nodiscard]] static core::Result<JsonPath> compile(std::string_view text, std::size_t nesting = 0);

  [[nodiscard]] const std::string& text() const { return text_; }
  /// Starts with `$$`: evaluated against the context object.
  [[nodiscard]] bool is_context() const { return context_; }
  /// Names and indices only: selects at most one value.
  [[nodiscard]] bool is_definite() const { return definite_; }
  /// A reference path in the sense of the ASL (definite, no negative index): what ResultPath,
  /// a Choice `Variable` and the `…Path` fields of Wait/Map/Task accept.
  [[nodiscard]] bool is_reference() const;
  [[nodiscard]] const std::vector<PathSegment>& segments() const { return segments_; }

  /// A definite path's value in `root`, or nullptr; then `why` (when given) gets Jayway's text:
  /// `No results for path: $['a']['b']` or `Missing property in path $['a']`. `from` skips the
  /// first segments (`root` is then what they selected: the context object hands out its parts).
  [[nodiscard]] const Json* find(const Json& root, std::string* why = nullptr, std::size_t from = 0) const;

  /// Every value the path selects, in document order (an indefinite path's result).
  [[nodiscard]] std::vector<const Json*> select(const Json& root, std::size_t from = 0) const;

  /// Jayway's reading of the path: the value (definite) or the array of matches (indefinite).
  /// Error `path.missing` with `why` as message when a definite path finds nothing.
  [[nodiscard]] core::Result<Json> read(const Json& root, std::size_t from = 0) const;

  /// `$['a'][0]` — the normalised form Jayway prints in messages.
  [[nodiscard]] std::string normalized() const;

 private:
  std::string text_;
  bool context_ = false;
  bool definite_ = true;
  std::vector<PathSegment> segments_;
};

/// Sets the value a reference path names, creating missing objects on the way (ResultPath).
/// `$` replaces the whole document. Fails (code `path.assign`) when a step meets a value that is
/// not an object (or an array index that does not exist).
[[nodiscard]] core::Result<bool> assign_path(Json& document, const JsonPath& path, Json value);

/// Syntax predicates kept for the definition builder's checks.
[[nodiscard]] bool is_reference_path(std::string_view path);
[[nodiscard]] bool is_json_path(std::string_view path);
/// A value allowed for a Parameters key ending in `.$`: a JSONPath or an intrinsic function call.
[[nodiscard]] bool is_dynamic_value(std::string_view value);

}  // namespace hoplite::sfn::asl
