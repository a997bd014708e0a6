#include "hoplite/oci/compression.hpp"

#include <libdeflate.h>
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

}  // namespace hoplite::oci
