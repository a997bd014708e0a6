#pragma once
/// \file
/// The one exception type for a wrong service definition — a programming error in the code
/// that defines the service (a bad name, an invalid CPU/memory pair, a dangling state transition,
/// a template that does not validate), thrown when the service is defined or synthesized, before
/// any work. Expected runtime failures (network, AWS, bad files) are core::Result values instead.
///
/// Every module's definition error derives from it (cfn::ValidationError, sfn::DefinitionError,
/// fargate::DefinitionError, app::DefinitionError), so a caller catches one type and reads the same
/// three parts from any of them:
///
///     try { define(svc); } catch (const core::DefinitionError& e) {
///       e.code();     // "sfn.definition.202"  — stable; documentation and tests refer to it
///       e.message();  // "Next 'Nope' of state 'A' names no state"
///       e.remedy();   // "name a state of the same branch"  (may be empty)
///       e.what();     // "[sfn.definition.202] Next 'Nope' of state 'A' names no state; name a …"
///     }

#include <stdexcept>
#include <string>

namespace hoplite::core {

/// A wrong service definition: a stable id, what is wrong, and what to change.
class DefinitionError : public std::logic_error {
 public:
  /// An error with its id, message and remedy. `code` is the full id without brackets
  /// (`<module>.<area>.<number>`); `message` says what is
  /// wrong (and, by the modules' convention, often already what to change); `remedy` is an extra
  /// "what to change" sentence appended to what() after `; ` (default: none).
  DefinitionError(std::string code, std::string message, std::string remedy = {});

  /// The stable id, e.g. "cfn.validate.001". Never renumbered; docs list every id.
  [[nodiscard]] const std::string& code() const noexcept { return code_; }
  /// What is wrong, without the id prefix.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }
  /// What to change, when given separately from the message; default: empty.
  [[nodiscard]] const std::string& remedy() const noexcept { return remedy_; }

 private:
  std::string code_;
  std::string message_;
  std::string remedy_;
};

}  // namespace hoplite::core
