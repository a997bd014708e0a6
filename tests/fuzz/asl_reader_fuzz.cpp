// The ASL reader on arbitrary text, and — when it accepts the text — the interpreter running it:
// no crash, no hang (the history cap bounds every execution), and the reader's two entry points
// agree.
#include "fuzz_input.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/sfn/asl.hpp"
#include "hoplite/sfn/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  auto parts = fuzz::fields(fuzz::text(data, size), 2);  // definition \0 execution input
  auto def = sfn::read_definition(parts[0]);
  fuzz::check(def.ok() == sfn::check_definition(parts[0]).empty());
  if (!def) return 0;
  core::FixedClock clock(core::TimePoint{std::chrono::seconds(1700000000)});
  sfn::Engine engine(
      {.clock = &clock, .random = [n = std::uint64_t{0}]() mutable { return ++n; }, .max_history_events = 300});
  auto arn = engine.start({.definition = *def,
                           .state_machine_arn = "arn:aws:states:us-east-1:000000000000:stateMachine:Fuzz",
                           .name = "fuzz",
                           .input = parts[1].empty() ? std::string("{}") : std::string(parts[1])});
  if (!arn) return 0;
  // A few rounds of timers, as a driver would; Waits and retries move the fake clock.
  for (int i = 0; i < 20; ++i) {
    engine.run();
    auto next = engine.next_deadline();
    if (!next) break;
    clock.set(std::max(clock.now(), *next));
  }
  for (const auto& e : engine.history(*arn)) (void)e.to_json();
  return 0;
}
