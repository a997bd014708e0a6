// Decompressor: gzip members, zstd frames or plain layers, streamed (zlib, zstd) or in memory
// (libdeflate member by member, with zlib's verdict on the whole input), under an output cap.
#include <libdeflate.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <future>
#include <vector>

#include "hoplite/oci/compression.hpp"

namespace hoplite::oci {

namespace {
constexpr std::size_t kInputChunk = 1 << 16;
/// Largest gzip member libdeflate inflates whole (hoplite's are kCompressionBlock); a larger one,
/// and everything after it, goes through zlib's streaming inflate.
constexpr std::size_t kMaxWholeMember = std::size_t{4} << 20;

/// In-memory input whose rest can be handed over (to zlib, when libdeflate gives up).
class ViewSource final : public ByteSource {
 public:
  core::Result<std::size_t> read(char* buffer, std::size_t size) override {
    std::size_t n = std::min(size, rest.size());
    if (n > 0) std::memcpy(buffer, rest.data(), n);
    rest.remove_prefix(n);
    return n;
  }
  std::string_view rest;
};

/// zlib's verdict on a whole in-memory gzip input, reached on a second thread while libdeflate's
/// members are handed out. libdeflate 1.14 inflates streams that zlib, Go and so docker and ECS
/// refuse (a fixed-code block with the reserved length symbol 287, found by the layer_decompress
/// fuzz target), and a layer must be accepted in memory exactly when it is accepted streamed.
/// zlib inflates at about a third of libdeflate's speed; on its own thread it runs alongside what
/// the reader does with the output (an unpack hashes and writes it), so the end of the output
/// waits for zlib only when the reader is faster than zlib.
class ZlibVerdict {
 public:
  ZlibVerdict(std::string_view input, std::uint64_t max_output)
      : verdict_(std::async(std::launch::async, [this, input, max_output] { return inflate_all(input, max_output); })) {
  }
  ~ZlibVerdict() {
    stop_ = true;
    if (verdict_.valid()) verdict_.wait();
  }
  ZlibVerdict(const ZlibVerdict&) = delete;
  ZlibVerdict& operator=(const ZlibVerdict&) = delete;

  /// Waits for zlib: ok when it inflated the whole input without an error.
  core::Result<void> get() { return verdict_.get(); }

 private:
  core::Result<void> inflate_all(std::string_view input, std::uint64_t max_output) {
    ViewSource source;
    source.rest = input;
    Decompressor zlib(source, Compression::kGzip, max_output);
    std::vector<char> scratch(kInputChunk);
    while (!stop_) {
      auto n = zlib.read(scratch.data(), scratch.size());
      if (!n) return n.failure();
      if (*n == 0) break;
    }
    return core::ok();
  }

  std::atomic<bool> stop_{false};
  std::future<core::Result<void>> verdict_;
};
}  // namespace

struct Decompressor::State {
  // In memory: gzip members are inflated whole by libdeflate from `memory.rest` into `member`
  // while `whole_members`; the first member it cannot take (too large, header flags, corrupt or
  // truncated) and all after it go through zlib, which also gives the precise error.
  ViewSource memory;
  std::string_view whole;  // all of `memory`, for zlib's verdict
  bool whole_members = false;
  std::unique_ptr<ZlibVerdict> zlib_verdict;  // from the first member libdeflate inflates
  core::Result<void> verdict;                 // zlib's, once the input has ended
  libdeflate_decompressor* deflate = nullptr;
  std::vector<char> member;
  std::size_t member_pos = 0, member_len = 0;
  std::vector<char> input = std::vector<char>(kInputChunk);
  std::size_t in_pos = 0, in_len = 0;
  bool eof = false;
  // gzip
  z_stream zs{};
  bool z_init = false;
  bool member_open = false;  // inside a gzip member (or zstd frame)
  bool any_member = false;   // an empty input is not a compressed stream
  // zstd
  ZSTD_DCtx* zstd = nullptr;
  ~State() {
    if (z_init) inflateEnd(&zs);
    if (zstd != nullptr) ZSTD_freeDCtx(zstd);
    if (deflate != nullptr) libdeflate_free_decompressor(deflate);
  }
};

Decompressor::Decompressor(ByteSource& compressed, Compression compression, std::uint64_t max_output)
    : in_(compressed), compression_(compression), max_output_(max_output), state_(std::make_unique<State>()) {}

Decompressor::Decompressor(std::string_view compressed, Compression compression, std::uint64_t max_output)
    : Decompressor(
          [&] {
            auto s = std::make_unique<State>();
            s->memory.rest = compressed;
            s->whole = compressed;
            s->whole_members = compression == Compression::kGzip;
            return s;
          }(),
          compression, max_output) {}

// `in_` refers into the state, which never moves.
Decompressor::Decompressor(std::unique_ptr<State> state, Compression compression, std::uint64_t max_output)
    : in_(state->memory), compression_(compression), max_output_(max_output), state_(std::move(state)) {}

Decompressor::~Decompressor() = default;

// Refills the input buffer when it is empty; false at the end of the input.
core::Result<bool> Decompressor::fill() {
  State& s = *state_;
  if (s.in_pos < s.in_len) return true;
  if (s.eof) return false;
  auto n = in_.read(s.input.data(), s.input.size());
  if (!n) return n.failure();
  s.in_pos = 0;
  s.in_len = *n;
  if (*n == 0) s.eof = true;
  return *n > 0;
}

core::Result<std::size_t> Decompressor::read(char* buffer, std::size_t size) {
  if (size == 0) return std::size_t{0};
  core::Result<std::size_t> n = std::size_t{0};
  switch (compression_) {
    case Compression::kNone:
      n = in_.read(buffer, size);
      break;
    case Compression::kGzip:
      n = read_gzip(buffer, size);
      if (n && *n == 0) n = gzip_verdict();
      break;
    case Compression::kZstd:
      n = read_zstd(buffer, size);
      break;
  }
  if (!n) return n;
  produced_ += *n;
  if (produced_ > max_output_) {
    return core::fail("oci.limit", "layer decompresses to more than " + std::to_string(max_output_) +
                                       " bytes (the limit; a compression bomb?)");
  }
  return n;
}

core::Result<std::size_t> Decompressor::read_gzip_members(char* buffer, std::size_t size) {
  State& s = *state_;
  while (s.member_pos == s.member_len) {
    std::string_view in = s.memory.rest;
    if (in.empty()) {
      if (!s.any_member) return core::fail("oci.gzip", "not gzip data (empty)");
      return std::size_t{0};
    }
    // Only the plain header (no name, comment, extra field or header CRC) that hoplite, Go and
    // docker write: zlib checks what libdeflate would skip.
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(in[i]); };
    if (in.size() < 18 || byte(0) != 0x1f || byte(1) != 0x8b || byte(2) != 8 || byte(3) != 0) break;
    if (s.deflate == nullptr && (s.deflate = libdeflate_alloc_decompressor()) == nullptr) break;
    if (s.member.empty()) s.member.resize(kMaxWholeMember);
    std::size_t used = 0, produced = 0;
    if (libdeflate_gzip_decompress_ex(s.deflate, in.data(), in.size(), s.member.data(), s.member.size(), &used,
                                      &produced) != LIBDEFLATE_SUCCESS)
      break;
    if (!s.zlib_verdict) s.zlib_verdict = std::make_unique<ZlibVerdict>(s.whole, max_output_);
    s.memory.rest.remove_prefix(used);
    s.member_pos = 0;
    s.member_len = produced;
    s.any_member = true;
  }
  if (s.member_pos == s.member_len) {
    s.whole_members = false;  // zlib takes over at this member
    s.member = {};
    return read_gzip(buffer, size);
  }
  std::size_t n = std::min(size, s.member_len - s.member_pos);
  std::memcpy(buffer, s.member.data() + s.member_pos, n);
  s.member_pos += n;
  return n;
}

// The end of gzip input: in memory, zlib must have accepted all that libdeflate took.
core::Result<std::size_t> Decompressor::gzip_verdict() {
  State& s = *state_;
  if (s.zlib_verdict) {
    s.verdict = s.zlib_verdict->get();
    s.zlib_verdict.reset();
  }
  if (!s.verdict) return s.verdict.failure();
  return std::size_t{0};
}

core::Result<std::size_t> Decompressor::read_gzip(char* buffer, std::size_t size) {
  State& s = *state_;
  if (s.whole_members) return read_gzip_members(buffer, size);
  if (!s.z_init) {
    if (inflateInit2(&s.zs, 15 + 16) != Z_OK) return core::fail("oci.gzip", "zlib inflateInit2 failed");
    s.z_init = true;
  }
  std::size_t produced = 0;
  while (produced == 0) {
    auto more = fill();
    if (!more) return more.failure();
    if (!s.member_open) {
      if (!*more) {
        if (!s.any_member) return core::fail("oci.gzip", "not gzip data (empty)");
        return std::size_t{0};
      }
      // A new member must start here: RFC 1952 allows several, nothing else may follow them.
      if (static_cast<unsigned char>(s.input[s.in_pos]) != 0x1f) {
        return core::fail("oci.gzip", "not gzip data (or garbage after the last gzip member)");
      }
      inflateReset(&s.zs);
      s.member_open = true;
      s.any_member = true;
    }
    // With no input left, zlib may still hold output for us; no progress then means truncation.
    s.zs.next_in = reinterpret_cast<Bytef*>(s.input.data() + s.in_pos);
    s.zs.avail_in = static_cast<uInt>(s.in_len - s.in_pos);
    s.zs.next_out = reinterpret_cast<Bytef*>(buffer);
    s.zs.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
    const uInt room = s.zs.avail_out;
    int rc = inflate(&s.zs, Z_NO_FLUSH);
    s.in_pos = s.in_len - s.zs.avail_in;
    produced = room - s.zs.avail_out;
    if (rc == Z_STREAM_END) {
      s.member_open = false;
    } else if (rc == Z_BUF_ERROR && produced == 0) {
      if (!*more) return core::fail("oci.gzip", "gzip data is truncated");
    } else if (rc != Z_OK) {
      return core::fail("oci.gzip",
                        std::string("not valid gzip data: ") + (s.zs.msg != nullptr ? s.zs.msg : "corrupt"));
    } else if (produced == 0 && !*more) {
      return core::fail("oci.gzip", "gzip data is truncated");
    }
  }
  return produced;
}

core::Result<std::size_t> Decompressor::read_zstd(char* buffer, std::size_t size) {
  State& s = *state_;
  if (s.zstd == nullptr) {
    s.zstd = ZSTD_createDCtx();
    if (s.zstd == nullptr) return core::fail("oci.zstd", "cannot create a zstd context");
  }
  std::size_t produced = 0;
  while (produced == 0) {
    auto more = fill();
    if (!more) return more.failure();
    if (!*more && !s.member_open) {
      if (!s.any_member) return core::fail("oci.zstd", "not zstd data (empty)");
      return std::size_t{0};
    }
    ZSTD_inBuffer in{s.input.data(), s.in_len, s.in_pos};
    ZSTD_outBuffer out{buffer, size, 0};
    std::size_t rc = ZSTD_decompressStream(s.zstd, &out, &in);
    if (ZSTD_isError(rc)) return core::fail("oci.zstd", std::string("not valid zstd data: ") + ZSTD_getErrorName(rc));
    const bool consumed = in.pos > s.in_pos;
    s.in_pos = in.pos;
    produced = out.pos;
    s.any_member = true;
    s.member_open = rc != 0;  // 0: a frame ended exactly here
    if (produced == 0 && !consumed && !*more) return core::fail("oci.zstd", "zstd data is truncated");
  }
  return produced;
}

core::Result<std::string> decompress(std::string_view data, Compression compression, std::uint64_t max_output) {
  Decompressor d(data, compression, max_output);
  std::string out;
  std::vector<char> buf(1 << 16);
  while (true) {
    auto n = d.read(buf.data(), buf.size());
    if (!n) return n.failure();
    if (*n == 0) return out;
    out.append(buf.data(), *n);
  }
}

}  // namespace hoplite::oci
