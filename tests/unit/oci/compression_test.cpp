#include "hoplite/oci/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "hoplite/core/hex.hpp"

namespace hoplite::oci {
namespace {

std::string sample(std::size_t n) {
  std::string s(n, '\0');
  std::uint32_t x = 7;
  for (std::size_t i = 0; i < n; ++i) {
    x = x * 1664525 + 1013904223;
    s[i] = (i % 4 == 0) ? static_cast<char>(x >> 24) : static_cast<char>('a' + (i % 13));
  }
  return s;
}

// zlib's own gzip reader (multi-member aware through inflateReset), as a second opinion.
std::string zlib_gunzip(std::string_view gz) {
  std::string out;
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  char buf[1 << 14];
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    int rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);
    } else if (rc != Z_OK) {
      out = "zlib error";
      break;
    }
  }
  inflateEnd(&zs);
  return out;
}

TEST(Compression, RoundTripsAtBlockBoundaries) {
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, kCompressionBlock - 1, kCompressionBlock, kCompressionBlock + 1,
                        3 * kCompressionBlock + 5}) {
    std::string data = sample(n);
    for (Compression c : {Compression::kGzip, Compression::kZstd, Compression::kNone}) {
      std::string packed = compress(data, {.compression = c, .threads = 2});
      auto back = decompress(packed, c, n + 1);
      ASSERT_TRUE(back) << to_string(c) << " " << n << ": " << back.error().message;
      EXPECT_EQ(*back, data) << to_string(c) << " " << n;
    }
    EXPECT_EQ(zlib_gunzip(compress(data)), data) << n;
  }
}

TEST(Compression, GzipIsOneMemberPerBlockWithAFixedHeader) {
  std::string gz = compress(sample(2 * kCompressionBlock + 10));
  int members = 0;
  for (std::size_t i = 0; i + 10 <= gz.size(); ++i) {
    if (gz.compare(i, 10, std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\xff", 10)) == 0) ++members;
  }
  EXPECT_EQ(members, 3);  // ID, deflate, no flags, MTIME 0, XFL "fastest", OS unknown
}

TEST(Compression, SameBytesForAnyThreadCountAndLevelMatters) {
  std::string data = sample(4 * kCompressionBlock + 777);
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    std::string one = compress(data, {.compression = c, .threads = 1});
    for (int t : {2, 5, 16}) EXPECT_EQ(compress(data, {.compression = c, .threads = t}), one) << t;
    EXPECT_NE(compress(data, {.compression = c, .level = 9, .threads = 2}), one);
  }
}

TEST(Compression, ParsesNamesAndMediaTypes) {
  EXPECT_EQ(parse_compression("zstd").value(), Compression::kZstd);
  EXPECT_EQ(parse_compression("gzip").value(), Compression::kGzip);
  auto bad = parse_compression("lz4");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "oci.compression");
  EXPECT_NE(bad.error().message.find("gzip, zstd or none"), std::string::npos);
  EXPECT_EQ(compression_of("application/vnd.docker.image.rootfs.diff.tar.gzip").value(), Compression::kGzip);
  EXPECT_EQ(compression_of(layer_media_type(Compression::kZstd)).value(), Compression::kZstd);
  EXPECT_FALSE(compression_of("application/vnd.oci.image.layer.v1.tar+encrypted"));
  EXPECT_THROW(compress("x", {.level = 99}), std::invalid_argument);
}

TEST(Decompressor, StopsABombAtItsLimit) {
  std::string zeros(64 << 20, '\0');
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    std::string bomb = compress(zeros, {.compression = c});
    EXPECT_LT(bomb.size(), 1u << 20) << "64 MiB of zeros compress to little";
    auto r = decompress(bomb, c, 8 << 20);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "oci.limit");
    EXPECT_NE(r.error().message.find("more than 8388608 bytes"), std::string::npos);
  }
}

TEST(Decompressor, RefusesTruncatedCorruptEmptyAndTrailingGarbage) {
  std::string data = sample(300000);
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    const std::string code = c == Compression::kGzip ? "oci.gzip" : "oci.zstd";
    std::string packed = compress(data, {.compression = c});
    EXPECT_EQ(decompress(packed.substr(0, packed.size() / 2), c, 1 << 30).error().code, code) << "truncated";
    EXPECT_EQ(decompress(packed.substr(0, packed.size() - 1), c, 1 << 30).error().code, code) << "last byte";
    std::string corrupt = packed;
    corrupt[corrupt.size() / 2] ^= 0x55;
    EXPECT_FALSE(decompress(corrupt, c, 1 << 30)) << "corrupt";
    EXPECT_EQ(decompress("", c, 1 << 30).error().code, code) << "empty";
    EXPECT_FALSE(decompress(packed + "garbage", c, 1 << 30)) << "trailing garbage";
  }
  EXPECT_EQ(decompress("not gzip", Compression::kGzip, 100).error().code, "oci.gzip");
}

TEST(Decompressor, ReadsConcatenatedStreamsFromOtherWriters) {
  // A single-member stream from zlib (as other tools write it) followed by one of ours.
  std::string a = sample(5000), b = sample(7000);
  std::string zlib_member;
  {
    z_stream zs{};
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    zlib_member.resize(deflateBound(&zs, a.size()) + 32);
    zs.next_in = reinterpret_cast<Bytef*>(a.data());
    zs.avail_in = static_cast<uInt>(a.size());
    zs.next_out = reinterpret_cast<Bytef*>(zlib_member.data());
    zs.avail_out = static_cast<uInt>(zlib_member.size());
    ASSERT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
    zlib_member.resize(zs.total_out);
    deflateEnd(&zs);
  }
  EXPECT_EQ(decompress(zlib_member + compress(b), Compression::kGzip, 1 << 20).value(), a + b);
}

// Streamed (zlib) and in memory (libdeflate member by member, zlib from the first member it
// cannot take whole) give the same bytes.
TEST(Decompressor, InMemoryAndStreamedAgree) {
  auto zlib_gzip = [](const std::string& in) {
    z_stream zs{};
    deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, in.size()) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
  };
  std::string small = sample(300000), big = sample(6 << 20), tail = sample(5000);
  // Ours (1 MiB members), then one member too large to inflate whole, then ours again.
  std::string packed = compress(small) + zlib_gzip(big) + compress(tail);
  std::string named = zlib_gzip(tail);
  named[3] = 0x08;  // FNAME: a name follows the 10-byte header
  named.insert(10, std::string("name\0", 5));
  for (const std::string& blob : {packed, compress(small) + named}) {
    MemorySource src(blob);
    Decompressor streamed(src, Compression::kGzip, 1 << 30);
    Decompressor in_memory(std::string_view(blob), Compression::kGzip, 1 << 30);
    std::string a, b;
    std::vector<char> buf(100000);
    for (auto* d : {&streamed, &in_memory}) {
      std::string& out = d == &streamed ? a : b;
      while (true) {
        auto n = d->read(buf.data(), buf.size());
        ASSERT_TRUE(n) << n.error().to_string();
        if (*n == 0) break;
        out.append(buf.data(), *n);
      }
    }
    EXPECT_EQ(a, b);
    EXPECT_EQ(b, blob == packed ? small + big + tail : small + tail);
  }
}

// libdeflate 1.14 inflates a fixed-code block that uses the reserved length symbol 287 (and the
// CRC matches what it makes of it); zlib, Go and so docker refuse it, and the in-memory path must
// too (found by the layer_decompress fuzz target, tests/fuzz/regressions/layer_decompress).
TEST(Decompressor, ReservedLengthSymbolIsRefusedInMemoryAsStreamed) {
  const std::string blob =
      core::from_hex("1f8b0800060000000203cbc82fc8c92c4955c849ac4c2d52c818e78df2f0f20026a0febe30020000").value();
  MemorySource src(blob);
  Decompressor streamed(src, Compression::kGzip, 1 << 20);
  Decompressor in_memory(std::string_view(blob), Compression::kGzip, 1 << 20);
  std::vector<char> buf(4096);
  for (auto* d : {&streamed, &in_memory}) {
    core::Result<std::size_t> n = std::size_t{0};
    do {
      n = d->read(buf.data(), buf.size());
    } while (n && *n > 0);
    ASSERT_FALSE(n) << (d == &streamed ? "streamed" : "in memory") << " accepted it";
    EXPECT_EQ(n.error().message, "not valid gzip data: invalid literal/length code");
  }
}

}  // namespace
}  // namespace hoplite::oci
