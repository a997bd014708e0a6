// Evaluation of intrinsic calls: resolves the arguments, checks their types, dispatches to the
// function families (intrinsic_functions.hpp).
#include <fmt/format.h>

#include "sfn/query/intrinsic.hpp"
#include "sfn/query/intrinsic_functions.hpp"
#include "sfn/query/json_path.hpp"
#include "sfn/query/scope.hpp"

namespace hoplite::sfn::asl {

core::Failure intrinsic_failure(const IntrinsicCall& call, std::string_view what) {
  return core::fail("States.IntrinsicFailure", fmt::format("Invalid arguments in {}: {}", call.text, what));
}

namespace {

// Recursion follows the nesting of calls, bounded by kMaxIntrinsicDepth when parsed.
core::Result<std::vector<Json>> resolve_args(const IntrinsicCall& call, const Scope& scope) {
  std::vector<Json> values;
  values.reserve(call.args.size());
  for (const auto& a : call.args) {
    switch (a.kind) {
      case IntrinsicArg::Kind::kLiteral:
        values.push_back(a.literal);
        break;
      case IntrinsicArg::Kind::kPath: {
        auto v = scope.read(*a.path);
        if (!v)
          return core::fail("States.Runtime",
                            fmt::format("The JSONPath '{}' specified in the intrinsic function '{}' could not be found "
                                        "in the input '{}'",
                                        a.path->text(), call.text, to_text(scope.input)));
        values.push_back(std::move(*v));
        break;
      }
      case IntrinsicArg::Kind::kCall: {
        auto v = evaluate_intrinsic(*a.call, scope);
        if (!v) return v.failure();
        values.push_back(std::move(*v));
        break;
      }
    }
  }
  return values;
}

}  // namespace

core::Result<Json> evaluate_intrinsic(const IntrinsicCall& call, const Scope& scope) {
  auto resolved = resolve_args(call, scope);
  if (!resolved) return resolved.failure();
  std::vector<Json>& args = *resolved;
  switch (call.function) {
    case Intrinsic::kFormat:
      return intrinsic_format(call, args);
    case Intrinsic::kStringToJson:
      return intrinsic_string_to_json(call, args);
    case Intrinsic::kJsonToString:
      return Json(to_text(args[0]));
    case Intrinsic::kArray: {
      Json out = Json::array();
      for (auto& a : args) out.push_back(std::move(a));
      return out;
    }
    case Intrinsic::kArrayPartition:
      return intrinsic_array_partition(call, args);
    case Intrinsic::kArrayContains:
      return intrinsic_array_contains(call, args);
    case Intrinsic::kArrayRange:
      return intrinsic_array_range(call, args);
    case Intrinsic::kArrayGetItem:
      return intrinsic_array_get_item(call, args);
    case Intrinsic::kArrayLength:
      if (!args[0].is_array()) return intrinsic_failure(call, "the argument must be an array");
      return Json(args[0].size());
    case Intrinsic::kArrayUnique:
      return intrinsic_array_unique(call, args);
    case Intrinsic::kBase64Encode:
      return intrinsic_base64_encode(call, args);
    case Intrinsic::kBase64Decode:
      return intrinsic_base64_decode(call, args);
    case Intrinsic::kHash:
      return intrinsic_hash(call, args);
    case Intrinsic::kJsonMerge:
      return intrinsic_json_merge(call, args);
    case Intrinsic::kMathRandom:
      return intrinsic_math_random(call, args, scope);
    case Intrinsic::kMathAdd:
      return intrinsic_math_add(call, args);
    case Intrinsic::kStringSplit:
      return intrinsic_string_split(call, args);
    case Intrinsic::kUuid:
      return intrinsic_uuid(scope);
  }
  return intrinsic_failure(call, "unknown function");
}

}  // namespace hoplite::sfn::asl
