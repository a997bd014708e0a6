// The ELF reader (headers, program headers, dynamic section) on arbitrary bytes.
#include "fuzz_input.hpp"
#include "hoplite/oci/elf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  if (auto info = oci::read_elf(fuzz::text(data, size))) {
    (void)info->is_static();
    (void)oci::oci_architecture(info->machine);
  }
  return 0;
}
