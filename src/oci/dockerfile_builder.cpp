#include "hoplite/oci/dockerfile_builder.hpp"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <system_error>

#include "hoplite/oci/host_file.hpp"
#include "hoplite/oci/layout.hpp"
#include "hoplite/oci/unpack.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;
constexpr auto kBuildTimeout = std::chrono::minutes(30);

// A directory this build created (never one that was there before), removed however the build
// ends.
class ScratchDir {
 public:
  ScratchDir() = default;
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  /// Creates a fresh `<parent>/<prefix>XXXXXX` (mkdtemp: it cannot already exist).
  core::Result<fs::path> create(const fs::path& parent, const std::string& prefix) {
    std::string pattern = (parent / (prefix + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
      return core::fail("io.write",
                        "cannot create a scratch directory in " + parent.string() + ": " + std::strerror(errno));
    dir_ = pattern;
    return dir_;
  }

 private:
  fs::path dir_;
};

// podman refuses a --runroot longer than 50 characters (it holds sockets); the work dir may be
// under a long TMPDIR, so the runroot gets a short private directory of its own under /tmp.
constexpr std::size_t kMaxRunrootLength = 50;

std::string tail(const std::string& s, std::size_t n = 2000) {
  return s.size() <= n ? s : "…" + s.substr(s.size() - n);
}

std::string join(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

core::Result<void> run_step(core::ProcessRunner& runner, ContainerBuilder builder, std::vector<std::string> argv,
                            const fs::path& cwd) {
  std::string shown = join(argv);
  auto r = runner.run({.argv = std::move(argv), .cwd = cwd, .timeout = kBuildTimeout});
  if (!r) return r.failure(std::string("running ") + to_string(builder));
  if (r->exit_code != 0 || r->timed_out) {
    std::string why = r->timed_out ? "timed out" : "exited with code " + std::to_string(r->exit_code);
    std::string err = tail(r->err.empty() ? r->out : r->err);
    return core::fail("oci.builder.failed", "`" + shown + "` " + why + (err.empty() ? "" : ":\n" + err));
  }
  return core::ok();
}

// Unpacks `docker save` output (an OCI layout in a tar since Docker 25) into `dir`, with the
// in-house reader: every entry stays inside `dir`, and the size caps apply.
core::Result<void> extract_docker_save(const fs::path& tar, const fs::path& dir) {
  auto file = HostFile::open(tar);
  if (!file) return file.failure();
  HostFileSource in(*file);
  auto r = oci::extract_tar(in, dir, {.whiteouts = false});
  if (!r) return r.failure("extracting " + tar.string());
  return core::ok();
}

}  // namespace

const char* to_string(ContainerBuilder builder) {
  switch (builder) {
    case ContainerBuilder::kDocker:
      return "docker";
    case ContainerBuilder::kPodman:
      return "podman";
    case ContainerBuilder::kBuildah:
      return "buildah";
  }
  return "?";
}

core::Result<ContainerBuilder> find_container_builder(core::ProcessRunner& runner, const ProgramLookup& lookup) {
  std::string docker_note;
  if (auto docker = lookup("docker")) {
    auto r = runner.run({.argv = {docker->string(), "version", "--format", "{{.Server.Version}}"},
                         .timeout = std::chrono::seconds(20)});
    if (r && r->exit_code == 0) return ContainerBuilder::kDocker;
    docker_note = " (docker is installed but its daemon does not answer)";
  }
  if (lookup("podman")) return ContainerBuilder::kPodman;
  if (lookup("buildah")) return ContainerBuilder::kBuildah;
  return core::fail("oci.builder.missing",
                    "building from a Dockerfile needs docker, podman or buildah, and none is usable" + docker_note +
                        "; install one, or drop the Dockerfile and let hoplite build the image itself");
}

core::Result<Image> build_with_dockerfile(const DockerfileBuildOptions& options, core::ProcessRunner& runner,
                                          const ProgramLookup& lookup) {
  std::error_code ec;
  if (options.dockerfile.empty() || !fs::is_regular_file(options.dockerfile, ec)) {
    return core::fail("oci.build", "Dockerfile '" + options.dockerfile.string() + "' does not exist");
  }
  if (options.binary.empty() || !fs::is_regular_file(options.binary, ec)) {
    return core::fail("oci.build", "service binary '" + options.binary.string() + "' does not exist");
  }
  if (options.work_dir.empty()) return core::fail("oci.build", "no work directory given for the Dockerfile build");
  if (options.tag.empty()) return core::fail("oci.build", "the layout tag must not be empty");

  ContainerBuilder builder{};
  if (options.builder) {
    builder = *options.builder;
    if (!lookup(to_string(builder))) {
      return core::fail("oci.builder.missing", std::string(to_string(builder)) + " was asked for but is not installed");
    }
  } else {
    auto found = find_container_builder(runner, lookup);
    if (!found) return found.failure();
    builder = *found;
  }

  const fs::path dockerfile = fs::absolute(options.dockerfile);
  const fs::path context = fs::weakly_canonical(options.context.empty() ? dockerfile.parent_path() : options.context);
  const fs::path work = fs::absolute(options.work_dir);
  const fs::path layout = work / "layout";
  const fs::path storage = work / "storage";
  fs::remove_all(layout, ec);  // a fresh layout: nothing stale from an earlier build
  fs::create_directories(work, ec);
  if (ec) return core::fail("io.write", "creating " + work.string() + ": " + ec.message());

  // HOPLITE_BINARY is relative to the context (COPY only sees the context). A binary outside it is
  // copied into a fresh directory of our own in the context (`.hoplite-build-XXXXXX`, never a
  // directory the user has) for the build, and that directory is removed afterwards.
  ScratchDir copy;
  fs::path binary = fs::canonical(options.binary, ec);
  fs::path rel = binary.lexically_relative(context);
  if (rel.empty() || *rel.begin() == "..") {
    auto dir = copy.create(context, ".hoplite-build-");
    if (!dir) return dir.failure("preparing the build context");
    if (!fs::copy_file(binary, *dir / binary.filename(), fs::copy_options::none, ec)) {
      return core::fail("io.write", "copying the binary into the build context: " + ec.message());
    }
    rel = dir->filename() / binary.filename();
  }

  const std::string image = "localhost/hoplite-build:" + options.tag;
  std::vector<std::string> args = {"-f", dockerfile.string(), "--build-arg", "HOPLITE_BINARY=" + rel.generic_string()};
  for (const auto& [k, v] : options.build_args) {
    args.push_back("--build-arg");
    args.push_back(k + "=" + v);
  }
  args.push_back("-t");
  args.push_back(image);
  args.push_back(context.string());

  const std::string prog = to_string(builder);
  if (builder == ContainerBuilder::kDocker) {
    std::vector<std::string> build = {prog, "build"};
    build.insert(build.end(), args.begin(), args.end());
    if (auto r = run_step(runner, builder, build, context); !r) return r.failure();
    fs::path tar = work / "image.tar";
    if (auto r = run_step(runner, builder, {prog, "save", "-o", tar.string(), image}, context); !r) return r.failure();
    fs::create_directories(layout, ec);
    if (auto r = extract_docker_save(tar, layout); !r) return r.failure("unpacking docker save output");
    fs::remove(tar, ec);
    if (!fs::exists(layout / "index.json")) {
      return core::fail("oci.builder.failed",
                        "`docker save` wrote no OCI layout (index.json); Docker 25 or newer is needed");
    }
    auto img = read_layout(layout, options.tag);
    if (!img) img = read_layout(layout);
    return img;
  }

  // podman and buildah: daemonless, with their own vfs storage under the work dir so no system
  // state is touched; chroot isolation lets RUN steps work without extra privileges.
  ScratchDir short_runroot;
  fs::path runroot = storage / "runroot";
  if (runroot.string().size() > kMaxRunrootLength) {
    auto dir = short_runroot.create("/tmp", "hoplite-rr-");
    if (!dir) return dir.failure("preparing podman's run root");
    runroot = *dir;
  }
  std::vector<std::string> global = {
      prog, "--root", (storage / "root").string(), "--runroot", runroot.string(), "--storage-driver", "vfs"};
  std::vector<std::string> build = global;
  build.insert(build.end(),
               {builder == ContainerBuilder::kBuildah ? "bud" : "build", "--format", "oci", "--isolation", "chroot"});
  build.insert(build.end(), args.begin(), args.end());
  if (auto r = run_step(runner, builder, build, context); !r) return r.failure();
  std::vector<std::string> push = global;
  push.insert(push.end(), {"push", image, "oci:" + layout.string() + ":" + options.tag});
  if (auto r = run_step(runner, builder, push, context); !r) return r.failure();
  fs::remove_all(storage, ec);  // vfs storage holds a full copy of every layer: do not keep it
  return read_layout(layout, options.tag);
}

}  // namespace hoplite::oci
