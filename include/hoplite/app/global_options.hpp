#pragma once
/// \file
/// The flags every command of a service binary accepts (before or after the command name;
/// for tasks, before the task name). Commands, hooks and tasks read them from here.

#include <chrono>
#include <string>

#include "hoplite/core/log.hpp"

namespace hoplite::app {

/// The options every command takes (`--level`, `--log-format`, `--no-color`, …).
struct GlobalOptions {
  core::log::Level level = core::log::Level::info;         ///< `--level`; default info
  core::log::Format log_format = core::log::Format::text;  ///< `--log-format text|json`; default text
  bool no_color = false;     ///< `--no-color`: never colour log lines (default: colour on a terminal only)
  bool noop = false;         ///< `--noop`: do everything that does not change the cloud
  std::string build_id;      ///< `--build-id`; "" = derived (see build_id.hpp)
  std::string region;        ///< `--region`; "" = not given (the aws module resolves AWS_REGION, profiles)
  std::string profile;       ///< `--profile`; "" = not given (AWS_PROFILE / "default")
  std::string endpoint_url;  ///< `--endpoint-url`; "" = the real AWS endpoints
  bool local = false;        ///< `--local`: talk to the embedded local cloud instead of AWS
  /// `--timeout DURATION`: limit for each network operation (an image push, one AWS call with its
  /// retries); default 30 minutes; 0 = no limit.
  std::chrono::milliseconds timeout{30 * 60'000};
};

}  // namespace hoplite::app
