#include "support/golden.hpp"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace hoplite::testing {

std::filesystem::path source_dir() {
  const char* dir = std::getenv("HOPLITE_SOURCE_DIR");
  return dir ? std::filesystem::path(dir) : std::filesystem::current_path();
}

std::filesystem::path testdata(std::string_view relative) { return source_dir() / "tests" / "testdata" / relative; }

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

::testing::AssertionResult matches_golden(std::string_view relative_path, std::string_view actual) {
  std::filesystem::path file = testdata(relative_path);
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update != nullptr && std::string_view(update) == "1") {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << actual;
    return ::testing::AssertionSuccess() << "rewrote " << file;
  }
  if (!std::filesystem::exists(file))
    return ::testing::AssertionFailure() << "golden file " << file << " is missing; create it with UPDATE_GOLDEN=1";
  std::string expected = slurp(file);
  if (expected == actual) return ::testing::AssertionSuccess();
  std::istringstream e(expected), a{std::string(actual)};
  std::string el, al;
  int line = 1;
  while (true) {
    bool he = static_cast<bool>(std::getline(e, el));
    bool ha = static_cast<bool>(std::getline(a, al));
    if (!he && !ha) break;
    if (!he || !ha || el != al)
      return ::testing::AssertionFailure()
             << "output differs from golden " << file << " at line " << line
             << "\n  expected: " << (he ? el : "<end of file>") << "\n  actual:   " << (ha ? al : "<end of output>")
             << "\n(refresh with UPDATE_GOLDEN=1 after reviewing the change)";
    ++line;
  }
  return ::testing::AssertionFailure() << "output differs from golden " << file << " (line endings or final newline)";
}

TempDir::TempDir() {
  std::random_device rd;  // only names a scratch folder; never part of any output
  path_ = std::filesystem::temp_directory_path() / ("hoplite-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace hoplite::testing
