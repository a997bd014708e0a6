// `servicefull build --push` against a real docker-registry, checked with skopeo, umoci and crun.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "fakes/fault_proxy.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/oci/auth.hpp"
#include "hoplite/oci/layout.hpp"
#include "hoplite/oci/unpack.hpp"
#include "integration/tools.hpp"

namespace hoplite::integration {
namespace {

using testing::FaultProxy;
using testing::TempDir;

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

/// Unpacks the layout's image with umoci and runs it with crun (TESTING-TOOLS.md workaround);
/// returns what the container printed, or nullopt with `why` when crun cannot run here.
std::optional<std::string> run_container(const std::filesystem::path& layout, const std::string& tag,
                                         const std::filesystem::path& work, std::string& why) {
  auto bundle = work / "bundle";
  auto unpack = run({"umoci", "unpack", "--image", layout.string() + ":" + tag, bundle.string()});
  if (unpack.exit_code != 0) {
    why = "umoci unpack failed: " + unpack.err;
    return std::nullopt;
  }
  auto config = nlohmann::json::parse(core::read_file(bundle / "config.json").value());
  config["process"]["terminal"] = false;
  std::ofstream(bundle / "config.json") << config.dump();
  std::string cmd = "umount /sys/fs/cgroup/unified 2>/dev/null; exec crun --root " + (work / "crun").string() +
                    " --cgroup-manager=disabled run --bundle " + bundle.string() + " hoplite-e2e-" +
                    std::to_string(::getpid()) + "-" + std::to_string(free_port());
  auto r = run({"unshare", "-m", "--propagation", "private", "sh", "-c", cmd});
  if (r.exit_code != 0) {
    why = "crun exited " + std::to_string(r.exit_code) + ": " + r.err;
    return std::nullopt;
  }
  return r.out;
}

class PushE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    if (servicefull().empty()) GTEST_SKIP() << "the servicefull example was not built";
  }
  core::ProcessResult build_push(const std::string& ref, std::map<std::string, std::string> env = {},
                                 const std::vector<std::string>& extra = {}) {
    env.emplace("DOCKER_CONFIG", (dir_ / "docker").string());
    env.emplace("HOPLITE_CACHE_DIR", (dir_ / "cache").string());
    std::vector<std::string> argv{servicefull(), "build", "--push", ref, "--build-id", "e2e"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run(argv, env, dir_.path());
  }
  TempDir dir_;
};

TEST_F(PushE2E, AnonymousPushIsInspectedCopiedUnpackedAndRuns) {
  RegistryServer registry(dir_ / "registry");
  auto pushed = build_push(registry.host() + "/servicefull:v1");
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  std::string ref = trimmed(pushed.out);
  ASSERT_TRUE(ref.starts_with(registry.host() + "/servicefull@sha256:")) << ref;
  std::string digest = ref.substr(ref.find('@') + 1);

  auto inspect = run({"skopeo", "inspect", "--tls-verify=false", "docker://" + registry.host() + "/servicefull:v1"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  auto info = nlohmann::json::parse(inspect.out);
  EXPECT_EQ(info["Digest"], digest);
  EXPECT_EQ(info["Architecture"], "amd64");
  EXPECT_EQ(info["Os"], "linux");
  EXPECT_EQ(info["Labels"]["org.opencontainers.image.revision"], "e2e");
  EXPECT_EQ(info["Labels"]["org.opencontainers.image.title"], "ServicefulStepFunction");

  auto cfg = run({"skopeo", "inspect", "--tls-verify=false", "--config", "docker://" + ref});
  ASSERT_EQ(cfg.exit_code, 0) << cfg.err;
  auto config = nlohmann::json::parse(cfg.out)["config"];
  EXPECT_EQ(config["Entrypoint"], (nlohmann::json{"/app/service"}));
  EXPECT_EQ(config["Cmd"], (nlohmann::json{"fargateTask"}));
  EXPECT_EQ(config["User"], "65532:65532");

  auto raw = run({"skopeo", "inspect", "--tls-verify=false", "--raw", "docker://" + ref});
  ASSERT_EQ(raw.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(raw.out)["mediaType"], "application/vnd.oci.image.manifest.v1+json");

  auto layout = dir_ / "copied";
  auto copy = run({"skopeo", "--policy", skopeo_policy(dir_.path()).string(), "copy", "--src-tls-verify=false",
                   "docker://" + ref, "oci:" + layout.string() + ":v1"});
  ASSERT_EQ(copy.exit_code, 0) << copy.err;
  std::string why;
  auto out = run_container(layout, "v1", dir_.path(), why);
  if (!out) GTEST_SKIP() << "cannot run containers on this machine: " << why;
  EXPECT_EQ(*out, "Insert your Fargate code here! 🎉\n");
}

TEST_F(PushE2E, BasicAuthFromDockerConfigAndWrongPasswordIsAClear401) {
  RegistryServer registry(dir_ / "registry", std::pair<std::string, std::string>{"alice", "correct-horse"});
  std::filesystem::create_directories(dir_ / "docker");
  auto write_config = [&](const std::string& password) {
    std::ofstream(dir_ / "docker/config.json") << R"({"auths":{")" << registry.host() << R"(":{"auth":")"
                                               << core::base64_encode("alice:" + password) << R"("}}})";
  };
  write_config("battery-staple");
  auto refused = build_push(registry.host() + "/servicefull:v1");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("registry " + registry.host() + " refused the credentials of user 'alice' (401"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(refused.err.find("battery-staple"), std::string::npos) << "the password never shows";
  EXPECT_EQ(refused.out, "");
  EXPECT_EQ(manifest_status(registry.host(), "servicefull", "v1", "alice:correct-horse"), 404);

  write_config("correct-horse");
  auto pushed = build_push(registry.host() + "/servicefull:v1");
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  EXPECT_TRUE(trimmed(pushed.out).starts_with(registry.host() + "/servicefull@sha256:"));
  auto inspect = run({"skopeo", "inspect", "--tls-verify=false", "--creds", "alice:correct-horse",
                      "docker://" + registry.host() + "/servicefull:v1"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_EQ(nlohmann::json::parse(inspect.out)["Digest"],
            trimmed(pushed.out).substr(trimmed(pushed.out).find('@') + 1));

  auto layout = dir_ / "copied";
  auto copy =
      run({"skopeo", "--policy", skopeo_policy(dir_.path()).string(), "copy", "--src-tls-verify=false", "--src-creds",
           "alice:correct-horse", "docker://" + registry.host() + "/servicefull:v1", "oci:" + layout.string() + ":v1"});
  ASSERT_EQ(copy.exit_code, 0) << copy.err;
  std::string why;
  auto out = run_container(layout, "v1", dir_.path(), why);
  if (!out) GTEST_SKIP() << "cannot run containers on this machine: " << why;
  EXPECT_EQ(*out, "Insert your Fargate code here! 🎉\n");
}

TEST_F(PushE2E, SecondPushOfTheSameImageUploadsNoBlob) {
  RegistryServer registry(dir_ / "registry");
  FaultProxy proxy(registry.port());
  std::string target = "127.0.0.1:" + std::to_string(proxy.port()) + "/servicefull:v1";
  auto first = build_push(target);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_GE(proxy.count("PUT", "/blobs/uploads/"), 3) << "config and two layers uploaded the first time";
  proxy.clear_log();

  auto second = build_push(target);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(trimmed(second.out), trimmed(first.out));
  EXPECT_EQ(proxy.count("POST", "/blobs/uploads/"), 0);
  EXPECT_EQ(proxy.count("PATCH"), 0);
  EXPECT_EQ(proxy.count("PUT", "/blobs/"), 0);
  EXPECT_GE(proxy.count("HEAD", "/blobs/sha256:"), 3);
  EXPECT_EQ(proxy.count("PUT", "/manifests/v1"), 1);
  // The registry agrees: its access log has no upload after the first manifest.
  std::string log = registry.log();
  auto first_manifest = log.find("PUT /v2/servicefull/manifests/v1");
  ASSERT_NE(first_manifest, std::string::npos);
  EXPECT_EQ(log.find("POST /v2/servicefull/blobs/uploads/", first_manifest), std::string::npos);
}

}  // namespace
}  // namespace hoplite::integration

namespace hoplite::integration {
namespace {

// zstd layers end to end: pushed by hoplite, read back by skopeo, then unpacked by hoplite's
// own unpack (umoci 0.4.7 cannot read zstd) and run by crun as the image's user.
TEST_F(PushE2E, ZstdImageIsCopiedBySkopeoAndRunsFromOurOwnUnpack) {
  RegistryServer registry(dir_ / "registry");
  auto pushed = build_push(registry.host() + "/servicefull:zstd", {}, {"--compression", "zstd"});
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  std::string ref = trimmed(pushed.out);
  auto raw = run({"skopeo", "inspect", "--tls-verify=false", "--raw", "docker://" + ref});
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  for (const auto& l : nlohmann::json::parse(raw.out)["layers"]) {
    EXPECT_EQ(l["mediaType"], "application/vnd.oci.image.layer.v1.tar+zstd");
  }
  auto layout = dir_ / "copied";
  auto copy = run({"skopeo", "--policy", skopeo_policy(dir_.path()).string(), "copy", "--src-tls-verify=false",
                   "docker://" + ref, "oci:" + layout.string() + ":zstd"});
  ASSERT_EQ(copy.exit_code, 0) << copy.err;
  auto img = oci::read_layout(layout, "zstd");
  ASSERT_TRUE(img) << img.error().to_string();
  ASSERT_TRUE(oci::validate(*img)) << oci::validate(*img).error().to_string();

  if (::geteuid() != 0) GTEST_SKIP() << "unpacking a root filesystem and crun run as root here";
  auto bundle = dir_ / "bundle";
  std::filesystem::create_directories(bundle / "rootfs");
  auto unpacked = oci::unpack_image(*img, bundle / "rootfs", {.preserve_owner = true});
  ASSERT_TRUE(unpacked) << unpacked.error().to_string();
  EXPECT_EQ(unpacked->skipped, 0u);
  auto spec = run({"crun", "spec"}, {}, bundle);
  ASSERT_EQ(spec.exit_code, 0) << spec.err;
  auto config = nlohmann::json::parse(core::read_file(bundle / "config.json").value());
  config["process"]["terminal"] = false;
  config["process"]["args"] = {"/app/service", "fargateTask"};
  config["process"]["user"] = {{"uid", 65532}, {"gid", 65532}};
  config["root"]["readonly"] = false;
  ASSERT_TRUE(core::write_file_atomic(bundle / "config.json", config.dump()));
  std::string cmd = "umount /sys/fs/cgroup/unified 2>/dev/null; exec crun --root " + (dir_ / "crun").string() +
                    " --cgroup-manager=disabled run --bundle " + bundle.string() + " hoplite-zstd-" +
                    std::to_string(::getpid()) + "-" + std::to_string(free_port());
  auto r = run({"unshare", "-m", "--propagation", "private", "sh", "-c", cmd});
  if (r.exit_code != 0 && r.err.find("cgroup") != std::string::npos) GTEST_SKIP() << "crun cannot run here: " << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Insert your Fargate code here! 🎉\n");
}

// The layer cache makes a no-change push read no input: both layers come from it unchanged.
TEST_F(PushE2E, ANoChangePushTakesBothLayersFromTheCache) {
  RegistryServer registry(dir_ / "registry");
  ASSERT_EQ(build_push(registry.host() + "/servicefull:v1").exit_code, 0);
  auto again = build_push(registry.host() + "/servicefull:v1");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("layers: runtime cached (same files), binary cached (same files)"), std::string::npos)
      << again.err;
  EXPECT_NE(again.err.find("(0 uploaded, 3 already there, 0 mounted)"), std::string::npos) << again.err;
}

}  // namespace
}  // namespace hoplite::integration
