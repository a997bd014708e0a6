#include "hoplite/oci/compression.hpp"

#include <libdeflate.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "hoplite/oci/media_type.hpp"

namespace hoplite::oci {

core::Result<Compression> parse_compression(std::string_view name) {
  if (name == "gzip") return Compression::kGzip;
  if (name == "zstd") return Compression::kZstd;
  if (name == "none") return Compression::kNone;
  return core::fail("oci.compression", "unknown compression '" + std::string(name) + "': use gzip, zstd or none");
}

std::string_view to_string(Compression c) {
  switch (c) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
  }
  return "none";
}

std::string_view layer_media_type(Compression c) {
  switch (c) {
    case Compression::kNone:
      return kOciLayer;
    case Compression::kGzip:
      return kOciLayerGzip;
    case Compression::kZstd:
      return kOciLayerZstd;
  }
  return kOciLayer;
}

core::Result<Compression> compression_of(std::string_view media_type) {
  if (is_gzip_layer(media_type)) return Compression::kGzip;
  if (is_tar_layer(media_type)) return Compression::kNone;
  if (media_type == kOciLayerZstd) return Compression::kZstd;
  return core::fail("oci.layer", "unsupported layer media type '" + std::string(media_type) + "'");
}

namespace {

int effective_level(const CompressOptions& o) {
  if (o.level > 0) return o.level;
  return o.compression == Compression::kZstd ? 3 : 1;
}

// One thread's codec state; each block is compressed with a fresh, independent stream.
class BlockCodec {
 public:
  BlockCodec(Compression c, int level) : compression_(c) {
    if (c == Compression::kGzip) {
      deflate_ = libdeflate_alloc_compressor(level);
      if (deflate_ == nullptr) throw std::invalid_argument("gzip level " + std::to_string(level) + " is not 1-12");
    } else if (c == Compression::kZstd) {
      if (level < 1 || level > ZSTD_maxCLevel()) throw std::invalid_argument("zstd level must be 1-19");
      zstd_ = ZSTD_createCCtx();
      if (zstd_ == nullptr) throw std::bad_alloc();
      // A checksum per frame: zstd has no other integrity check, and a flipped bit must not
      // unpack into a silently different file.
      ZSTD_CCtx_setParameter(zstd_, ZSTD_c_compressionLevel, level);
      ZSTD_CCtx_setParameter(zstd_, ZSTD_c_checksumFlag, 1);
    }
  }
  ~BlockCodec() {
    if (deflate_ != nullptr) libdeflate_free_compressor(deflate_);
    if (zstd_ != nullptr) ZSTD_freeCCtx(zstd_);
  }
  BlockCodec(const BlockCodec&) = delete;
  BlockCodec& operator=(const BlockCodec&) = delete;

  void compress(std::string_view in, std::string& out) {
    if (compression_ == Compression::kGzip) {
      out.resize(libdeflate_gzip_compress_bound(deflate_, in.size()));
      // libdeflate's gzip header has no name and MTIME 0, XFL from the level and OS 255: nothing
      // about the machine or the time.
      std::size_t n = libdeflate_gzip_compress(deflate_, in.data(), in.size(), out.data(), out.size());
      if (n == 0) throw std::runtime_error("libdeflate: output larger than its own bound");
      out.resize(n);
    } else if (compression_ == Compression::kZstd) {
      out.resize(ZSTD_compressBound(in.size()));
      std::size_t n = ZSTD_compress2(zstd_, out.data(), out.size(), in.data(), in.size());
      if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
      out.resize(n);
    } else {
      out.assign(in);
    }
  }

 private:
  Compression compression_;
  libdeflate_compressor* deflate_ = nullptr;
  ZSTD_CCtx* zstd_ = nullptr;
};

}  // namespace

struct ParallelCompressor::Impl {
  struct Job {
    std::string input;
    std::string output;
    std::string error;  // a codec failure (a bug or out of memory), reported by finish/write
    bool done = false;
  };

  CompressOptions options;
  CompressedSink sink;
  int level;
  std::size_t threads;
  std::string block;  // the block being filled
  std::uint64_t bytes_in = 0;
  bool any_block = false;
  bool finished = false;

  // threads == 1: compress inline; no workers.
  std::unique_ptr<BlockCodec> inline_codec;

  std::mutex mutex;
  std::condition_variable work_ready, job_done;
  std::deque<std::shared_ptr<Job>> pending;   // waiting for a worker
  std::deque<std::shared_ptr<Job>> in_order;  // every job not yet handed to the sink, in input order
  bool stopping = false;
  std::vector<std::thread> workers;

  Impl(CompressOptions o, CompressedSink s) : options(o), sink(std::move(s)), level(effective_level(o)) {
    threads = static_cast<std::size_t>(o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency()));
    if (options.compression == Compression::kNone) threads = 1;
    // Fail early on a bad level, on the caller's thread.
    inline_codec = std::make_unique<BlockCodec>(options.compression, level);
    if (threads > 1) {
      for (std::size_t i = 0; i < threads; ++i) workers.emplace_back([this] { work(); });
    }
    block.reserve(kCompressionBlock);
  }

  ~Impl() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    work_ready.notify_all();
    for (auto& t : workers) t.join();
  }

  void work() {
    std::unique_ptr<BlockCodec> codec;
    while (true) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [&] { return stopping || !pending.empty(); });
        if (pending.empty()) return;
        job = pending.front();
        pending.pop_front();
      }
      std::string error;
      try {
        if (!codec) codec = std::make_unique<BlockCodec>(options.compression, level);
        codec->compress(job->input, job->output);
      } catch (const std::exception& e) {
        error = e.what();
      }
      {
        std::lock_guard lock(mutex);
        job->error = std::move(error);
        job->done = true;
        std::string().swap(job->input);  // free the input early
      }
      job_done.notify_all();
    }
  }

  // Hands the oldest job's output to the sink once it is done.
  core::Result<void> drain_one() {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex);
      job_done.wait(lock, [&] { return in_order.front()->done; });
      job = in_order.front();
      in_order.pop_front();
    }
    if (!job->error.empty()) return core::fail("oci.compress", "compressing a layer: " + job->error);
    return sink(job->output);
  }

  core::Result<void> submit() {
    any_block = true;
    if (threads == 1) {
      std::string out;
      try {
        inline_codec->compress(block, out);
      } catch (const std::exception& e) {
        return core::fail("oci.compress", std::string("compressing a layer: ") + e.what());
      }
      block.clear();
      return sink(out);
    }
    auto job = std::make_shared<Job>();
    job->input.swap(block);
    block.reserve(kCompressionBlock);
    {
      std::lock_guard lock(mutex);
      pending.push_back(job);
      in_order.push_back(job);
    }
    work_ready.notify_one();
    while (in_order.size() > 2 * threads) {
      if (auto r = drain_one(); !r) return r;
    }
    return core::ok();
  }
};

ParallelCompressor::ParallelCompressor(CompressOptions options, CompressedSink sink)
    : impl_(std::make_unique<Impl>(options, std::move(sink))) {}

ParallelCompressor::~ParallelCompressor() = default;

core::Result<void> ParallelCompressor::write(std::string_view data) {
  Impl& s = *impl_;
  if (s.finished) throw std::logic_error("ParallelCompressor::write after finish");
  s.bytes_in += data.size();
  if (s.options.compression == Compression::kNone) return data.empty() ? core::ok() : s.sink(data);
  while (!data.empty()) {
    std::size_t n = std::min(data.size(), kCompressionBlock - s.block.size());
    s.block.append(data.substr(0, n));
    data.remove_prefix(n);
    if (s.block.size() == kCompressionBlock) {
      if (auto r = s.submit(); !r) return r;
    }
  }
  return core::ok();
}

core::Result<void> ParallelCompressor::finish() {
  Impl& s = *impl_;
  if (s.finished) throw std::logic_error("ParallelCompressor::finish called twice");
  s.finished = true;
  if (s.options.compression == Compression::kNone) return core::ok();
  // The last, partial block — or one empty member/frame, so that empty input is still valid.
  if (!s.block.empty() || !s.any_block) {
    if (auto r = s.submit(); !r) return r;
  }
  while (!s.in_order.empty()) {
    if (auto r = s.drain_one(); !r) return r;
  }
  return core::ok();
}

std::uint64_t ParallelCompressor::bytes_in() const { return impl_->bytes_in; }

std::string compress(std::string_view data, const CompressOptions& options) {
  std::string out;
  ParallelCompressor c(options, [&](std::string_view b) {
    out += b;
    return core::ok();
  });
  c.write(data).value();
  c.finish().value();
  return out;
}

// ---- decompression ----

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
}  // namespace

struct Decompressor::State {
  // In memory: gzip members are inflated whole by libdeflate from `memory.rest` into `member`
  // while `whole_members`; the first member it cannot take (too large, header flags, corrupt or
  // truncated) and all after it go through zlib, which also gives the precise error.
  ViewSource memory;
  bool whole_members = false;
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
