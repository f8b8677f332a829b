// Text, JUnit XML and JSON renderings of a SuiteReport.
#include "simulators/conformance/report.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace pavi::conformance {

namespace {

std::string ids_text(const CheckResult& r) {
  std::string out;
  for (const auto& id : r.ids) out += (out.empty() ? "" : ",") + id;
  if (r.key != r.ids.front()) out += " (" + r.key + ")";
  return out;
}

std::string counts_text(const SuiteReport::Counts& c) {
  return std::to_string(c.pass) + " pass, " + std::to_string(c.fail) + " fail, " + std::to_string(c.skip) + " skip";
}

void text_section(std::ostringstream& out, const SuiteReport& report, bool quirks) {
  for (const auto& r : report.results) {
    if (r.quirk != quirks) continue;
    std::string tag = r.outcome.verdict == Verdict::pass ? "PASS" : r.outcome.verdict == Verdict::fail ? "FAIL" : "skip";
    out << tag << "  " << ids_text(r);
    out << std::string(ids_text(r).size() < 22 ? 22 - ids_text(r).size() : 1, ' ') << r.title << '\n';
    if (!r.outcome.reason.empty()) out << "      " << r.outcome.reason << '\n';
  }
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters, even escaped.
        if (c < 0x20 && c != '\n' && c != '\t') {
          out += '?';
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::string seconds(std::chrono::milliseconds ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ms.count()) / 1000.0);
  return buf;
}

}  // namespace

std::string text_report(const SuiteReport& report) {
  std::ostringstream out;
  out << "PaviKit gateway conformance (conformance-checklist.md)\n";
  if (!report.gateway.empty()) out << "gateway: " << report.gateway << '\n';
  if (!report.durl.empty()) out << "durl:    " << report.durl << '\n';
  out << '\n';
  text_section(out, report, false);
  if (report.counts(true).pass + report.counts(true).fail + report.counts(true).skip > 0) {
    out << "\n(Q) items: quirks of the original gateway, "
        << (report.strict_quirks ? "counted (--strict-quirks)" : "reported apart and not counted") << '\n';
    text_section(out, report, true);
  }
  out << "\nby section:\n";
  for (const auto& [category, counts] : report.by_category()) {
    out << "  " << category << "  " << category_title(category) << ": " << counts_text(counts) << '\n';
  }
  out << "\nchecks: " << counts_text(report.counts(false)) << "; (Q) items: " << counts_text(report.counts(true)) << '\n';
  out << "result: " << (report.failed() ? "FAILED" : "PASSED") << '\n';
  return out.str();
}

std::string junit_report(const SuiteReport& report) {
  std::size_t failures = 0, skipped = 0;
  std::chrono::milliseconds total{0};
  for (const auto& r : report.results) {
    total += r.duration;
    if (r.outcome.verdict == Verdict::fail && (!r.quirk || report.strict_quirks)) ++failures;
    if (r.outcome.verdict == Verdict::skip || (r.outcome.verdict == Verdict::fail && r.quirk && !report.strict_quirks)) {
      ++skipped;
    }
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"pavi conformance\" tests=\"" << report.results.size() << "\" failures=\"" << failures
      << "\" skipped=\"" << skipped << "\" time=\"" << seconds(total) << "\">\n";
  out << "  <testsuite name=\"gateway conformance\" tests=\"" << report.results.size() << "\" failures=\"" << failures
      << "\" errors=\"0\" skipped=\"" << skipped << "\" time=\"" << seconds(total) << "\">\n";
  for (const auto& r : report.results) {
    const char category = r.ids.empty() ? '?' : category_of(r.ids.front());
    out << "    <testcase classname=\"conformance." << (r.quirk ? std::string("quirks") : std::string(1, category))
        << "\" name=\"" << xml_escape(ids_text(r) + " " + r.title) << "\" time=\"" << seconds(r.duration) << "\"";
    const auto& reason = r.outcome.reason;
    if (r.outcome.verdict == Verdict::pass) {
      out << "/>\n";
    } else if (r.outcome.verdict == Verdict::fail && (!r.quirk || report.strict_quirks)) {
      out << ">\n      <failure message=\"" << xml_escape(reason) << "\"/>\n    </testcase>\n";
    } else if (r.outcome.verdict == Verdict::fail) {
      out << ">\n      <skipped message=\"" << xml_escape("(Q) quirk not reproduced: " + reason) << "\"/>\n    </testcase>\n";
    } else {
      out << ">\n      <skipped message=\"" << xml_escape(reason) << "\"/>\n    </testcase>\n";
    }
  }
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

std::string json_report(const SuiteReport& report) {
  using nlohmann::ordered_json;
  const auto counts = [](const SuiteReport::Counts& c) {
    return ordered_json{{"pass", c.pass}, {"fail", c.fail}, {"skip", c.skip}};
  };
  ordered_json out;
  out["gateway"] = report.gateway;
  out["durl"] = report.durl;
  out["strict_quirks"] = report.strict_quirks;
  out["passed"] = !report.failed();
  out["checks"] = counts(report.counts(false));
  out["quirks"] = counts(report.counts(true));
  ordered_json sections = ordered_json::object();
  for (const auto& [category, c] : report.by_category()) {
    auto entry = counts(c);
    entry["title"] = category_title(category);
    sections[std::string(1, category)] = entry;
  }
  out["sections"] = sections;
  ordered_json results = ordered_json::array();
  for (const auto& r : report.results) {
    results.push_back({{"key", r.key},
                       {"ids", r.ids},
                       {"title", r.title},
                       {"quirk", r.quirk},
                       {"verdict", verdict_name(r.outcome.verdict)},
                       {"reason", r.outcome.reason},
                       {"ms", r.duration.count()}});
  }
  out["results"] = results;
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string format_report(const SuiteReport& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::text: return text_report(report);
    case ReportFormat::junit: return junit_report(report);
    case ReportFormat::json: return json_report(report);
  }
  return text_report(report);
}

bool parse_report_format(std::string_view name, ReportFormat& format) {
  if (name == "text") format = ReportFormat::text;
  else if (name == "junit") format = ReportFormat::junit;
  else if (name == "json") format = ReportFormat::json;
  else return false;
  return true;
}

}  // namespace pavi::conformance
