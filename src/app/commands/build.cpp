#include "app/commands/build.hpp"

#include <unistd.h>

#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/name_checks.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/oci/dockerfile_builder.hpp"
#include "hoplite/oci/image_builder.hpp"
#include "hoplite/oci/layer_cache.hpp"
#include "hoplite/oci/layout.hpp"
#include "hoplite/oci/push.hpp"

namespace hoplite::app {
namespace {

constexpr const char* kDefaultOut = "image";

core::Result<oci::Image> build_image(CommandEnv& env, const BuildOptions& options, const std::string& binary,
                                     const std::string& build_id, const std::filesystem::path& debug_dir,
                                     oci::PushSession* session) {
  if (!options.dockerfile.empty()) {
    // A fresh private directory of our own (mkdtemp: mode 0700, never an existing one).
    std::string scratch = (std::filesystem::temp_directory_path() / "hoplite-build-XXXXXX").string();
    if (::mkdtemp(scratch.data()) == nullptr) return core::fail("io.write", "cannot create a scratch directory");
    core::PosixProcessRunner runner;
    auto img = oci::build_with_dockerfile(
        {.dockerfile = options.dockerfile, .binary = binary, .work_dir = scratch, .tag = build_id}, runner);
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
    return img;
  }
  std::string task = options.task;
  if (task.empty() && !env.service.tasks().empty()) task = env.service.tasks().front().name;
  if (!task.empty() && env.service.find_task(task) == nullptr)
    return core::fail("app.build.task", "the service has no task '" + task + "'");
  auto compression = oci::parse_compression(options.compression);
  if (!compression) return compression.failure();
  oci::ServiceImageOptions image{
      .binary = binary, .task = task, .service_name = env.service.name(), .build_id = build_id};
  if (!options.user.empty()) image.user = options.user;
  image.strip = !options.no_strip;
  image.debug_dir = debug_dir;
  image.compression = *compression;
  image.compression_level = options.compression_level;
  if (!options.no_cache) image.cache_dir = oci::default_cache_dir().value_or(std::filesystem::path());
  if (session != nullptr) {
    // Each layer goes to the registry as soon as it exists, while the next one compresses.
    image.on_layer = [session](std::size_t, const oci::Layer& l) {
      session->add({l.digest().str(), l.media_type(), l.compressed(), l.bytes_owner()});
    };
  }
  oci::ServiceImageReport report;
  auto img = oci::build_service_image(image, &report);
  if (!img) return img;
  std::string layers;
  for (std::size_t i = 0; i < report.layer_origins.size(); ++i) {
    layers += (i == 0 ? "" : ", ") + std::string(i == 0 ? "runtime " : "binary ") + report.layer_origins[i];
  }
  core::log::info("layers: {}; binary {:.1f} MB{}", layers, static_cast<double>(report.binary_bytes) / 1e6,
                  image.strip
                      ? fmt::format(", {:.1f} MB stripped", static_cast<double>(report.image_binary_bytes) / 1e6)
                      : std::string());
  if (!report.debug_file.empty()) {
    core::log::info("debug info {} {} (gdb -iex 'set debug-file-directory {}')",
                    report.debug_file_written ? "written to" : "already in", report.debug_file.string(),
                    debug_dir.string());
  } else if (image.strip && debug_dir.empty()) {
    core::log::info("the image's binary is stripped and its debug info is not kept (--debug-dir DIR keeps it)");
  }
  return img;
}

// Where the debug information goes unless --debug-dir says: beside the layout, or in the cache
// when only pushing; nowhere when neither exists.
std::filesystem::path debug_dir_for(const BuildOptions& options, const std::string& out_dir) {
  if (!options.debug_dir.empty()) return options.debug_dir;
  if (!out_dir.empty()) {
    std::filesystem::path out(out_dir);
    if (!out.has_filename()) out = out.parent_path();
    return out.string() + ".debug";
  }
  if (options.no_cache) return {};
  auto cache = oci::default_cache_dir();
  return cache ? *cache / "debug" : std::filesystem::path();
}

}  // namespace

void add_build(CLI::App& app, CommandEnv& env) {
  auto options = std::make_shared<BuildOptions>();
  CLI::App* sub = app.add_subcommand("build", "Build the service's container image; write it and/or push it");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  sub->add_option("-o,--out", options->out_dir, "Write the OCI image layout to DIR (default ./image when not pushing)")
      ->type_name("DIR");
  // Names are checked by their grammar while parsing: a bad one is a usage error before any work.
  sub->add_option("--tag", options->tag, "Tag in the layout and default push tag (default: the build id)")
      ->check(tag_problem);
  sub->add_option("--push", options->push_ref,
                  "Push to REF, e.g. 127.0.0.1:5000/svc or <acct>.dkr.ecr.<region>.amazonaws.com/svc:v1")
      ->type_name("REF")
      ->check(push_reference_problem);
  sub->add_option("--dockerfile", options->dockerfile, "Build with docker/podman/buildah from FILE instead")
      ->type_name("FILE");
  sub->add_option("--task", options->task, "Task the container runs (default: the service's first task)");
  sub->add_option("--user", options->user, "User the container runs as (default 65532:65532)")->check(user_problem);
  sub->add_option("--binary", options->binary, "Binary to package (default: this program)")->type_name("FILE");
  sub->add_flag("--insecure-registry", options->insecure, "Allow plain HTTP to a non-loopback registry");
  sub->add_option("-j,--jobs", options->concurrency, "Blobs uploaded at once (default 3)")->check(CLI::Range(1, 16));
  sub->add_option("--compression", options->compression, "Layer compression: gzip (default) or zstd")
      ->check(CLI::IsMember({"gzip", "zstd"}));
  sub->add_option("--compression-level", options->compression_level,
                  "Compression level: gzip 1-12 (default 1), zstd 1-19 (default 3)")
      ->check(CLI::Range(1, 19));
  sub->add_flag("--no-strip", options->no_strip, "Put the binary into the image as it is, debug info and all");
  sub->add_option("--debug-dir", options->debug_dir,
                  "Keep the stripped-off debug info here (default DIR.debug beside --out, or the cache)")
      ->type_name("DIR");
  sub->add_flag("--no-cache", options->no_cache, "Do not use the layer cache ($HOPLITE_CACHE_DIR, ~/.cache/hoplite)");
  env.on_run(sub, CommandKind::deploy, [&env, options] { return run_build(env, *options); });
}

int run_build(CommandEnv& env, const BuildOptions& options) {
  std::string binary = options.binary.empty() ? std::string("/proc/self/exe") : options.binary;
  const std::string build_id = env.build_id().value;
  std::string tag = options.tag.empty() ? build_id : options.tag;
  if (auto bad = tag_problem(tag); !bad.empty()) {
    core::log::error("build: the build id cannot be a tag: {}; give --tag", bad);
    return kExitUsage;
  }
  // The output directory is checked before any work: a symlink or a file there is refused.
  std::string out_dir = options.out_dir;
  if (out_dir.empty() && options.push_ref.empty()) out_dir = kDefaultOut;
  if (!out_dir.empty()) {
    if (auto usable = core::check_output_directory(out_dir); !usable) {
      core::log::error("build: {}", usable.error().to_string());
      return kExitFailure;
    }
  }

  // Sparta's pre/post-build workflow hooks. Post-build hooks find the image's digest in the
  // context's oci::Digest slot (ctx.get<oci::Digest>()); publishing comes after them.
  HookContext hooks = env.hook_context();
  if (auto pre = env.service.hooks().run_pre_build(hooks); !pre) {
    core::log::error("build: {}", pre.error().to_string());
    return kExitFailure;
  }
  // The push starts with the build: the registry is asked about each layer as soon as it exists
  // (a cached one before anything is compressed) and only the missing ones are uploaded, while
  // the next layer compresses. The manifest, which makes the image visible, comes last.
  std::optional<oci::Reference> ref;
  if (!options.push_ref.empty()) {
    auto parsed = oci::Reference::parse(options.push_ref);
    if (!parsed) {
      core::log::error("build: {}", parsed.error().to_string());
      return kExitUsage;
    }
    ref = std::move(*parsed);
    if (ref->tag.empty() && ref->digest.empty()) ref = ref->with_tag(tag);
  }
  auto progress = oci::make_progress(env.globals.log_format == core::log::Format::json);
  std::unique_ptr<oci::PushSession> session;
  if (ref) {
    oci::PushOptions push_options{.registry = {.insecure = options.insecure},
                                  .timeout = env.globals.timeout,
                                  .concurrency = options.concurrency,
                                  .progress = progress.get()};
    // One CurlClient per worker: each keeps its own connections open for the whole push.
    auto opened = oci::PushSession::open(
        *ref, [] { return std::make_unique<http::CurlClient>(); }, push_options);
    if (!opened) {
      core::log::error("build: {}", opened.error().to_string());
      return kExitFailure;
    }
    session = std::move(*opened);
  }
  auto img = build_image(env, options, binary, build_id, debug_dir_for(options, out_dir),
                         options.dockerfile.empty() ? session.get() : nullptr);
  if (!img) {
    core::log::error("build: {}", img.error().context("building the image").to_string());
    return kExitFailure;
  }
  core::log::info("built image {} ({} layers)", img->digest().str(), img->layers().size());
  hooks.set(img->digest());
  if (auto post = env.service.hooks().run_post_build(hooks); !post) {
    core::log::error("build: {}", post.error().to_string());
    return kExitFailure;
  }

  if (!out_dir.empty()) {
    if (auto written = oci::write_layout(*img, out_dir, tag); !written) {
      core::log::error("build: {}", written.error().context("writing the layout to " + out_dir).to_string());
      return kExitFailure;
    }
    core::log::info("wrote oci:{}:{}", out_dir, tag);
    if (options.push_ref.empty()) env.out << img->digest().str() << '\n';
  }

  if (session) {
    if (!options.dockerfile.empty()) {
      for (const auto& l : img->layers())
        session->add({l.digest().str(), l.media_type(), l.compressed(), l.bytes_owner()});
    }
    session->add({img->config_descriptor().digest.str(), img->config_descriptor().media_type, img->config_bytes(), {}});
    auto pushed = session->finish(img->manifest_bytes(), img->manifest_media_type());
    if (!pushed) {
      core::log::error("build: {}", pushed.error().to_string());
      return kExitFailure;
    }
    core::log::info("pushed {} ({} uploaded, {} already there, {} mounted)", ref->to_string(), pushed->blobs_uploaded,
                    pushed->blobs_existing, pushed->blobs_mounted);
    env.out << pushed->reference.to_string() << '\n';
  }
  return finish_output(env, "build");
}

}  // namespace hoplite::app
