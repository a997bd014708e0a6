// A registry's error answer: status, JSON error body, Retry-After.
#include "fuzz_input.hpp"
#include "hoplite/oci/registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  auto parts = fuzz::fields(fuzz::text(data, size), 2);
  http::Request request{.method = "PUT", .url = "https://reg.example/v2/svc/manifests/v1?secret=x"};
  http::Response response{503, {}, std::string(parts[1])};
  response.headers.add("Retry-After", std::string(parts[0]));
  core::Error e = oci::registry_error(request, response, "reg.example", core::TimePoint{});
  // The URL's query never reaches the message; the registry's own text may say anything.
  if (parts[0].find("secret") == std::string_view::npos && parts[1].find("secret") == std::string_view::npos)
    fuzz::check(e.message.find("secret=x") == std::string::npos);
  fuzz::check(!e.retry_after_ms || (*e.retry_after_ms >= 0 && *e.retry_after_ms <= 24LL * 3600 * 1000));
  return 0;
}
