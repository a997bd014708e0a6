#include "hoplite/oci/dockerfile_builder.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "hoplite/oci/layer_writer.hpp"
#include "hoplite/oci/layout.hpp"
#include "test_util.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;
using hoplite::testing::TempDir;

// Records what would be run; for a push to `oci:DIR:TAG` it writes a real layout there, as the
// builder would, so the read-back path is exercised too.
class FakeRunner : public core::ProcessRunner {
 public:
  core::Result<core::ProcessResult> run(const core::ProcessSpec& spec) override {
    calls.push_back(spec.argv);
    core::ProcessResult r;
    r.exit_code = fail_on.empty() || spec.argv.size() < 2 ||
                          std::find(spec.argv.begin(), spec.argv.end(), fail_on) == spec.argv.end()
                      ? 0
                      : 1;
    if (r.exit_code != 0) r.err = "STEP 2/3: COPY failed: no such file\n";
    // `docker save -o FILE IMAGE`: a tar of an OCI layout, as Docker 25+ writes it.
    auto save = std::find(spec.argv.begin(), spec.argv.end(), "save");
    if (r.exit_code == 0 && save != spec.argv.end() && save + 2 < spec.argv.end() && *(save + 1) == "-o") {
      TempDir scratch;
      LayerWriter w({.mtime = 0});
      w.add_file("/app/service", "built by docker", 0555);
      EXPECT_TRUE(write_layout(Image::create({}, {w.finish()}), scratch.path(), docker_save_tag));
      LayerWriter tar({.mtime = 0, .compression = Compression::kNone});
      for (const auto& e : fs::recursive_directory_iterator(scratch.path())) {
        if (e.is_regular_file())
          tar.add_file(fs::relative(e.path(), scratch.path()).string(), core::read_file(e.path()).value());
      }
      EXPECT_TRUE(core::write_file_atomic(*(save + 2), tar.tar()));
    }
    for (const auto& a : spec.argv) {
      if (r.exit_code == 0 && a.rfind("oci:", 0) == 0) {
        auto last = a.rfind(':');
        LayerWriter w({.mtime = 0});
        w.add_file("/app/service", "built by a builder", 0555);
        EXPECT_TRUE(write_layout(Image::create({}, {w.finish()}), a.substr(4, last - 4), a.substr(last + 1)));
      }
    }
    return r;
  }
  std::vector<std::vector<std::string>> calls;
  std::string fail_on;                 // exit 1 for the call whose argv contains this word
  std::string docker_save_tag = "v1";  // ref.name in the layout `docker save` writes
};

/// The argument that starts with `prefix`, or "".
std::string arg_starting(const std::vector<std::string>& argv, std::string_view prefix) {
  for (const auto& a : argv)
    if (a.starts_with(prefix)) return a;
  return {};
}

/// True when nothing named `.hoplite-build-*` is left in `dir`.
bool no_scratch_left(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().starts_with(".hoplite-build-")) return false;
  return true;
}

ProgramLookup only(std::set<std::string> installed) {
  return [installed](const std::string& p) -> std::optional<fs::path> {
    if (installed.count(p)) return fs::path("/usr/bin") / p;
    return std::nullopt;
  };
}

struct Project {
  TempDir dir;
  Project() {
    fs::create_directories(dir / "ctx");
    EXPECT_TRUE(core::write_file_atomic(dir / "ctx" / "Dockerfile",
                                        "FROM scratch\nARG HOPLITE_BINARY\nCOPY ${HOPLITE_BINARY} /app/service\n"));
    EXPECT_TRUE(core::write_file_atomic(dir / "svc", "binary", 0755));
  }
  DockerfileBuildOptions options() const {
    return {.dockerfile = dir / "ctx" / "Dockerfile", .binary = dir / "svc", .work_dir = dir / "work", .tag = "v1"};
  }
};

TEST(DockerfileBuilder, NamesAllThreeBuildersWhenNoneIsInstalled) {
  FakeRunner runner;
  Project p;
  auto r = build_with_dockerfile(p.options(), runner, only({}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "oci.builder.missing");
  for (const char* b : {"docker", "podman", "buildah"}) EXPECT_NE(r.error().message.find(b), std::string::npos) << b;
  EXPECT_TRUE(runner.calls.empty());
}

TEST(DockerfileBuilder, WithAnEmptyPathTheRealLookupFindsNothing) {
  const char* old = ::getenv("PATH");
  std::string saved = old ? old : "";
  ::setenv("PATH", "", 1);
  FakeRunner runner;
  auto r = find_container_builder(runner);
  ::setenv("PATH", saved.c_str(), 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "oci.builder.missing");
}

TEST(DockerfileBuilder, PrefersDockerOnlyWhenItsDaemonAnswers) {
  FakeRunner runner;
  EXPECT_EQ(find_container_builder(runner, only({"docker", "podman", "buildah"})).value(), ContainerBuilder::kDocker);
  ASSERT_EQ(runner.calls.size(), 1u);
  EXPECT_EQ(runner.calls[0][1], "version");
  runner.fail_on = "version";  // CLI installed, daemon down
  EXPECT_EQ(find_container_builder(runner, only({"docker", "podman", "buildah"})).value(), ContainerBuilder::kPodman);
  EXPECT_EQ(find_container_builder(runner, only({"docker", "buildah"})).value(), ContainerBuilder::kBuildah);
  auto none = find_container_builder(runner, only({"docker"}));
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("daemon does not answer"), std::string::npos);
}

TEST(DockerfileBuilder, BuildahBuildsWithTheBinaryAsBuildArgAndExportsALayout) {
  FakeRunner runner;
  Project p;
  auto o = p.options();
  o.build_args = {{"EXTRA", "1"}};
  auto img = build_with_dockerfile(o, runner, only({"buildah"}));
  ASSERT_TRUE(img) << img.error().to_string();
  ASSERT_EQ(runner.calls.size(), 2u);
  const auto& bud = runner.calls[0];
  auto has = [&](const std::vector<std::string>& argv, const std::string& a) {
    return std::find(argv.begin(), argv.end(), a) != argv.end();
  };
  EXPECT_EQ(bud[0], "buildah");
  EXPECT_TRUE(has(bud, "bud"));
  EXPECT_TRUE(has(bud, "vfs"));
  EXPECT_TRUE(has(bud, "oci"));
  // The binary lies outside the context: it is passed through a copy in a fresh scratch directory.
  std::string binary_arg = arg_starting(bud, "HOPLITE_BINARY=");
  EXPECT_TRUE(binary_arg.starts_with("HOPLITE_BINARY=.hoplite-build-")) << binary_arg;
  EXPECT_TRUE(binary_arg.ends_with("/svc")) << binary_arg;
  EXPECT_TRUE(has(bud, "EXTRA=1"));
  EXPECT_EQ(bud.back(), fs::weakly_canonical(p.dir / "ctx").string());
  EXPECT_TRUE(has(runner.calls[1], "push"));
  EXPECT_TRUE(has(runner.calls[1], "oci:" + (fs::absolute(p.dir / "work") / "layout").string() + ":v1"));
  EXPECT_TRUE(no_scratch_left(p.dir / "ctx")) << "the temporary copy must be removed";
  EXPECT_TRUE(validate(*img));
  EXPECT_EQ(read_layout(p.dir / "work" / "layout", "v1")->digest(), img->digest());
}

TEST(DockerfileBuilder, DockerBuildsThenSavesAnOciLayoutThatIsUnpackedAndRead) {
  FakeRunner runner;
  Project p;
  auto img = build_with_dockerfile(p.options(), runner, only({"docker", "buildah"}));
  ASSERT_TRUE(img) << img.error().to_string();
  ASSERT_EQ(runner.calls.size(), 3u);  // version (daemon check), build, save
  EXPECT_EQ(runner.calls[1][1], "build");
  EXPECT_TRUE(arg_starting(runner.calls[1], "HOPLITE_BINARY=").starts_with("HOPLITE_BINARY=.hoplite-build-"));
  EXPECT_EQ(runner.calls[2][1], "save");
  EXPECT_TRUE(validate(*img));
  EXPECT_FALSE(fs::exists(p.dir / "work" / "image.tar")) << "the saved tar is removed once unpacked";
  // Docker names the tag after the image; a layout with one image is read whatever its tag.
  runner.docker_save_tag = "latest";
  auto other = build_with_dockerfile(p.options(), runner, only({"docker"}));
  ASSERT_TRUE(other) << other.error().to_string();
}

TEST(DockerfileBuilder, ABinaryInsideTheContextIsPassedByItsRelativePath) {
  FakeRunner runner;
  Project p;
  fs::create_directories(p.dir / "ctx" / "build");
  fs::copy_file(p.dir / "svc", p.dir / "ctx" / "build" / "svc");
  auto o = p.options();
  o.binary = p.dir / "ctx" / "build" / "svc";
  ASSERT_TRUE(build_with_dockerfile(o, runner, only({"podman"})));
  const auto& build = runner.calls[0];
  EXPECT_EQ(build[0], "podman");
  EXPECT_NE(std::find(build.begin(), build.end(), "HOPLITE_BINARY=build/svc"), build.end());
}

TEST(DockerfileBuilder, ABuildFailureCarriesTheBuildersMessage) {
  FakeRunner runner;
  runner.fail_on = "bud";
  Project p;
  auto r = build_with_dockerfile(p.options(), runner, only({"buildah"}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "oci.builder.failed");
  EXPECT_NE(r.error().message.find("COPY failed"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("exited with code 1"), std::string::npos) << r.error().message;
  EXPECT_EQ(runner.calls.size(), 1u);  // nothing pushed after a failed build
  EXPECT_TRUE(no_scratch_left(p.dir / "ctx"));
}

TEST(DockerfileBuilder, TheUsersOwnDotHopliteDirectorySurvivesTheBuild) {
  // Issue 12: the build used <context>/.hoplite/ as scratch space and deleted it afterwards.
  FakeRunner runner;
  Project p;
  fs::create_directories(p.dir / "ctx" / ".hoplite");
  ASSERT_TRUE(core::write_file_atomic(p.dir / "ctx" / ".hoplite" / "notes.txt", "mine"));
  ASSERT_TRUE(build_with_dockerfile(p.options(), runner, only({"buildah"})));
  EXPECT_EQ(core::read_file(p.dir / "ctx" / ".hoplite" / "notes.txt").value(), "mine");
  runner.fail_on = "bud";
  ASSERT_FALSE(build_with_dockerfile(p.options(), runner, only({"buildah"})));
  EXPECT_EQ(core::read_file(p.dir / "ctx" / ".hoplite" / "notes.txt").value(), "mine");
}

TEST(DockerfileBuilder, PodmansRunRootStaysShortUnderALongWorkDirectory) {
  FakeRunner runner;
  Project p;
  auto o = p.options();
  o.work_dir = p.dir / std::string(60, 'w');
  ASSERT_TRUE(build_with_dockerfile(o, runner, only({"podman"})));
  const auto& build = runner.calls[0];
  auto it = std::find(build.begin(), build.end(), "--runroot");
  ASSERT_NE(it, build.end());
  EXPECT_LE((it + 1)->size(), 50u) << *(it + 1);
  EXPECT_FALSE(fs::exists(*(it + 1))) << "the short run root is removed afterwards";
  // A short work directory keeps its run root inside it.
  char short_dir[] = "/tmp/hwXXXXXX";
  ASSERT_NE(::mkdtemp(short_dir), nullptr);
  FakeRunner again;
  auto short_work = p.options();
  short_work.work_dir = short_dir;
  ASSERT_TRUE(build_with_dockerfile(short_work, again, only({"podman"})));
  EXPECT_EQ(*(std::find(again.calls[0].begin(), again.calls[0].end(), "--runroot") + 1),
            std::string(short_dir) + "/storage/runroot");
  fs::remove_all(short_dir);
}

TEST(DockerfileBuilder, SaysWhichInputIsMissing) {
  FakeRunner runner;
  Project p;
  auto o = p.options();
  o.dockerfile = p.dir / "nope";
  EXPECT_NE(build_with_dockerfile(o, runner, only({"buildah"})).error().message.find("Dockerfile"), std::string::npos);
  o = p.options();
  o.binary = p.dir / "nope";
  EXPECT_NE(build_with_dockerfile(o, runner, only({"buildah"})).error().message.find("binary"), std::string::npos);
  o = p.options();
  o.builder = ContainerBuilder::kPodman;
  auto r = build_with_dockerfile(o, runner, only({"buildah"}));
  EXPECT_EQ(r.error().code, "oci.builder.missing");
  EXPECT_NE(r.error().message.find("podman"), std::string::npos);
}

// The real thing, where buildah is installed: a FROM scratch Dockerfile around the static test
// program; the result must be a valid image whose layer holds exactly our binary.
TEST(DockerfileBuilder, RealBuildahBuildsFromScratch) {
  if (!testing::have_tool("buildah")) GTEST_SKIP() << "buildah is not installed";
  Project p;
  ASSERT_TRUE(core::write_file_atomic(p.dir / "ctx" / "Dockerfile",
                                      "FROM scratch\nARG HOPLITE_BINARY\nCOPY ${HOPLITE_BINARY} /app/service\n"
                                      "ENTRYPOINT [\"/app/service\"]\nCMD [\"fargateTask\"]\n"));
  auto o = p.options();
  o.binary = HOPLITE_OCI_HELLO_STATIC;
  core::PosixProcessRunner runner;
  auto img = build_with_dockerfile(o, runner);
  ASSERT_TRUE(img) << img.error().to_string();
  EXPECT_TRUE(validate(*img)) << validate(*img).error().to_string();
  EXPECT_EQ(img->config().config.entrypoint, std::vector<std::string>{"/app/service"});
  EXPECT_EQ(img->config().config.cmd, std::vector<std::string>{"fargateTask"});
  std::string binary = core::read_file(HOPLITE_OCI_HELLO_STATIC).value();
  bool found = false;
  for (const auto& l : img->layers()) {
    for (const auto& e : testing::read_tar(uncompressed_tar(l).value())) {
      if (e.path == "app/service") found = e.data == binary;
    }
  }
  EXPECT_TRUE(found) << "the layer must hold the binary passed as HOPLITE_BINARY";
  EXPECT_FALSE(fs::exists(p.dir / "work" / "storage")) << "builder storage is removed after the build";
}

}  // namespace
}  // namespace hoplite::oci
