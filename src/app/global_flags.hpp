#pragma once
/// \file The global flags of a service binary, bound to a GlobalOptions (private to app).

#include <CLI/CLI.hpp>

#include "hoplite/app/global_options.hpp"

namespace hoplite::app {

/// Adds --level, --log-format, --no-color, --noop, --build-id, --region, --profile,
/// --endpoint-url, --local and --timeout to `app`; parsing writes into `options`.
void add_global_flags(CLI::App& app, GlobalOptions& options);

}  // namespace hoplite::app
