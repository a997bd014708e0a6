#include "hoplite/oci/image_builder.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "hoplite/oci/elf.hpp"
#include "hoplite/oci/layout.hpp"
#include "test_util.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;
using hoplite::testing::TempDir;
using testing::read_tar;
using testing::schema_errors;

ServiceImageOptions options_for(const fs::path& binary) {
  return {.binary = binary,
          .task = "fargateTask",
          .service_name = "hello-service",
          .build_id = "0123abcd",
          .version = "1.2.3",
          .source_date_epoch = std::nullopt};
}

std::set<std::string> paths_in(const Layer& l) {
  std::set<std::string> out;
  for (const auto& e : read_tar(uncompressed_tar(l).value())) out.insert(e.path);
  return out;
}

// Restores the working directory and the variables a test changes.
class ScopedProcessState {
 public:
  ScopedProcessState() : cwd_(fs::current_path()) {
    for (const char* v : {"USER", "HOME", "LOGNAME", "TZ", "SOURCE_DATE_EPOCH"}) {
      if (const char* s = ::getenv(v)) saved_[v] = s;
    }
  }
  ~ScopedProcessState() {
    fs::current_path(cwd_);
    for (const char* v : {"USER", "HOME", "LOGNAME", "TZ", "SOURCE_DATE_EPOCH"}) {
      auto it = saved_.find(v);
      if (it == saved_.end()) {
        ::unsetenv(v);
      } else {
        ::setenv(v, it->second.c_str(), 1);
      }
    }
  }

 private:
  fs::path cwd_;
  std::map<std::string, std::string> saved_;
};

TEST(ServiceImage, HasTheBinaryItsLibrariesAndARunnableConfig) {
  auto img = build_service_image(options_for(HOPLITE_OCI_HELLO));
  ASSERT_TRUE(img) << img.error().to_string();
  EXPECT_TRUE(validate(*img)) << validate(*img).error().to_string();
  EXPECT_EQ(schema_errors(img->manifest_bytes(), "image-manifest-schema.json"), "");
  EXPECT_EQ(schema_errors(img->config_bytes(), "config-schema.json"), "");

  const ImageConfig& c = img->config();
  EXPECT_EQ(c.architecture, "amd64");
  EXPECT_EQ(c.os, "linux");
  EXPECT_FALSE(c.created);  // no SOURCE_DATE_EPOCH: no time at all
  EXPECT_EQ(c.config.entrypoint, std::vector<std::string>{"/app/service"});
  EXPECT_EQ(c.config.cmd, std::vector<std::string>{"fargateTask"});
  EXPECT_EQ(c.config.user, "65532:65532");
  EXPECT_EQ(c.config.working_dir, "/app");
  EXPECT_EQ(c.config.env.at(0), "PATH=/app:/usr/local/bin:/usr/bin:/bin");
  if (fs::exists("/etc/ssl/certs/ca-certificates.crt")) {
    EXPECT_EQ(c.config.env.at(1), "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt");
  }
  EXPECT_EQ(c.config.labels.at("org.opencontainers.image.revision"), "0123abcd");
  EXPECT_EQ(c.config.labels.at("org.opencontainers.image.title"), "hello-service");
  EXPECT_EQ(c.config.labels.at("org.opencontainers.image.version"), "1.2.3");

  ASSERT_EQ(img->layers().size(), 2u);
  auto runtime = paths_in(img->layers()[0]);
  EXPECT_TRUE(runtime.count("lib64/ld-linux-x86-64.so.2"));
  EXPECT_TRUE(runtime.count("lib/x86_64-linux-gnu/libc.so.6"));
  EXPECT_TRUE(runtime.count("etc/passwd"));
  EXPECT_TRUE(runtime.count("tmp/"));
  auto app = read_tar(uncompressed_tar(img->layers()[1]).value());
  ASSERT_EQ(app.size(), 2u);  // app/ and app/service
  EXPECT_EQ(app[1].path, "app/service");
  EXPECT_EQ(app[1].mode, 0555);
  // Stripped by default: smaller than the file, still ELF (strip_test.cpp checks the bytes).
  const std::string original = hoplite::core::read_file(HOPLITE_OCI_HELLO).value();
  EXPECT_LT(app[1].data.size(), original.size());
  EXPECT_EQ(app[1].data.substr(0, 64).substr(0, 4), original.substr(0, 4));
}

TEST(ServiceImage, WithoutStrippingTheBinaryGoesInAsItIs) {
  auto o = options_for(HOPLITE_OCI_HELLO);
  o.strip = false;
  auto img = build_service_image(o);
  ASSERT_TRUE(img) << img.error().to_string();
  auto app = read_tar(uncompressed_tar(img->layers()[1]).value());
  EXPECT_EQ(app[1].data, hoplite::core::read_file(HOPLITE_OCI_HELLO).value());
}

TEST(ServiceImage, KeepsTheDebugInformationUsesTheCacheAndReportsEachLayerAsItIsReady) {
  TempDir dir;
  auto o = options_for(HOPLITE_OCI_HELLO);
  o.debug_dir = dir / "debug";
  o.cache_dir = dir / "cache";
  std::vector<std::string> seen;
  o.on_layer = [&](std::size_t i, const Layer& l) { seen.push_back(std::to_string(i) + " " + l.digest().str()); };
  ServiceImageReport report;
  auto first = build_service_image(o, &report);
  ASSERT_TRUE(first) << first.error().to_string();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], "0 " + first->layers()[0].digest().str());
  EXPECT_EQ(seen[1], "1 " + first->layers()[1].digest().str());
  EXPECT_EQ(report.layer_origins, (std::vector<std::string>{"built", "built"}));
  EXPECT_EQ(report.build_id.size(), 40u);
  EXPECT_TRUE(report.debug_file_written);
  EXPECT_EQ(report.debug_file,
            dir / "debug/.build-id" / report.build_id.substr(0, 2) / (report.build_id.substr(2) + ".debug"));
  EXPECT_TRUE(fs::is_regular_file(report.debug_file));
  EXPECT_LT(report.image_binary_bytes, report.binary_bytes);

  ServiceImageReport again;
  auto second = build_service_image(o, &again);
  ASSERT_TRUE(second) << second.error().to_string();
  EXPECT_EQ(second->digest(), first->digest());
  EXPECT_EQ(again.layer_origins, (std::vector<std::string>{"cached (same files)", "cached (same files)"}));
  EXPECT_FALSE(again.debug_file_written);
  EXPECT_TRUE(validate(*second)) << validate(*second).error().to_string();

  // Without the cache: the same image, built again.
  o.cache_dir.clear();
  auto uncached = build_service_image(o);
  ASSERT_TRUE(uncached);
  EXPECT_EQ(uncached->digest(), first->digest());
}

TEST(ServiceImage, ZstdLayersAreAnOption) {
  auto o = options_for(HOPLITE_OCI_HELLO);
  o.compression = Compression::kZstd;
  auto img = build_service_image(o);
  ASSERT_TRUE(img) << img.error().to_string();
  for (const auto& l : img->layers()) EXPECT_EQ(l.media_type(), kOciLayerZstd);
  EXPECT_TRUE(validate(*img)) << validate(*img).error().to_string();
  EXPECT_EQ(schema_errors(img->manifest_bytes(), "image-manifest-schema.json"), "");
}

TEST(ServiceImage, AStaticBinaryGetsNoLoaderAndNoLibraries) {
  auto img = build_service_image(options_for(HOPLITE_OCI_HELLO_STATIC));
  ASSERT_TRUE(img) << img.error().to_string();
  for (const auto& p : paths_in(img->layers()[0])) {
    EXPECT_EQ(p.find(".so"), std::string::npos) << p;
    EXPECT_NE(p.rfind("lib", 0), 0u) << p;
  }
}

// Same inputs, same digest — whatever the directory, user, time zone or path of the binary.
TEST(ServiceImage, IsReproducibleAcrossDirectoriesUsersAndBinaryLocations) {
  ScopedProcessState restore;
  TempDir a, b;
  fs::copy_file(HOPLITE_OCI_HELLO, a / "svc");
  fs::copy_file(HOPLITE_OCI_HELLO, b / "other-name");
  ::unsetenv("SOURCE_DATE_EPOCH");

  fs::current_path(a.path());
  ::setenv("USER", "alice", 1);
  ::setenv("HOME", a.path().c_str(), 1);
  ::setenv("TZ", "America/New_York", 1);
  auto first = build_service_image(options_for(a / "svc"));
  fs::current_path(b.path());
  ::setenv("USER", "bob", 1);
  ::setenv("HOME", b.path().c_str(), 1);
  ::setenv("TZ", "Asia/Tokyo", 1);
  auto second = build_service_image(options_for(b / "other-name"));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->digest(), second->digest());
  EXPECT_EQ(first->manifest_bytes(), second->manifest_bytes());
  EXPECT_EQ(first->config_bytes(), second->config_bytes());
  for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(first->layers()[i].compressed(), second->layers()[i].compressed());
  EXPECT_EQ(first->config_bytes().find("alice"), std::string::npos);

  // And what changes the digest: SOURCE_DATE_EPOCH (mtimes and created), the task, the build id.
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  auto stamped = build_service_image(options_for(a / "svc"));
  ASSERT_TRUE(stamped);
  EXPECT_NE(stamped->digest(), first->digest());
  EXPECT_EQ(stamped->config().created, 1700000000);
  EXPECT_EQ(read_tar(uncompressed_tar(stamped->layers()[1]).value())[1].mtime, 1700000000);
  ::unsetenv("SOURCE_DATE_EPOCH");
  auto other_task = options_for(a / "svc");
  other_task.task = "otherTask";
  EXPECT_NE(build_service_image(other_task)->digest(), first->digest());
  // Only the binary layer differs when only the binary does.
  auto static_img = build_service_image(options_for(HOPLITE_OCI_HELLO_STATIC));
  EXPECT_NE(static_img->layers()[1].digest(), first->layers()[1].digest());
}

TEST(ServiceImage, OptionsShapeTheConfig) {
  auto o = options_for(HOPLITE_OCI_HELLO);
  o.user = "0:0";
  o.binary_path = "/opt/svc/bin/run";
  o.env = {"MODE=test"};
  o.labels = {{"org.opencontainers.image.version", "9"}, {"team", "x"}};
  o.ca_certificates = "";
  o.format = ManifestFormat::kDocker;
  auto img = build_service_image(o);
  ASSERT_TRUE(img) << img.error().to_string();
  const auto& c = img->config().config;
  EXPECT_EQ(c.user, "0:0");
  EXPECT_EQ(c.entrypoint, std::vector<std::string>{"/opt/svc/bin/run"});
  EXPECT_EQ(c.env, (std::vector<std::string>{"PATH=/app:/usr/local/bin:/usr/bin:/bin", "MODE=test"}));
  EXPECT_EQ(c.labels.at("org.opencontainers.image.version"), "9");
  EXPECT_EQ(c.labels.at("team"), "x");
  EXPECT_EQ(img->manifest_media_type(), kDockerManifest);
  EXPECT_FALSE(paths_in(img->layers()[0]).count("etc/ssl/certs/ca-certificates.crt"));
  EXPECT_TRUE(paths_in(img->layers()[1]).count("opt/svc/bin/run"));
}

TEST(ServiceImage, SaysWhatIsWrong) {
  auto none = build_service_image({});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "oci.build");
  auto missing = build_service_image(options_for("/nonexistent/svc"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "io.read");
  TempDir d;
  ASSERT_TRUE(hoplite::core::write_file_atomic(d / "script", "#!/bin/sh\necho hi\n", 0755));
  auto script = build_service_image(options_for(d / "script"));
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().code, "oci.elf");
  EXPECT_NE(script.error().message.find("not an ELF file"), std::string::npos);
  auto o = options_for(HOPLITE_OCI_HELLO);
  o.binary_path = "app/service";
  EXPECT_EQ(build_service_image(o).error().code, "oci.build");
}

TEST(ServiceImage, OfTheTestExecutableItself) {
  auto img = build_service_image({.binary = "/proc/self/exe", .task = "fargateTask"});
  ASSERT_TRUE(img) << img.error().to_string();
  EXPECT_TRUE(validate(*img));
  auto runtime = paths_in(img->layers()[0]);
  auto deps = resolve_dependencies("/proc/self/exe");
  ASSERT_TRUE(deps);
  for (const auto& f : *deps) {
    EXPECT_TRUE(runtime.count(f.image_path.substr(1))) << f.image_path;
  }
}

// The real proof: umoci unpacks our layout into a bundle and crun runs it in an otherwise empty
// root filesystem, as the non-root user (TESTING-TOOLS.md: private mount namespace without the
// cgroup v2 "unified" mount).
class RunInCrun : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* tool : {"umoci", "crun", "unshare"}) {
      if (!testing::have_tool(tool)) GTEST_SKIP() << tool << " is not installed (scripts/setup installs it)";
    }
    if (::geteuid() != 0) GTEST_SKIP() << "umoci unpack and crun run as root here (no rootless setup)";
  }

  hoplite::core::ProcessResult run(const Image& img, const std::string& name) {
    fs::path layout = dir_ / "layout";
    fs::path bundle = dir_ / ("bundle-" + name);
    EXPECT_TRUE(write_layout(img, layout, name));
    auto unpack = testing::run_tool({"umoci", "unpack", "--image", layout.string() + ":" + name, bundle.string()});
    EXPECT_EQ(unpack.exit_code, 0) << unpack.err;
    auto config = nlohmann::json::parse(hoplite::core::read_file(bundle / "config.json").value());
    config["process"]["terminal"] = false;
    EXPECT_TRUE(hoplite::core::write_file_atomic(bundle / "config.json", config.dump()));
    std::string id = "hoplite-oci-test-" + std::to_string(::getpid()) + "-" + name;
    return testing::run_tool({"unshare", "-m", "--propagation", "private", "sh", "-c",
                              "umount /sys/fs/cgroup/unified 2>/dev/null; exec crun --cgroup-manager=disabled run "
                              "--bundle '" +
                                  bundle.string() + "' '" + id + "'"});
  }

  TempDir dir_;
};

TEST_F(RunInCrun, TheDynamicServiceImageRunsItsTask) {
  auto img = build_service_image(options_for(HOPLITE_OCI_HELLO));
  ASSERT_TRUE(img) << img.error().to_string();
  auto r = run(*img, "dynamic");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string expected = "hello from the image: fargateTask\nuid=65532\n";
  if (fs::exists("/etc/ssl/certs/ca-certificates.crt")) expected += "ca bundle present\n";
  EXPECT_EQ(r.out, expected) << r.err;
}

TEST_F(RunInCrun, TheStaticServiceImageRunsWithoutALoader) {
  auto img = build_service_image(options_for(HOPLITE_OCI_HELLO_STATIC));
  ASSERT_TRUE(img) << img.error().to_string();
  auto r = run(*img, "static");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "hello from the image: fargateTask") << r.err;
}

TEST_F(RunInCrun, ALibraryFoundThroughOriginRunpathIsWhereTheLoaderLooks) {
  auto o = options_for(HOPLITE_OCI_GREETER);
  o.binary_path = "/app/bin/greeter";
  o.task = "Fargate";
  auto img = build_service_image(o);
  ASSERT_TRUE(img) << img.error().to_string();
  EXPECT_TRUE(paths_in(img->layers()[0]).count("app/lib/libocigreet.so"));
  auto r = run(*img, "greeter");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "greetings, Fargate\n") << r.err;
}

// A library the binary only dlopens, declared in its FDO dlopen note, is in the image where
// dlopen looks ($ORIGIN/../lib here), and the program finds it there.
TEST_F(RunInCrun, ALibraryDeclaredForDlopenIsInTheImageAndLoads) {
  auto o = options_for(HOPLITE_OCI_DLOPENER);
  o.binary_path = "/app/bin/dlopener";
  o.task = "dlopen";
  auto img = build_service_image(o);
  ASSERT_TRUE(img) << img.error().to_string();
  EXPECT_TRUE(paths_in(img->layers()[0]).count("app/lib/libocigreet.so"));
  auto r = run(*img, "dlopener");
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_EQ(r.out, "greetings, dlopen\n") << r.err;
}

// The ld.so.conf case end to end: built from a fabricated root where the library sits in a
// directory only ld.so.conf names, the image still runs (the library went where its loader looks).
TEST_F(RunInCrun, ALibraryFoundThroughLdSoConfRunsFromTheDefaultDirectory) {
  TempDir root;
  auto host = resolve_dependencies(HOPLITE_OCI_HELLO);
  ASSERT_TRUE(host);
  for (const auto& f : *host) {
    fs::create_directories(root.path() / fs::path(f.image_path).relative_path().parent_path());
    fs::copy_file(f.host_path, root.path() / fs::path(f.image_path).relative_path());
  }
  fs::create_directories(root / "opt/vendor/lib");
  fs::copy_file(HOPLITE_OCI_GREET_LIB, root / "opt/vendor/lib/libocigreet.so");
  fs::create_directories(root / "etc");
  ASSERT_TRUE(hoplite::core::write_file_atomic(root / "etc/ld.so.conf", "/opt/vendor/lib\n"));
  auto o = options_for(HOPLITE_OCI_GREETER_PLAIN);
  o.sysroot = root.path();
  o.task = "ld.so.conf";
  auto img = build_service_image(o);
  ASSERT_TRUE(img) << img.error().to_string();
  auto r = run(*img, "ldsoconf");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "greetings, ld.so.conf\n") << r.err;
}

}  // namespace
}  // namespace hoplite::oci
