#pragma once
/// \file
/// The exception a wrong template definition throws, at construction or at synthesis.
///
/// Each message starts with a stable id and names the resource, the property and what to do:
///
///     [cfn.validate.001] resource 'Task' (AWS::ECS::TaskDefinition): required property
///     'ContainerDefinitions[0].Image' is not set; set it
///
/// Ids (docs/cfn.md lists them): 001 missing required property, 002 wrong primitive type,
/// 003 Ref to an unknown logical ID, 004 GetAtt to an unknown logical ID, 005 unknown attribute,
/// 006 invalid logical ID, 007 duplicate logical ID, 008 dependency cycle, 009 DependsOn an unknown
/// logical ID, 010 unknown condition, 011 unknown property, 012 unknown mapping, 013 malformed
/// intrinsic or template section.

#include <string>

#include "hoplite/core/definition_error.hpp"

namespace hoplite::cfn {

/// A wrong template, found while it is built or synthesized, before any AWS call. The id is
/// `cfn.validate.<n>`; the error also names the resource and property it concerns.
class ValidationError : public core::DefinitionError {
 public:
  /// `id` is the number part, e.g. "001"; what() is "[cfn.validate.<id>] <message>".
  ValidationError(std::string id, std::string resource, std::string property, const std::string& message);

  [[nodiscard]] const std::string& id() const { return code(); }           ///< "cfn.validate.001"
  [[nodiscard]] const std::string& resource() const { return resource_; }  ///< logical ID, or ""
  [[nodiscard]] const std::string& property() const { return property_; }  ///< property path, or ""

 private:
  std::string resource_;
  std::string property_;
};

}  // namespace hoplite::cfn
