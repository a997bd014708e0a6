// Fuzz target: JSON template text -> read_template (syntax, limits, section structure).
// Seeds: tests/fuzz/corpus/cfn_template_json/ (templates from AWS's recorded cases).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hoplite/cfn/template_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // The reader picks JSON when the text starts with '{'; make sure the JSON path runs.
  if (text.empty() || text.front() != '{') return 0;
  auto doc = hoplite::cfn::read_template(text);
  if (doc) {
    for (const auto& r : doc->resources) (void)doc->find_resource(r.logical_id);
  }
  return 0;
}
