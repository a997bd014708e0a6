#pragma once
/// \file
/// The local cloud's Task integrations for the recorded cases that need services (`aws-sdk:s3`,
/// `aws-sdk:sfn`): a fresh local cloud per case in a private temporary directory, the case's
/// `setup` replayed on it (buckets, objects, a second state machine), and the Step Functions
/// integrations (src/local/states) plugged into the runner's engine. Their posted work runs when
/// the runner pumps, between engine steps, on the runner's thread.

#include <memory>
#include <string>

#include "hoplite/sfn/integration.hpp"
#include "sfn_recorded/runner.hpp"

namespace hoplite::sfn::recorded {

/// Whether `c` needs `aws-sdk:s3` / `aws-sdk:sfn` and nothing else LocalServices lacks (a second
/// state machine, `states`, is created by its setup).
[[nodiscard]] bool local_services_serve(const RecordedCase& c);

class LocalServices {
 public:
  /// Opens the local cloud and replays `c`'s setup; `input` is the case's input, its placeholders
  /// for what the setup created (a state machine's ARN) replaced. Null with `why` on failure.
  static std::unique_ptr<LocalServices> open(const RecordedCase& c, Json& input, std::string* why);
  ~LocalServices();
  LocalServices(const LocalServices&) = delete;
  LocalServices& operator=(const LocalServices&) = delete;

  [[nodiscard]] TaskIntegration& integration();
  /// Runs the integrations' posted work; false when there was none.
  bool pump();

 private:
  struct Impl;
  explicit LocalServices(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoplite::sfn::recorded
