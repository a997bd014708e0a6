#include "hoplite/oci/layer_writer.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "test_util.hpp"

namespace hoplite::oci {
namespace {

using testing::read_tar;

LayerWriter sample(LayerOptions o = {.mtime = 0}) {
  LayerWriter w(o);
  w.add_file("/usr/lib/x/libz.so.1", "zlib bytes", 0644);
  w.add_file("/app/service", "binary bytes", 0555);
  w.add_symlink("/usr/bin/service", "/app/service");
  w.add_directory("/tmp", 01777);
  return w;
}

TEST(LayerWriter, SortsEntriesAndEmitsEveryParentDirectoryFirst) {
  auto entries = read_tar(sample().tar());
  std::vector<std::string> paths;
  for (const auto& e : entries) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"app/", "app/service", "tmp/", "usr/", "usr/bin/", "usr/bin/service",
                                             "usr/lib/", "usr/lib/x/", "usr/lib/x/libz.so.1"}));
}

TEST(LayerWriter, StampsFixedOwnerTimeAndTheGivenModes) {
  for (const auto& e : read_tar(sample({.mtime = 1234}).tar())) {
    EXPECT_EQ(e.uid, 0) << e.path;
    EXPECT_EQ(e.gid, 0) << e.path;
    EXPECT_EQ(e.uname, "") << e.path;
    EXPECT_EQ(e.gname, "") << e.path;
    EXPECT_EQ(e.mtime, 1234) << e.path;
    if (e.path == "app/service") {
      EXPECT_EQ(e.mode, 0555);
      EXPECT_EQ(e.data, "binary bytes");
    }
    if (e.path == "tmp/") {
      EXPECT_EQ(e.mode, 01777);
    }
    if (e.path == "usr/") {
      EXPECT_EQ(e.mode, 0755);
    }
    if (e.path == "usr/bin/service") {
      EXPECT_EQ(e.type, 'l');
      EXPECT_EQ(e.link, "/app/service");
    }
  }
}

TEST(LayerWriter, SameInputSameBytesWhateverTheOrderOfAdding) {
  LayerWriter a({.mtime = 0});
  a.add_file("b", "2").add_file("a", "1");
  LayerWriter b({.mtime = 0});
  b.add_file("/a", "1").add_file("./b", "2");
  Layer la = a.finish();
  Layer lb = b.finish();
  EXPECT_EQ(la.compressed(), lb.compressed());
  EXPECT_EQ(la.digest(), lb.digest());
  EXPECT_EQ(la.diff_id(), lb.diff_id());
  // And a different mode or time gives a different layer.
  LayerWriter c({.mtime = 1});
  c.add_file("a", "1").add_file("b", "2");
  EXPECT_NE(c.finish().digest(), la.digest());
}

TEST(LayerWriter, MtimeDefaultsToSourceDateEpoch) {
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  LayerWriter w;
  w.add_file("f", "x");
  auto entries = read_tar(w.tar());
  ::unsetenv("SOURCE_DATE_EPOCH");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].mtime, 1700000000);
  LayerWriter zero;
  zero.add_file("f", "x");
  EXPECT_EQ(read_tar(zero.tar())[0].mtime, 0);
}

TEST(LayerWriter, GzipHeaderCarriesNoNameTimeOrHostOs) {
  Layer l = sample().finish();
  std::string_view gz = l.compressed();
  ASSERT_GE(gz.size(), 10u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_EQ(gz[3], 0) << "FLG: no name, comment or extra field";
  EXPECT_EQ(gz.substr(4, 4), std::string_view("\0\0\0\0", 4)) << "MTIME must be 0";
  EXPECT_EQ(static_cast<unsigned char>(gz[9]), 255) << "OS must be 'unknown'";
  EXPECT_EQ(l.media_type(), kOciLayerGzip);
}

TEST(LayerWriter, DigestsAreOfTheCompressedAndUncompressedBytes) {
  LayerWriter w = sample();
  Layer l = w.finish();
  EXPECT_EQ(l.diff_id(), Digest::of(w.tar()));
  EXPECT_EQ(l.digest(), Digest::of(l.compressed()));
  EXPECT_EQ(l.size(), static_cast<std::int64_t>(l.compressed().size()));
  auto tar = uncompressed_tar(l);
  ASSERT_TRUE(tar);
  EXPECT_EQ(*tar, w.tar());
}

TEST(LayerWriter, UncompressedLayersHaveOneDigest) {
  LayerWriter w({.mtime = 0, .gzip = false});
  w.add_file("a", "1");
  Layer l = w.finish();
  EXPECT_EQ(l.media_type(), kOciLayer);
  EXPECT_EQ(l.digest(), l.diff_id());
}

// Pins the exact bytes: a change in tar layout, gzip header or zlib output shows up here first,
// before it silently changes every image digest. (The deflate stream was checked once against
// Python's zlib at level 1: identical except the OS byte, which we set to 255.)
TEST(LayerWriter, KnownInputGivesKnownBytes) {
  LayerWriter w({.mtime = 0});
  w.add_file("/hello.txt", "hello, world\n", 0644);
  Layer l = w.finish();
  EXPECT_EQ(l.diff_id().str(), "sha256:d4f86a193e0d251d0334bfdcbaaac55a89db7455e6d7166a7fad48cb979e1741");
  EXPECT_EQ(l.digest().str(), "sha256:e605a47fd96c79d08c9a85fb78ee8147935641f6e90cd756f2deebe29174b7af");
  EXPECT_EQ(l.size(), 118);
  EXPECT_EQ(w.tar().size(), 2048u);  // one header, one data block, two end blocks: no padding
}

TEST(LayerWriter, LongPathsSurvive) {
  std::string deep = "/d";
  for (int i = 0; i < 30; ++i) deep += "/directory" + std::to_string(i);
  LayerWriter w({.mtime = 0});
  w.add_file(deep + "/file", "x");
  auto entries = read_tar(w.tar());
  EXPECT_EQ(entries.back().path, deep.substr(1) + "/file");
  EXPECT_EQ(entries.back().mtime, 0);
}

TEST(LayerWriter, RejectsPathsThatEscapeTheRoot) {
  LayerWriter w;
  EXPECT_THROW(w.add_file("/a/../../etc/passwd", "x"), std::invalid_argument);
  EXPECT_THROW(w.add_file("/", "x"), std::invalid_argument);
}

TEST(Gzip, RoundTripsAndRejectsGarbage) {
  std::string data(100000, 'a');
  for (std::size_t i = 0; i < data.size(); i += 7) data[i] = static_cast<char>(i);
  auto back = gunzip(gzip_deterministic(data));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, data);
  EXPECT_FALSE(gunzip("not gzip"));
  std::string gz = gzip_deterministic(data);
  EXPECT_FALSE(gunzip(gz.substr(0, gz.size() / 2)));  // truncated
}

}  // namespace
}  // namespace hoplite::oci
