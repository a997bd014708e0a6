#pragma once
/// \file The exception a wrong service definition throws (bad service or task name, a validator
/// rejecting the template). Expected runtime failures are core::Result values instead.

#include <stdexcept>
#include <string>

namespace hoplite::app {

/// what() is `[app.<area>.<number>] <message>`; the id is stable so people and scripts can look
/// it up (docs/cli.md lists them), the message says what to change.
class DefinitionError : public std::invalid_argument {
 public:
  /// `id` is the full id without brackets, e.g. "app.service.101".
  DefinitionError(std::string id, const std::string& message)
      : std::invalid_argument("[" + id + "] " + message), id_(std::move(id)) {}

  [[nodiscard]] const std::string& id() const { return id_; }

 private:
  std::string id_;
};

}  // namespace hoplite::app
