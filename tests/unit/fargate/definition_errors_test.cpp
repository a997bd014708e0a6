// Every module's definition error is one core::DefinitionError: one catch, the same three parts.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "hoplite/cfn/validation_error.hpp"
#include "hoplite/fargate/error.hpp"
#include "hoplite/fargate/task.hpp"
#include "hoplite/sfn/error.hpp"

namespace hoplite {
namespace {

std::string code_of(const std::function<void()>& define) {
  try {
    define();
  } catch (const core::DefinitionError& e) {
    EXPECT_EQ(std::string(e.what()), "[" + e.code() + "] " + e.message());
    return e.code();
  }
  return "nothing thrown";
}

TEST(DefinitionErrors, EveryModuleThrowsTheOneCoreType) {
  EXPECT_EQ(code_of([] { fargate::Task("Task", {}); }), "fargate.definition.104");
  EXPECT_EQ(code_of([] { throw sfn::DefinitionError(sfn::DefinitionRule::kUnreachable, "state 'X'"); }),
            "sfn.definition.203");
  EXPECT_EQ(code_of([] { throw cfn::ValidationError("003", "Task", "", "Ref to 'Nope'"); }), "cfn.validate.003");
}

TEST(DefinitionErrors, ModuleIdsStayAsTheyWere) {
  const sfn::DefinitionError s(sfn::DefinitionRule::kUnreachable, "m");
  EXPECT_EQ(s.id(), 203);
  EXPECT_EQ(s.rule(), sfn::DefinitionRule::kUnreachable);
  const fargate::DefinitionError f(105, "m");
  EXPECT_EQ(f.id(), 105);
  const cfn::ValidationError c("001", "Task", "Image", "m");
  EXPECT_EQ(c.id(), "cfn.validate.001");
  EXPECT_EQ(c.resource(), "Task");
  EXPECT_EQ(c.property(), "Image");
}

}  // namespace
}  // namespace hoplite
