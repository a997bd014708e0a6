#include "hoplite/app/build_id.hpp"

#include <fstream>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "hoplite/core/file.hpp"
#include "hoplite/core/process.hpp"
#include "hoplite/core/sha256.hpp"
#include "support/golden.hpp"

namespace hoplite::app {
namespace {

using testing::TempDir;

void write(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

// Runs git in `dir` and returns its stdout; fails the test when git fails.
std::string git(const std::filesystem::path& dir, std::vector<std::string> args) {
  core::PosixProcessRunner runner;
  core::ProcessSpec spec;
  spec.argv = {"git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = dir;
  auto r = runner.run(spec);
  EXPECT_TRUE(r && r->exit_code == 0) << (r ? r->err : r.error().to_string());
  return r ? r->out : "";
}

std::string head12(const std::filesystem::path& dir) { return git(dir, {"rev-parse", "HEAD"}).substr(0, 12); }

// A repository with one commit, in a fresh temp dir.
struct Repo {
  Repo() {
    git(dir.path(), {"init", "-q"});
    write(dir / "main.cpp", "int main() {}\n");
    git(dir.path(), {"add", "main.cpp"});
    git(dir.path(), {"commit", "-q", "-m", "first"});
  }
  TempDir dir;
};

TEST(BuildId, FlagWinsOverEverything) {
  Repo repo;
  auto id = resolve_build_id({.flag = "release-7", .directory = repo.dir.path()});
  ASSERT_TRUE(id);
  EXPECT_EQ(id->value, "release-7");
  EXPECT_EQ(id->source, BuildId::Source::flag);
}

TEST(BuildId, CleanRepoGivesTheCommit) {
  Repo repo;
  auto id = resolve_build_id({.directory = repo.dir.path()});
  ASSERT_TRUE(id);
  EXPECT_EQ(id->source, BuildId::Source::git);
  EXPECT_EQ(id->value, head12(repo.dir.path()));
  EXPECT_TRUE(std::regex_match(id->value, std::regex("[0-9a-f]{12}"))) << id->value;
  // Asking again (no change) gives the same id: derived, never random.
  EXPECT_EQ(resolve_build_id({.directory = repo.dir.path()})->value, id->value);
}

TEST(BuildId, ChangedTrackedFileMarksDirty) {
  Repo repo;
  write(repo.dir / "main.cpp", "int main() { return 1; }\n");
  auto id = resolve_build_id({.directory = repo.dir.path()});
  ASSERT_TRUE(id);
  EXPECT_EQ(id->value, head12(repo.dir.path()) + "-dirty");
  EXPECT_EQ(id->source, BuildId::Source::git);
}

TEST(BuildId, UntrackedFileMarksDirtyButIgnoredFileDoesNot) {
  Repo repo;
  write(repo.dir / ".gitignore", "build/\n");
  git(repo.dir.path(), {"add", ".gitignore"});
  git(repo.dir.path(), {"commit", "-q", "-m", "ignore build"});
  std::filesystem::create_directory(repo.dir / "build");
  write(repo.dir / "build" / "out.o", "x");
  EXPECT_EQ(resolve_build_id({.directory = repo.dir.path()})->value, head12(repo.dir.path()));
  write(repo.dir / "new.cpp", "// new\n");
  EXPECT_EQ(resolve_build_id({.directory = repo.dir.path()})->value, head12(repo.dir.path()) + "-dirty");
}

TEST(BuildId, SubdirectoryOfARepoUsesTheRepo) {
  Repo repo;
  std::filesystem::create_directory(repo.dir / "sub");
  write(repo.dir / "sub" / ".keep", "");
  git(repo.dir.path(), {"add", "sub/.keep"});
  git(repo.dir.path(), {"commit", "-q", "-m", "sub"});
  EXPECT_EQ(resolve_build_id({.directory = repo.dir / "sub"})->value, head12(repo.dir.path()));
}

TEST(BuildId, OutsideARepoHashesTheBinary) {
  TempDir not_a_repo;
  TempDir bin;
  write(bin / "service", "pretend this is an ELF binary");
  auto id = resolve_build_id({.directory = not_a_repo.path(), .binary = bin / "service"});
  ASSERT_TRUE(id);
  EXPECT_EQ(id->source, BuildId::Source::binary);
  EXPECT_EQ(id->value, core::sha256_hex("pretend this is an ELF binary").substr(0, 12));
  write(bin / "service", "another build");
  EXPECT_EQ(resolve_build_id({.directory = not_a_repo.path(), .binary = bin / "service"})->value,
            core::sha256_hex("another build").substr(0, 12));
}

TEST(BuildId, RepoWithoutCommitsFallsBackToTheBinary) {
  TempDir empty_repo;
  git(empty_repo.path(), {"init", "-q"});
  TempDir bin;
  write(bin / "service", "bytes");
  auto id = resolve_build_id({.directory = empty_repo.path(), .binary = bin / "service"});
  ASSERT_TRUE(id);
  EXPECT_EQ(id->source, BuildId::Source::binary);
}

TEST(BuildId, DefaultBinaryIsTheRunningExecutable) {
  TempDir not_a_repo;
  auto id = resolve_build_id({.directory = not_a_repo.path()});
  ASSERT_TRUE(id);
  EXPECT_EQ(id->source, BuildId::Source::binary);
  const auto bytes = core::read_file("/proc/self/exe");
  ASSERT_TRUE(bytes);
  EXPECT_EQ(id->value, core::sha256_hex(*bytes).substr(0, 12));
}

TEST(BuildId, UnreadableBinaryIsAnError) {
  TempDir not_a_repo;
  auto id = resolve_build_id({.directory = not_a_repo.path(), .binary = not_a_repo / "missing"});
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, "io.read");
}

TEST(BuildId, FlagValuesFollowTheImageTagGrammar) {
  EXPECT_EQ(build_id_problem("v1.2.3_rc-1"), std::nullopt);
  EXPECT_EQ(build_id_problem(std::string(128, 'a')), std::nullopt);
  EXPECT_NE(build_id_problem(""), std::nullopt);
  EXPECT_NE(build_id_problem(std::string(129, 'a')), std::nullopt);
  EXPECT_NE(build_id_problem("-x"), std::nullopt);
  EXPECT_NE(build_id_problem(".x"), std::nullopt);
  ASSERT_NE(build_id_problem("a/b"), std::nullopt);
  EXPECT_NE(build_id_problem("a/b")->find("contains '/'"), std::string::npos);
}

}  // namespace
}  // namespace hoplite::app
