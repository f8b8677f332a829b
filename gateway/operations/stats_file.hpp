// The monthly statistics files of `spath` (stats-YYYYMM.stats, PHP serialize() format), read and updated as the
// original does (visuweb-stats-recordings.md §4), so that files written by MiniPavi stay readable and ours
// stay readable by MiniPavi's tools.
#pragma once

#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pavi::gateway {

struct StatsCell {
  long count = 0;
  long duration = 0;  // seconds
  bool operator==(const StatsCell&) const = default;
};
using DayStats = std::map<std::string, StatsCell, std::less<>>;  // "WS", "WSS", "AST", "TELN"
using MonthStats = std::map<int, DayStats>;                       // day of the month, 1-31

// `spath` + "stats-YYYYMM.stats"; `spath` ends with '/' as the config loader leaves it.
std::string stats_file_path(std::string_view spath, int year, int month);
// The month's file; nullopt when it does not exist or cannot be parsed (never throws).
std::optional<MonthStats> read_month_stats(std::string_view spath, int year, int month);

// --- Additions by the operations library ---

// The whole year as the original's yearly page shows it: the same day number summed over the 12 months.
MonthStats read_year_stats(std::string_view spath, int year);
// The same reading from a file's text (PHP serialize); nullopt when it is not a stats array.
std::optional<MonthStats> parse_month_stats(std::string_view text);

// The calendar day a time falls on, in local time as the original's date() uses.
struct StatsDay {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
};
StatsDay local_stats_day(std::time_t when);

// The seconds a finished session counts for (C-139): only IN sessions, measured from connection to the last
// action (not to the disconnect), and only from 10 s up. nullopt: the session is not counted.
std::optional<long> counted_session_duration(bool incoming, std::time_t connected_at, std::time_t last_action);

enum class StatsUpdate { written, unreadable, io_error };
// Adds one session to the month file of `day`, under an exclusive flock held while reading and rewriting, as the
// original does. An existing file that does not parse is left alone (unreadable). The folder is created if needed.
// Other keys and their order are kept, and new day keys follow PHP's rule (01-09 as strings, 10-31 as integers).
StatsUpdate add_session_to_stats(std::string_view spath, const StatsDay& day, std::string_view type, long duration);

}  // namespace pavi::gateway
