// Compiled into every test executable (cmake/HopliteTargets.cmake). Sets HOPLITE_SOURCE_DIR and
// HOPLITE_BINARY_DIR before any test runs, unless the caller already set them, so tests find the
// source and build trees whether ctest or a developer starts them. (gtest_discover_tests cannot
// pass two variables through its ENVIRONMENT property: CMake splits the list.)
#include <cstdlib>

namespace {

struct TestEnvironment {
  TestEnvironment() {
    setenv("HOPLITE_SOURCE_DIR", HOPLITE_TEST_SOURCE_DIR, 0);
    setenv("HOPLITE_BINARY_DIR", HOPLITE_TEST_BINARY_DIR, 0);
  }
};

const TestEnvironment kTestEnvironment;

}  // namespace
