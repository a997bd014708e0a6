#pragma once
/// \file
/// Payload templates: Parameters, ResultSelector and ItemSelector. Keys ending in `.$` take their
/// value from a path or an intrinsic function; everything else is copied. Compiled once; parts
/// without any `.$` key are kept as ready-made values.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "sfn/json/value.hpp"

namespace hoplite::sfn::asl {

struct Scope;

class PayloadTemplate {
 public:
  /// Compiles `tmpl`. Error code `template.invalid`; the message names the key (`value.$`), and
  /// `where` receives the JSON pointer of the bad key below the template.
  [[nodiscard]] static core::Result<PayloadTemplate> compile(const Json& tmpl, std::string* where = nullptr);

  /// Fills the template. A definite path that finds nothing fails with `States.Runtime` and AWS's
  /// text: `The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '…'`.
  [[nodiscard]] core::Result<Json> evaluate(const Scope& scope) const;

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
};

}  // namespace hoplite::sfn::asl
