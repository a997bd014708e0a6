// Fuzz target: YAML template text (short-form tags, anchors and aliases) -> read_template.
// Seeds: tests/fuzz/corpus/cfn_template_yaml/ (templates from AWS's recorded cases).

#include <cstddef>
#include <cstdint>
#include <string>

#include "hoplite/cfn/template_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A leading comment line keeps the reader on the YAML path whatever the input starts with.
  std::string text = "#\n";
  text.append(reinterpret_cast<const char*>(data), size);
  auto doc = hoplite::cfn::read_template(text);
  if (doc) (void)doc->language_extensions();
  return 0;
}
