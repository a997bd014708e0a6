// The shared AWS config and credentials files (INI with profiles and sub-sections).
#include "fuzz_input.hpp"
#include "hoplite/aws/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  std::string_view text = fuzz::text(data, size);
  (void)aws::parse_profiles(text, true, "config");
  (void)aws::parse_profiles(text, false, "credentials");
  return 0;
}
