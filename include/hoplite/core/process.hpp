#pragma once
/// \file
/// Running other programs (git for the build id, image builders, crun). One seam so tests can
/// script what a program "printed" without running it.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"

namespace hoplite::core {

/// What to run: argv, working directory, environment, stdin, capture, limits.
struct ProcessSpec {
  std::vector<std::string> argv;                     ///< argv[0] is looked up on PATH when it has no '/'
  std::filesystem::path cwd;                         ///< default: the current directory
  std::map<std::string, std::string> env_overrides;  ///< added to (or replacing in) the inherited environment
  std::optional<std::string> stdin_data;             ///< default: stdin is /dev/null
  bool capture_stdout = true;                        ///< false: the child writes to our stdout
  bool capture_stderr = true;                        ///< false: the child writes to our stderr
  /// Default: none. With a timeout the child leads its own process group, and on expiry the whole
  /// group is killed, so a helper's own children (a shell's pipeline) do not outlive it.
  std::optional<std::chrono::milliseconds> timeout;
  /// Most bytes kept of each captured stream; a child printing more is killed (like a timeout)
  /// and `output_exceeded` is set. Default 64 MiB.
  std::size_t max_output_bytes = 64u << 20;
};

/// How a program ended and what it printed.
struct ProcessResult {
  int exit_code = 0;             ///< 128 + signal number when the child was killed by a signal
  std::string out;               ///< captured stdout (empty when not captured)
  std::string err;               ///< captured stderr (empty when not captured)
  bool timed_out = false;        ///< the ProcessSpec::timeout expired and the process group was killed
  bool output_exceeded = false;  ///< the child printed more than ProcessSpec::max_output_bytes
};

/// Runs a program to completion. Abstract so tests can fake programs; the real one is
/// PosixProcessRunner. A program that cannot be started is an error (`process.spawn`); a program
/// that runs and exits non-zero is a successful ProcessResult with that exit code.
class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  /// Runs `spec` to completion; an error only when the program could not be started or watched.
  virtual Result<ProcessResult> run(const ProcessSpec& spec) = 0;
};

/// fork/exec with pipes; stdout and stderr are drained concurrently so neither can fill and block.
class PosixProcessRunner final : public ProcessRunner {
 public:
  Result<ProcessResult> run(const ProcessSpec& spec) override;
};

/// The full path of `program` on PATH, or nullopt.
[[nodiscard]] std::optional<std::filesystem::path> find_on_path(const std::string& program);

}  // namespace hoplite::core
