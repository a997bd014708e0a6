// Intrinsic function calls parsed from arbitrary text and evaluated against an arbitrary input.
// Seeds: `call \0 input document`.
#include <functional>

#include "fuzz_input.hpp"
#include "sfn/json/text.hpp"
#include "sfn/json/value.hpp"
#include "sfn/query/intrinsic.hpp"
#include "sfn/query/scope.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite::sfn::asl;
  auto parts = hoplite::fuzz::fields(hoplite::fuzz::text(data, size), 2);
  auto call = parse_intrinsic(parts[0]);
  if (!call) return 0;
  auto input = parse_json(parts[1], JsonLimits{.max_bytes = 1 << 16, .max_depth = 64});
  Json doc = input ? *input : Json::object();
  Json execution = Json{{"Id", "arn:e"}, {"Name", "e"}, {"Input", doc}};
  ContextObject context;
  context.execution = &execution;
  std::uint64_t n = 0;
  std::function<std::uint64_t()> random = [&n] { return ++n; };
  auto value = evaluate_intrinsic(**call, Scope{doc, context, &random});
  if (value) (void)to_text(*value);
  return 0;
}
