// The metadata database (migrations, transactions, concurrency) and the blob files.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "hoplite/core/file.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/store/blob_store.hpp"
#include "local/store/database.hpp"
#include "support/golden.hpp"

namespace hoplite::local::store {
namespace {

using hoplite::testing::TempDir;

const std::vector<Migration> kV1 = {{1, "CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER NOT NULL)"}};
const std::vector<Migration> kV2 = {kV1[0],
                                    {2, "ALTER TABLE items ADD COLUMN note TEXT; CREATE INDEX items_n ON items (n)"}};

TEST(Database, MigratesEachComponentOnceAndInOrder) {
  TempDir dir;
  auto db = Database::open(dir / "state.db");
  ASSERT_TRUE(db.ok()) << db.error().to_string();
  ASSERT_TRUE((*db)->migrate("things", kV1).ok());
  EXPECT_EQ(*(*db)->schema_version("things"), 1);
  ASSERT_TRUE((*db)->migrate("things", kV1).ok()) << "running the same migrations again is a no-op";
  ASSERT_TRUE((*db)->migrate("things", kV2).ok());
  EXPECT_EQ(*(*db)->schema_version("things"), 2);
  EXPECT_EQ(*(*db)->schema_version("others"), 0);
  auto newer = (*db)->migrate("things", kV1);
  ASSERT_FALSE(newer.ok()) << "a state written by a newer hoplite is refused";
  EXPECT_NE(newer.error().message.find("newer"), std::string::npos);
  auto broken = (*db)->migrate("broken", {{1, "CREATE TABLE b (x); THIS IS NOT SQL"}});
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(*(*db)->schema_version("broken"), 0) << "a failed migration leaves nothing behind";
  auto tables = (*db)->transaction<std::vector<Row>>(
      [](Tx& tx) { return tx.query("SELECT name FROM sqlite_master WHERE name = 'b'"); });
  ASSERT_TRUE(tables.ok());
  EXPECT_TRUE(tables->empty());
}

TEST(Database, AFailedTransactionRollsBack) {
  TempDir dir;
  auto db = std::move(*Database::open(dir / "state.db"));
  ASSERT_TRUE(db->migrate("things", kV1).ok());
  auto failed = db->transaction([](Tx& tx) -> core::Result<void> {
    if (auto r = tx.exec("INSERT INTO items VALUES (?, ?)", {std::string("a"), std::int64_t{1}}); !r) return r;
    return core::fail("test", "changed my mind");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_THROW(db->transaction([](Tx& tx) -> core::Result<void> {
    (void)tx.exec("INSERT INTO items VALUES ('b', 2)");
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  auto n = db->transaction<std::int64_t>([](Tx& tx) -> core::Result<std::int64_t> {
    auto row = tx.query_one("SELECT COUNT(*) FROM items");
    if (!row) return row.failure();
    return (*row)->integer(0);
  });
  EXPECT_EQ(*n, 0);
  auto dup = db->transaction([](Tx& tx) -> core::Result<void> {
    if (auto r = tx.exec("INSERT INTO items VALUES ('c', 3)"); !r) return r;
    return tx.exec("INSERT INTO items VALUES ('c', 4)");  // primary key violation
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "local.store");
  EXPECT_EQ(*db->integrity_check(), "ok");
}

TEST(Database, ConcurrentWritersAllLand) {
  TempDir dir;
  auto db = std::move(*Database::open(dir / "state.db"));
  ASSERT_TRUE(db->migrate("things", kV1).ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto r = db->transaction([&](Tx& tx) {
          return tx.exec("INSERT INTO items VALUES (?, ?)",
                         {std::to_string(t) + "-" + std::to_string(i), std::int64_t{i}});
        });
        if (!r) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto n = db->transaction<std::int64_t>([](Tx& tx) -> core::Result<std::int64_t> {
    auto row = tx.query_one("SELECT COUNT(*), SUM(n) FROM items");
    if (!row) return row.failure();
    return (*row)->integer(0);
  });
  EXPECT_EQ(*n, 400);
}

TEST(Database, TypesRoundTripAndNullIsDistinct) {
  TempDir dir;
  auto db = std::move(*Database::open(dir / "state.db"));
  ASSERT_TRUE(db->migrate("v", {{1, "CREATE TABLE v (t TEXT, i INTEGER, r REAL, z TEXT)"}}).ok());
  std::string with_nul("a\0b", 3);
  auto row = db->transaction<std::optional<Row>>([&](Tx& tx) -> core::Result<std::optional<Row>> {
    if (auto r = tx.exec("INSERT INTO v VALUES (?, ?, ?, ?)", {with_nul, std::int64_t{-7}, 2.5, std::monostate{}}); !r)
      return r.failure();
    return tx.query_one("SELECT t, i, r, z FROM v");
  });
  ASSERT_TRUE(row.ok());
  ASSERT_TRUE(*row);
  EXPECT_EQ((*row)->text(0), with_nul);
  EXPECT_EQ((*row)->integer(1), -7);
  EXPECT_EQ(std::get<double>((*row)->values[2]), 2.5);
  EXPECT_TRUE((*row)->is_null(3));
  EXPECT_EQ((*row)->optional_text(3), std::nullopt);
}

TEST(BlobStore, WritesThenRenamesAndNamesBlobsByTheirDigest) {
  TempDir dir;
  auto blobs = BlobStore::open(dir / "blobs");
  ASSERT_TRUE(blobs.ok());
  auto w = blobs->create();
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->append("hello ").ok());
  ASSERT_TRUE(w->append("world").ok());
  std::string digest = core::sha256_hex("hello world");
  EXPECT_FALSE(blobs->contains(digest)) << "not visible before commit";
  auto info = w->commit();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->digest, digest);
  EXPECT_EQ(info->size, 11u);
  EXPECT_TRUE(blobs->contains(digest));
  EXPECT_TRUE(std::filesystem::exists(dir / "blobs" / "sha256" / digest.substr(0, 2) / digest));
  EXPECT_EQ(*blobs->read(digest, 100), "hello world");
  EXPECT_EQ(blobs->read(digest, 5).error().http_status, 413);

  auto range = blobs->stream(digest, 6, 5);
  ASSERT_TRUE(range.ok());
  std::string got(5, '\0');
  EXPECT_EQ(range->open()(got.data(), 100), 5);
  EXPECT_EQ(got, "world");
  EXPECT_FALSE(blobs->stream(digest, 6, 6).ok()) << "past the end";

  EXPECT_TRUE(blobs->remove(digest).ok());
  EXPECT_FALSE(blobs->contains(digest));
}

TEST(BlobStore, AnAbandonedWriteLeavesNothingAndStaleTemporariesAreSwept) {
  TempDir dir;
  {
    auto blobs = std::move(*BlobStore::open(dir / "blobs"));
    auto w = blobs.create();
    ASSERT_TRUE(w->append("partial").ok());
  }  // destroyed without commit
  EXPECT_TRUE(std::filesystem::is_empty(dir / "blobs" / "tmp"));
  ASSERT_TRUE(core::write_file_atomic(dir / "blobs" / "tmp" / "left-by-a-crash", "half").ok());
  auto reopened = BlobStore::open(dir / "blobs");
  ASSERT_TRUE(reopened.ok());
  EXPECT_TRUE(std::filesystem::is_empty(dir / "blobs" / "tmp"));
}

TEST(BlobStore, NamesThatAreNotDigestsNeverBecomePaths) {
  TempDir dir;
  auto blobs = std::move(*BlobStore::open(dir / "blobs"));
  for (const char* name : {"../../etc/passwd", "", "ABCDEF", "sha256:abc",
                           "../aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
    EXPECT_FALSE(blobs.contains(name)) << name;
    EXPECT_FALSE(blobs.stream(name, 0, 0).ok()) << name;
    EXPECT_FALSE(blobs.remove(name).ok()) << name;
  }
  EXPECT_TRUE(is_sha256_hex(core::sha256_hex("")));
  EXPECT_FALSE(is_sha256_hex(std::string(64, 'A')));
}

}  // namespace
}  // namespace hoplite::local::store
