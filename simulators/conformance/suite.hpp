// Running the conformance suite: choosing checks (--only), turning unmet needs into skips, running each check
// on the harness with a progress callback, and the verdict of the whole run (Q items only count with
// --strict-quirks).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "simulators/conformance/check.hpp"

namespace pavi::conformance {

class Harness;
struct HarnessSettings;

struct CheckResult {
  std::string key;
  std::vector<std::string> ids;
  std::string title;
  bool quirk = false;
  Outcome outcome;
  std::chrono::milliseconds duration{0};
};

struct SuiteReport {
  std::vector<CheckResult> results;
  bool strict_quirks = false;
  std::string gateway;   // what was tested, for the report's header
  std::string durl;

  struct Counts {
    std::size_t pass = 0, fail = 0, skip = 0;
  };
  Counts counts(bool quirks) const;                   // non-Q results (false) or Q results (true)
  std::map<char, Counts> by_category() const;         // by the section of each result's first id
  // Failed: a non-Q failure, or a Q failure with strict_quirks.
  bool failed() const;
};

struct Selection {
  std::vector<const Check*> checks;
  std::string error;  // an --only entry that names no check
};
// `only`: ids ("C-042") or keys ("C-014.telnet"); empty selects everything.
Selection select_checks(const std::vector<Check>& all, const std::vector<std::string>& only);

// Why a check cannot run with these settings ("" when it can).
std::string unmet_need(const Check& check, const HarnessSettings& settings);

using ProgressFn = std::function<void(std::size_t index, std::size_t total, const CheckResult& result)>;

// Runs the checks one after another; a check that throws fails with the exception's text.
SuiteReport run_suite(Harness& harness, const std::vector<const Check*>& checks, bool strict_quirks,
                      const ProgressFn& progress = {});

}  // namespace pavi::conformance
