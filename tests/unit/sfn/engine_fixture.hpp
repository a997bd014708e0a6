#pragma once
/// \file A fixture for interpreter tests: an engine on a fixed clock with an in-memory integration
/// and deterministic randomness, plus helpers to drive it and read its history.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/time_format.hpp"
#include "hoplite/sfn/asl.hpp"
#include "hoplite/sfn/engine.hpp"
#include "in_memory_integration.hpp"

namespace hoplite::sfn::testing {

inline const char* kMachineArn = "arn:aws:states:us-east-1:000000000000:stateMachine:Test";

class EngineTest : public ::testing::Test {
 protected:
  core::FixedClock clock{*core::parse_iso8601("2025-01-01T00:00:00Z")};
  core::TimePoint t0 = clock.now();
  InMemoryIntegration services;
  std::uint64_t counter = 0;
  EngineOptions options() {
    return {.clock = &clock, .integration = &services, .random = [this] { return 0x9e3779b97f4a7c15ULL * ++counter; }};
  }
  Engine engine{options()};

  std::shared_ptr<const Definition> definition(std::string_view asl) {
    auto d = read_definition(asl);
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
    return d.ok() ? *d : nullptr;
  }

  /// Starts an execution and runs what is ready now.
  std::string start(std::string_view asl, std::string input = "{}", std::string name = "run") {
    auto arn = engine.start({.definition = definition(asl),
                             .state_machine_arn = kMachineArn,
                             .name = name,
                             .input = std::move(input),
                             .role_arn = "arn:aws:iam::000000000000:role/R"});
    EXPECT_TRUE(arn.ok()) << (arn.ok() ? "" : arn.error().message);
    engine.run();
    return arn.ok() ? *arn : "";
  }

  /// Advances the fixed clock timer by timer until nothing waits on time any more.
  void settle() {
    for (int i = 0; i < 10000; ++i) {
      engine.run();
      auto next = engine.next_deadline();
      if (!next) return;
      if (*next > clock.now()) clock.set(*next);
    }
  }

  const ExecutionInfo& info(const std::string& arn) { return *engine.describe(arn); }

  std::vector<std::string> types(const std::string& arn) {
    std::vector<std::string> out;
    for (const auto& e : engine.history(arn)) out.push_back(to_string(e.type));
    return out;
  }

  /// The details object of the first event of `type` (null when there is none).
  nlohmann::json details(const std::string& arn, std::string_view type, int nth = 0) {
    for (const auto& e : engine.history(arn))
      if (to_string(e.type) == type && nth-- == 0)
        return e.details.empty() ? nlohmann::json::object() : nlohmann::json::parse(e.details);
    return nullptr;
  }
};

}  // namespace hoplite::sfn::testing
