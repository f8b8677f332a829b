// Line splitting and the keyword rules of InCnxRTC::handShake, minus its read-length quirks.
#include "gateway/telephony/modem_header.hpp"

#include <vector>

namespace pavi::gateway::telephony {

namespace {

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool starts_with_keyword(std::string_view line, std::string_view keyword) {
  if (line.substr(0, keyword.size()) != keyword) return false;
  return line.size() == keyword.size() || line[keyword.size()] == ' ' || line[keyword.size()] == '\t';
}

// Header lines are plain ASCII text: control bytes (other than tab) or 8-bit bytes mean this is not a soft modem.
bool plain_text(std::string_view line) {
  for (const char c : line) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte >= 0x7F) return false;
  }
  return true;
}

HeaderScan invalid(std::string problem) {
  HeaderScan scan;
  scan.status = HeaderStatus::invalid;
  scan.problem = std::move(problem);
  return scan;
}

}  // namespace

HeaderScan scan_soft_modem_header(std::string_view received, bool timed_out) {
  std::vector<std::string_view> lines;
  std::size_t position = 0;
  while (lines.size() < 3) {
    const auto lf = received.find('\n', position);
    if (lf == std::string_view::npos) break;
    std::string_view line = received.substr(position, lf - position);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // tolerated, the app sends none
    lines.push_back(line);
    position = lf + 1;
  }
  std::string_view partial = received.substr(position);
  if (lines.size() < 3 && partial.size() > kMaxHeaderLine) return invalid("header line too long");
  for (const auto line : lines) {
    if (line.size() > kMaxHeaderLine) return invalid("header line too long");
    if (!plain_text(line)) return invalid("header is not text");
  }
  if (lines.size() < 3 && !plain_text(partial)) return invalid("header is not text");

  const std::string_view first = lines.empty() ? partial : lines.front();
  const bool incoming = starts_with_keyword(first, "CALLFROM");
  const bool outgoing = starts_with_keyword(first, "CALLTO");
  // Decided as soon as line 1 is known, or as soon as it cannot begin with a keyword any more.
  if (!lines.empty() && !incoming && !outgoing) return invalid("line 1 is neither CALLFROM nor CALLTO");
  if (lines.empty() && !first.empty()) {
    const bool may_become = std::string_view("CALLFROM").starts_with(first.substr(0, 8)) ||
                            std::string_view("CALLTO").starts_with(first.substr(0, 6));
    if (!may_become && !incoming && !outgoing) return invalid("line 1 is neither CALLFROM nor CALLTO");
  }

  std::size_t consumed = position;
  if (lines.size() < 3) {
    const bool third_without_lf = timed_out && incoming && lines.size() == 2 && !partial.empty();
    if (!third_without_lf) {
      if (timed_out) return invalid("incomplete header after the wait");
      return {};
    }
    lines.push_back(partial);
    consumed = received.size();
  }

  SoftModemHeader header;
  header.first_line = std::string(trimmed(lines[0]));
  if (incoming) {
    header.direction = CallDirection::incoming;
    header.caller = std::string(trimmed(lines[0].substr(8)));
    if (starts_with_keyword(lines[1], "STARTURL")) header.start_url = std::string(trimmed(lines[1].substr(8)));
    header.pce = trimmed(lines[2]) == "PCE 1";
  } else {
    header.direction = CallDirection::outgoing;
    header.called = std::string(trimmed(lines[0].substr(6)));
    if (!starts_with_keyword(lines[1], "PID")) return invalid("line 2 of a CALLTO header is not PID");
    header.pid = std::string(trimmed(lines[1].substr(3)));
    if (header.pid.empty()) return invalid("empty PID");
  }
  HeaderScan scan;
  scan.status = HeaderStatus::complete;
  scan.header = std::move(header);
  scan.consumed = consumed;
  return scan;
}

}  // namespace pavi::gateway::telephony
