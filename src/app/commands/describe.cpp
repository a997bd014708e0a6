#include "app/commands/describe.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>

#include "app/build_info.hpp"
#include "app/commands.hpp"
#include "hoplite/app/synthesize.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/process.hpp"
#include "hoplite/describe/page.hpp"
#include "hoplite/oci/image_builder.hpp"
#include "hoplite/oci/layout.hpp"

namespace hoplite::app {
namespace {

/// The image to show: an OCI layout (`--image DIR` or `DIR:TAG`), or the image `build` would make
/// from this binary, computed in memory (nothing is written, nothing is sent).
core::Result<describe::ImageSummary> image_summary(CommandEnv& env, const DescribeOptions& options) {
  const std::string& build_id = env.build_id().value;
  if (!options.image.empty()) {
    std::string dir = options.image;
    std::string tag;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      if (const auto colon = dir.rfind(':'); colon != std::string::npos) {
        tag = dir.substr(colon + 1);
        dir.resize(colon);
      }
    }
    if (tag.empty()) {  // the build id's tag when the layout has it, else its only image
      auto tags = oci::layout_tags(dir);
      if (!tags) return tags.failure("reading the layout " + dir);
      if (std::find(tags->begin(), tags->end(), build_id) != tags->end()) tag = build_id;
    }
    auto img = oci::read_layout(dir, tag);
    if (!img) return img.failure("reading the image in " + dir + (tag.empty() ? "" : ":" + tag));
    return describe::summarize_image(*img, "oci:" + dir + (tag.empty() ? "" : ":" + tag));
  }
  // What `build` wrote by default (./image, tagged with the build id) is the image to show: reading
  // it is quicker than building it again, and it is what would be pushed.
  const std::filesystem::path built = env.directory() / "image";
  std::error_code ec;
  if (options.binary.empty() && options.task.empty() && std::filesystem::is_regular_file(built / "index.json", ec)) {
    auto tags = oci::layout_tags(built);
    if (tags && std::find(tags->begin(), tags->end(), build_id) != tags->end()) {
      auto img = oci::read_layout(built, build_id);
      if (!img) return img.failure("reading the image in " + built.string());
      return describe::summarize_image(*img, "oci:image:" + build_id);
    }
  }
  std::string task = options.task;
  if (task.empty() && !env.service.tasks().empty()) task = env.service.tasks().front().name;
  if (!task.empty() && env.service.find_task(task) == nullptr)
    return core::fail("app.describe.task", "the service has no task '" + task + "'");
  const std::string binary = options.binary.empty() ? std::string("/proc/self/exe") : options.binary;
  auto img = oci::build_service_image(
      {.binary = binary, .task = task, .service_name = env.service.name(), .build_id = build_id});
  if (!img) return img.failure("computing the image");
  return describe::summarize_image(*img, options.binary.empty() ? "computed from this binary (not written; see build)"
                                                                : "computed from " + options.binary + " (not written)");
}

core::Result<describe::LiveStatus> live_status(CommandEnv& env) {
  auto session = env.aws();
  if (!session) return session.failure();
  aws::cloudformation::Client cfn((*session)->config());
  aws::sfn::Client states((*session)->config());
  return describe::fetch_live(cfn, states, env.service.name(), {.where = (*session)->where()});
}

}  // namespace

void add_describe(CLI::App& app, CommandEnv& env) {
  auto options = std::make_shared<DescribeOptions>();
  CLI::App* sub = app.add_subcommand("describe", "Write the service as one self-contained HTML page");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  sub->add_option("-o,--out", options->out_file, "Write the page to FILE (default: <service>.html; '-' = stdout)")
      ->type_name("FILE");
  sub->add_option("--image", options->image,
                  "Describe the image in this OCI layout (default: compute it, as build would)")
      ->type_name("DIR[:TAG]");
  sub->add_flag("--no-image", options->no_image, "Leave the image out (reads no binary)");
  sub->add_option("--binary", options->binary, "Binary the computed image holds (default: this program)")
      ->type_name("FILE");
  sub->add_option("--task", options->task, "Task the computed image runs (default: the service's first task)");
  sub->add_flag("--live", options->live,
                "Add the stack's live status from AWS (implied by --local, --endpoint-url, --region, --profile)");
  sub->add_flag("--open", options->open, "Open the page in the desktop's browser afterwards");
  env.on_run(sub, CommandKind::deploy, [&env, options] { return run_describe(env, *options); });
}

int run_describe(CommandEnv& env, const DescribeOptions& options) {
  const GlobalOptions& g = env.globals;
  if (options.no_image && (!options.image.empty() || !options.binary.empty())) {
    core::log::error("describe: --no-image cannot be combined with --image or --binary");
    return kExitUsage;
  }
  const bool live = options.live || g.local || !g.endpoint_url.empty() || !g.region.empty() || !g.profile.empty();

  describe::PageInput input{.service_name = env.service.name(),
                            .description = env.service.description(),
                            .build_id = env.build_id().value,
                            .generator = std::string("hoplite ") + build_info::kVersion};
  for (const Task& t : env.service.tasks()) input.tasks.push_back({t.name, t.summary});
  HookContext ctx = env.hook_context();
  input.template_text = synthesize_text(env.service, ctx);  // throws on a wrong definition, before any output

  if (options.no_image) {
    input.image_note = "Left out (--no-image).";
  } else {
    auto image = image_summary(env, options);
    if (!image) {
      core::log::error("describe: {}", image.error().to_string());
      return kExitFailure;
    }
    input.image = std::move(*image);
  }
  if (live) {
    auto status = live_status(env);
    if (!status) {
      core::log::error("describe: {}", status.error().to_string());
      return kExitFailure;
    }
    if (!status->stack_exists) core::log::warn("describe: stack {} does not exist (yet)", env.service.name());
    for (const auto& w : status->warnings) core::log::warn("describe: {}", w);
    input.live = std::move(*status);
  }

  auto page = describe::render_page(input);
  if (!page) {
    core::log::error("describe: {}", page.error().to_string());
    return kExitFailure;
  }
  if (options.out_file == "-") {
    env.out << *page << std::flush;
    return env.out ? kExitOk : kExitFailure;
  }
  const std::string out = options.out_file.empty() ? env.service.name() + ".html" : options.out_file;
  if (auto written = core::write_file_atomic(out, *page); !written) {
    core::log::error("describe: {}", written.error().to_string());
    return kExitFailure;
  }
  core::log::info("wrote {} ({} bytes{})", out, page->size(), input.live ? ", live" : "");
  if (options.open) {
    core::PosixProcessRunner runner;
    auto opened = runner.run({.argv = {"xdg-open", out}, .timeout = std::chrono::milliseconds(10'000)});
    if (!opened || opened->exit_code != 0) core::log::warn("describe: could not open a browser; open {} yourself", out);
  }
  return kExitOk;
}

}  // namespace hoplite::app
