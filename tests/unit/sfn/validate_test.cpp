#include "hoplite/sfn/validate.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/golden.hpp"

namespace hoplite::sfn {
namespace {

std::string read_fixture(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::filesystem::path> fixtures(const char* folder) {
  std::vector<std::filesystem::path> out;
  for (const auto& e :
       std::filesystem::directory_iterator(::hoplite::testing::testdata(std::string("sfn/asl/") + folder)))
    out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string describe(const std::vector<Problem>& problems) {
  std::string s;
  for (const auto& p : problems) s += "[" + std::to_string(static_cast<int>(p.rule)) + "] " + p.message + "\n";
  return s;
}

TEST(CheckAsl, AcceptsEveryValidFixture) {
  auto files = fixtures("valid");
  ASSERT_EQ(files.size(), 19u);
  for (const auto& f : files) EXPECT_EQ(describe(check_asl(read_fixture(f))), "") << f.filename();
}

TEST(CheckAsl, RejectsEveryInvalidFixture) {
  auto files = fixtures("invalid");
  ASSERT_EQ(files.size(), 22u);
  for (const auto& f : files) EXPECT_FALSE(check_asl(read_fixture(f)).empty()) << f.filename();
}

// The rule each fixture breaks, by its stable id.
TEST(CheckAsl, NamesTheBrokenRule) {
  struct Case {
    const char* file;
    DefinitionRule rule;
  };
  for (const auto& c : std::vector<Case>{
           {"invalid-inexistant-state.json", DefinitionRule::kDanglingTarget},
           {"invalid-unreachable-state.json", DefinitionRule::kUnreachable},
           {"invalid-missing-terminal.json", DefinitionRule::kNoTerminal},
           {"invalid-next-with-end.json", DefinitionRule::kTransitionFromTerminal},
           {"project-choice-with-end.json", DefinitionRule::kTransitionFromTerminal},
           {"invalid-map-dupe-state.json", DefinitionRule::kDuplicateName},
           {"invalid-state-name-too-long.json", DefinitionRule::kBadName},
           {"invalid-parallel-ob-link.json", DefinitionRule::kDanglingTarget},
           {"project-catch-next-unknown.json", DefinitionRule::kDanglingTarget},
           {"project-startat-unknown-state.json", DefinitionRule::kDanglingTarget},
           {"project-choice-empty-choices.json", DefinitionRule::kMissingTarget},
           {"invalid-json-path.json", DefinitionRule::kInvalidField},
           {"invalid-wait-duration.json", DefinitionRule::kInvalidField},
           {"project-choice-next-inside-and.json", DefinitionRule::kInvalidField},
           {"project-choice-numeric-equals-string.json", DefinitionRule::kInvalidField},
           {"invalid-choice-state-variable.json", DefinitionRule::kInvalidField},
           {"invalid-error-equals.json", DefinitionRule::kMissingField},
           {"invalid-map-missing-iterator.json", DefinitionRule::kMissingField},
           {"invalid-parallel-missing-branches.json", DefinitionRule::kMissingField},
           {"project-task-missing-resource.json", DefinitionRule::kMissingField},
       }) {
    auto problems = check_asl(read_fixture(::hoplite::testing::testdata(std::string("sfn/asl/invalid/") + c.file)));
    bool found = false;
    for (const auto& p : problems) found = found || p.rule == c.rule;
    EXPECT_TRUE(found) << c.file << " gave:\n" << describe(problems);
  }
}

TEST(CheckAsl, RetryOnPassIsRejected) {
  const char* doc =
      R"({"StartAt":"A","States":{"A":{"Type":"Pass","Retry":[{"ErrorEquals":["States.ALL"]}],"End":true}}})";
  EXPECT_THROW_WITH(validate_asl(doc), DefinitionError,
                    "[sfn.definition.301] SCHEMA_VALIDATION_FAILED: A Pass state cannot have Retry or Catch (only "
                    "Task, Parallel and Map can) at /States/A/Retry");
}

TEST(CheckAsl, UnreachableMessageNamesTheState) {
  const char* doc = R"({"StartAt":"A","States":{"A":{"Type":"Succeed"},"Done":{"Type":"Succeed"}}})";
  EXPECT_THROW_WITH(validate_asl(doc), DefinitionError,
                    "[sfn.definition.203] MISSING_TRANSITION_TARGET: State \"Done\" is not reachable. at /States/Done");
}

TEST(CheckAsl, RejectsBadRetrierFields) {
  const char* doc =
      R"({"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",)"
      R"("Retry":[{"ErrorEquals":["States.ALL"],"BackoffRate":0.5,"JitterStrategy":"SOME"}],"End":true}}})";
  auto problems = check_asl(doc);
  ASSERT_EQ(problems.size(), 2u) << describe(problems);
  EXPECT_NE(problems[0].message.find("BackoffRate"), std::string::npos);
  EXPECT_NE(problems[1].message.find("JitterStrategy"), std::string::npos);
}

TEST(CheckAsl, NotJson) { EXPECT_THROW_WITH(validate_asl("{"), DefinitionError, "[sfn.definition.304]"); }

}  // namespace
}  // namespace hoplite::sfn
