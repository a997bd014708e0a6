#include "sfn/query/jsonpath_flow.hpp"

#include <fmt/format.h>

#include "sfn/query/scope.hpp"

namespace hoplite::sfn::asl {
namespace {

Scope scope_of(const Json& input, const Environment& env) { return Scope{input, env.context, &env.random}; }

// InputPath/OutputPath: AWS reports a missing definite path as "Invalid path '<path>' : <Jayway>".
core::Result<Json> apply_selecting_path(const OptionalPath& p, const Json& input, const Environment& env) {
  switch (p.mode) {
    case OptionalPath::Mode::kDefault:
      return input;
    case OptionalPath::Mode::kNull:
      return Json::object();
    case OptionalPath::Mode::kPath: {
      auto v = scope_of(input, env).read(*p.path);
      if (!v)
        return core::fail("States.Runtime", fmt::format("Invalid path '{}' : {}", p.path->text(), v.error().message));
      return v;
    }
  }
  return input;
}

}  // namespace

core::Result<Json> JsonPathDataFlow::effective_input(const Json& raw_input, const Environment& env) const {
  // Parameters read the raw input in place when there is no InputPath: no copy of the input.
  if (parameters && input_path.mode == OptionalPath::Mode::kDefault)
    return parameters->evaluate(scope_of(raw_input, env));
  auto selected = apply_selecting_path(input_path, raw_input, env);
  if (!selected || !parameters) return selected;
  return parameters->evaluate(scope_of(*selected, env));
}

core::Result<Json> JsonPathDataFlow::select_result(Json result, const Environment& env) const {
  if (!result_selector) return result;
  return result_selector->evaluate(scope_of(result, env));
}

core::Result<Json> JsonPathDataFlow::output(Json raw_input, Json result, const Environment& env) const {
  Json combined;
  switch (result_path.mode) {
    case OptionalPath::Mode::kDefault:
      combined = std::move(result);
      break;
    case OptionalPath::Mode::kNull:
      combined = std::move(raw_input);
      break;
    case OptionalPath::Mode::kPath: {
      combined = std::move(raw_input);
      // assign_path creates objects only below a missing key, after which nothing can fail: on
      // failure `combined` is still the raw input.
      auto assigned = assign_path(combined, *result_path.path, std::move(result));
      if (!assigned)
        return core::fail("States.ResultPathMatchFailure",
                          fmt::format("Unable to apply ResultPath '{}' to input '{}': {}", result_path.path->text(),
                                      to_text(combined), assigned.error().message));
      break;
    }
  }
  if (output_path.mode == OptionalPath::Mode::kDefault) return combined;
  return apply_selecting_path(output_path, combined, env);
}

const std::string* JsonPathDataFlow::appended_member() const {
  if (result_path.mode != OptionalPath::Mode::kPath || output_path.mode != OptionalPath::Mode::kDefault) return nullptr;
  const auto& segs = result_path.path->segments();
  if (segs.size() != 1 || segs[0].kind != PathSegment::Kind::kName || segs[0].names.size() != 1) return nullptr;
  return &segs[0].names[0];
}

core::Result<Json> PathExpression::evaluate(const Json& input, const Environment& env) const {
  return scope_of(input, env).read(path_);
}

core::Result<Json> CallExpression::evaluate(const Json& input, const Environment& env) const {
  return evaluate_intrinsic(*call_, scope_of(input, env));
}

core::Result<Json> TemplateItemSelector::select(const Json& state_input, const Environment& env) const {
  return template_.evaluate(scope_of(state_input, env));
}

}  // namespace hoplite::sfn::asl
