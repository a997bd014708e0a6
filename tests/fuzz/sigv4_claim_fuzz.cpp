// libFuzzer target: the SigV4 claim parser on an arbitrary Authorization header, X-Amz-Date and
// presigned query string. It may refuse anything; it must not crash or read out of bounds.
#include <cstdint>
#include <string>
#include <string_view>

#include "hoplite/aws/sigv4_verify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto split = in.find('\n');
  std::string_view auth = in.substr(0, split);
  std::string_view query = split == std::string_view::npos ? std::string_view{} : in.substr(split + 1);
  hoplite::http::Headers headers;
  headers.set("Authorization", std::string(auth));
  headers.set("X-Amz-Date", std::string(query.substr(0, 16)));
  (void)hoplite::aws::parse_signature_claim(headers, query);
  hoplite::http::Headers none;
  (void)hoplite::aws::parse_signature_claim(none, in);
  (void)hoplite::aws::parse_amz_date(in);
  return 0;
}
