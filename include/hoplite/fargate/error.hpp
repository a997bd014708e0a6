#pragma once
/// \file
/// The exception for a wrong Fargate building block (a programming error in the service
/// definition, thrown when the block is defined).

#include <string>

#include "hoplite/core/definition_error.hpp"

namespace hoplite::fargate {

/// `what()` reads `[fargate.definition.NNN] <what to change>`. Ids:
/// 101 invalid cpu, 102 memory not valid for the cpu, 103 bad network shape (availability zones,
/// CIDR), 104 bad task definition field (command, container name, architecture), 105 log retention
/// not a CloudWatch Logs value.
class DefinitionError : public core::DefinitionError {
 public:
  /// An error with the numeric `id` (see the class comment) and what to change.
  DefinitionError(int id, const std::string& message);
  /// The numeric id, e.g. 101.
  [[nodiscard]] int id() const { return id_; }

 private:
  int id_;
};

}  // namespace hoplite::fargate
