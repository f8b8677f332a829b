// The conformance report in three formats: text for people, JUnit XML for CI, JSON for tools. Q items are listed
// apart; a Q failure without --strict-quirks is shown as such but never counted as a failure (JUnit: skipped).
#pragma once

#include <string>
#include <string_view>

#include "simulators/conformance/suite.hpp"

namespace pavi::conformance {

enum class ReportFormat { text, junit, json };

std::string text_report(const SuiteReport& report);
std::string junit_report(const SuiteReport& report);
std::string json_report(const SuiteReport& report);
std::string format_report(const SuiteReport& report, ReportFormat format);

// "text", "junit", "json" -> format; false for anything else.
bool parse_report_format(std::string_view name, ReportFormat& format);

}  // namespace pavi::conformance
