// libFuzzer target: the XML reader shared by the AWS clients and the local cloud (depth cap,
// namespace stripping, text collection).
#include <cstdint>
#include <string_view>

#include "hoplite/aws/xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = hoplite::aws::parse_xml(std::string_view(reinterpret_cast<const char*>(data), size));
  if (doc) {
    (void)doc->text_at("Error/Code");
    (void)doc->members("Stacks");
  }
  return 0;
}
