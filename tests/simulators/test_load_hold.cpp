// The load driver's hold (`pavi stress --hold`), with in-memory users: after a completed visit each user keeps
// its line open and idle until the run ends, makes no further visit, and is counted as held; a line that drops
// while held fails the visit; a failed visit is not held; a hold without a duration starts nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "simulators/load/load_driver.hpp"
#include "tests/simulators/fake_visit_target.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

using Clock = std::chrono::steady_clock;

class HoldingUser;

// What the users of one run share: visits begun, hang-ups and their times, and the users themselves.
struct HoldRun {
  std::atomic<int> visits{0};
  std::mutex mutex;
  std::vector<Clock::time_point> hang_ups;  // guarded by mutex
  std::vector<HoldingUser*> users;    // guarded by mutex; alive while the run lasts

  LoadUserFactory factory();
  std::size_t hang_up_count() {
    const std::lock_guard lock(mutex);
    return hang_ups.size();
  }
};

// A user whose target's line can be dropped from outside (under `line_mutex`).
class HoldingUser : public LoadUser {
 public:
  explicit HoldingUser(HoldRun& run) : run_(run) {}
  std::optional<std::string> begin_visit() override {
    const std::lock_guard lock(line_mutex_);
    target_ = test::FakeVisitTarget{};
    ++run_.visits;
    return std::nullopt;
  }
  VisitTarget& target() override { return target_; }
  void end_visit() override {
    const std::lock_guard lock(run_.mutex);
    run_.hang_ups.push_back(Clock::now());
  }
  void drop_line() {
    const std::lock_guard lock(line_mutex_);
    target_.is_connected = false;
  }

 private:
  HoldRun& run_;
  std::mutex line_mutex_;
  test::FakeVisitTarget target_;
};

LoadUserFactory HoldRun::factory() {
  return [this](std::size_t, LoadStats&) -> std::unique_ptr<LoadUser> {
    auto user = std::make_unique<HoldingUser>(*this);
    const std::lock_guard lock(mutex);
    users.push_back(user.get());
    return user;
  };
}

VisitScript script_of(std::string_view text) {
  auto load = parse_visit_script(text, "v.txt");
  EXPECT_TRUE(load) << load.error;
  return load.script.value_or(VisitScript{});
}

TEST(LoadHold, EveryUserHoldsItsLineUntilTheEndThenHangsUpOnce) {
  HoldRun run;
  LoadStats stats;
  LoadOptions options;
  options.users = 5;
  options.hold = true;
  options.duration = 300ms;
  options.progress_interval = 5ms;
  std::uint64_t most_held = 0;
  options.on_progress = [&](const LoadSnapshot& s) { most_held = std::max(most_held, s.sessions_held); };
  const auto start = Clock::now();
  const auto result = run_load(script_of("expect \"BIENVENUE\"\n"), options, run.factory(), stats);
  EXPECT_EQ(run.visits.load(), 5);  // one visit each: a holding user starts no other
  ASSERT_EQ(run.hang_up_count(), 5u);
  for (const auto& at : run.hang_ups) EXPECT_GE(at - start, 300ms);  // nobody hung up before the end
  EXPECT_EQ(result.sessions_started, 5u);
  EXPECT_EQ(result.sessions_completed, 5u);
  EXPECT_EQ(result.sessions_failed, 0u);
  EXPECT_EQ(result.sessions_held_peak, 5u);
  EXPECT_EQ(result.sessions_held, 0u);  // released at the end
  EXPECT_EQ(result.requests, 5u);
  EXPECT_EQ(most_held, 5u);
}

TEST(LoadHold, ALineThatDropsWhileHeldFailsItsVisit) {
  HoldRun run;
  LoadStats stats;
  LoadOptions options;
  options.users = 3;
  options.hold = true;
  options.duration = 300ms;
  options.progress_interval = 5ms;
  bool dropped = false;
  options.on_progress = [&](const LoadSnapshot& s) {
    if (dropped || s.sessions_held < 3) return;
    const std::lock_guard lock(run.mutex);
    for (auto* user : run.users) user->drop_line();
    dropped = true;
  };
  const auto result = run_load(script_of("expect \"BIENVENUE\"\n"), options, run.factory(), stats);
  ASSERT_TRUE(dropped);
  EXPECT_EQ(result.sessions_completed, 0u);
  EXPECT_EQ(result.sessions_failed, 3u);
  EXPECT_EQ(result.errors, (std::map<std::string, std::uint64_t>{{"disconnected", 3}}));
  EXPECT_EQ(result.sessions_held_peak, 3u);
}

TEST(LoadHold, AFailedVisitIsNotHeldAndTheUserTriesAgain) {
  HoldRun run;
  LoadStats stats;
  LoadOptions options;
  options.users = 2;
  options.hold = true;
  options.duration = 100ms;
  const auto result = run_load(script_of("expect \"MENU\" timeout=1\n"), options, run.factory(), stats);
  EXPECT_EQ(result.sessions_held_peak, 0u);
  EXPECT_EQ(result.sessions_completed, 0u);
  EXPECT_GT(result.sessions_failed, 2u);
  EXPECT_EQ(result.sessions_failed + result.sessions_aborted, static_cast<std::uint64_t>(run.visits.load()));
}

TEST(LoadHold, AHoldWithoutADurationStartsNothing) {
  HoldRun run;
  LoadStats stats;
  LoadOptions options;
  options.hold = true;
  options.count = 10;  // a count alone would never end the holds
  const auto result = run_load(script_of("expect \"BIENVENUE\"\n"), options, run.factory(), stats);
  EXPECT_EQ(result.sessions_started, 0u);
  EXPECT_EQ(run.visits.load(), 0);
}

TEST(LoadHold, ReportsSayHowManyLinesWereHeld) {
  LoadStats stats;
  stats.session_held(true);
  stats.session_held(true);
  stats.session_held(false);
  const auto s = stats.snapshot();
  EXPECT_EQ(s.sessions_held, 1u);
  EXPECT_EQ(s.sessions_held_peak, 2u);
  EXPECT_NE(progress_line(s).find("held 1"), std::string::npos) << progress_line(s);
  EXPECT_NE(text_report(s, "t").find("held            2 lines open and idle at once at most"), std::string::npos);
  EXPECT_NE(json_report(s, "gateway").find("\"held_peak\": 2"), std::string::npos) << json_report(s, "gateway");
  EXPECT_EQ(text_report(LoadStats{}.snapshot(), "t").find("held"), std::string::npos);
}

}  // namespace
}  // namespace pavi::sim
