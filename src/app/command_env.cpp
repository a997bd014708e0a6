#include "app/command_env.hpp"

#include "app/local_cloud_start.hpp"
#include "hoplite/core/process.hpp"

namespace hoplite::app {

const BuildId& CommandEnv::build_id() {
  if (!build_id_) {
    auto id = resolve_build_id({.flag = globals.build_id, .directory = directory_});
    if (id) {
      build_id_ = *id;
    } else {
      core::log::warn("cannot derive a build id: {}", id.error().to_string());
      build_id_ = BuildId{"unknown", BuildId::Source::binary};
    }
  }
  return *build_id_;
}

HookContext CommandEnv::hook_context() {
  return HookContext({.service_name = service.name(),
                      .build_id = build_id_ ? build_id_->value : std::string(),
                      .noop = globals.noop,
                      .log = core::Logger{}.with("service", service.name()),
                      .build_id_source = [this] { return build_id().value; }});
}

core::Failure usage_failure(std::string message) { return core::fail("app.usage", std::move(message)); }

int exit_code_for(const core::Error& error) { return error.code == "app.usage" ? kExitUsage : kExitFailure; }

core::Result<AwsSession*> CommandEnv::aws() {
  if (aws_) return aws_.get();
  auto session = AwsSession::open({.region = globals.region,
                                   .profile = globals.profile,
                                   .endpoint_url = globals.endpoint_url,
                                   .local = globals.local,
                                   .timeout = globals.timeout,
                                   .environment = environment_,
                                   .http = http_override});
  if (!session) return session.failure();
  if ((*session)->local()) {
    core::PosixProcessRunner runner;
    auto ready = ensure_local_cloud(
        {.url = (*session)->endpoint_url(), .http = (*session)->http(), .runner = runner, .environment = environment_});
    if (!ready) return ready.failure();
  }
  aws_ = std::move(*session);
  return aws_.get();
}

void CommandEnv::on_run(const CLI::App* sub, CommandKind kind, std::function<CommandResult()> fn) {
  actions_.push_back(Action{sub, kind, std::move(fn)});
}

const CommandEnv::Action* CommandEnv::action_for(const CLI::App* sub) const {
  for (const Action& a : actions_) {
    if (a.sub == sub) return &a;
  }
  return nullptr;
}

}  // namespace hoplite::app
