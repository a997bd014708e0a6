#pragma once
/// \file IAM's names, paths and ARNs, and its errors (codes, statuses and messages as IAM words
/// them).

#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/validation.hpp"

namespace hoplite::local::iam {

/// `[\w+=,.@-]` names: roles 1–64, policies 1–128.
void check_name(Violations& v, std::string_view member, std::string_view name, std::size_t max);
/// `/` or `/…/`, 1–512 characters of `!`–`~`. Error: ValidationError.
core::Result<void> check_path(const std::string& path);

/// `arn:aws:iam::<account>:<kind><path><name>` (kind: `role`, `policy`).
[[nodiscard]] std::string iam_arn(std::string_view account, std::string_view kind, std::string_view path,
                                  std::string_view name);
/// `AROA`/`ANPA` + 17 characters of `A-Z2-7`, IAM's unique id shapes.
[[nodiscard]] std::string unique_id(std::string_view prefix);

/// NoSuchEntity (404): "The role with name X cannot be found."
[[nodiscard]] core::Failure no_such_role(std::string_view name);
[[nodiscard]] core::Failure no_such_entity(std::string message);
/// DeleteConflict (409).
[[nodiscard]] core::Failure delete_conflict(std::string message);
/// Constraint violations: ValidationError (400), IAM's code.
[[nodiscard]] core::Result<void> finish(const Violations& v);

}  // namespace hoplite::local::iam
