// The small text formats of the VisuWeb pages and JSON: HTML escaping, the original's times and durations, and
// the French number styles of the status line.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace pavi::gateway::visuweb {

// htmlspecialchars(): & < > " ' escaped, so that a URL or infos text from a service cannot inject markup.
std::string html_escape(std::string_view text);
// "125:07": minutes unbounded, seconds on two digits; negative durations count as 0.
std::string format_duration(long seconds);
// "22/11/2026 13:40:18" and "13:40:18", in local time as the original's date().
std::string format_date_time(std::time_t when);
std::string format_time(std::time_t when);
// "79 730": a space as thousands separator, no decimals (number_format($n, 0, ',', ' ')).
std::string format_thousands(long long value);
// "58,00": two decimals with a comma.
std::string format_comma_decimal(double value);

}  // namespace pavi::gateway::visuweb
