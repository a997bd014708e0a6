// SigV4 canonicalization of arbitrary requests: method, URL (path and query escapes), headers.
#include "fuzz_input.hpp"
#include "hoplite/aws/sigv4.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  auto parts = fuzz::fields(fuzz::text(data, size), 4);
  http::Request req;
  req.method = std::string(parts[0]);
  req.url = std::string(parts[1]);
  std::string_view headers = parts[2];
  while (!headers.empty()) {
    std::size_t nl = headers.find('\n');
    std::string_view line = headers.substr(0, nl);
    headers = nl == std::string_view::npos ? std::string_view{} : headers.substr(nl + 1);
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && colon > 0)
      req.headers.add(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
  }
  req.body = std::string(parts[3]);
  aws::Credentials creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", std::nullopt, "fuzz"};
  for (bool s3 : {false, true}) {
    aws::SigningOptions o{.service = s3 ? "s3" : "service",
                          .region = "us-east-1",
                          .time = core::TimePoint{} + std::chrono::seconds(1440938160),
                          .normalize_path = !s3,
                          .double_uri_encode = !s3};
    http::Request copy = req;
    if (aws::sign_request(copy, creds, o)) fuzz::check(copy.headers.has("Authorization"));
  }
  return 0;
}
