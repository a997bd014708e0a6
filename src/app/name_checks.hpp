#pragma once
/// \file Grammar checks for the names a user gives on the command line, as CLI11 validators: a
/// bad name is a usage error (exit 2) reported before any work starts, and it never reaches a URL,
/// a path or a registry (issue 12: `--tag '../../prod/manifests/x'`).

#include <string>

namespace hoplite::app {

/// "" when `tag` is an OCI tag (`[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`), else why not.
[[nodiscard]] std::string tag_problem(const std::string& tag);

/// "" when `ref` is an image reference hoplite can push to (oci::Reference), else why not.
[[nodiscard]] std::string push_reference_problem(const std::string& ref);

/// "" when `user` is an image User: `name`, `uid`, `name:group`, `uid:gid` (names up to 32 of
/// `[A-Za-z0-9_.-]` not starting with `-` or `.`, ids up to 4294967294), else why not.
[[nodiscard]] std::string user_problem(const std::string& user);

}  // namespace hoplite::app
