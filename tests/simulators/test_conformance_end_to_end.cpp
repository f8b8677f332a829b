// The conformance suite end to end against the real gateway: each part (a checklist section, the long ones cut in
// two) starts its own `pavi-gateway` child process whose durl is the in-process fake service, and runs that part's
// checks, so that ctest runs the parts side by side. What must hold:
//   - every non-(Q) check passes, except a feature not built yet (kNotBuiltYet, which must then still fail);
//   - a (Q) check fails exactly when docs/COMPATIBILITY.md lists its id as a deliberate (Q) deviation, so that a
//     regression either way (a fix lost, or a kept quirk broken) is caught;
//   - no check is skipped for want of a setting (these tests give the gateway every address and the fake durl);
//   - the gateway survives the part and stops cleanly on SIGTERM.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "simulators/conformance/catalogue.hpp"
#include "simulators/conformance/harness.hpp"
#include "simulators/conformance/suite.hpp"
#include "tests/simulators/conformance_gateway_process.hpp"

namespace pavi::conformance {
namespace {

using namespace std::chrono_literals;

// Checks of behaviour PaviKit's gateway does not have yet (docs/COMPATIBILITY.md, "Not built yet"), with the
// reason. Items that need VisuWeb, WebMedia or telephony are skipped by the suite itself and need no entry here.
// Empty since connectToExt and duplicateStream give the original's refusals (C-075, C-076).
const std::map<std::string, std::string> kNotBuiltYet = {};

// At most this many checks in one part: a section's checks take 1 to 3.5 s each against the gateway.
constexpr std::size_t kChecksPerPart = 12;

struct Part {
  std::string name;  // "A", or "D1" and "D2" for a section cut in two
  std::vector<const Check*> checks;
};
// The part's name is its value in test names: ctest lists ".../ChecksOfThePart/D1".
void PrintTo(const Part& part, std::ostream* out) { *out << part.name; }

std::vector<Part> parts() {
  std::map<char, std::vector<const Check*>> by_section;
  for (const auto& c : all_checks()) {
    if (c.run) by_section[category_of(c.ids.front())].push_back(&c);
  }
  std::vector<Part> out;
  for (const auto& [section, checks] : by_section) {
    const std::size_t count = (checks.size() + kChecksPerPart - 1) / kChecksPerPart;
    for (std::size_t i = 0; i < count; ++i) {
      Part part{std::string(1, section) + (count > 1 ? std::to_string(i + 1) : ""), {}};
      for (std::size_t j = i * checks.size() / count; j < (i + 1) * checks.size() / count; ++j) {
        part.checks.push_back(checks[j]);
      }
      out.push_back(std::move(part));
    }
  }
  return out;
}

// The ids of the "Deviations" table of docs/COMPATIBILITY.md tagged (Q): the quirks PaviKit fixes on purpose.
std::set<std::string> deliberate_quirk_fixes() {
  std::istringstream in(test::read_file(std::filesystem::path(PAVIKIT_SOURCE_DIR) / "docs" / "COMPATIBILITY.md"));
  const std::regex row(R"(^\|\s*(C-\d{3}) \(Q\)\s*\|)");
  std::set<std::string> ids;
  bool in_deviations = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) in_deviations = line == "## Deviations";
    std::smatch match;
    if (in_deviations && std::regex_search(line, match, row)) ids.insert(match[1]);
  }
  return ids;
}

bool lists_any(const std::set<std::string>& ids, const CheckResult& result) {
  for (const auto& id : result.ids) {
    if (ids.count(id) != 0) return true;
  }
  return false;
}

// A failure that says nothing about the quirk: the scenario itself did not run through (no connection, too few
// requests, an exception). A deliberate fix must fail on what the judge saw, not on one of these.
bool scenario_broke(const Outcome& outcome) {
  for (const char* prefix : {"scenario did not complete", "internal error", "expected at least"}) {
    if (outcome.reason.rfind(prefix, 0) == 0) return true;
  }
  return outcome.reason.empty();
}

class ConformanceAgainstPaviGateway : public ::testing::TestWithParam<Part> {};

TEST_P(ConformanceAgainstPaviGateway, ChecksOfThePart) {
  const auto fixes = deliberate_quirk_fixes();
  ASSERT_FALSE(fixes.empty()) << "no (Q) row found in the Deviations table of docs/COMPATIBILITY.md";

  sim::FakeService service;
  test::GatewayUnderTest gateway(service.url("/home"));
  ASSERT_TRUE(gateway.ready()) << gateway.output();
  HarnessSettings settings;
  settings.gateway_ws = gateway.ws_url();
  settings.gateway_telnet = "tcp://" + gateway.telnet_host_port();
  settings.service_base = service.base_url();
  settings.durl = service.url("/home");
  settings.durl_is_fake = true;
  settings.visukey = test::kGatewayVisukey;
  settings.timeout = 3000ms;
  SuiteReport report;
  {
    Harness harness(service, settings);
    report = run_suite(harness, GetParam().checks, false);
  }

  ASSERT_EQ(report.results.size(), GetParam().checks.size());
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    const CheckResult& r = report.results[i];
    const Check& check = *GetParam().checks[i];
    const Verdict verdict = r.outcome.verdict;
    std::cout << "  " << r.key << (r.quirk ? " (Q) " : " ") << verdict_name(verdict) << " " << r.outcome.reason
              << "\n";
    const std::string what = r.key + " " + r.title + ": " + std::string(verdict_name(verdict)) + " " + r.outcome.reason;
    if (verdict == Verdict::skip) {
      EXPECT_NE(check.needs & need_slow, 0u) << "skipped although every setting was given: " << what;
    } else if (r.quirk) {
      if (lists_any(fixes, r)) {
        EXPECT_EQ(verdict_name(verdict), "fail") << "docs/COMPATIBILITY.md says PaviKit fixes this quirk: " << what;
        EXPECT_FALSE(scenario_broke(r.outcome)) << "a deliberate fix must fail on the judge's verdict: " << what;
      } else {
        EXPECT_EQ(verdict_name(verdict), "pass") << "a quirk PaviKit keeps (not a (Q) deviation): " << what;
      }
    } else if (const auto missing = kNotBuiltYet.find(r.key); missing != kNotBuiltYet.end()) {
      EXPECT_EQ(verdict_name(verdict), "fail") << "now passes: remove it from kNotBuiltYet (" << missing->second << ")";
    } else {
      EXPECT_EQ(verdict_name(verdict), "pass") << what;
    }
  }
  EXPECT_EQ(gateway.stop(), 0) << "pavi-gateway did not stop cleanly:\n" << gateway.output();
}

INSTANTIATE_TEST_SUITE_P(Sections, ConformanceAgainstPaviGateway, ::testing::ValuesIn(parts()));

// The parts cover every automated check once, and the deviations the test relies on are automated (Q) checks.
TEST(ConformanceAgainstPaviGatewayParts, CoverEveryAutomatedCheckOnce) {
  std::multiset<std::string> in_parts;
  for (const auto& part : parts()) {
    EXPECT_LE(part.checks.size(), kChecksPerPart) << part.name;
    for (const auto* c : part.checks) in_parts.insert(c->key);
  }
  std::multiset<std::string> automated;
  std::set<std::string> quirk_ids;
  for (const auto& c : all_checks()) {
    if (!c.run) continue;
    automated.insert(c.key);
    if (c.quirk) quirk_ids.insert(c.ids.begin(), c.ids.end());
  }
  EXPECT_EQ(in_parts, automated);
  // C-021, C-039, C-106, C-116 are the (Q) checks PaviKit fails on purpose; the others of the table (C-013,
  // C-086) are checked by non-(Q) checks of the fixed behaviour.
  std::set<std::string> fixed_and_checked;
  for (const auto& id : deliberate_quirk_fixes()) {
    if (quirk_ids.count(id) != 0) fixed_and_checked.insert(id);
  }
  EXPECT_EQ(fixed_and_checked, (std::set<std::string>{"C-021", "C-039", "C-106", "C-116"}));
}

}  // namespace
}  // namespace pavi::conformance
