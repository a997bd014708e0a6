#include "hoplite/oci/byte_source.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace hoplite::oci {

core::Result<std::size_t> MemorySource::read(char* buffer, std::size_t size) {
  std::size_t n = std::min(size, bytes_.size());
  if (n > 0) std::memcpy(buffer, bytes_.data(), n);
  bytes_.remove_prefix(n);
  return n;
}

core::Result<void> read_exact(ByteSource& in, char* buffer, std::size_t size, std::string_view code,
                              std::string_view what) {
  std::size_t got = 0;
  while (got < size) {
    auto n = in.read(buffer + got, size - got);
    if (!n) return n.failure();
    if (*n == 0) return core::fail(std::string(code), std::string(what) + " is truncated");
    got += *n;
  }
  return core::ok();
}

core::Result<void> skip_exact(ByteSource& in, std::uint64_t size, std::string_view code, std::string_view what) {
  std::array<char, 1 << 14> scratch;
  while (size > 0) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size, scratch.size()));
    if (auto r = read_exact(in, scratch.data(), want, code, what); !r) return r;
    size -= want;
  }
  return core::ok();
}

}  // namespace hoplite::oci
