#include "app/commands/synth.hpp"

#include <memory>
#include <ostream>

#include "app/commands.hpp"
#include "hoplite/app/synthesize.hpp"
#include "hoplite/core/file.hpp"

namespace hoplite::app {

void add_synth(CLI::App& app, CommandEnv& env) {
  auto options = std::make_shared<SynthOptions>();
  CLI::App* sub = app.add_subcommand("synth", "Print the CloudFormation template (pure: no network)");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  sub->add_option("-o,--out", options->out_file,
                  "Write the template to FILE atomically instead of stdout (a regular file or nothing)")
      ->type_name("FILE");
  env.on_run(sub, CommandKind::pure, [&env, options] { return run_synth(env, *options); });
}

int run_synth(CommandEnv& env, const SynthOptions& options) {
  // A symlink, FIFO or device at --out is refused before anything is synthesized, and left as it is.
  if (!options.out_file.empty()) {
    if (auto usable = core::check_output_file(options.out_file); !usable) {
      core::log::error("synth: {}", usable.error().to_string());
      return kExitFailure;
    }
  }
  HookContext ctx = env.hook_context();
  // Synthesis throws on a wrong definition (cfn::ValidationError, DefinitionError) before
  // anything is written, so a failed synth never leaves a file behind.
  const std::string text = synthesize_text(env.service, ctx);
  if (options.out_file.empty()) {
    env.out << text;
    return finish_output(env, "synth");
  }
  if (auto written = core::write_file_atomic(options.out_file, text); !written) {
    core::log::error("synth: {}", written.error().to_string());
    return kExitFailure;
  }
  core::log::info("wrote the template to {} ({} bytes)", options.out_file, text.size());
  return kExitOk;
}

}  // namespace hoplite::app
