// The suite runner: selection, needs, one check after another, and the run's verdict.
#include "simulators/conformance/suite.hpp"

#include <exception>

#include "simulators/conformance/harness.hpp"

namespace pavi::conformance {

SuiteReport::Counts SuiteReport::counts(bool quirks) const {
  Counts c;
  for (const auto& r : results) {
    if (r.quirk != quirks) continue;
    switch (r.outcome.verdict) {
      case Verdict::pass: ++c.pass; break;
      case Verdict::fail: ++c.fail; break;
      case Verdict::skip: ++c.skip; break;
    }
  }
  return c;
}

std::map<char, SuiteReport::Counts> SuiteReport::by_category() const {
  std::map<char, Counts> out;
  for (const auto& r : results) {
    auto& c = out[r.ids.empty() ? '?' : category_of(r.ids.front())];
    switch (r.outcome.verdict) {
      case Verdict::pass: ++c.pass; break;
      case Verdict::fail: ++c.fail; break;
      case Verdict::skip: ++c.skip; break;
    }
  }
  return out;
}

bool SuiteReport::failed() const {
  for (const auto& r : results) {
    if (r.outcome.verdict == Verdict::fail && (!r.quirk || strict_quirks)) return true;
  }
  return false;
}

Selection select_checks(const std::vector<Check>& all, const std::vector<std::string>& only) {
  Selection s;
  if (only.empty()) {
    for (const auto& c : all) s.checks.push_back(&c);
    return s;
  }
  for (const auto& name : only) {
    bool found = false;
    for (const auto& c : all) {
      const bool match = c.key == name || std::find(c.ids.begin(), c.ids.end(), name) != c.ids.end();
      if (match) found = true;
    }
    if (!found) {
      s.error = "--only: no check for '" + name + "' (ids look like C-042; see --list)";
      return s;
    }
  }
  for (const auto& c : all) {
    for (const auto& name : only) {
      if (c.key == name || std::find(c.ids.begin(), c.ids.end(), name) != c.ids.end()) {
        s.checks.push_back(&c);
        break;
      }
    }
  }
  return s;
}

std::string unmet_need(const Check& check, const HarnessSettings& settings) {
  if (!check.run) return check.skip_reason;
  if ((check.needs & need_ws) && settings.gateway_ws.empty()) return "needs the gateway's WebSocket address (--gateway)";
  if ((check.needs & need_telnet) && settings.gateway_telnet.empty()) return "needs the gateway's telnet address (--telnet)";
  if ((check.needs & need_durl) && !settings.durl_is_fake) {
    return "needs the gateway's default service (durl) set to the suite's fake service";
  }
  if ((check.needs & need_local) && !settings.local) {
    return "needs the gateway and the fake service on this machine (127.0.0.1)";
  }
  if ((check.needs & need_slow) && !settings.slow) return "slow check: run with --slow";
  if ((check.needs & need_visukey) && settings.visukey.empty()) return "needs the gateway's visukey (--visukey)";
  if ((check.needs & need_durl_apart) && !settings.durl.empty() &&
      (settings.service_base + "/t1/x").find(settings.durl) != std::string::npos) {
    return "every service URL contains the durl " + settings.durl +
           ", so all count as the default service: give the durl a path of its own (e.g. " + settings.service_base +
           "/home)";
  }
  return {};
}

SuiteReport run_suite(Harness& harness, const std::vector<const Check*>& checks, bool strict_quirks,
                      const ProgressFn& progress) {
  SuiteReport report;
  report.strict_quirks = strict_quirks;
  report.gateway = harness.settings().gateway_ws.empty() ? harness.settings().gateway_telnet : harness.settings().gateway_ws;
  report.durl = harness.settings().durl;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const Check& check = *checks[i];
    CheckResult result{check.key, check.ids, check.title, check.quirk, {}, {}};
    const auto start = std::chrono::steady_clock::now();
    if (const auto need = unmet_need(check, harness.settings()); !need.empty()) {
      result.outcome = skip(need);
    } else {
      harness.begin(check.key);
      try {
        result.outcome = check.run(harness);
      } catch (const std::exception& e) {
        result.outcome = fail(std::string("internal error: ") + e.what());
        harness.finish();
      }
    }
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    if (progress) progress(i, checks.size(), result);
    report.results.push_back(std::move(result));
  }
  return report;
}

}  // namespace pavi::conformance
