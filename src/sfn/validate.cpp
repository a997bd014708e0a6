#include "hoplite/sfn/validate.hpp"

#include "hoplite/sfn/asl.hpp"

namespace hoplite::sfn {

// One checker: the ASL reader's problems, so what the builder accepts is what the interpreter and
// the local cloud's CreateStateMachine accept.
std::vector<Problem> check_asl(std::string_view asl_json) {
  std::vector<Problem> out;
  for (const auto& p : check_definition(asl_json)) out.push_back({p.rule, p.to_string()});
  return out;
}

void validate_asl(std::string_view asl_json) {
  auto problems = check_asl(asl_json);
  if (!problems.empty()) throw DefinitionError(problems.front().rule, problems.front().message);
}

}  // namespace hoplite::sfn
