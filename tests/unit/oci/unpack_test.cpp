// Extraction stays inside its directory, applies whiteouts, and stops bombs at their caps.
#include "hoplite/oci/unpack.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hoplite/core/file.hpp"
#include "hoplite/oci/compression.hpp"
#include "hoplite/oci/layer_writer.hpp"
#include "hoplite/oci/tar.hpp"
#include "test_util.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;
using hoplite::testing::TempDir;

struct E {
  std::string path;
  tar::Type type = tar::Type::kFile;
  std::string data;  // file contents or link target
  std::uint32_t mode = 0644;
};

std::string archive(const std::vector<E>& entries) {
  std::string out;
  for (const E& e : entries) {
    tar::Header h;
    h.path = e.path;
    h.type = e.type;
    h.mode = e.mode;
    if (e.type == tar::Type::kFile) h.size = e.data.size();
    if (e.type == tar::Type::kSymlink || e.type == tar::Type::kHardLink) h.link = e.data;
    out += tar::encode_header(h);
    if (e.type == tar::Type::kFile) {
      out += e.data;
      out.append(tar::padding(e.data.size()), '\0');
    }
  }
  out += tar::end_of_archive();
  return out;
}

core::Result<UnpackStats> extract(const std::string& tar, const fs::path& dir, UnpackOptions o = {}) {
  MemorySource src(tar);
  return extract_tar(src, dir, o);
}

std::string read(const fs::path& p) { return hoplite::core::read_file(p).value_or("<missing>"); }

class Unpack : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root());
    // A file outside the root that no entry may reach.
    ASSERT_TRUE(hoplite::core::write_file_atomic(dir_ / "outside", "untouched"));
  }
  fs::path root() const { return dir_ / "root"; }
  TempDir dir_;
};

TEST_F(Unpack, CreatesFilesDirectoriesAndLinksWithTheirModes) {
  auto stats = extract(archive({{"bin", tar::Type::kDirectory, "", 0750},
                                {"bin/tool", tar::Type::kFile, "#!/bin/sh\n", 04755},
                                {"bin/alias", tar::Type::kSymlink, "tool"},
                                {"bin/hard", tar::Type::kHardLink, "bin/tool"},
                                {"deep/implicit/parents/file", tar::Type::kFile, "x", 0600},
                                {"tmp", tar::Type::kDirectory, "", 01777}}),
                       root());
  ASSERT_TRUE(stats) << stats.error().to_string();
  EXPECT_EQ(stats->entries, 6u);
  EXPECT_EQ(read(root() / "bin/tool"), "#!/bin/sh\n");
  EXPECT_EQ(fs::status(root() / "bin/tool").permissions(), static_cast<fs::perms>(04755));
  EXPECT_EQ(fs::status(root() / "bin").permissions(), static_cast<fs::perms>(0750));
  EXPECT_EQ(fs::status(root() / "tmp").permissions(), static_cast<fs::perms>(01777));
  EXPECT_EQ(fs::read_symlink(root() / "bin/alias"), "tool");
  EXPECT_TRUE(fs::equivalent(root() / "bin/hard", root() / "bin/tool"));
  EXPECT_EQ(read(root() / "deep/implicit/parents/file"), "x");
}

TEST_F(Unpack, NothingEscapesTheRoot) {
  auto r = extract(archive({{"../outside", tar::Type::kFile, "dotdot"},
                            {"/abs/file", tar::Type::kFile, "abs"},
                            {"a/../../../b", tar::Type::kFile, "b"},
                            {"escape", tar::Type::kSymlink, "/"},
                            {"escape/etc-file", tar::Type::kFile, "through an absolute link"},
                            {"up", tar::Type::kSymlink, "../../.."},
                            {"up/outside", tar::Type::kFile, "through a relative link"},
                            {"hard", tar::Type::kHardLink, "../outside"}}),
                   root());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(read(dir_ / "outside"), "untouched");
  EXPECT_TRUE(fs::equivalent(root() / "hard", root() / "outside")) << "linked to the file inside, not the host's";
  EXPECT_FALSE(fs::exists(dir_ / "abs"));
  EXPECT_FALSE(fs::exists(dir_ / "b"));
  EXPECT_FALSE(fs::exists("/etc-file"));
  // Each landed inside, where a container runtime puts it.
  EXPECT_EQ(read(root() / "outside"), "through a relative link");
  EXPECT_EQ(read(root() / "abs/file"), "abs");
  EXPECT_EQ(read(root() / "b"), "b");
  EXPECT_EQ(read(root() / "etc-file"), "through an absolute link");
}

TEST_F(Unpack, AHardLinkResolvesInsideTheRoot) {
  ASSERT_TRUE(
      extract(archive({{"outside", tar::Type::kFile, "inner"}, {"h", tar::Type::kHardLink, "/../outside"}}), root()));
  EXPECT_TRUE(fs::equivalent(root() / "h", root() / "outside"));
  EXPECT_EQ(read(dir_ / "outside"), "untouched");
}

TEST_F(Unpack, ReplacesWhatIsInTheWay) {
  ASSERT_TRUE(extract(archive({{"x/y", tar::Type::kFile, "1"}, {"f", tar::Type::kFile, "2"}}), root()));
  ASSERT_TRUE(extract(archive({{"x", tar::Type::kFile, "now a file"},
                               {"f", tar::Type::kDirectory, "", 0755},
                               {"f/inner", tar::Type::kFile, "3"}}),
                      root()));
  EXPECT_EQ(read(root() / "x"), "now a file");
  EXPECT_EQ(read(root() / "f/inner"), "3");
  // A symlink in the way of a file is replaced, not followed.
  ASSERT_TRUE(
      extract(archive({{"l", tar::Type::kSymlink, "../outside"}, {"l", tar::Type::kFile, "replaced"}}), root()));
  EXPECT_EQ(read(root() / "l"), "replaced");
  EXPECT_FALSE(fs::is_symlink(root() / "l"));
  EXPECT_EQ(read(dir_ / "outside"), "untouched");
}

TEST_F(Unpack, AppliesWhiteoutsFromUpperLayers) {
  LayerWriter lower({.mtime = 0});
  lower.add_file("/a/x", "x").add_file("/a/y", "y").add_file("/b/old", "o").add_file("/c/z", "z");
  LayerWriter upper({.mtime = 0});
  upper.add_file("/a/.wh.x", "").add_file("/b/.wh..wh..opq", "").add_file("/b/new", "n").add_file("/.wh.c", "");
  upper.add_file("/.wh.never-existed", "");
  Image img = Image::create({.architecture = "amd64", .os = "linux"}, {lower.finish(), upper.finish()});
  auto stats = unpack_image(img, root());
  ASSERT_TRUE(stats) << stats.error().to_string();
  EXPECT_FALSE(fs::exists(root() / "a/x"));
  EXPECT_EQ(read(root() / "a/y"), "y");
  EXPECT_FALSE(fs::exists(root() / "b/old"));
  EXPECT_EQ(read(root() / "b/new"), "n");
  EXPECT_FALSE(fs::exists(root() / "c"));
  EXPECT_FALSE(fs::exists(root() / "a/.wh.x"));
  // Not a layer: .wh. files are just files.
  ASSERT_TRUE(extract(archive({{".wh.kept", tar::Type::kFile, "k"}}), root(), {.whiteouts = false}));
  EXPECT_EQ(read(root() / ".wh.kept"), "k");
}

TEST_F(Unpack, NeverCreatesDeviceNodes) {
  auto stats = extract(archive({{"dev/sda", tar::Type::kBlockDevice},
                                {"dev/null", tar::Type::kCharDevice},
                                {"pipe", tar::Type::kFifo},
                                {"ok", tar::Type::kFile, "ok"}}),
                       root());
  ASSERT_TRUE(stats) << stats.error().to_string();
  EXPECT_EQ(stats->skipped, 3u);
  EXPECT_FALSE(fs::exists(root() / "dev/sda"));
  EXPECT_FALSE(fs::exists(root() / "pipe"));
  EXPECT_EQ(read(root() / "ok"), "ok");
}

TEST_F(Unpack, StopsABombAtTheCaps) {
  // 64 MiB of zeros in one file: a few hundred KB of gzip.
  LayerWriter w({.mtime = 0});
  w.add_file("/bomb", std::string(64 << 20, '\0'));
  Image img = Image::create({.architecture = "amd64", .os = "linux"}, {w.finish()});
  EXPECT_LT(img.layers()[0].size(), 2 << 20);
  auto r = unpack_image(img, root(), {.max_bytes = 16 << 20});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "oci.limit");
  auto big_file = unpack_image(img, root(), {.max_file_size = 1 << 20});
  ASSERT_FALSE(big_file);
  EXPECT_EQ(big_file.error().code, "oci.limit");
  std::vector<E> many;
  for (int i = 0; i < 50; ++i) many.push_back({"f" + std::to_string(i), tar::Type::kFile, "x"});
  auto entries = extract(archive(many), root(), {.max_entries = 10});
  ASSERT_FALSE(entries);
  EXPECT_EQ(entries.error().code, "oci.limit");
}

TEST_F(Unpack, RefusesALayerThatIsNotWhatTheImageSays) {
  LayerWriter w({.mtime = 0});
  w.add_file("/etc/hostname", "svc\n");
  Layer good = w.finish();
  std::string blob(good.compressed());
  auto unpack = [&](const Layer& l) {
    TempDir target;
    return unpack_image(Image::create({.architecture = "amd64", .os = "linux"}, {l}), target.path());
  };
  ASSERT_TRUE(unpack(good));
  // A config whose diff_id is not the tar's: found while unpacking, in the same pass.
  auto lying = unpack(Layer::from_parts(blob, good.digest(), Digest::of("other"), good.media_type()));
  ASSERT_FALSE(lying);
  EXPECT_EQ(lying.error().code, "oci.digest");
  EXPECT_NE(lying.error().message.find("diff_id"), std::string::npos) << lying.error().message;
  // A blob that is not the manifest's: refused before it is read.
  std::string other = blob;
  other[other.size() / 2] ^= 0x55;
  auto swapped = unpack(Layer::from_parts(other, good.digest(), good.diff_id(), good.media_type()));
  ASSERT_FALSE(swapped);
  EXPECT_EQ(swapped.error().code, "oci.digest");
}

TEST_F(Unpack, NamesTheEntryThatCannotBePlaced) {
  auto r = extract(archive({{"file", tar::Type::kFile, "f"}, {"file/child", tar::Type::kFile, "c"}}), root());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "oci.unpack");
  EXPECT_NE(r.error().message.find("file/child"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("not a directory"), std::string::npos) << r.error().message;
  auto missing = extract_tar(*std::make_unique<MemorySource>(""), dir_ / "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "oci.unpack");
}

TEST_F(Unpack, ZstdAndPlainLayersUnpackToo) {
  for (Compression c : {Compression::kZstd, Compression::kNone}) {
    TempDir target;
    LayerWriter w({.mtime = 0, .compression = c});
    w.add_file("/etc/hostname", "svc\n");
    Image img = Image::create({.architecture = "amd64", .os = "linux"}, {w.finish()});
    ASSERT_TRUE(unpack_image(img, target.path())) << to_string(c);
    EXPECT_EQ(read(target / "etc/hostname"), "svc\n");
  }
}

}  // namespace
}  // namespace hoplite::oci
