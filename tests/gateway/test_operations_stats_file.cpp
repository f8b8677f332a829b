// The monthly statistics files (visuweb-stats-recordings.md §4): the original's PHP serialize format, its day
// keys, what counts (C-139) and the day a session is credited to, across a month boundary.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "gateway/operations/stats_file.hpp"
#include "tests/gateway/operations_test_folder.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using test::TestFolder;

void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(OperationsStatsFile, PathIsSpathPlusStatsYearMonth) {
  EXPECT_EQ(stats_file_path("./stats/", 2026, 3), "./stats/stats-202603.stats");
  EXPECT_EQ(stats_file_path("", 2026, 11), "stats-202611.stats");
}

TEST(OperationsStatsFile, ReadsTheOriginalsFile) {  // C-138
  TestFolder folder;
  write_text(folder.path() / "stats-202611.stats",
             R"(a:2:{i:22;a:1:{s:4:"TELN";a:2:{s:5:"count";i:2;s:8:"duration";i:24;}}s:2:"05";a:2:{s:2:"WS";)"
             R"(a:2:{s:5:"count";i:1;s:8:"duration";i:61;}s:3:"AST";a:2:{s:5:"count";i:3;s:8:"duration";i:300;}}})");
  const auto stats = read_month_stats(folder.slash(), 2026, 11);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->at(22).at("TELN"), (StatsCell{2, 24}));
  EXPECT_EQ(stats->at(5).at("WS"), (StatsCell{1, 61}));
  EXPECT_EQ(stats->at(5).at("AST"), (StatsCell{3, 300}));
  EXPECT_EQ(stats->size(), 2u);
}

TEST(OperationsStatsFile, MissingOrUnreadableFilesGiveNothing) {
  TestFolder folder;
  EXPECT_FALSE(read_month_stats(folder.slash(), 2026, 1).has_value());
  write_text(folder.path() / "stats-202602.stats", "a:1:{i:22;");
  EXPECT_FALSE(read_month_stats(folder.slash(), 2026, 2).has_value());
  write_text(folder.path() / "stats-202603.stats", R"(a:1:{i:40;a:0:{}})");  // no day 40
  EXPECT_FALSE(read_month_stats(folder.slash(), 2026, 3).has_value());
}

TEST(OperationsStatsFile, OnlyInSessionsOfTenSecondsOrMoreCount) {  // C-139
  EXPECT_EQ(counted_session_duration(true, 1000, 1010), std::optional<long>(10));
  EXPECT_EQ(counted_session_duration(true, 1000, 1009), std::nullopt);
  EXPECT_EQ(counted_session_duration(true, 1000, 0), std::nullopt);  // no action at all
  EXPECT_EQ(counted_session_duration(true, 1000, 900), std::nullopt);
  EXPECT_EQ(counted_session_duration(false, 1000, 5000), std::nullopt);  // OUT legs and replays
}

TEST(OperationsStatsFile, WritesTheOriginalsFormatWithPhpDayKeys) {
  TestFolder folder;
  const std::string spath = folder.slash() + "stats/";  // created on demand
  ASSERT_EQ(add_session_to_stats(spath, {2026, 11, 22}, "TELN", 12), StatsUpdate::written);
  ASSERT_EQ(add_session_to_stats(spath, {2026, 11, 22}, "TELN", 12), StatsUpdate::written);
  EXPECT_EQ(pavi::test::read_file(stats_file_path(spath, 2026, 11)),
            R"(a:1:{i:22;a:1:{s:4:"TELN";a:2:{s:5:"count";i:2;s:8:"duration";i:24;}}})");
  ASSERT_EQ(add_session_to_stats(spath, {2026, 11, 5}, "WS", 30), StatsUpdate::written);
  EXPECT_EQ(pavi::test::read_file(stats_file_path(spath, 2026, 11)),
            R"(a:2:{i:22;a:1:{s:4:"TELN";a:2:{s:5:"count";i:2;s:8:"duration";i:24;}})"
            R"(s:2:"05";a:1:{s:2:"WS";a:2:{s:5:"count";i:1;s:8:"duration";i:30;}}})");
}

TEST(OperationsStatsFile, UpdatesKeepForeignKeysAndOrder) {
  TestFolder folder;
  write_text(folder.path() / "stats-202611.stats",
             R"(a:1:{s:2:"05";a:2:{s:3:"WSS";a:2:{s:5:"count";i:1;s:8:"duration";i:11;}s:5:"OTHER";i:7;}})");
  ASSERT_EQ(add_session_to_stats(folder.slash(), {2026, 11, 5}, "WSS", 20), StatsUpdate::written);
  EXPECT_EQ(pavi::test::read_file(folder.path() / "stats-202611.stats"),
            R"(a:1:{s:2:"05";a:2:{s:3:"WSS";a:2:{s:5:"count";i:2;s:8:"duration";i:31;}s:5:"OTHER";i:7;}})");
}

TEST(OperationsStatsFile, AnUnreadableFileIsLeftAlone) {
  TestFolder folder;
  const std::string junk = "not a serialized array";
  write_text(folder.path() / "stats-202611.stats", junk);
  EXPECT_EQ(add_session_to_stats(folder.slash(), {2026, 11, 5}, "WS", 20), StatsUpdate::unreadable);
  EXPECT_EQ(pavi::test::read_file(folder.path() / "stats-202611.stats"), junk);
}

TEST(OperationsStatsFile, AMonthBoundaryStartsANewFileAndOldFilesStayReadable) {
  TestFolder folder;
  // A session ending at 23:59:59 on 31 October, one ending a second later on 1 November.
  ASSERT_EQ(add_session_to_stats(folder.slash(), {2026, 10, 31}, "WSS", 600), StatsUpdate::written);
  ASSERT_EQ(add_session_to_stats(folder.slash(), {2026, 11, 1}, "WSS", 45), StatsUpdate::written);
  ASSERT_EQ(add_session_to_stats(folder.slash(), {2026, 12, 31}, "AST", 100), StatsUpdate::written);
  const auto october = read_month_stats(folder.slash(), 2026, 10);
  const auto november = read_month_stats(folder.slash(), 2026, 11);
  ASSERT_TRUE(october && november);
  EXPECT_EQ(*october, (MonthStats{{31, DayStats{{"WSS", StatsCell{1, 600}}}}}));
  EXPECT_EQ(*november, (MonthStats{{1, DayStats{{"WSS", StatsCell{1, 45}}}}}));
  const auto year = read_year_stats(folder.slash(), 2026);  // same day number summed over the months (§2.5)
  EXPECT_EQ(year.at(31).at("WSS"), (StatsCell{1, 600}));
  EXPECT_EQ(year.at(31).at("AST"), (StatsCell{1, 100}));
  EXPECT_EQ(year.at(1).at("WSS"), (StatsCell{1, 45}));
}

TEST(OperationsStatsFile, TheDayIsTheLocalDayOfTheDisconnection) {
  const char* old_tz = std::getenv("TZ");
  const std::string saved = old_tz != nullptr ? old_tz : "";
  ::setenv("TZ", "UTC0", 1);
  ::tzset();
  const StatsDay before = local_stats_day(1793491199);  // 2026-10-31 23:59:59 UTC
  const StatsDay after = local_stats_day(1793491200);   // 2026-11-01 00:00:00 UTC
  if (old_tz != nullptr) {
    ::setenv("TZ", saved.c_str(), 1);
  } else {
    ::unsetenv("TZ");
  }
  ::tzset();
  EXPECT_EQ(before.year, 2026);
  EXPECT_EQ(before.month, 10);
  EXPECT_EQ(before.day, 31);
  EXPECT_EQ(after.month, 11);
  EXPECT_EQ(after.day, 1);
}

TEST(OperationsStatsFile, ConcurrentUpdatesAreAllCounted) {
  TestFolder folder;
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 25; ++i) add_session_to_stats(folder.slash(), {2026, 11, 23}, "WS", 10);
    });
  }
  for (auto& writer : writers) writer.join();
  const auto stats = read_month_stats(folder.slash(), 2026, 11);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->at(23).at("WS"), (StatsCell{100, 1000}));
}

}  // namespace
}  // namespace pavi::gateway
