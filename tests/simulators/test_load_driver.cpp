// The load driver with in-memory users: --count runs exactly that many visits across users, failures are counted
// by kind and followed by a new visit, --duration cuts long visits short, and progress is reported.
#include <gtest/gtest.h>

#include <mutex>
#include <set>

#include "simulators/load/load_driver.hpp"
#include "tests/simulators/fake_visit_target.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

class FakeUser : public LoadUser {
 public:
  // `broken`: every third visit of this user fails at its second expectation.
  explicit FakeUser(bool broken, bool unreachable) : broken_(broken), unreachable_(unreachable) {}
  std::optional<std::string> begin_visit() override {
    if (unreachable_) return std::string("connect");
    target_ = test::FakeVisitTarget{};
    target_.pages[videotex::FunctionKey::envoi] = broken_ && visits % 3 == 2 ? "ERREUR\n" : "MENU\n";
    return std::nullopt;
  }
  VisitTarget& target() override { return target_; }
  void end_visit() override { ++visits; }
  int visits = 0;

 private:
  bool broken_;
  bool unreachable_;
  test::FakeVisitTarget target_;
};

VisitScript script_of(std::string_view text) {
  auto load = parse_visit_script(text, "v.txt");
  EXPECT_TRUE(load) << load.error;
  return load.script.value_or(VisitScript{});
}

TEST(LoadDriver, CountBoundsTheVisitsAcrossUsers) {
  const auto script = script_of("expect \"BIENVENUE\"\npress Envoi\nexpect \"MENU\" timeout=1\n");
  LoadStats stats;
  LoadOptions options;
  options.users = 4;
  options.count = 103;
  std::mutex mutex;
  std::set<std::size_t> indexes;
  const auto result = run_load(script, options,
                               [&](std::size_t index, LoadStats&) -> std::unique_ptr<LoadUser> {
                                 const std::lock_guard lock(mutex);
                                 indexes.insert(index);
                                 return std::make_unique<FakeUser>(true, false);
                               },
                               stats);
  EXPECT_EQ(indexes, (std::set<std::size_t>{0, 1, 2, 3}));
  EXPECT_EQ(result.sessions_started, 103u);
  EXPECT_EQ(result.sessions_completed + result.sessions_failed, 103u);
  EXPECT_EQ(result.sessions_aborted, 0u);
  EXPECT_EQ(result.requests, 2 * result.sessions_completed + result.sessions_failed);  // each screen that came
  // At least one user made 26 visits or more, so some failed; the users went on after their failures.
  ASSERT_GE(result.sessions_failed, 8u);
  EXPECT_EQ(result.errors, (std::map<std::string, std::uint64_t>{{"timeout", result.sessions_failed}}));
  EXPECT_EQ(result.active_users, 0u);
}

TEST(LoadDriver, UnreachableTargetCountsConnectErrors) {
  const auto script = script_of("press Envoi\n");
  LoadStats stats;
  LoadOptions options;
  options.users = 2;
  options.count = 6;
  options.retry_pause = 0ms;
  const auto result = run_load(
      script, options, [](std::size_t, LoadStats&) { return std::make_unique<FakeUser>(false, true); }, stats);
  EXPECT_EQ(result.sessions_failed, 6u);
  EXPECT_EQ(result.errors.at("connect"), 6u);
}

TEST(LoadDriver, DurationCutsVisitsShortAndReportsProgress) {
  const auto script = script_of("press Envoi\nthink 3600s\n");
  LoadStats stats;
  LoadOptions options;
  options.users = 3;
  options.duration = 150ms;
  options.progress_interval = 10ms;
  int progress_calls = 0;
  options.on_progress = [&](const LoadSnapshot&) { ++progress_calls; };
  const auto result = run_load(
      script, options, [](std::size_t, LoadStats&) { return std::make_unique<FakeUser>(false, false); }, stats);
  EXPECT_EQ(result.sessions_started, 3u);
  EXPECT_EQ(result.sessions_aborted, 3u);
  EXPECT_EQ(result.sessions_failed, 0u);
  EXPECT_GT(progress_calls, 0);
}

TEST(LoadDriver, RampUpIsCutShortByTheEndOfTheRun) {
  const auto script = script_of("press Envoi\n");
  LoadStats stats;
  LoadOptions options;
  options.users = 2;
  options.ramp_up = 3600s;  // user 1 would start in half an hour
  options.duration = 50ms;
  std::atomic<int> made{0};
  run_load(script, options,
           [&](std::size_t, LoadStats&) {
             ++made;
             return std::make_unique<FakeUser>(false, false);
           },
           stats);
  EXPECT_EQ(made.load(), 1);
}

TEST(LoadDriver, UnboundedRunStartsNothing) {
  LoadStats stats;
  const auto result = run_load(script_of("press Envoi\n"), LoadOptions{},
                               [](std::size_t, LoadStats&) { return std::make_unique<FakeUser>(false, false); }, stats);
  EXPECT_EQ(result.sessions_started, 0u);
}

}  // namespace
}  // namespace pavi::sim
