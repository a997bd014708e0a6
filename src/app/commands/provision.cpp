#include "app/commands/provision.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/deploy_progress.hpp"
#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/s3.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/terminal_text.hpp"
#include "hoplite/fargate/task.hpp"
#include "hoplite/provision/pipeline.hpp"
#include "hoplite/provision/template_upload.hpp"

namespace hoplite::app {
namespace {

namespace cf = aws::cloudformation;

std::atomic<int> g_interrupts{0};

extern "C" void on_interrupt(int) { g_interrupts.fetch_add(1); }

/// SIGINT while the stack changes: the first one asks to cancel, a second one ends the program
/// (the default action) — CloudFormation goes on either way.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupts = 0;
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sa.sa_flags = SA_RESETHAND;  // the second Ctrl-C is the default: exit
    ::sigaction(SIGINT, &sa, &old_);
  }
  ~InterruptGuard() { ::sigaction(SIGINT, &old_, nullptr); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction old_ {};
};

std::string outputs_text(const cf::Stack& stack) {
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t width = 0;
  for (const auto& o : stack.outputs) {
    rows.emplace_back(core::terminal_safe(o.key, 256), core::terminal_safe(o.value, 2048));
    width = std::max(width, rows.back().first.size());
  }
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const auto& [k, v] : rows) out += k + std::string(width - k.size() + 2, ' ') + v + '\n';
  return out;
}

// Counts what a change set touches, for the progress line.
std::size_t touched(const provision::Plan& plan) { return plan.changes.size(); }

}  // namespace

void add_image_target_flags(CLI::App& sub, ImageTargetOptions& options) {
  sub.add_option("--ecr-repository", options.ecr_repository,
                 "ECR repository for the image (default: the service name in lower case; created when missing)")
      ->type_name("NAME");
  sub.add_option("--registry", options.registry,
                 "Push the image to this OCI registry repository instead of ECR, e.g. 127.0.0.1:5000/svc")
      ->type_name("REF");
  sub.add_flag("--insecure-registry", options.insecure, "Allow plain HTTP to a non-loopback registry");
}

void add_provision(CLI::App& app, CommandEnv& env) {
  auto options = std::make_shared<ProvisionOptions>();
  CLI::App* sub = app.add_subcommand("provision", "Build and push the image, then deploy the stack (change set)");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  add_image_target_flags(*sub, options->image);
  sub->add_option("--s3-bucket", options->s3_bucket, "S3 bucket for the template (needed when it exceeds 51,200 bytes)")
      ->type_name("BUCKET");
  sub->add_flag("--upload-template", options->upload_template,
                "Upload the template to --s3-bucket even when it is small enough to send inline");
  env.on_run(sub, CommandKind::deploy, [&env, options] { return run_provision(env, *options); });
}

CommandResult run_provision(CommandEnv& env, const ProvisionOptions& options) {
  const bool noop = env.globals.noop;
  if (options.upload_template && options.s3_bucket.empty()) return usage_failure("--upload-template needs --s3-bucket");
  const bool live =
      env.globals.log_format == core::log::Format::text && ::isatty(STDERR_FILENO) == 1 && &env.err == &std::cerr;
  DeployProgress progress(live, env.err);

  // Everything the pipeline's ops share.
  bool has_image_parameter = false;
  std::string template_text;
  AwsSession* session = nullptr;
  std::unique_ptr<cf::Client> cfn;
  std::optional<oci::Image> image;
  provision::Published published;
  provision::StackTarget target{.stack_name = env.service.name()};
  provision::StackBefore before;
  provision::Plan plan;
  provision::Outcome outcome;
  bool no_changes = false;
  HookContext hooks = env.hook_context();
  provision::WaitOptions wait{.on_event = [&progress](const cf::StackEvent& e) { progress.event(e); },
                              .interrupted = [] { return g_interrupts.load() > 0; }};

  provision::Pipeline p;
  p.stage("validate").op_void("synthesize", [&]() -> core::Result<void> {
    // Pure: a wrong definition stops here, before anything is built or sent.
    template_text = synthesized_template(env, &has_image_parameter);
    target.template_body = template_text;
    return {};
  });
  p.op_void("session", [&]() -> core::Result<void> {
    auto s = env.aws();
    if (!s) return s.failure();
    session = *s;
    cfn = std::make_unique<cf::Client>(session->config());
    core::log::info("deploying stack {} to {}", target.stack_name, session->where());
    return {};
  });
  p.stage("build").op_void("image", [&]() -> core::Result<void> {
    if (!has_image_parameter) return {};  // a service without a container task has no image
    progress.phase("building the image");
    auto img = build_service_image_for(env, &hooks);
    if (!img) return img.failure();
    image = std::move(*img);
    core::log::info("built image {}", image->digest().str());
    return {};
  });
  p.stage("publish").op_void("push", [&]() -> core::Result<void> {
    if (!image) return {};
    auto publisher = make_publisher(env, *session, options.image, noop, &progress);
    if (!publisher) return publisher.failure();
    progress.phase("publishing to " + (*publisher)->name());
    auto pub = (*publisher)->publish(*image, env.build_id().value);
    if (!pub) return pub.failure();
    published = *pub;
    if (published.pushed) {
      core::log::info("pushed {} ({} blobs uploaded, {:.1f} MB; {} already there)", published.image_uri,
                      published.blobs_uploaded, static_cast<double>(published.bytes_uploaded) / 1e6,
                      published.blobs_existing + published.blobs_mounted);
    }
    target.parameters[fargate::kImageParameter] = published.image_uri;
    return {};
  });
  p.stage("deploy").op("stack", [&]() -> core::Result<provision::Step> {
    progress.phase("reading the stack");
    auto b = provision::prepare_stack(*cfn, target.stack_name, wait, noop);
    if (!b) return b.failure();
    before = std::move(*b);
    if (before.stack) {
      auto same = provision::already_deployed(*cfn, *before.stack, target);
      if (!same) return same.failure();
      if (*same) {
        no_changes = true;
        return provision::Step::finish;
      }
    }
    return provision::Step::next;
  });
  p.op_void("template", [&]() -> core::Result<void> {
    const bool too_big = template_text.size() > provision::kMaxTemplateBodyBytes;
    if (!too_big && !options.upload_template) return {};
    if (options.s3_bucket.empty()) {
      return core::fail("app.usage", fmt::format("the template is {} bytes, more than CloudFormation accepts inline "
                                                 "({}): give an S3 bucket for it with --s3-bucket",
                                                 template_text.size(), provision::kMaxTemplateBodyBytes));
    }
    if (noop) {
      core::log::info("noop: the template would be uploaded to s3://{}", options.s3_bucket);
      return {};
    }
    aws::s3::Client s3(session->config());
    auto up = provision::upload_template(s3, {.bucket = options.s3_bucket,
                                              .stack_name = target.stack_name,
                                              .body = template_text,
                                              .endpoint_url = session->endpoint_url(),
                                              .region = session->region()});
    if (!up) return up.failure();
    target.template_url = up->url;
    return {};
  });
  p.op("change set", [&]() -> core::Result<provision::Step> {
    if (noop && !before.stack) {
      // A CREATE change set would make a stack (REVIEW_IN_PROGRESS): --noop only says so.
      core::log::info("noop: stack {} does not exist; provision would create it", target.stack_name);
      return provision::Step::finish;
    }
    if (noop && template_text.size() > provision::kMaxTemplateBodyBytes) {
      core::log::info("noop: the template is not uploaded, so no change set can show what would change");
      return provision::Step::finish;
    }
    progress.phase("computing the change set");
    auto pl = provision::plan(*cfn, before, target, wait);
    if (!pl) return pl.failure();
    plan = std::move(*pl);
    if (plan.no_changes) {
      no_changes = true;
      return provision::Step::finish;
    }
    for (const auto& c : plan.changes) {
      core::log::info("change: {} {} ({}){}", c.action, core::terminal_safe(c.logical_resource_id, 256),
                      core::terminal_safe(c.resource_type, 256),
                      c.replacement == "True"          ? ", replaced"
                      : c.replacement == "Conditional" ? ", may be replaced"
                                                       : "");
    }
    if (noop) {
      provision::discard_plan(*cfn, plan);
      return provision::Step::finish;
    }
    progress.set_total(touched(plan));
    return provision::Step::next;
  });
  p.op(
      "execute",
      [&]() -> core::Result<provision::Step> {
        progress.phase(plan.create ? "creating" : "updating");
        InterruptGuard guard;
        provision::WaitOptions w = wait;
        bool cancelled = false;
        w.interrupted = [&] {
          if (g_interrupts.load() == 0 || cancelled) return false;
          cancelled = true;
          progress.clear();
          if (plan.create) {
            core::log::warn(
                "interrupted: a stack's creation cannot be cancelled; CloudFormation goes on (Ctrl-C "
                "again to stop watching; provision again to resume)");
          } else if (auto c = cfn->cancel_update_stack({.stack_name = plan.stack_id, .client_request_token = {}}); c) {
            core::log::warn("interrupted: cancelling the update (CancelUpdateStack); the stack rolls back");
          } else {
            core::log::warn("interrupted: CancelUpdateStack failed: {}", c.error().to_string());
          }
          return false;  // keep following the stack to its end
        };
        auto out = provision::execute_plan(*cfn, plan, w);
        if (!out) return out.failure();
        outcome = std::move(*out);
        if (!outcome.succeeded) return core::fail("provision.stack", provision::failure_text(outcome));
        return provision::Step::next;
      },
      [&] {
        // Sparta's rollback hooks: the user's chance to undo what their hooks did.
        env.service.hooks().run_rollbacks(hooks);
      });

  auto ran = p.run(&progress);
  progress.clear();
  core::log::debug("provision: {}", p.timings());
  if (!ran) return ran.failure();
  if (no_changes) {
    core::log::info("no changes: stack {} already runs this template and image", target.stack_name);
    if (before.stack) env.out << outputs_text(*before.stack);
    return finish_output(env, "provision");
  }
  if (noop) return finish_output(env, "provision");
  if (outcome.stack) {
    core::log::info("stack {} is {}", target.stack_name, outcome.stack->stack_status);
    env.out << outputs_text(*outcome.stack);
  }
  return finish_output(env, "provision");
}

}  // namespace hoplite::app
