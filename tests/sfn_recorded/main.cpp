// hoplite_sfn_recorded DATA_DIR [--min-pass RATE] [--only TEXT] [--verbose] [--dump] [--differential PEER_SCRIPT]
//
// Runs the AWS-recorded Step Functions cases in DATA_DIR and prints one line per case that ran
// (PASS / MISS with the reason) and a summary. Exit 1 when the pass rate of the pure JSONPath
// cases is below RATE (default 0.98), 2 on a usage error.
#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "hoplite/sfn/asl.hpp"
#include "sfn_recorded/differential.hpp"
#include "sfn_recorded/local_services.hpp"
#include "sfn_recorded/runner.hpp"

using namespace hoplite::sfn::recorded;

int main(int argc, char** argv) {
  std::string dir;
  double min_pass = 0.98;
  std::string only;
  bool verbose = false;
  bool dump = false;
  std::string peer;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--min-pass" && i + 1 < argc) {
      min_pass = std::strtod(argv[++i], nullptr);
    } else if (a == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else if (a == "--verbose") {
      verbose = true;
    } else if (a == "--dump") {
      dump = true;
    } else if (a == "--differential" && i + 1 < argc) {
      peer = argv[++i];
    } else if (dir.empty() && !a.starts_with("--")) {
      dir = a;
    } else {
      fmt::print(
          stderr,
          "usage: {} DATA_DIR [--min-pass RATE] [--only TEXT] [--verbose] [--dump] [--differential PEER_SCRIPT]\n",
          argv[0]);
      return 2;
    }
  }
  if (dir.empty()) {
    fmt::print(stderr,
               "usage: {} DATA_DIR [--min-pass RATE] [--only TEXT] [--verbose] [--dump] [--differential PEER_SCRIPT]\n",
               argv[0]);
    return 2;
  }
  auto cases = load_cases(dir);
  if (!peer.empty()) return run_differential(cases, peer);
  std::size_t lossy = 0, lossy_missed = 0;
  std::size_t pure = 0, passed = 0, details = 0, previous = 0, jsonata = 0, jsonata_refused = 0, needs = 0;
  std::size_t served = 0, served_passed = 0;
  for (const auto& c : cases) {
    if (!only.empty() && c.id.find(only) == std::string::npos) continue;
    if (c.uses_jsonata()) {
      // Out of scope: the reader must refuse the definition and name the feature.
      ++jsonata;
      auto def = hoplite::sfn::read_definition(c.definition);
      bool named = !def && (def.error().message.find("JSONata") != std::string::npos ||
                            def.error().message.find("Assign") != std::string::npos);
      if (named)
        ++jsonata_refused;
      else
        fmt::print("JSONATA-NOT-REFUSED {}\n", c.id);
      continue;
    }
    if (!c.pure_jsonpath() && local_services_serve(c)) {
      // aws-sdk:s3 / aws-sdk:sfn: on a fresh local cloud with the case's setup replayed.
      ++served;
      Json input = c.input;
      std::string why;
      auto services = LocalServices::open(c, input, &why);
      CaseResult r;
      if (services) {
        r = run_case(
            c, &services->integration(), [&] { return services->pump(); }, &input);
      } else {
        r.id = c.id;
        r.reasons.push_back(why);
      }
      if (dump)
        for (const auto& ev : r.history) fmt::print("  {}\n", ev);
      if (r.passed) ++served_passed;
      if (!r.passed) {
        fmt::print("MISS {} (local services)\n", r.id);
        for (const auto& w : r.reasons) fmt::print("    {}\n", w);
      } else if (verbose) {
        fmt::print("PASS {} (local services){}\n", r.id, r.details_match ? "" : " (details differ)");
        for (const auto& w : r.reasons) fmt::print("    {}\n", w);
      }
      continue;
    }
    if (!c.pure_jsonpath()) {
      ++needs;
      continue;
    }
    ++pure;
    CaseResult r = run_case(c, nullptr);
    if (dump)
      for (const auto& ev : r.history) fmt::print("  {}\n", ev);
    if (r.passed) ++passed;
    if (r.details_match) ++details;
    if (r.previous_ids_match) ++previous;
    if (r.timestamps_put_back) ++lossy;
    if (r.timestamps_put_back && !r.passed) ++lossy_missed;
    if (!r.passed) {
      fmt::print("MISS {}{}\n", r.id,
                 r.timestamps_put_back ? " (recorded input had timestamps replaced by words)" : "");
      for (const auto& why : r.reasons) fmt::print("    {}\n", why);
    } else if (verbose) {
      fmt::print("PASS {}{}{}\n", r.id, r.details_match ? "" : " (details differ)",
                 r.previous_ids_match ? "" : " (previousEventIds differ)");
      for (const auto& why : r.reasons) fmt::print("    {}\n", why);
    }
  }
  double rate = pure ? static_cast<double>(passed) / static_cast<double>(pure) : 1.0;
  fmt::print(
      "\npure JSONPath cases: {}/{} passed ({:.1f}%), event details identical in {}, previousEventIds in {}\n"
      "of them, {} had timestamps the recording replaced by words ({} of those missed)\n"
      "JSONata/variables cases refused naming the feature: {}/{}\n"
      "cases on the local cloud's services (aws-sdk:s3, aws-sdk:sfn): {}/{} passed; needing other services (not "
      "run here): {}\n",
      passed, pure, 100.0 * rate, details, previous, lossy, lossy_missed, jsonata_refused, jsonata, served_passed,
      served, needs);
  if (rate < min_pass) {
    fmt::print("FAILED: below the required {:.1f}%\n", 100.0 * min_pass);
    return 1;
  }
  if (jsonata_refused != jsonata) return 1;
  if (served_passed != served) return 1;
  return 0;
}
