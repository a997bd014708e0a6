#pragma once
/// \file
/// Synthesis: the service's template after every decorator and validator — what `synth`
/// prints and `provision` deploys. Pure: no network, no clock, no randomness.

#include <string>

#include "hoplite/app/hooks.hpp"
#include "hoplite/app/service.hpp"
#include "hoplite/cfn/template.hpp"

namespace hoplite::app {

/// A copy of the service's template with the decorators applied in order, checked by cfn
/// validation and then by the service's validators. The service itself is not changed, so
/// synthesizing twice gives the same result. Throws cfn::ValidationError or DefinitionError.
[[nodiscard]] cfn::Template synthesize(const Service& service, HookContext& ctx);

/// synthesize() rendered as template text (2-space JSON, trailing newline).
[[nodiscard]] std::string synthesize_text(const Service& service, HookContext& ctx);

}  // namespace hoplite::app
