// libFuzzer target: the ELF reader (headers, program headers, notes and build id, dynamic section
// and its string table, every size capped) and the in-house strip (section headers, extended
// numbering), which reads the same bytes as a file through a memfd.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "hoplite/oci/elf.hpp"
#include "hoplite/oci/strip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)hoplite::oci::read_elf(bytes);

  int fd = ::memfd_create("elf", MFD_CLOEXEC);
  if (fd < 0) return 0;
  if (::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size())) {
    auto file = hoplite::oci::HostFile::open("/proc/self/fd/" + std::to_string(fd));
    if (file) {
      auto stripped = hoplite::oci::strip_binary(*file);
      if (stripped) (void)stripped->content.size();
    }
  }
  ::close(fd);
  return 0;
}
