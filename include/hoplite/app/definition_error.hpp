#pragma once
/// \file
/// The exception a wrong service definition throws (bad service or task name, a validator
/// rejecting the template). Expected runtime failures are core::Result values instead.

#include <string>
#include <utility>

#include "hoplite/core/definition_error.hpp"

namespace hoplite::app {

/// A wrong service definition found by the app module. what() is
/// `[app.<area>.<number>] <message>`; the id is stable so people and scripts can look it up
/// (docs/cli.md lists them), the message says what to change.
class DefinitionError : public core::DefinitionError {
 public:
  /// `id` is the full id without brackets, e.g. "app.service.101".
  DefinitionError(std::string id, const std::string& message) : core::DefinitionError(std::move(id), message) {}

  [[nodiscard]] const std::string& id() const { return code(); }  ///< "app.service.101", the same as code()
};

}  // namespace hoplite::app
