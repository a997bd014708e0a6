#include "hoplite/oci/layer_cache.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "hoplite/core/file.hpp"
#include "test_util.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;
using hoplite::testing::TempDir;

class LayerCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(hoplite::core::write_file_atomic(dir_ / "lib.so", std::string(300000, 'l')));
    ASSERT_TRUE(hoplite::core::write_file_atomic(dir_ / "service", "binary v1"));
  }
  LayerWriter writer(Compression c = Compression::kGzip) const {
    LayerWriter w({.mtime = 0, .compression = c});
    EXPECT_TRUE(w.add_file_from("/lib/lib.so", dir_ / "lib.so", 0755));
    EXPECT_TRUE(w.add_file_from("/app/service", dir_ / "service", 0555));
    return w;
  }
  TempDir dir_;
};

TEST_F(LayerCacheTest, SameFilesAreNotReadSameContentIsNotCompressedNewContentIsBuilt) {
  LayerCache cache(dir_ / "cache");
  auto first = cache.get(writer());
  ASSERT_TRUE(first) << first.error().to_string();
  EXPECT_EQ(first->origin, LayerOrigin::kBuilt);
  EXPECT_TRUE(fs::is_regular_file(dir_ / "cache/v1/blobs/sha256" / std::string(first->layer.digest().encoded())));

  auto again = cache.get(writer());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->origin, LayerOrigin::kSameFiles);
  EXPECT_EQ(again->layer.digest(), first->layer.digest());
  EXPECT_EQ(again->layer.diff_id(), first->layer.diff_id());
  EXPECT_EQ(again->layer.compressed(), first->layer.compressed());

  // The same bytes in a new file (a relink, a fresh checkout): hashed, not compressed.
  ASSERT_TRUE(hoplite::core::write_file_atomic(dir_ / "service", "binary v1"));
  auto same_content = cache.get(writer());
  ASSERT_TRUE(same_content);
  EXPECT_EQ(same_content->origin, LayerOrigin::kSameContent);
  EXPECT_EQ(same_content->layer.digest(), first->layer.digest());

  ASSERT_TRUE(hoplite::core::write_file_atomic(dir_ / "service", "binary v2"));
  auto changed = cache.get(writer());
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->origin, LayerOrigin::kBuilt);
  EXPECT_NE(changed->layer.digest(), first->layer.digest());
  EXPECT_EQ(changed->layer.diff_id(), Digest::of(writer().tar()));
}

TEST_F(LayerCacheTest, EachCompressionHasItsOwnEntryAndTheLayerIsRightEitherWay) {
  LayerCache cache(dir_ / "cache");
  auto gz = cache.get(writer(Compression::kGzip));
  auto zst = cache.get(writer(Compression::kZstd));
  ASSERT_TRUE(gz && zst);
  EXPECT_EQ(zst->origin, LayerOrigin::kBuilt);
  EXPECT_EQ(gz->layer.diff_id(), zst->layer.diff_id());
  EXPECT_NE(gz->layer.digest(), zst->layer.digest());
  EXPECT_EQ(zst->layer.media_type(), kOciLayerZstd);
  EXPECT_EQ(compute_diff_id(zst->layer).value(), zst->layer.diff_id());
  EXPECT_EQ(cache.get(writer(Compression::kZstd))->origin, LayerOrigin::kSameFiles);
}

TEST_F(LayerCacheTest, AMissingOrDamagedBlobIsAMissNotAnError) {
  LayerCache cache(dir_ / "cache");
  auto first = cache.get(writer());
  ASSERT_TRUE(first);
  fs::path blob = dir_ / "cache/v1/blobs/sha256" / std::string(first->layer.digest().encoded());
  ASSERT_TRUE(hoplite::core::write_file_atomic(blob, "truncated"));
  auto rebuilt = cache.get(writer());
  ASSERT_TRUE(rebuilt);
  EXPECT_EQ(rebuilt->origin, LayerOrigin::kBuilt);
  EXPECT_EQ(rebuilt->layer.digest(), first->layer.digest());
  EXPECT_TRUE(first->layer.digest().matches(rebuilt->layer.compressed()));
  // Garbage in an entry is ignored too.
  for (const auto& e : fs::directory_iterator(dir_ / "cache/v1/recipes")) {
    ASSERT_TRUE(hoplite::core::write_file_atomic(e.path(), "not a digest"));
  }
  EXPECT_EQ(cache.get(writer())->layer.digest(), first->layer.digest());
}

TEST_F(LayerCacheTest, PrunesTheLeastRecentlyUsedBlobs) {
  LayerCache cache(dir_ / "cache", 1);  // keeps nothing beyond the newest blob's own size
  auto first = cache.get(writer());
  ASSERT_TRUE(first);
  ASSERT_TRUE(hoplite::core::write_file_atomic(dir_ / "service", "binary v2"));
  auto second = cache.get(writer());
  ASSERT_TRUE(second);
  // Still usable (mapped), even though the store dropped blobs to get under its limit.
  EXPECT_TRUE(second->layer.digest().matches(second->layer.compressed()));
  std::size_t blobs = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_ / "cache/v1/blobs/sha256")) ++blobs;
  EXPECT_LE(blobs, 1u);
}

TEST_F(LayerCacheTest, AnUnwritableCacheStillBuilds) {
  ASSERT_TRUE(hoplite::core::write_file_atomic(dir_ / "file-not-dir", "x"));
  LayerCache cache(dir_ / "file-not-dir");
  auto l = cache.get(writer());
  ASSERT_TRUE(l) << l.error().to_string();
  EXPECT_EQ(l->origin, LayerOrigin::kBuilt);
  EXPECT_EQ(l->layer.diff_id(), Digest::of(writer().tar()));
}

TEST(DefaultCacheDir, FollowsTheEnvironment) {
  const char* saved_own = ::getenv("HOPLITE_CACHE_DIR");
  const char* saved_xdg = ::getenv("XDG_CACHE_HOME");
  std::string own = saved_own ? saved_own : "", xdg = saved_xdg ? saved_xdg : "";
  ::setenv("HOPLITE_CACHE_DIR", "/tmp/own", 1);
  EXPECT_EQ(default_cache_dir(), fs::path("/tmp/own"));
  ::setenv("HOPLITE_CACHE_DIR", "", 1);
  EXPECT_FALSE(default_cache_dir()) << "empty: the cache is off";
  ::unsetenv("HOPLITE_CACHE_DIR");
  ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(default_cache_dir(), fs::path("/tmp/xdg/hoplite"));
  if (saved_own) ::setenv("HOPLITE_CACHE_DIR", own.c_str(), 1);
  if (saved_xdg) {
    ::setenv("XDG_CACHE_HOME", xdg.c_str(), 1);
  } else {
    ::unsetenv("XDG_CACHE_HOME");
  }
}

}  // namespace
}  // namespace hoplite::oci
