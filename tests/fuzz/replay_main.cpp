// The main() of a fuzz target in the normal build: runs LLVMFuzzerTestOneInput once over every
// file under the directories (or files) named on the command line, in sorted order. A crash,
// an abort or a sanitizer report fails the ctest entry; an empty corpus does too (a target
// without seeds tests nothing).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "hoplite/core/file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    if (fs::is_directory(argv[i], ec)) {
      for (const auto& e : fs::recursive_directory_iterator(argv[i]))
        if (e.is_regular_file() && e.path().filename().string().front() != '.') inputs.push_back(e.path());
    } else if (fs::is_regular_file(argv[i], ec)) {
      inputs.emplace_back(argv[i]);
    }
  }
  std::sort(inputs.begin(), inputs.end());
  if (inputs.empty()) {
    std::fprintf(stderr, "no inputs: add seeds to tests/fuzz/corpus/<target>/\n");
    return 1;
  }
  for (const auto& p : inputs) {
    auto bytes = hoplite::core::read_file(p);
    if (!bytes) {
      std::fprintf(stderr, "%s\n", bytes.error().to_string().c_str());
      return 1;
    }
    std::fprintf(stderr, "%s\n", p.c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size());
  }
  std::fprintf(stderr, "replayed %zu inputs\n", inputs.size());
  return 0;
}
