#pragma once
/// \file
/// Intrinsic functions of the ASL (`States.Format('{} items', $.n)`, `States.ArrayRange(0, 9, 1)`,
/// ...): parsed once when a definition is read (name and number of arguments checked), evaluated
/// against the state input and the context object.
///
/// Argument syntax: `'text'` (with `\'`, `\{`, `\}`, `\\` escapes), numbers, `true`, `false`,
/// `null`, JSONPaths (`$.a`, `$$.Execution.Id`) and nested calls.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "sfn/json/value.hpp"

namespace hoplite::sfn::asl {

class JsonPath;
struct Scope;

/// Calls nested inside calls may not go deeper than this.
inline constexpr std::size_t kMaxIntrinsicDepth = 16;

enum class Intrinsic {
  kFormat,
  kStringToJson,
  kJsonToString,
  kArray,
  kArrayPartition,
  kArrayContains,
  kArrayRange,
  kArrayGetItem,
  kArrayLength,
  kArrayUnique,
  kBase64Encode,
  kBase64Decode,
  kHash,
  kJsonMerge,
  kMathRandom,
  kMathAdd,
  kStringSplit,
  kUuid,
};

struct IntrinsicCall;

struct IntrinsicArg {
  enum class Kind { kLiteral, kPath, kCall };
  Kind kind = Kind::kLiteral;
  Json literal;
  /// For a literal string: offsets (in the unescaped text) of the `{` of each `{}` written without
  /// escapes;
  /// States.Format fills exactly these.
  std::vector<std::size_t> placeholders;
  std::shared_ptr<const JsonPath> path;
  std::shared_ptr<const IntrinsicCall> call;
};

struct IntrinsicCall {
  Intrinsic function = Intrinsic::kFormat;
  std::string name;  ///< `States.Format`
  std::vector<IntrinsicArg> args;
  std::string text;  ///< the whole call as written, for messages
};

/// Whether `text` looks like a call (`States.` + name + parentheses), valid or not.
[[nodiscard]] bool looks_like_intrinsic(std::string_view text);

/// Parses a call; error code `intrinsic.syntax` (bad syntax, unknown function, wrong number of
/// arguments) with a message saying what and where.
[[nodiscard]] core::Result<std::shared_ptr<const IntrinsicCall>> parse_intrinsic(std::string_view text);

/// Evaluates a call. Errors carry an ASL error name as code (`States.IntrinsicFailure`,
/// `States.Runtime`) and AWS's kind of message as cause (without the state prefix).
[[nodiscard]] core::Result<Json> evaluate_intrinsic(const IntrinsicCall& call, const Scope& scope);

}  // namespace hoplite::sfn::asl
