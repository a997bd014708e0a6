// cfn_engine_cases DATA_DIR [--min-pass-rate R] [--case ID] [--verbose]
//
// Runs AWS's recorded CloudFormation cases through the local cloud's CloudFormation and its
// engine (see engine_checks.hpp): the cases in DATA_DIR (tests/testdata/cfn/aws-recorded, or any directory with
// the same layout, such as the held-back acceptance cases). Prints one line per case
// (PASS/FAIL/SKIP and why), then the pass rate over the cases that could be checked. Exit status:
// 0 when the pass rate is at least R (default 1.0), 1 below, 2 on a usage or data error.

#include <cstdlib>
#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "engine_checks.hpp"
#include "recorded_case.hpp"

int main(int argc, char** argv) {
  std::string dir, only;
  double min_rate = 1.0;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--min-pass-rate" && i + 1 < argc) {
      min_rate = std::strtod(argv[++i], nullptr);
    } else if (a == "--case" && i + 1 < argc) {
      only = argv[++i];
    } else if (a == "--verbose") {
      verbose = true;
    } else if (!a.starts_with("--") && dir.empty()) {
      dir = a;
    } else {
      std::cerr << "usage: cfn_engine_cases DATA_DIR [--min-pass-rate R] [--case ID] [--verbose]\n";
      return 2;
    }
  }
  if (dir.empty()) {
    std::cerr << "usage: cfn_engine_cases DATA_DIR [--min-pass-rate R] [--case ID] [--verbose]\n";
    return 2;
  }
  try {
    int pass = 0, fail = 0, skip = 0, checks = 0;
    std::vector<std::pair<std::string, std::string>> misses;  // case, its first difference
    std::map<std::string, std::vector<std::string>> skips;    // reason -> cases
    for (const auto& c : hoplite::recorded::load_cases(dir)) {
      if (!only.empty() && c.id != only) continue;
      auto v = hoplite::recorded::run_engine_checks(c);
      const char* word = "SKIP";
      if (v.outcome == hoplite::recorded::Verdict::Outcome::pass) {
        ++pass;
        word = "PASS";
      } else if (v.outcome == hoplite::recorded::Verdict::Outcome::fail) {
        ++fail;
        word = "FAIL";
      } else {
        ++skip;
      }
      checks += v.checks;
      std::string why = v.notes.empty() ? "" : v.notes.front();
      if (v.outcome == hoplite::recorded::Verdict::Outcome::fail) misses.emplace_back(c.id, why.substr(0, 200));
      if (v.outcome == hoplite::recorded::Verdict::Outcome::skip)
        skips[why.empty() ? "no comparison" : why].push_back(c.id);
      std::cout << word << " " << c.id;
      if (v.outcome == hoplite::recorded::Verdict::Outcome::pass) std::cout << " (" << v.checks << " checks)";
      std::cout << "\n";
      if (v.outcome == hoplite::recorded::Verdict::Outcome::fail || verbose) {
        for (const auto& n : v.notes) std::cout << "    " << n << "\n";
      }
    }
    std::cout << "\nSummary: failing cases, each with its first difference\n";
    for (const auto& [id, why] : misses) std::cout << "  FAIL " << id << ": " << why << "\n";
    std::cout << "Skipped cases, by reason\n";
    for (const auto& [why, ids] : skips) {
      std::cout << "  " << why << " (" << ids.size() << "):";
      for (const auto& id : ids) std::cout << " " << id;
      std::cout << "\n";
    }
    int checked = pass + fail;
    double rate = checked == 0 ? 1.0 : static_cast<double>(pass) / checked;
    std::cout << "\n"
              << pass << " passed, " << fail << " failed, " << skip << " skipped (reasons above); " << checks
              << " comparisons; pass rate " << rate * 100 << "% (required " << min_rate * 100 << "%)\n";
    return rate + 1e-9 >= min_rate ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "cfn_engine_cases: " << e.what() << "\n";
    return 2;
  }
}
