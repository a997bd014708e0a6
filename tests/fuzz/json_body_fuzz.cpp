// libFuzzer target: the JSON-protocol body parser of the local cloud (nesting cap, object check).
#include <cstdint>
#include <string_view>

#include "local/protocol/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = hoplite::local::parse_json_body(std::string_view(reinterpret_cast<const char*>(data), size));
  if (doc) (void)doc->dump();
  return 0;
}
