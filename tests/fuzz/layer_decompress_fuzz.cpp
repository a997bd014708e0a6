// libFuzzer target: the layer decompressor (gzip members, zstd frames, plain) with its output cap,
// streamed and in memory (libdeflate member by member, then zlib): both must give the same bytes
// and fail alike. The first byte picks the codec: 'g' gzip, 'z' zstd, anything else none.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "hoplite/oci/compression.hpp"

namespace {

// Everything `d` gives, and whether it ended without an error.
std::pair<std::string, bool> drain(hoplite::oci::Decompressor& d) {
  std::string out;
  char buf[1 << 14];
  while (true) {
    auto n = d.read(buf, sizeof buf);
    if (!n) return {out, false};
    if (*n == 0) return {out, true};
    out.append(buf, *n);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using hoplite::oci::Compression;
  const Compression c = data[0] == 'g' ? Compression::kGzip : data[0] == 'z' ? Compression::kZstd : Compression::kNone;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  hoplite::oci::MemorySource src(input);
  hoplite::oci::Decompressor streamed(src, c, 1 << 22);
  hoplite::oci::Decompressor in_memory(input, c, 1 << 22);
  auto a = drain(streamed);
  auto b = drain(in_memory);
  // Output before an error may differ in length (the in-memory path checks a member whole before
  // giving any of it); a success must be the same success.
  if (a.second != b.second || (a.second && a.first != b.first)) std::abort();
  return 0;
}
