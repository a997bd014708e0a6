// The in-house tar writer and reader, checked against libarchive as an independent peer.
#include "hoplite/oci/tar.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <memory>

#include "test_util.hpp"

namespace hoplite::oci::tar {
namespace {

using oci::testing::read_tar;

// A whole archive from headers and file data, as LayerWriter lays it out.
std::string archive_of(const std::vector<std::pair<Header, std::string>>& entries) {
  std::string out;
  for (const auto& [h, data] : entries) {
    out += encode_header(h);
    out += data;
    out.append(padding(data.size()), '\0');
  }
  out += end_of_archive();
  return out;
}

Header file(std::string path, std::uint64_t size, std::uint32_t mode = 0644) {
  Header h;
  h.path = std::move(path);
  h.size = size;
  h.mode = mode;
  return h;
}

// What libarchive's pax-restricted writer makes of the same entry: the bytes the image layers
// had before the in-house writer, so their diff_ids stay.
std::string libarchive_header(const Header& h) {
  std::string out;
  std::unique_ptr<archive, decltype(&archive_write_free)> a(archive_write_new(), archive_write_free);
  archive_write_set_format_pax_restricted(a.get());
  archive_write_add_filter_none(a.get());
  archive_write_set_bytes_in_last_block(a.get(), 1);
  archive_write_open2(
      a.get(), &out, nullptr,
      [](archive*, void* client, const void* buffer, size_t length) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
        return static_cast<la_ssize_t>(length);
      },
      nullptr, nullptr);
  std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), archive_entry_free);
  archive_entry_set_uid(e.get(), static_cast<la_int64_t>(h.uid));
  archive_entry_set_gid(e.get(), static_cast<la_int64_t>(h.gid));
  archive_entry_set_mtime(e.get(), h.mtime, 0);
  archive_entry_set_perm(e.get(), static_cast<mode_t>(h.mode));
  switch (h.type) {
    case Type::kDirectory:
      archive_entry_set_pathname(e.get(), (h.path + "/").c_str());
      archive_entry_set_filetype(e.get(), AE_IFDIR);
      break;
    case Type::kSymlink:
      archive_entry_set_pathname(e.get(), h.path.c_str());
      archive_entry_set_filetype(e.get(), AE_IFLNK);
      archive_entry_set_symlink(e.get(), h.link.c_str());
      break;
    default:
      archive_entry_set_pathname(e.get(), h.path.c_str());
      archive_entry_set_filetype(e.get(), AE_IFREG);
      archive_entry_set_size(e.get(), static_cast<la_int64_t>(h.size));
      break;
  }
  archive_write_header(a.get(), e.get());
  archive_write_close(a.get());
  return out.substr(0, kBlockSize);
}

TEST(TarWriter, UstarHeadersAreByteForByteWhatLibarchiveWrites) {
  std::vector<Header> cases;
  cases.push_back(file("hello.txt", 13));
  cases.push_back(file("app/service", 40'000'000, 0555));
  Header dir;
  dir.path = "tmp";
  dir.type = Type::kDirectory;
  dir.mode = 01777;
  cases.push_back(dir);
  Header link;
  link.path = "usr/bin/service";
  link.type = Type::kSymlink;
  link.mode = 0777;
  link.link = "/app/service";
  cases.push_back(link);
  Header owned = file("home/nonroot/.profile", 0, 0600);
  owned.uid = 65532;
  owned.gid = 65532;
  owned.mtime = 1700000000;
  cases.push_back(owned);
  cases.push_back(file(std::string(100, 'n'), 1));  // exactly fills the name field
  for (const Header& h : cases) {
    EXPECT_EQ(encode_header(h), libarchive_header(h)) << h.path;
  }
}

TEST(TarWriter, WhatUstarCannotHoldGoesIntoPaxRecordsThatLibarchiveReads) {
  std::string deep = "d";
  for (int i = 0; i < 30; ++i) deep += "/directory" + std::to_string(i);
  std::string splittable = std::string(120, 'p') + "/" + std::string(90, 'f');
  std::string unsplittable = std::string(300, 'q');
  Header long_link;
  long_link.path = "l";
  long_link.type = Type::kSymlink;
  long_link.link = "/" + std::string(200, 't');
  Header big_ids = file("ids", 2);
  big_ids.uid = 10'000'000;
  big_ids.gid = 20'000'000;
  Header old = file("old", 1);
  old.mtime = -86400;
  std::string tar = archive_of({{file(deep + "/file", 1), "x"},
                                {file(splittable, 0), ""},
                                {file(unsplittable, 0), ""},
                                {long_link, ""},
                                {big_ids, "ab"},
                                {old, "o"}});
  auto entries = read_tar(tar);
  ASSERT_EQ(entries.size(), 6u);
  EXPECT_EQ(entries[0].path, deep + "/file");
  EXPECT_EQ(entries[0].data, "x");
  EXPECT_EQ(entries[1].path, splittable);
  EXPECT_EQ(entries[2].path, unsplittable);
  EXPECT_EQ(entries[3].link, long_link.link);
  EXPECT_EQ(entries[4].uid, 10'000'000);
  EXPECT_EQ(entries[4].gid, 20'000'000);
  EXPECT_EQ(entries[4].data, "ab");
  EXPECT_EQ(entries[5].mtime, -86400);
  // The splittable path needs no pax record: one header block, no `x` entry before it.
  EXPECT_EQ(encode_header(file(splittable, 0)).size(), kBlockSize);
  EXPECT_GT(encode_header(file(unsplittable, 0)).size(), kBlockSize);
}

TEST(TarWriter, RefusesWhatIsABug) {
  EXPECT_THROW((void)encode_header(file("", 0)), std::invalid_argument);
  EXPECT_THROW((void)encode_header(file("x", 0, 010000)), std::invalid_argument);
}

// Reads every entry with the in-house reader, data included.
std::vector<std::pair<Header, std::string>> read_all(std::string_view tar, Limits limits = {}) {
  MemorySource src(tar);
  Reader r(src, limits);
  std::vector<std::pair<Header, std::string>> out;
  while (true) {
    auto h = r.next();
    if (!h) throw std::runtime_error(h.error().code + ": " + h.error().message);
    if (!*h) return out;
    std::string data;
    auto got = r.read_all(data, 1 << 30);
    if (!got) throw std::runtime_error(got.error().code + ": " + got.error().message);
    out.emplace_back(**h, std::move(data));
  }
}

core::Error read_error(std::string_view tar, Limits limits = {}) {
  MemorySource src(tar);
  Reader r(src, limits);
  while (true) {
    auto h = r.next();
    if (!h) return h.error();
    if (!*h) return core::Error{"none", "read to the end", std::nullopt, false, {}};
    std::string data;
    if (auto got = r.read_all(data, 1 << 30); !got) return got.error();
  }
}

TEST(TarReader, ReadsWhatTheWriterWrites) {
  std::string deep(300, 'q');
  Header link;
  link.path = "a/link";
  link.type = Type::kSymlink;
  link.link = std::string(150, 't');
  Header dir;
  dir.path = "a";
  dir.type = Type::kDirectory;
  dir.mode = 0750;
  Header big = file("big", 3);
  big.uid = 1u << 30;
  big.mtime = 1234567890;
  auto entries =
      read_all(archive_of({{dir, ""}, {file("a/f", 5, 0600), "hello"}, {link, ""}, {file(deep, 0), ""}, {big, "xyz"}}));
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].first.path, "a");
  EXPECT_EQ(entries[0].first.type, Type::kDirectory);
  EXPECT_EQ(entries[0].first.mode, 0750u);
  EXPECT_EQ(entries[1].first.path, "a/f");
  EXPECT_EQ(entries[1].second, "hello");
  EXPECT_EQ(entries[1].first.mode, 0600u);
  EXPECT_EQ(entries[2].first.link, link.link);
  EXPECT_EQ(entries[3].first.path, deep);
  EXPECT_EQ(entries[4].first.uid, 1u << 30);
  EXPECT_EQ(entries[4].first.mtime, 1234567890);
  EXPECT_EQ(entries[4].second, "xyz");
}

// Archives written by libarchive in the other formats a reader meets: GNU (long names as `L`
// entries, base-256 numbers), pax with its own naming, v7.
std::string libarchive_archive(int format, const std::vector<std::pair<std::string, std::string>>& files,
                               la_int64_t uid = 0) {
  std::string out;
  std::unique_ptr<archive, decltype(&archive_write_free)> a(archive_write_new(), archive_write_free);
  archive_write_set_format(a.get(), format);
  archive_write_add_filter_none(a.get());
  archive_write_open2(
      a.get(), &out, nullptr,
      [](archive*, void* client, const void* buffer, size_t length) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
        return static_cast<la_ssize_t>(length);
      },
      nullptr, nullptr);
  for (const auto& [path, data] : files) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname(e.get(), path.c_str());
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0640);
    archive_entry_set_uid(e.get(), uid);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(data.size()));
    archive_write_header(a.get(), e.get());
    archive_write_data(a.get(), data.data(), data.size());
  }
  archive_write_close(a.get());
  return out;
}

TEST(TarReader, ReadsGnuPaxAndV7ArchivesFromLibarchive) {
  // Too long for ustar: GNU writes an `L` entry, pax an `x` record.
  const std::string long_name = "dir/" + std::string(180, 'g') + "/file";
  // Fits ustar only split into prefix and name.
  const std::string split_name = std::string(120, 'p') + "/" + std::string(60, 'n');
  for (int format : {ARCHIVE_FORMAT_TAR_GNUTAR, ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE, ARCHIVE_FORMAT_TAR_USTAR}) {
    const std::string& name = format == ARCHIVE_FORMAT_TAR_USTAR ? split_name : long_name;
    auto entries = read_all(libarchive_archive(format, {{"short", "one"}, {name, std::string(700, 'z')}}));
    ASSERT_EQ(entries.size(), 2u) << format;
    EXPECT_EQ(entries[0].first.path, "short");
    EXPECT_EQ(entries[0].second, "one");
    EXPECT_EQ(entries[0].first.mode, 0640u);
    EXPECT_EQ(entries[1].first.path, name) << format;
    EXPECT_EQ(entries[1].second, std::string(700, 'z'));
  }
  auto gnu_big_uid = read_all(libarchive_archive(ARCHIVE_FORMAT_TAR_GNUTAR, {{"u", "1"}}, 0x7fffffffLL));
  EXPECT_EQ(gnu_big_uid[0].first.uid, 0x7fffffffu) << "base-256 number";
  auto v7 = read_all(libarchive_archive(ARCHIVE_FORMAT_TAR, {{"old/file", "v7"}}));
  EXPECT_EQ(v7[0].first.path, "old/file");
  EXPECT_EQ(v7[0].second, "v7");
}

TEST(TarReader, SkipsUnreadDataAndEndsAtTheEndOfTheStreamOnABlockBoundary) {
  std::string tar = archive_of({{file("a", 600), std::string(600, 'a')}, {file("b", 1), "b"}});
  const std::string no_end = tar.substr(0, tar.size() - 1024);  // no end blocks at all
  MemorySource src(no_end);
  Reader r(src);
  auto a = r.next();
  ASSERT_TRUE(a && *a);
  char first[10];
  ASSERT_EQ(r.read(first, 10).value(), 10u);  // read a little, skip the rest
  auto b = r.next();
  ASSERT_TRUE(b && *b);
  EXPECT_EQ((*b)->path, "b");
  auto end = r.next();
  ASSERT_TRUE(end);
  EXPECT_FALSE(*end);
  auto after = r.next();  // stays at the end
  ASSERT_TRUE(after);
  EXPECT_FALSE(after->has_value());
}

TEST(TarReader, RefusesCorruptAndTruncatedArchives) {
  std::string good = archive_of({{file("a", 5), "hello"}});
  std::string bad_sum = good;
  bad_sum[0] = 'b';
  EXPECT_EQ(read_error(bad_sum).code, "oci.tar");
  EXPECT_NE(read_error(bad_sum).message.find("checksum"), std::string::npos);
  EXPECT_EQ(read_error(good.substr(0, 300)).code, "oci.tar.truncated");  // half a header
  EXPECT_EQ(read_error(good.substr(0, 515)).code, "oci.tar.truncated");  // data cut short
  EXPECT_EQ(read_error("not a tar file at all, but long enough? " + std::string(600, 'x')).code, "oci.tar");
  // A pax header followed by nothing.
  Header p = file(std::string(300, 'p'), 0);
  std::string only_pax = encode_header(p).substr(0, 2 * kBlockSize) + std::string(1024, '\0');
  EXPECT_EQ(read_error(only_pax).code, "oci.tar");
}

TEST(TarReader, EnforcesItsLimitsBeforeAllocating) {
  std::string deep(300, 'q');
  std::string tar = archive_of({{file(deep, 0), ""}});
  EXPECT_EQ(read_error(tar, {.max_extended_header = 100}).code, "oci.limit");
  EXPECT_EQ(read_error(tar, {.max_path = 200}).code, "oci.limit");
  EXPECT_EQ(read_error(archive_of({{file("a", 0), ""}, {file("b", 0), ""}}), {.max_entries = 1}).code, "oci.limit");
  EXPECT_EQ(read_error(archive_of({{file("a", 10), "0123456789"}}), {.max_entry_size = 9}).code, "oci.limit");
  // A header that claims a 4 GiB pax record is refused without reading (or allocating) it.
  std::string block = encode_header(file("PaxHeader/a", std::uint64_t{1} << 32));
  block[156] = 'x';
  // Recompute the checksum for the changed type flag.
  std::memset(block.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : block) sum += c;
  std::snprintf(block.data() + 148, 8, "%06o", sum);
  EXPECT_EQ(read_error(block + std::string(1024, '\0')).code, "oci.limit");
  // read_all refuses an entry larger than asked for, without reading it.
  const std::string ten = archive_of({{file("a", 10), "0123456789"}});
  MemorySource src(ten);
  Reader r(src);
  ASSERT_TRUE(r.next().value());
  std::string data;
  EXPECT_EQ(r.read_all(data, 5).error().code, "oci.limit");
  EXPECT_TRUE(data.empty());
}

TEST(TarReader, HeaderOnlyTypesHaveNoDataWhateverTheirSizeSays) {
  Header dir;
  dir.path = "d";
  dir.type = Type::kDirectory;
  std::string block = encode_header(dir);
  // Claim a size of 512 in the directory's header; a reader must not swallow the next entry.
  std::snprintf(block.data() + 124, 12, "%011o", 512u);
  block[135] = ' ';
  std::memset(block.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : block) sum += c;
  std::snprintf(block.data() + 148, 8, "%06o", sum);
  std::string tar = block + archive_of({{file("f", 1), "f"}});
  auto entries = read_all(tar);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].first.size, 0u);
  EXPECT_EQ(entries[1].first.path, "f");
}

}  // namespace
}  // namespace hoplite::oci::tar
