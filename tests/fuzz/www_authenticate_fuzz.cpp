// Registry `WWW-Authenticate` challenges, including several headers in one response.
#include "fuzz_input.hpp"
#include "hoplite/oci/auth.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  auto parts = fuzz::fields(fuzz::text(data, size), 3);
  auto challenges = oci::parse_www_authenticate(parts[0]);
  fuzz::check(challenges.size() <= 16);
  for (const auto& c : challenges) fuzz::check(c.params.size() <= 32);
  http::Response response{401, {}, {}};
  for (auto p : parts) response.headers.add("WWW-Authenticate", std::string(p));
  (void)oci::challenges_of(response);
  return 0;
}
