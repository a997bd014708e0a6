#pragma once
/// \file
/// The exit codes of a service binary (docs/cli.md). A task's own return value (0–255) is
/// passed through as is.

namespace hoplite::app {

inline constexpr int kExitOk = 0;       ///< the command or task succeeded
inline constexpr int kExitFailure = 1;  ///< a runtime failure (AWS error, invalid template, ...)
inline constexpr int kExitUsage = 2;    ///< unknown command, bad flag or missing argument
inline constexpr int kExitChanges = 3;  ///< `diff`: the next provision would change the stack

}  // namespace hoplite::app
