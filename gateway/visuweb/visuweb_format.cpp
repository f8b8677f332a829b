// localtime_r rather than localtime: pages are rendered on several threads at once.
#include "gateway/visuweb/visuweb_format.hpp"

#include <cmath>
#include <cstdio>

namespace pavi::gateway::visuweb {

namespace {

std::string format_local(std::time_t when, const char* pattern) {
  std::tm parts{};
  localtime_r(&when, &parts);
  char text[64];
  const std::size_t size = std::strftime(text, sizeof text, pattern, &parts);
  return std::string(text, size);
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#039;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_duration(long seconds) {
  if (seconds < 0) seconds = 0;
  char text[32];
  std::snprintf(text, sizeof text, "%ld:%02ld", seconds / 60, seconds % 60);
  return text;
}

std::string format_date_time(std::time_t when) { return format_local(when, "%d/%m/%Y %H:%M:%S"); }

std::string format_time(std::time_t when) { return format_local(when, "%H:%M:%S"); }

std::string format_thousands(long long value) {
  const bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string format_comma_decimal(double value) {
  if (!std::isfinite(value)) value = 0;
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string out = text;
  for (char& c : out) {
    if (c == '.') c = ',';
  }
  return out;
}

}  // namespace pavi::gateway::visuweb
