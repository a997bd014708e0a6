// An independent check of what we emit: cfn-lint 1.9.7 (npm; its resource spec is from 2019, so
// the templates here use only properties it knows). scripts/setup installs it into
// tools/validators/node_modules.

#include <filesystem>

#include <gtest/gtest.h>

#include "hoplite/core/file.hpp"
#include "hoplite/core/process.hpp"
#include "support/golden.hpp"
#include "unit/cfn/examples.hpp"

namespace hoplite::cfn {
namespace {

std::filesystem::path cfn_lint() {
  return hoplite::testing::source_dir() / "tools" / "validators" / "node_modules" / ".bin" / "cfn-lint";
}

core::ProcessResult lint(const std::filesystem::path& file) {
  core::PosixProcessRunner runner;
  auto result = runner.run({.argv = {cfn_lint().string(), "validate", file.string()},
                            .env_overrides = {{"NO_COLOR", "1"}, {"FORCE_COLOR", "0"}},
                            .timeout = std::chrono::milliseconds(120000)});
  if (!result) {
    ADD_FAILURE() << "cannot run cfn-lint: " << result.error().to_string();
    return {};
  }
  return result.value();
}

class CfnLint : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(cfn_lint())) {
      FAIL() << cfn_lint().string() << " is missing: run scripts/setup (it installs the npm validators)";
    }
  }
  hoplite::testing::TempDir dir;
};

TEST_F(CfnLint, AcceptsTheRenderedNetworkTemplate) {
  auto file = dir / "network.template.json";
  ASSERT_TRUE(core::write_file_atomic(file, testing_examples::network().render()));
  auto r = lint(file);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Template valid!"), std::string::npos) << r.out << r.err;
}

TEST_F(CfnLint, AcceptsTheRenderedServiceTemplate) {
  auto file = dir / "service.template.json";
  ASSERT_TRUE(core::write_file_atomic(file, testing_examples::service().render()));
  auto r = lint(file);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Template valid!"), std::string::npos) << r.out << r.err;
}

TEST_F(CfnLint, RejectsABrokenTemplateSoTheChecksAboveMeanSomething) {
  auto file = dir / "broken.template.json";
  ASSERT_TRUE(core::write_file_atomic(
      file, R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"T": {"Type": "AWS::SNS::Topic"},
             "Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::GetAtt": ["T", "Nope"]}}}}})"));
  auto r = lint(file);
  EXPECT_NE(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace hoplite::cfn
