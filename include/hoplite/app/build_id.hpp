#pragma once
/// \file
/// The build id names one build of a service: it tags images and shows in `version` and
/// the deploy banner. It is derived, never random, so two runs on the same inputs agree:
///
/// 1. `--build-id ID` when given;
/// 2. else the git commit of the current directory (12 hex digits), with `-dirty` appended when
///    the worktree has changes (tracked or untracked, .gitignore respected);
/// 3. else the first 12 hex digits of the SHA-256 of the running binary (/proc/self/exe).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/process.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::app {

/// A build id and where it came from (see the file comment for the order).
struct BuildId {
  /// Which rule gave the id: `--build-id`, the git commit, or the binary's hash.
  enum class Source { flag, git, binary };
  std::string value;             ///< e.g. `1a2b3c4d5e6f` or `1a2b3c4d5e6f-dirty`
  Source source = Source::flag;  ///< which rule gave `value`
};

/// "flag", "git" or "binary".
[[nodiscard]] std::string_view to_string(BuildId::Source source);

/// What resolve_build_id looks at; each field has a default for the real program.
struct BuildIdInputs {
  std::string flag;                       ///< the `--build-id` value; "" = not given
  std::filesystem::path directory;        ///< where to ask git; default: the current directory
  std::filesystem::path binary;           ///< what to hash last; default: /proc/self/exe
  core::ProcessRunner* runner = nullptr;  ///< runs git; default: a PosixProcessRunner
};

/// Applies the rules above. Fails only when the binary cannot be read (`io.read`).
[[nodiscard]] core::Result<BuildId> resolve_build_id(const BuildIdInputs& inputs);

/// Why `id` cannot be a build id, or nullopt when it can. Build ids become image tags, so they
/// follow the tag grammar: 1–128 of [A-Za-z0-9_.-], not starting with '.' or '-'.
[[nodiscard]] std::optional<std::string> build_id_problem(std::string_view id);

}  // namespace hoplite::app
