#pragma once
/// \file
/// The one header a service author includes: the service, its tasks and hooks, the command
/// line, logging and the typed CloudFormation model.
///
/// **Example**: see examples/servicefull/main.cpp.

#include "hoplite/app/build_id.hpp"
#include "hoplite/app/definition_error.hpp"
#include "hoplite/app/global_options.hpp"
#include "hoplite/app/hooks.hpp"
#include "hoplite/app/run.hpp"
#include "hoplite/app/service.hpp"
#include "hoplite/app/synthesize.hpp"
#include "hoplite/app/task.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite {

using app::HookContext;
using app::Hooks;
using app::run;
using app::Service;
using app::TaskContext;

}  // namespace hoplite
