// libFuzzer target: the in-house tar reader (ustar/pax/GNU/v7 headers, pax records, long names,
// base-256 numbers, checksums, its caps), reading every entry's data to the end.
#include <cstdint>
#include <string_view>

#include "hoplite/oci/tar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hoplite::oci::MemorySource src(std::string_view(reinterpret_cast<const char*>(data), size));
  hoplite::oci::tar::Reader reader(
      src, {.max_entries = 1000, .max_path = 4096, .max_extended_header = 1 << 16, .max_entry_size = 1 << 24});
  char buf[4096];
  while (true) {
    auto h = reader.next();
    if (!h || !*h) break;
    while (true) {
      auto n = reader.read(buf, sizeof buf);
      if (!n || *n == 0) break;
    }
  }
  return 0;
}
