#pragma once
/// \file The JSONPath query language's data flow, expressions and item selector.

#include <memory>
#include <optional>
#include <string>

#include "sfn/query/intrinsic.hpp"
#include "sfn/query/json_path.hpp"
#include "sfn/query/language.hpp"
#include "sfn/query/payload_template.hpp"

namespace hoplite::sfn::asl {

/// InputPath / ResultPath / OutputPath: absent (`$`), `null`, or a path.
struct OptionalPath {
  enum class Mode { kDefault, kNull, kPath };
  Mode mode = Mode::kDefault;
  std::shared_ptr<const JsonPath> path;
};

class JsonPathDataFlow final : public DataFlow {
 public:
  OptionalPath input_path;
  std::optional<PayloadTemplate> parameters;  ///< Pass, Task, Parallel
  std::optional<PayloadTemplate> result_selector;
  OptionalPath result_path;
  OptionalPath output_path;

  [[nodiscard]] core::Result<Json> effective_input(const Json& raw_input, const Environment& env) const override;
  [[nodiscard]] core::Result<Json> select_result(Json result, const Environment& env) const override;
  [[nodiscard]] core::Result<Json> output(Json raw_input, Json result, const Environment& env) const override;
  [[nodiscard]] const std::string* appended_member() const override;
};

/// A path read against the input (`$…`) or the context object (`$$…`).
class PathExpression final : public Expression {
 public:
  explicit PathExpression(JsonPath path) : path_(std::move(path)) {}
  [[nodiscard]] core::Result<Json> evaluate(const Json& input, const Environment& env) const override;
  [[nodiscard]] const std::string& text() const override { return path_.text(); }
  [[nodiscard]] const JsonPath& path() const { return path_; }

 private:
  JsonPath path_;
};

/// An intrinsic call (ErrorPath/CausePath may hold one).
class CallExpression final : public Expression {
 public:
  explicit CallExpression(std::shared_ptr<const IntrinsicCall> call) : call_(std::move(call)) {}
  [[nodiscard]] core::Result<Json> evaluate(const Json& input, const Environment& env) const override;
  [[nodiscard]] const std::string& text() const override { return call_->text; }

 private:
  std::shared_ptr<const IntrinsicCall> call_;
};

class TemplateItemSelector final : public ItemSelector {
 public:
  explicit TemplateItemSelector(PayloadTemplate t) : template_(std::move(t)) {}
  [[nodiscard]] core::Result<Json> select(const Json& state_input, const Environment& env) const override;

 private:
  PayloadTemplate template_;
};

}  // namespace hoplite::sfn::asl
