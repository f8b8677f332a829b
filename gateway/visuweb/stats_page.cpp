// The year view's 31 rows (the same day number over 12 months) are a quirk of the original that operators know;
// PaviKit keeps it. The month view shows the days that month has.
#include "gateway/visuweb/stats_page.hpp"

#include <array>
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>

#include "gateway/visuweb/visuweb_format.hpp"
#include "gateway/visuweb/visuweb_reply.hpp"

namespace pavi::gateway::visuweb {

namespace {

constexpr std::array<std::string_view, 4> kTypes{"WS", "WSS", "AST", "TELN"};
constexpr std::array<std::string_view, 13> kMonthNames{"Année complète", "Janvier", "Février",  "Mars",
                                                       "Avril",          "Mai",     "Juin",     "Juillet",
                                                       "Août",           "Septembre", "Octobre", "Novembre",
                                                       "Décembre"};

// PHP (int) of a query value, without overflow: nullopt when it is not a plain number.
std::optional<int> small_int(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int days_in(int year, int month) {
  if (month == 0) return 31;
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::string tmc(const StatsCell& cell) { return cell.count > 0 ? format_duration(cell.duration / cell.count) : ""; }

// One day's 12 cells; empty cells for a day without data.
std::string day_cells(int day, const MonthStats& stats) {
  std::string cells = "<td>" + std::to_string(day) + "</td>";
  const auto it = stats.find(day);
  if (it == stats.end()) {
    for (int i = 0; i < 11; ++i) cells += "<td></td>";
    return cells;
  }
  StatsCell total;
  for (const auto type : kTypes) {
    const auto cell = it->second.find(type);
    if (cell == it->second.end()) {
      cells += "<td></td><td></td>";
      continue;
    }
    total.count += cell->second.count;
    total.duration += cell->second.duration;
    cells += "<td>" + std::to_string(cell->second.count) + "</td><td>" + format_duration(cell->second.duration) +
             "</td>";
  }
  cells += "<td>" + std::to_string(total.count) + "</td><td>" + format_duration(total.duration) + "</td><td>" +
           tmc(total) + "</td>";
  return cells;
}

std::string form(const StatsPeriod& period, int current_year) {
  std::string html = "<form method=\"get\" action=\"/\"><input type=\"hidden\" name=\"action\" value=\"stats\">"
                     "<select name=\"m\">";
  for (int m = 0; m <= 12; ++m) {
    html += "<option value=\"" + std::to_string(m) + "\"" + (m == period.month ? " selected" : "") + ">" +
            std::string(kMonthNames[static_cast<std::size_t>(m)]) + "</option>";
  }
  html += "</select> <select name=\"y\">";
  for (int y = 2024; y <= std::max(current_year, 2024); ++y) {
    html += "<option value=\"" + std::to_string(y) + "\"" + (y == period.year ? " selected" : "") + ">" +
            std::to_string(y) + "</option>";
  }
  return html + "</select> <input type=\"submit\" value=\"Voir\"></form>\n";
}

}  // namespace

StatsPeriod stats_period(std::string_view m, std::string_view y, std::time_t now) {
  std::tm parts{};
  localtime_r(&now, &parts);
  const StatsPeriod current{parts.tm_year + 1900, parts.tm_mon + 1};
  const auto month = small_int(m);
  const auto year = small_int(y);
  if (!month || *month < 0 || *month > 12 || !year || *year <= 0 || *year > 9999) return current;
  return {*year, *month};
}

std::string stats_page(const StatsPeriod& period, const MonthStats& stats, int current_year,
                       std::string_view version) {
  char month_text[8];
  std::snprintf(month_text, sizeof month_text, "%02d", period.month);
  const std::string heading = period.month == 0 ? "Statistiques pour l'année " + std::to_string(period.year)
                                                : "Statistiques pour " + std::string(month_text) + "/" +
                                                      std::to_string(period.year);
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + heading +
      " - VisuWeb MiniPAVI</title>\n<style>body{font-family:sans-serif;font-size:13px}"
      "table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #999;padding:2px 6px;text-align:right}"
      "th{background:#ddd}</style></head><body>\n<h1>MiniPAVI 1.6 | <a href=\"/\">Visu direct</a> | Stats</h1>\n" +
      form(period, current_year) + "<h2>" + heading + "</h2>\n";
  std::string header = "<th>Jour</th>";
  for (const auto type : kTypes) {
    header += "<th>" + std::string(type) + "</th><th>Durée " + std::string(type) + "</th>";
  }
  header += "<th>Total</th><th>Durée</th><th>TMC</th>";
  page += "<table id=\"days\"><tr>" + header + header + "</tr>\n";
  const int days = days_in(period.year, period.month);
  for (int day = 1; day <= days; day += 2) {
    page += "<tr>" + day_cells(day, stats);
    if (day + 1 <= days) page += day_cells(day + 1, stats);
    page += "</tr>\n";
  }
  page += "</table>\n";
  std::array<StatsCell, 4> totals{};
  StatsCell overall;
  for (const auto& [day, types] : stats) {
    for (std::size_t i = 0; i < kTypes.size(); ++i) {
      if (const auto cell = types.find(kTypes[i]); cell != types.end()) {
        totals[i].count += cell->second.count;
        totals[i].duration += cell->second.duration;
        overall.count += cell->second.count;
        overall.duration += cell->second.duration;
      }
    }
  }
  page += "<table id=\"totals\"><tr>";
  for (const auto type : kTypes) page += "<th>" + std::string(type) + "</th><th>Durée " + std::string(type) + "</th>";
  page += "<th>Total</th><th>Durée</th><th>TMC</th></tr>\n<tr>";
  for (const StatsCell& cell : totals) {
    page += "<td>" + std::to_string(cell.count) + "</td><td>" + format_duration(cell.duration) + "</td>";
  }
  page += "<td>" + std::to_string(overall.count) + "</td><td>" + format_duration(overall.duration) + "</td><td>" +
          tmc(overall) + "</td></tr></table>\n";
  return page + page_footer(version);
}

}  // namespace pavi::gateway::visuweb
