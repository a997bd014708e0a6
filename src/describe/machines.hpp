#pragma once
/// \file The state machines of a template: each AWS::StepFunctions::StateMachine's definition read
/// as a graph, with what its `${Name}` placeholders stand for and which resources each state uses.

#include <optional>
#include <string>
#include <vector>

#include "describe/asl_model.hpp"
#include "describe/template_model.hpp"

namespace hoplite::describe {

struct MachineInfo {
  std::string logical_id;
  std::optional<AslMachine> asl;  ///< none when the definition could not be read (see `error`)
  std::string error;              ///< why the definition could not be read; "" when it was
  /// The Fn::Sub variable map of DefinitionString (name → value as written); empty object if none.
  Json substitutions = Json::object();
  std::string role;          ///< logical id of the role in RoleArn; "" when not a template role
  std::string machine_type;  ///< STANDARD or EXPRESS
  bool logging = false;      ///< LoggingConfiguration present
  bool tracing = false;      ///< TracingConfiguration.Enabled
  /// For each state (index as in asl->states): the template resources and parameters it refers
  /// to, through placeholders and intrinsics.
  std::vector<std::vector<Reference>> state_references;
};

/// Every state machine of `model`, in template order.
[[nodiscard]] std::vector<MachineInfo> read_machines(const TemplateModel& model);

}  // namespace hoplite::describe
