#include "hoplite/sfn/fail.hpp"

#include <fmt/format.h>

#include "hoplite/sfn/error.hpp"
#include "sfn/node.hpp"
#include "sfn/query/json_path.hpp"

namespace hoplite::sfn {

Fail::Fail(std::string name, FailProps props) : State(StateType::fail, std::move(name)) {
  auto& n = *node_;
  auto both = [&](const char* a, const char* b) {
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("Fail state '{}' has both {} and {}; keep one", n.name, a, b));
  };
  if (!props.error.empty() && !props.error_path.empty()) both("Error", "ErrorPath");
  if (!props.cause.empty() && !props.cause_path.empty()) both("Cause", "CausePath");
  for (const auto* p : {&props.error_path, &props.cause_path}) {
    if (!p->empty() && !asl::is_dynamic_value(*p))
      throw DefinitionError(
          DefinitionRule::kInvalidField,
          fmt::format("'{}' in Fail state '{}' is neither a path nor an intrinsic function", *p, n.name));
  }
  n.error = std::move(props.error);
  n.cause = std::move(props.cause);
  n.error_path = std::move(props.error_path);
  n.cause_path = std::move(props.cause_path);
  n.comment = std::move(props.comment);
}

}  // namespace hoplite::sfn
