#include "hoplite/app/build_id.hpp"

#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "hoplite/core/sha256.hpp"

namespace hoplite::app {
namespace {

constexpr std::size_t kIdLength = 12;

// `git` in `dir`, or nullopt when git is missing, fails, or dir is not in a worktree.
std::optional<std::string> git(core::ProcessRunner& runner, const std::filesystem::path& dir,
                               std::vector<std::string> args) {
  core::ProcessSpec spec;
  spec.argv = {"git"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = dir;
  // `git status` refreshes the index and would take .git/index.lock; a build id lookup must never
  // get in the way of a commit running at the same moment.
  spec.env_overrides = {{"GIT_OPTIONAL_LOCKS", "0"}, {"LC_ALL", "C"}};
  spec.timeout = std::chrono::seconds(30);
  auto r = runner.run(spec);
  if (!r || r->exit_code != 0 || r->timed_out) return std::nullopt;
  return r->out;
}

std::optional<BuildId> from_git(core::ProcessRunner& runner, const std::filesystem::path& dir) {
  auto head = git(runner, dir, {"rev-parse", "--verify", "--quiet", "HEAD"});
  if (!head) return std::nullopt;
  std::string commit = *head;
  while (!commit.empty() && (commit.back() == '\n' || commit.back() == '\r')) commit.pop_back();
  if (commit.size() < kIdLength) return std::nullopt;
  commit.resize(kIdLength);
  auto status = git(runner, dir, {"status", "--porcelain"});
  if (!status) return std::nullopt;
  if (!status->empty()) commit += "-dirty";
  return BuildId{commit, BuildId::Source::git};
}

}  // namespace

std::string_view to_string(BuildId::Source source) {
  switch (source) {
    case BuildId::Source::flag:
      return "flag";
    case BuildId::Source::git:
      return "git";
    case BuildId::Source::binary:
      return "binary";
  }
  return "flag";
}

std::optional<std::string> build_id_problem(std::string_view id) {
  constexpr std::string_view kRule =
      "a build id becomes an image tag: 1-128 characters of A-Z, a-z, 0-9, '_', '.' "
      "and '-', not starting with '.' or '-'";
  if (id.empty() || id.size() > 128) return fmt::format("build id '{}' has {} characters; {}", id, id.size(), kRule);
  if (id.front() == '.' || id.front() == '-')
    return fmt::format("build id '{}' starts with '{}'; {}", id, id.front(), kRule);
  for (char c : id) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return fmt::format("build id '{}' contains '{}'; {}", id, c, kRule);
  }
  return std::nullopt;
}

core::Result<BuildId> resolve_build_id(const BuildIdInputs& inputs) {
  if (!inputs.flag.empty()) return BuildId{inputs.flag, BuildId::Source::flag};

  core::PosixProcessRunner posix;
  core::ProcessRunner& runner = inputs.runner != nullptr ? *inputs.runner : posix;
  std::error_code ec;
  const std::filesystem::path dir = inputs.directory.empty() ? std::filesystem::current_path(ec) : inputs.directory;
  if (!dir.empty()) {
    if (auto id = from_git(runner, dir)) return *id;
  }

  const std::filesystem::path binary = inputs.binary.empty() ? std::filesystem::path("/proc/self/exe") : inputs.binary;
  // Streamed: a binary with debug info can be large.
  std::ifstream in(binary, std::ios::binary);
  if (!in) {
    return core::fail("io.read", fmt::format("computing the build id: cannot open {}", binary.string()));
  }
  core::Sha256 hash;
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return core::fail("io.read", fmt::format("computing the build id: cannot read {}", binary.string()));
  return BuildId{hash.finish_hex().substr(0, kIdLength), BuildId::Source::binary};
}

}  // namespace hoplite::app
