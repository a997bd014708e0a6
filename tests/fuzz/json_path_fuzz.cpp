// JSONPath compiled from arbitrary text and evaluated against an arbitrary document; reference
// paths also assigned (ResultPath). Seeds: `path \0 document`.
#include "fuzz_input.hpp"
#include "sfn/json/text.hpp"
#include "sfn/json/value.hpp"
#include "sfn/query/json_path.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite::sfn::asl;
  auto parts = hoplite::fuzz::fields(hoplite::fuzz::text(data, size), 2);
  auto path = JsonPath::compile(parts[0]);
  // The syntax predicates the builder uses agree with the compiler.
  hoplite::fuzz::check(is_json_path(parts[0]) == path.ok());
  if (!path) return 0;
  auto doc = parse_json(parts[1], JsonLimits{.max_bytes = 1 << 16, .max_depth = 64});
  if (!doc) return 0;
  auto value = path->read(*doc);
  if (value) (void)to_text(*value);
  (void)path->select(*doc);
  (void)path->normalized();
  if (path->is_reference()) {
    Json copy = *doc;
    if (assign_path(copy, *path, Json("x")).ok()) hoplite::fuzz::check(path->find(copy) != nullptr);
  }
  return 0;
}
