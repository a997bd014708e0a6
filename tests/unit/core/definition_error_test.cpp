#include "hoplite/core/definition_error.hpp"

#include <gtest/gtest.h>

namespace hoplite::core {
namespace {

TEST(DefinitionError, WhatReadsIdMessageAndRemedy) {
  DefinitionError e("app.service.101", "service name is empty", "give the service a name");
  EXPECT_EQ(e.code(), "app.service.101");
  EXPECT_EQ(e.message(), "service name is empty");
  EXPECT_EQ(e.remedy(), "give the service a name");
  EXPECT_STREQ(e.what(), "[app.service.101] service name is empty; give the service a name");
}

TEST(DefinitionError, WithoutARemedyWhatIsIdAndMessage) {
  DefinitionError e("sfn.definition.203", "state 'X' cannot be reached from StartAt");
  EXPECT_TRUE(e.remedy().empty());
  EXPECT_STREQ(e.what(), "[sfn.definition.203] state 'X' cannot be reached from StartAt");
}

TEST(DefinitionError, IsALogicError) {
  // A wrong definition is a programming error in the service's code, not a runtime failure.
  EXPECT_THROW(throw DefinitionError("x.y.1", "m"), std::logic_error);
}

}  // namespace
}  // namespace hoplite::core
