// Unpacking a tar written by another program (`docker save` output) into a private directory:
// nothing may land outside it.
#include <unistd.h>

#include <filesystem>

#include "fuzz_input.hpp"
#include "hoplite/oci/byte_source.hpp"
#include "hoplite/oci/unpack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  static const fs::path root = [] {
    std::string tmpl = (fs::temp_directory_path() / "hoplite-tar-fuzz-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    return fs::path(tmpl);
  }();
  const fs::path dir = root / "out";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  const std::string bytes(hoplite::fuzz::text(data, size));
  hoplite::oci::MemorySource in(bytes);
  (void)hoplite::oci::extract_tar(in, dir, {.max_bytes = 1 << 20, .max_entries = 64});
  // Everything written is under `dir`: the root holds nothing else.
  for (const auto& e : fs::directory_iterator(root)) hoplite::fuzz::check(e.path() == dir);
  fs::remove_all(dir, ec);
  return 0;
}
