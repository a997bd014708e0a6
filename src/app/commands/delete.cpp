#include "app/commands/delete.hpp"

#include <unistd.h>

#include <iostream>

#include "app/commands.hpp"
#include "app/deploy_progress.hpp"
#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/ecr.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/provision/deploy.hpp"
#include "hoplite/provision/publisher.hpp"

namespace hoplite::app {

void add_delete(CLI::App& app, CommandEnv& env) {
  auto options = std::make_shared<DeleteOptions>();
  CLI::App* sub = app.add_subcommand("delete", "Delete the service's stack and wait until it is gone");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  sub->add_flag("--purge-images", options->purge_images, "Also delete the ECR repository and its images");
  sub->add_option("--ecr-repository", options->ecr_repository,
                  "ECR repository --purge-images deletes (default: the service name in lower case)")
      ->type_name("NAME");
  env.on_run(sub, CommandKind::deploy, [&env, options] { return run_delete(env, *options); });
}

CommandResult run_delete(CommandEnv& env, const DeleteOptions& options) {
  auto session = env.aws();
  if (!session) return session.failure();
  aws::cloudformation::Client cfn((*session)->config());
  const std::string& name = env.service.name();
  if (env.globals.noop) {
    auto found = cfn.find_stack(name);
    if (!found) return found.failure("reading stack " + name);
    core::log::info("noop: {}", *found ? "delete would remove stack " + name + " (" + (*found)->stack_status + ")"
                                       : "stack " + name + " does not exist");
    return kExitOk;
  }
  const bool live =
      env.globals.log_format == core::log::Format::text && ::isatty(STDERR_FILENO) == 1 && &env.err == &std::cerr;
  DeployProgress progress(live, env.err);
  progress.phase("deleting");
  provision::WaitOptions wait{.on_event = [&progress](const aws::cloudformation::StackEvent& e) { progress.event(e); }};
  auto out = provision::delete_stack(cfn, name, wait);
  progress.clear();
  if (!out) return out.failure();
  if (!out->succeeded) return core::fail("provision.stack", provision::failure_text(*out));
  if (out->events.empty()) {
    core::log::info("stack {} does not exist in {}: nothing to delete", name, (*session)->where());
  } else {
    core::log::info("deleted stack {}", name);
  }
  if (options.purge_images) {
    const std::string repo =
        options.ecr_repository.empty() ? provision::ecr_repository_name(name) : options.ecr_repository;
    aws::ecr::Client ecr((*session)->config());
    auto gone = ecr.delete_repository({.repository_name = repo, .force = true});
    if (gone) {
      core::log::info("deleted ECR repository {} and its images", repo);
    } else if (gone.error().code == "RepositoryNotFoundException") {
      core::log::info("ECR repository {} does not exist", repo);
    } else {
      return gone.failure("deleting ECR repository " + repo);
    }
  }
  return kExitOk;
}

}  // namespace hoplite::app
