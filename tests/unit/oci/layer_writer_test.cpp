#include "hoplite/oci/layer_writer.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include "hoplite/core/file.hpp"

#include "test_util.hpp"

namespace hoplite::oci {
namespace {

using testing::read_tar;

LayerWriter sample_layer(LayerOptions o = {.mtime = 0}) {
  LayerWriter w(o);
  w.add_file("/usr/lib/x/libz.so.1", "zlib bytes", 0644);
  w.add_file("/app/service", "binary bytes", 0555);
  w.add_symlink("/usr/bin/service", "/app/service");
  w.add_directory("/tmp", 01777);
  return w;
}

TEST(LayerWriter, SortsEntriesAndEmitsEveryParentDirectoryFirst) {
  auto entries = read_tar(sample_layer().tar());
  std::vector<std::string> paths;
  for (const auto& e : entries) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"app/", "app/service", "tmp/", "usr/", "usr/bin/", "usr/bin/service",
                                             "usr/lib/", "usr/lib/x/", "usr/lib/x/libz.so.1"}));
}

TEST(LayerWriter, StampsFixedOwnerTimeAndTheGivenModes) {
  for (const auto& e : read_tar(sample_layer({.mtime = 1234}).tar())) {
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
  Layer l = sample_layer().finish();
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
  LayerWriter w = sample_layer();
  Layer l = w.finish();
  EXPECT_EQ(l.diff_id(), Digest::of(w.tar()));
  EXPECT_EQ(l.digest(), Digest::of(l.compressed()));
  EXPECT_EQ(l.size(), static_cast<std::int64_t>(l.compressed().size()));
  auto tar = uncompressed_tar(l);
  ASSERT_TRUE(tar);
  EXPECT_EQ(*tar, w.tar());
}

TEST(LayerWriter, UncompressedLayersHaveOneDigest) {
  LayerWriter w({.mtime = 0, .compression = Compression::kNone});
  w.add_file("a", "1");
  Layer l = w.finish();
  EXPECT_EQ(l.media_type(), kOciLayer);
  EXPECT_EQ(l.digest(), l.diff_id());
}

// Pins the exact bytes: a change in the tar layout, the gzip header or the deflate output shows
// up here first, before it silently changes every image digest. The tar (diff_id) is byte for
// byte what libarchive's pax-restricted writer made before the in-house writer replaced it; the
// blob is one libdeflate (1.14, level 1) gzip member, which Python's gzip module and zlib read.
TEST(LayerWriter, KnownInputGivesKnownBytes) {
  LayerWriter w({.mtime = 0});
  w.add_file("/hello.txt", "hello, world\n", 0644);
  Layer l = w.finish();
  EXPECT_EQ(l.diff_id().str(), "sha256:d4f86a193e0d251d0334bfdcbaaac55a89db7455e6d7166a7fad48cb979e1741");
  EXPECT_EQ(l.digest().str(), "sha256:d39c50ea6f729824e206c2332757f9cf5d11df6993ec262dbe6b77e1408b8b57");
  EXPECT_EQ(l.size(), 108);
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

TEST(LayerWriter, HostFilesAreStreamedAndAFileThatShrinksFailsTheBuild) {
  hoplite::testing::TempDir dir;
  std::string big(3 * 1024 * 1024 + 17, 'x');
  for (std::size_t i = 0; i < big.size(); i += 4093) big[i] = static_cast<char>(i);
  ASSERT_TRUE(hoplite::core::write_file_atomic(dir / "big", big));
  LayerWriter w({.mtime = 0});
  ASSERT_TRUE(w.add_file_from("/data/big", dir / "big", 0600));
  auto layer = w.build();
  ASSERT_TRUE(layer) << layer.error().to_string();
  auto entries = read_tar(uncompressed_tar(*layer).value());
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].data, big);
  EXPECT_EQ(entries[1].mode, 0600);

  ASSERT_EQ(::truncate((dir / "big").c_str(), 100), 0);
  auto shrunk = w.build();
  ASSERT_FALSE(shrunk);
  EXPECT_EQ(shrunk.error().code, "io.read");
  EXPECT_NE(shrunk.error().message.find("changed while being read"), std::string::npos);
}

TEST(LayerWriter, RefusesHostFilesThatAreNotRegular) {
  LayerWriter w;
  auto r = w.add_file_from("/x", "/dev/zero", 0644);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "io.read");
  EXPECT_FALSE(w.add_file_from("/x", "/nonexistent/file", 0644));
}

// The acceptance test of the parallel compressor: the same blob whatever the number of threads.
TEST(LayerWriter, LayerBytesAreTheSameForOneAndManyThreads) {
  std::string data(5 * 1024 * 1024 + 12345, '\0');
  std::uint32_t x = 1;
  for (std::size_t i = 0; i < data.size(); ++i) {
    x = x * 1103515245 + 12345;
    data[i] = static_cast<char>((i % 3 == 0) ? (x >> 24) : 'a' + (i % 7));
  }
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    std::string first;
    for (int threads : {1, 2, 3, 8}) {
      LayerWriter w({.mtime = 0, .compression = c, .threads = threads});
      w.add_file("/data", data, 0644);
      Layer l = w.finish();
      if (first.empty()) {
        first = std::string(l.compressed());
        EXPECT_EQ(decompress(first, c, 1 << 30).value(), w.tar());
      }
      EXPECT_EQ(l.compressed(), first) << to_string(c) << " with " << threads << " threads";
    }
  }
}

TEST(LayerWriter, ZstdLayersHaveTheirMediaTypeAndDecompress) {
  LayerWriter w({.mtime = 0, .compression = Compression::kZstd});
  w.add_file("/a", "alpha");
  Layer l = w.finish();
  EXPECT_EQ(l.media_type(), kOciLayerZstd);
  EXPECT_EQ(static_cast<unsigned char>(l.compressed()[0]), 0x28) << "zstd frame magic";
  EXPECT_EQ(uncompressed_tar(l).value(), w.tar());
  EXPECT_EQ(l.diff_id(), Digest::of(w.tar()));
}

TEST(LayerWriter, RecipeKeyFollowsWhatDecidesTheTar) {
  hoplite::testing::TempDir dir;
  ASSERT_TRUE(hoplite::core::write_file_atomic(dir / "f", "one"));
  auto key = [&](int mode) {
    LayerWriter w({.mtime = 0});
    EXPECT_TRUE(w.add_file_from("/f", dir / "f", mode));
    return w.recipe_key();
  };
  const std::string k = key(0644);
  EXPECT_EQ(k, key(0644));
  EXPECT_NE(k, key(0600));
  // A rewrite changes the file's identity (a new inode here), even with the same bytes.
  ASSERT_TRUE(hoplite::core::write_file_atomic(dir / "f", "one"));
  EXPECT_NE(k, key(0644));
  // Compression does not enter the key: the tar is the same.
  LayerWriter a({.mtime = 0, .compression = Compression::kZstd});
  LayerWriter b({.mtime = 0});
  a.add_file("/x", "1");
  b.add_file("/x", "1");
  EXPECT_EQ(a.recipe_key(), b.recipe_key());
}

}  // namespace
}  // namespace hoplite::oci
