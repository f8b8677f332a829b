// The live table and history (visuweb-stats-recordings.md §2.3, §3.2) and PaviKit's retention fixes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/operations/activity.hpp"

namespace pavi::gateway {
namespace {

ConnectionEntry user(std::string uid, std::time_t connected_at) {
  ConnectionEntry entry;
  entry.unique_id = std::move(uid);
  entry.direction = Direction::in;
  entry.typesocket = "WS";
  entry.ip = "127.0.0.1";
  entry.connected_at = connected_at;
  return entry;
}

void act(Activity& activity, std::uint64_t serial, std::time_t when) {
  activity.update(serial, [when](ConnectionEntry& entry) { entry.last_action = when; });
}

TEST(OperationsActivity, DirectionTextsAreTheOriginals) {
  EXPECT_EQ(direction_text(Direction::pending), "");
  EXPECT_EQ(direction_text(Direction::in), "IN");
  EXPECT_EQ(direction_text(Direction::out), "OUT");
  EXPECT_EQ(direction_text(Direction::replay), "--");
}

TEST(OperationsActivity, LiveEntriesInAcceptOrderWithSerialsFromOne) {
  Activity activity(30, 1000);
  const auto a = activity.opened(user("100", 1000));
  const auto b = activity.opened(user("200", 1001));
  EXPECT_EQ(a, 1u);
  EXPECT_EQ(b, 2u);
  activity.update(b, [](ConnectionEntry& entry) {
    entry.url = "http://s/";
    entry.serial = 99;  // cannot move the entry
  });
  const auto snapshot = activity.snapshot();
  EXPECT_EQ(snapshot.started_at, 1000);
  ASSERT_EQ(snapshot.live.size(), 2u);
  EXPECT_EQ(snapshot.live[0].unique_id, "100");
  EXPECT_EQ(snapshot.live[1].serial, 2u);
  EXPECT_EQ(snapshot.live[1].url, std::optional<std::string>("http://s/"));
  EXPECT_FALSE(snapshot.live[0].url.has_value());
  EXPECT_TRUE(snapshot.history.empty());
  EXPECT_EQ(activity.live_count(), 2u);
  ASSERT_TRUE(activity.live_entry(a).has_value());
  EXPECT_FALSE(activity.live_entry(77).has_value());
}

TEST(OperationsActivity, FinishedSessionsGoToTheHistoryNewestFirst) {
  Activity activity(30, 0);
  const auto a = activity.opened(user("100", 1000));
  const auto b = activity.opened(user("200", 1000));
  act(activity, a, 1010);
  act(activity, b, 1020);
  activity.closed(a, 1100);
  activity.closed(b, 1200);
  activity.update(a, [](ConnectionEntry& entry) { entry.infos = "gone"; });  // no effect once closed
  const auto snapshot = activity.snapshot();
  EXPECT_TRUE(snapshot.live.empty());
  ASSERT_EQ(snapshot.history.size(), 2u);
  EXPECT_EQ(snapshot.history[0].unique_id, "200");
  EXPECT_EQ(snapshot.history[0].ended_at, 1200);
  EXPECT_EQ(snapshot.history[1].unique_id, "100");
  EXPECT_EQ(snapshot.history[1].infos, "");
}

TEST(OperationsActivity, ShortSessionsAndReplaysLeaveAtOnce) {
  Activity activity(30, 0);
  std::vector<std::string> forgotten;
  activity.on_forget([&](const ConnectionEntry& entry) { forgotten.push_back(entry.unique_id); });
  const auto quick = activity.opened(user("1", 1000));
  act(activity, quick, 1009);  // 9 s: less than 10 s
  const auto idle = activity.opened(user("2", 1000));  // never acted
  auto replay_entry = user("3", 1000);
  replay_entry.direction = Direction::replay;
  const auto replay = activity.opened(replay_entry);
  act(activity, replay, 1100);
  const auto kept = activity.opened(user("4", 1000));
  act(activity, kept, 1010);  // exactly 10 s stays
  for (const auto serial : {quick, idle, replay, kept}) activity.closed(serial, 2000);
  EXPECT_EQ(forgotten, (std::vector<std::string>{"1", "2", "3"}));
  const auto history = activity.snapshot().history;
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].unique_id, "4");
}

TEST(OperationsActivity, HistoryKeepsMaxhistoFinishedSessionsAndNeverALiveOne) {
  Activity activity(2, 0);
  std::vector<std::string> forgotten;
  activity.on_forget([&](const ConnectionEntry& entry) { forgotten.push_back(entry.unique_id); });
  const auto live = activity.opened(user("live", 1000));
  act(activity, live, 1500);
  for (int i = 0; i < 4; ++i) {
    const auto serial = activity.opened(user(std::to_string(i), 1000));
    act(activity, serial, 1100);
    activity.closed(serial, 1200 + i);
  }
  // The oldest finished ones leave; the live session, older than all of them, is untouched (the original's (Q)).
  EXPECT_EQ(forgotten, (std::vector<std::string>{"0", "1"}));
  const auto snapshot = activity.snapshot();
  ASSERT_EQ(snapshot.history.size(), 2u);
  EXPECT_EQ(snapshot.history[0].unique_id, "3");
  EXPECT_EQ(snapshot.history[1].unique_id, "2");
  ASSERT_EQ(snapshot.live.size(), 1u);
  EXPECT_EQ(snapshot.live[0].unique_id, "live");
}

TEST(OperationsActivity, NegativeMaxhistoMeansTheDefaultThirty) {
  Activity activity(-1, 0);
  for (int i = 0; i < 35; ++i) {
    const auto serial = activity.opened(user(std::to_string(i), 1000));
    act(activity, serial, 1100);
    activity.closed(serial, 1200);
  }
  EXPECT_EQ(activity.snapshot().history.size(), 30u);
}

TEST(OperationsActivity, ZeroMaxhistoKeepsNoHistory) {
  Activity activity(0, 0);
  const auto serial = activity.opened(user("1", 1000));
  act(activity, serial, 1100);
  activity.closed(serial, 1200);
  EXPECT_TRUE(activity.snapshot().history.empty());
}

}  // namespace
}  // namespace pavi::gateway
