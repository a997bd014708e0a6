#include "hoplite/oci/layout.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "hoplite/oci/layer_writer.hpp"
#include "test_util.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;
using hoplite::testing::TempDir;
using hoplite::testing::testdata;
using testing::read_testdata;
using testing::schema_errors;

Image image_of_text(const std::string& text = "hello, world\n") {
  LayerWriter w({.mtime = 0});
  w.add_file("/hello.txt", text, 0644);
  w.add_file("/bin/hi", "#!/bin/sh\necho hi\n", 0755);
  ImageConfig c;
  c.config.cmd = {"/bin/hi"};
  c.config.user = "65532:65532";
  c.config.labels["org.opencontainers.image.title"] = "sample";
  return Image::create(c, {w.finish()});
}

std::string file(const fs::path& p) { return hoplite::core::read_file(p).value(); }

TEST(Layout, WritesWhatTheSpecAsksAndReadsItBack) {
  TempDir dir;
  Image img = image_of_text();
  ASSERT_TRUE(write_layout(img, dir.path(), "v1"));
  EXPECT_EQ(file(dir / "oci-layout"), R"({"imageLayoutVersion":"1.0.0"})");
  EXPECT_EQ(schema_errors(file(dir / "oci-layout"), "image-layout-schema.json"), "");
  EXPECT_EQ(schema_errors(file(dir / "index.json"), "image-index-schema.json"), "");
  auto index = ImageIndex::parse(file(dir / "index.json"));
  ASSERT_TRUE(index);
  ASSERT_EQ(index->manifests.size(), 1u);
  EXPECT_EQ(index->manifests[0].digest, img.digest());
  EXPECT_EQ(index->manifests[0].annotations.at("org.opencontainers.image.ref.name"), "v1");
  for (const auto& d : {img.digest(), img.config_descriptor().digest, img.layers()[0].digest()}) {
    std::string blob = file(dir.path() / "blobs" / "sha256" / std::string(d.encoded()));
    EXPECT_TRUE(d.matches(blob)) << d.str();
  }
  // Nothing but the three blobs and no temporary files left behind.
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path())) files += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 5);

  auto back = read_layout(dir.path(), "v1");
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->digest(), img.digest());
  EXPECT_EQ(back->config_bytes(), img.config_bytes());
  EXPECT_EQ(back->layers()[0].diff_id(), img.layers()[0].diff_id());
  EXPECT_TRUE(validate(*back));
  auto only = read_layout(dir.path());  // one manifest: no tag needed
  ASSERT_TRUE(only);
  EXPECT_EQ(only->digest(), img.digest());
}

TEST(Layout, ReadsTheIndependentWorkedExample) {
  auto img = read_layout(testdata("oci/worked-example"), "latest");
  ASSERT_TRUE(img) << img.error().to_string();
  EXPECT_EQ(img->digest().str(), "sha256:81fa0c8cabcf4d05b9df5265b2cfff191b17e169db75f38ec2ce2b7e50964c7b");
  ASSERT_EQ(img->layers().size(), 1u);
  EXPECT_EQ(img->layers()[0].diff_id().str(),
            "sha256:d34fdad1a217f14afc35073eefb22f19e39079af700458a3a6432723542955dc");
  EXPECT_EQ(img->config().config.cmd, (std::vector<std::string>{"/bin/sh", "-c", "cat /hello.txt"}));
  EXPECT_TRUE(validate(*img));
  // Written again, it is the same layout byte for byte.
  TempDir dir;
  ASSERT_TRUE(write_layout(*img, dir.path(), "latest"));
  EXPECT_EQ(file(dir / "index.json"), read_testdata("oci/worked-example/index.json"));
}

TEST(Layout, KeepsOtherTagsAndReplacesTheSameTag) {
  TempDir dir;
  Image a = image_of_text("a");
  Image b = image_of_text("b");
  ASSERT_TRUE(write_layout(a, dir.path(), "one"));
  ASSERT_TRUE(write_layout(b, dir.path(), "two"));
  ASSERT_TRUE(write_layout(b, dir.path(), "one"));
  EXPECT_EQ(layout_tags(dir.path()).value(), (std::vector<std::string>{"two", "one"}));
  EXPECT_EQ(read_layout(dir.path(), "one")->digest(), b.digest());
  auto ambiguous = read_layout(dir.path());
  ASSERT_FALSE(ambiguous);
  EXPECT_NE(ambiguous.error().message.find("name the tag"), std::string::npos);
  auto missing = read_layout(dir.path(), "three");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("tag 'three' not found"), std::string::npos);
}

TEST(Layout, RefusesBlobsThatDoNotMatchTheirDescriptors) {
  TempDir dir;
  Image img = image_of_text();
  ASSERT_TRUE(write_layout(img, dir.path(), "t"));
  fs::path layer = dir.path() / "blobs" / "sha256" / std::string(img.layers()[0].digest().encoded());
  std::string bytes = file(layer);

  bytes[20] ^= 1;  // same size, other bytes
  ASSERT_TRUE(hoplite::core::write_file_atomic(layer, bytes));
  auto r = read_layout(dir.path(), "t");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "oci.invalid");
  EXPECT_NE(r.error().message.find("does not hash"), std::string::npos) << r.error().message;

  ASSERT_TRUE(hoplite::core::write_file_atomic(layer, bytes + "x"));  // wrong size: caught before hashing
  r = read_layout(dir.path(), "t");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("descriptor says"), std::string::npos) << r.error().message;

  // Writing the image again repairs the blob (an existing blob is rewritten unless it is right).
  ASSERT_TRUE(write_layout(img, dir.path(), "t"));
  EXPECT_TRUE(read_layout(dir.path(), "t"));
}

TEST(Layout, SaysWhatIsWrongWithADirectoryThatIsNoLayout) {
  TempDir dir;
  auto r = read_layout(dir.path(), "t");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "oci.layout");
  EXPECT_NE(r.error().message.find("not an OCI image layout"), std::string::npos);
  EXPECT_FALSE(write_layout(image_of_text(), dir.path(), ""));
}

TEST(Layout, SkopeoAndUmociReadIt) {
  if (!testing::have_tool("skopeo") || !testing::have_tool("umoci"))
    GTEST_SKIP() << "skopeo/umoci not installed (scripts/setup installs them)";
  if (::geteuid() != 0) GTEST_SKIP() << "umoci unpack runs as root here (no --rootless setup)";
  TempDir dir;
  Image img = image_of_text();
  ASSERT_TRUE(write_layout(img, dir / "layout", "v1"));

  auto inspect = testing::run_tool({"skopeo", "inspect", "oci:" + (dir / "layout").string() + ":v1"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  auto j = nlohmann::json::parse(inspect.out);
  EXPECT_EQ(j["Digest"], img.digest().str());
  EXPECT_EQ(j["Architecture"], "amd64");
  EXPECT_EQ(j["Labels"]["org.opencontainers.image.title"], "sample");
  auto raw = testing::run_tool({"skopeo", "inspect", "--raw", "oci:" + (dir / "layout").string() + ":v1"});
  EXPECT_EQ(raw.out, img.manifest_bytes());

  auto unpack =
      testing::run_tool({"umoci", "unpack", "--image", (dir / "layout").string() + ":v1", (dir / "bundle").string()});
  ASSERT_EQ(unpack.exit_code, 0) << unpack.err;
  EXPECT_EQ(file(dir / "bundle" / "rootfs" / "hello.txt"), "hello, world\n");
  EXPECT_EQ(fs::status(dir / "bundle" / "rootfs" / "bin" / "hi").permissions() & fs::perms::all, fs::perms(0755));
  auto runtime = nlohmann::json::parse(file(dir / "bundle" / "config.json"));
  EXPECT_EQ(runtime["process"]["args"], nlohmann::json({"/bin/hi"}));
  EXPECT_EQ(runtime["process"]["user"]["uid"], 65532);
}

}  // namespace
}  // namespace hoplite::oci
