// `servicefull build`: reproducible images, and layouts that skopeo and umoci read.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "hoplite/core/file.hpp"
#include "hoplite/oci/elf.hpp"
#include "hoplite/oci/layout.hpp"
#include "hoplite/oci/tar.hpp"
#include "integration/tools.hpp"

namespace hoplite::integration {
namespace {

using testing::TempDir;

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class BuildE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    if (servicefull().empty()) GTEST_SKIP() << "the servicefull example was not built";
  }
};

TEST_F(BuildE2E, SameImageDigestFromDifferentDirectoriesTimesAndUsers) {
  TempDir a, b;
  auto first = run({servicefull(), "build", "--out", (a / "image").string(), "--tag", "t"},
                   {{"USER", "alice"}, {"LOGNAME", "alice"}, {"HOME", a.path().string()}}, a.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a different second on the clock
  auto second = run({servicefull(), "build", "--out", (b / "image").string(), "--tag", "t"},
                    {{"USER", "bob"}, {"LOGNAME", "bob"}, {"HOME", b.path().string()}, {"TZ", "Asia/Tokyo"}}, b.path());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  std::string digest = trim(first.out);
  EXPECT_TRUE(digest.starts_with("sha256:")) << first.out;
  EXPECT_EQ(digest, trim(second.out));
  auto index_a = nlohmann::json::parse(core::read_file(a / "image/index.json").value());
  auto index_b = nlohmann::json::parse(core::read_file(b / "image/index.json").value());
  EXPECT_EQ(index_a["manifests"][0]["digest"], digest);
  EXPECT_EQ(index_a, index_b);
}

TEST_F(BuildE2E, LayoutIsReadBySkopeoAndUmoci) {
  TempDir dir;
  auto built = run({servicefull(), "build", "--out", (dir / "image").string(), "--tag", "v1"}, {}, dir.path());
  ASSERT_EQ(built.exit_code, 0) << built.err;
  auto inspect = run({"skopeo", "inspect", "oci:" + (dir / "image").string() + ":v1"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  auto info = nlohmann::json::parse(inspect.out);
  EXPECT_EQ(info["Os"], "linux");
  EXPECT_EQ(info["Architecture"], "amd64");
  EXPECT_EQ(info["Digest"], trim(built.out));
  auto unpack = run({"umoci", "unpack", "--image", (dir / "image").string() + ":v1", (dir / "bundle").string()});
  ASSERT_EQ(unpack.exit_code, 0) << unpack.err;
  EXPECT_TRUE(std::filesystem::is_regular_file(dir / "bundle/rootfs/app/service"));
  auto config = nlohmann::json::parse(core::read_file(dir / "bundle/config.json").value());
  EXPECT_EQ(config["process"]["args"], (nlohmann::json{"/app/service", "fargateTask"}));
}

TEST_F(BuildE2E, UnknownTaskIsAnError) {
  TempDir dir;
  auto r = run({servicefull(), "build", "--out", (dir / "image").string(), "--task", "nope"}, {}, dir.path());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no task 'nope'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "image/index.json"));
}

}  // namespace
}  // namespace hoplite::integration

namespace hoplite::integration {
namespace {

// The paths in a layer, read with hoplite's own tar reader.
std::vector<std::string> paths_in(const oci::Layer& layer) {
  auto tar = oci::uncompressed_tar(layer, std::uint64_t{1} << 30).value();
  oci::MemorySource src(tar);
  oci::tar::Reader reader(src);
  std::vector<std::string> out;
  while (auto h = reader.next().value()) out.push_back(h->path);
  return out;
}

// The binary as it is in the image: read from the layout with hoplite's own tar reader.
std::string binary_in_image(const oci::Image& img) {
  auto tar = oci::uncompressed_tar(img.layers().back(), std::uint64_t{1} << 30).value();
  oci::MemorySource src(tar);
  oci::tar::Reader reader(src);
  while (auto h = reader.next().value()) {
    if (h->path != "app/service") continue;
    std::string data;
    reader.read_all(data, std::uint64_t{1} << 30).value();
    return data;
  }
  return {};
}

// The acceptance of the lean image: small, with nothing from libarchive's closure, and a stripped
// binary whose addresses the kept debug file turns back into source lines.
TEST_F(BuildE2E, TheImageIsSmallAndItsDebugInfoSymbolizesTheStrippedBinary) {
  TempDir dir;
  auto built = run({servicefull(), "build", "--out", (dir / "image").string(), "--tag", "t"}, {}, dir.path());
  ASSERT_EQ(built.exit_code, 0) << built.err;
  auto img = oci::read_layout(dir / "image", "t");
  ASSERT_TRUE(img) << img.error().to_string();
  std::int64_t total = 0;
  for (const auto& l : img->layers()) total += l.size();
  EXPECT_LE(total, 15'000'000) << "the image must stay under 15 MB compressed";
  const auto runtime = paths_in(img->layers().front());
  for (const auto& e : runtime) {
    for (const char* gone : {"libarchive", "libxml2", "libicu"}) EXPECT_EQ(e.find(gone), std::string::npos) << e;
  }
  // libcurl is loaded on first use, not linked; its dlopen note still puts it in the image.
  EXPECT_NE(std::find(runtime.begin(), runtime.end(), "lib/x86_64-linux-gnu/libcurl.so.4"), runtime.end());

  std::string stripped = binary_in_image(*img);
  ASSERT_FALSE(stripped.empty());
  EXPECT_LT(stripped.size(), std::filesystem::file_size(servicefull()) / 4) << "the image holds a stripped binary";
  ASSERT_TRUE(core::write_file_atomic(dir / "service", stripped, 0755));

  if (run({"which", "eu-addr2line"}).exit_code != 0) GTEST_SKIP() << "elfutils is not installed (scripts/setup)";
  const auto debug_dir = dir / "image.debug";
  ASSERT_TRUE(std::filesystem::is_directory(debug_dir / ".build-id")) << built.err;
  // main's address, from the debug file's symbol table (eu-readelf: an independent reader).
  std::string debug_file;
  for (const auto& e : std::filesystem::recursive_directory_iterator(debug_dir)) {
    if (e.path().extension() == ".debug") debug_file = e.path().string();
  }
  auto syms = run({"eu-readelf", "-s", debug_file});
  ASSERT_EQ(syms.exit_code, 0) << syms.err;
  std::string address;
  std::istringstream lines(syms.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream f(line);
    std::string num, value, size, type, bind, vis, ndx, name;
    if (f >> num >> value >> size >> type >> bind >> vis >> ndx >> name && type == "FUNC" && name == "main") {
      address = "0x" + value;
    }
  }
  ASSERT_FALSE(address.empty()) << "no main in " << debug_file;
  auto with =
      run({"eu-addr2line", "-f", "-e", (dir / "service").string(), "--debuginfo-path=" + debug_dir.string(), address});
  EXPECT_NE(with.out.find("main.cpp:"), std::string::npos) << with.out << with.err;
  auto without =
      run({"eu-addr2line", "-e", (dir / "service").string(), "--debuginfo-path=" + (dir / "none").string(), address});
  EXPECT_EQ(without.out.find("main.cpp"), std::string::npos) << "the stripped binary alone knows no lines";
}

// ldd's view of the example binary: libarchive and what it drags in (libxml2, ICU) are gone.
TEST_F(BuildE2E, TheServiceBinaryNoLongerLinksTheArchiveLibraries) {
  auto deps = oci::resolve_dependencies(servicefull());
  ASSERT_TRUE(deps) << deps.error().to_string();
  for (const auto& f : *deps) {
    for (const char* gone : {"libarchive", "libxml2", "libicu"}) {
      EXPECT_EQ(f.image_path.find(gone), std::string::npos) << f.image_path;
    }
  }
}

}  // namespace
}  // namespace hoplite::integration
