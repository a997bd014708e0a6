#pragma once
/// \file Golden-file assertions. A golden file holds the exact bytes a test expects; when the
/// output changes on purpose, refresh every golden file with
///
///     UPDATE_GOLDEN=1 ctest --test-dir build      # then review `git diff tests/testdata`
///
/// and commit the reviewed result.

#include <filesystem>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace hoplite::testing {

/// The repository's root (HOPLITE_SOURCE_DIR, set by ctest; else the current directory).
std::filesystem::path source_dir();

/// `tests/testdata/<relative>` under the source tree.
std::filesystem::path testdata(std::string_view relative);

/// Compares `actual` with the golden file (a path under tests/testdata/); with UPDATE_GOLDEN=1 it
/// rewrites the file instead and passes. On mismatch it reports the first differing line.
::testing::AssertionResult matches_golden(std::string_view relative_path, std::string_view actual);

/// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace hoplite::testing

#define EXPECT_GOLDEN(path, actual) EXPECT_TRUE(::hoplite::testing::matches_golden((path), (actual)))

/// Expects `statement` to throw `exception_type` whose what() contains `substring` (fmt's
/// EXPECT_THROW_MSG, loosened to a substring so messages can carry context).
#define EXPECT_THROW_WITH(statement, exception_type, substring)                   \
  do {                                                                            \
    try {                                                                         \
      statement;                                                                  \
      ADD_FAILURE() << "expected " #exception_type " from: " #statement;          \
    } catch (const exception_type& e) {                                           \
      EXPECT_NE(std::string(e.what()).find(substring), std::string::npos)         \
          << "message: " << e.what() << "\nexpected to contain: " << (substring); \
    }                                                                             \
  } while (false)
