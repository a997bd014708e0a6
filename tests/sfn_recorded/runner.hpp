#pragma once
/// \file
/// Runs the AWS-recorded Step Functions cases (tests/testdata/sfn/aws-recorded, or any directory
/// with the same layout, such as the held-back acceptance set) through hoplite's interpreter and
/// compares status, output, error, cause and the history's event types and order with what AWS
/// recorded (placeholders bound consistently). Event details and previousEventIds are compared
/// too and reported, but do not decide a case.
///
/// Pure-ASL cases (no `needs`) run with no integration. Cases that need `aws-sdk:s3` / `aws-sdk:sfn`
/// run on the local cloud's integrations (local_services.hpp).

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "hoplite/sfn/engine.hpp"
#include "hoplite/sfn/integration.hpp"
#include "sfn_recorded/placeholder_match.hpp"

namespace hoplite::sfn::recorded {

/// One case as stored: `stepfunctions/<id>/{case,definition,input,expected}.json`.
struct RecordedCase {
  std::string id;
  std::filesystem::path dir;
  Json meta;               ///< case.json
  std::string definition;  ///< definition.json text
  Json input;              ///< input.json
  Json expected;           ///< expected.json
  /// JSONPath and no `needs`: what the pure interpreter must reproduce.
  [[nodiscard]] bool pure_jsonpath() const;
  /// Uses JSONata or variables (out of scope: the reader must refuse it, naming the feature).
  [[nodiscard]] bool uses_jsonata() const;
};

struct CaseResult {
  std::string id;
  std::vector<std::string> history;  ///< our events (JSON), for --dump
  bool ran = false;                  ///< false: out of scope for these options
  bool passed = false;               ///< status, output, error, cause, event types/order
  bool details_match = false;
  bool previous_ids_match = false;
  bool timestamps_put_back = false;  ///< the recording had timestamp words in its definition/input
  std::vector<std::string> reasons;  ///< why not passed (first reason first)
};

struct RunnerOptions {
  /// Builds the integration for a case that needs services; null: such cases are skipped.
  std::function<std::unique_ptr<TaskIntegration>(const RecordedCase&)> integration;
  std::string only;  ///< run only cases whose id contains this
};

/// Every case directory under `data_dir` (itself, or its `stepfunctions/`), sorted by id.
[[nodiscard]] std::vector<RecordedCase> load_cases(const std::filesystem::path& data_dir);

/// Runs one case on a fresh engine with a fake clock (Waits and timeouts take no time). `pump`
/// runs the integration's deferred work between engine steps (false: there was none); `input`
/// replaces the case's input (its setup's placeholders put back).
[[nodiscard]] CaseResult run_case(const RecordedCase& c, TaskIntegration* integration,
                                  const std::function<bool()>& pump = {}, const Json* input = nullptr);

}  // namespace hoplite::sfn::recorded
