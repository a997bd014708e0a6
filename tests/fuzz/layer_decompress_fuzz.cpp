// libFuzzer target: the streaming layer decompressor (gzip members, zstd frames, plain) with its
// output cap. The first byte picks the codec: 'g' gzip, 'z' zstd, anything else none.
#include <cstdint>
#include <string_view>

#include "hoplite/oci/compression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using hoplite::oci::Compression;
  const Compression c = data[0] == 'g' ? Compression::kGzip : data[0] == 'z' ? Compression::kZstd : Compression::kNone;
  hoplite::oci::MemorySource src(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  hoplite::oci::Decompressor d(src, c, 1 << 22);
  char buf[1 << 14];
  while (true) {
    auto n = d.read(buf, sizeof buf);
    if (!n || *n == 0) break;
  }
  return 0;
}
