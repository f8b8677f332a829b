// `action=stats` (visuweb-stats-recordings.md §2.5): a month, or a whole year summed by day number as the
// original does, with counts and durations per connection type, two days per table row, totals and TMC.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include "gateway/operations/stats_file.hpp"

namespace pavi::gateway::visuweb {

struct StatsPeriod {
  int year = 0;
  int month = 0;  // 1-12; 0: the whole year
};

// `m` 0-12 and `y`; an invalid m, or y 0 or missing, gives the current month and year (of `now`, local time).
StatsPeriod stats_period(std::string_view m, std::string_view y, std::time_t now);

// The page for `period`; `stats` is what the file(s) hold (read_month_stats or read_year_stats; empty if none).
std::string stats_page(const StatsPeriod& period, const MonthStats& stats, int current_year, std::string_view version);

}  // namespace pavi::gateway::visuweb
