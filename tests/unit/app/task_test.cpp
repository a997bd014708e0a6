#include "hoplite/app/task.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace hoplite::app {
namespace {

TEST(TaskContext, ExposesItsInvocation) {
  std::ostringstream out;
  int build_id_calls = 0;
  TaskContext ctx({.service_name = "Svc",
                   .task_name = "t",
                   .args = {"a", "b"},
                   .environment = {{"HOME", "/root"}},
                   .globals = {.noop = true, .region = "eu-west-1"},
                   .out = &out,
                   .build_id = [&] {
                     ++build_id_calls;
                     return std::string("id-1");
                   }});
  EXPECT_EQ(ctx.service_name(), "Svc");
  EXPECT_EQ(ctx.task_name(), "t");
  EXPECT_EQ(ctx.args(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ctx.env("HOME"), "/root");
  EXPECT_EQ(ctx.env("NOPE"), std::nullopt);
  EXPECT_TRUE(ctx.globals().noop);
  EXPECT_EQ(ctx.globals().region, "eu-west-1");
  ctx.out() << "x";
  EXPECT_EQ(out.str(), "x");
  EXPECT_EQ(build_id_calls, 0) << "the build id is computed only when asked for";
  EXPECT_EQ(ctx.build_id(), "id-1");
  EXPECT_EQ(ctx.build_id(), "id-1");
  EXPECT_EQ(build_id_calls, 1);
  ASSERT_EQ(ctx.log().fields().size(), 1u);
  EXPECT_EQ(ctx.log().fields()[0].key, "task");
}

}  // namespace
}  // namespace hoplite::app
