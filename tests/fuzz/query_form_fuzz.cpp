// libFuzzer target: query-protocol form decoding and the typed reader the services use on it.
#include <cstdint>
#include <string_view>

#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/core/percent.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  hoplite::aws::QueryParams params;
  for (auto& [k, v] : hoplite::core::form_decode(in)) params.add(std::move(k), std::move(v));
  hoplite::aws::QueryReader reader(params);
  (void)reader.list("Tags");
  (void)reader.map("Attributes");
  (void)reader.integer("DurationSeconds", "durationSeconds");
  (void)reader.boolean("Enabled", "enabled");
  return 0;
}
