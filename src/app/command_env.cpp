#include "app/command_env.hpp"

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

void CommandEnv::on_run(const CLI::App* sub, CommandKind kind, std::function<int()> fn) {
  actions_.push_back(Action{sub, kind, std::move(fn)});
}

const CommandEnv::Action* CommandEnv::action_for(const CLI::App* sub) const {
  for (const Action& a : actions_) {
    if (a.sub == sub) return &a;
  }
  return nullptr;
}

}  // namespace hoplite::app
