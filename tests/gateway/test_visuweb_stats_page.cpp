// The statistics page (visuweb-stats-recordings.md §2.5, C-138): period rules, day table, totals and TMC.
#include <gtest/gtest.h>

#include "gateway/visuweb/stats_page.hpp"

namespace pavi::gateway::visuweb {
namespace {

std::time_t noon(int year, int month, int day) {
  std::tm parts{};
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  parts.tm_hour = 12;
  parts.tm_isdst = -1;
  return std::mktime(&parts);
}

TEST(VisuWebStatsPage, PeriodDefaultsToTheCurrentMonth) {
  const std::time_t now = noon(2026, 11, 22);
  const auto same = [](StatsPeriod p, int y, int m) { return p.year == y && p.month == m; };
  EXPECT_TRUE(same(stats_period("3", "2025", now), 2025, 3));
  EXPECT_TRUE(same(stats_period("0", "2025", now), 2025, 0));  // the whole year
  EXPECT_TRUE(same(stats_period("13", "2025", now), 2026, 11));
  EXPECT_TRUE(same(stats_period("-1", "2025", now), 2026, 11));
  EXPECT_TRUE(same(stats_period("3", "0", now), 2026, 11));
  EXPECT_TRUE(same(stats_period("3", "", now), 2026, 11));
  EXPECT_TRUE(same(stats_period("x", "2025", now), 2026, 11));
  EXPECT_TRUE(same(stats_period("3", "99999999999999999999", now), 2026, 11));
}

TEST(VisuWebStatsPage, MonthViewTwoDaysPerRowWithTotalsAndTmc) {  // C-138
  MonthStats stats;
  stats[22]["TELN"] = StatsCell{2, 24};
  stats[22]["WS"] = StatsCell{1, 130};
  stats[5]["WSS"] = StatsCell{3, 300};
  const std::string page = stats_page({2026, 11}, stats, 2026, "PaviKit");
  EXPECT_NE(page.find("Statistiques pour 11/2026"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"11\" selected>Novembre</option>"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"0\">Année complète</option>"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"2024\">2024</option>"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"2026\" selected>2026</option>"), std::string::npos);
  // Day 21 then 22 in one row; 22 has WS 1 (2:10), TELN 2 (0:24), total 3 in 2:34, TMC 0:51.
  EXPECT_NE(page.find("<tr><td>21</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td>"
                      "<td></td><td></td><td></td><td>22</td><td>1</td><td>2:10</td><td></td><td></td><td></td>"
                      "<td></td><td>2</td><td>0:24</td><td>3</td><td>2:34</td><td>0:51</td></tr>"),
            std::string::npos);
  // 30 days in November: the last row holds 29 and 30.
  EXPECT_NE(page.find("<tr><td>29</td>"), std::string::npos);
  EXPECT_EQ(page.find("<td>31</td>"), std::string::npos);
  // Totals: WS 1 2:10, WSS 3 5:00, AST 0 0:00, TELN 2 0:24; overall 6 in 7:34, TMC 1:15.
  EXPECT_NE(page.find("<tr><td>1</td><td>2:10</td><td>3</td><td>5:00</td><td>0</td><td>0:00</td><td>2</td>"
                      "<td>0:24</td><td>6</td><td>7:34</td><td>1:15</td></tr>"),
            std::string::npos);
  EXPECT_TRUE(page.ends_with("PaviKit</body></html>"));
}

TEST(VisuWebStatsPage, YearViewHas31RowsOfDayNumbers) {
  const std::string page = stats_page({2025, 0}, {}, 2026, "PaviKit");
  EXPECT_NE(page.find("Statistiques pour l'année 2025"), std::string::npos);
  EXPECT_NE(page.find("<tr><td>31</td>"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"0\" selected>Année complète</option>"), std::string::npos);
}

}  // namespace
}  // namespace pavi::gateway::visuweb
