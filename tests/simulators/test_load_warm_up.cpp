// The steady-state window of a load run (`pavi stress --warm-up`): requests completed during the warm-up, or
// after the run's end (the hang-ups of the visits cut short), are left out of the request count and the latency,
// the request rate is over the window, and sessions and errors still count.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "simulators/load/load_driver.hpp"
#include "tests/simulators/fake_visit_target.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

class PagedUser : public LoadUser {
 public:
  std::optional<std::string> begin_visit() override {
    target_ = test::FakeVisitTarget{};
    target_.pages[videotex::FunctionKey::envoi] = "MENU\n";
    return std::nullopt;
  }
  VisitTarget& target() override { return target_; }
  void end_visit() override {}

 private:
  test::FakeVisitTarget target_;
};

LoadSnapshot run_with_warm_up(std::chrono::milliseconds warm_up, const char* script_text) {
  auto load = parse_visit_script(script_text, "v.txt");
  EXPECT_TRUE(load) << load.error;
  LoadStats stats;
  LoadOptions options;
  options.users = 2;
  options.count = 6;
  options.warm_up = warm_up;
  return run_load(*load.script, options, [](std::size_t, LoadStats&) { return std::make_unique<PagedUser>(); },
                  stats);
}

TEST(LoadWarmUp, RequestsDuringTheWarmUpAreLeftOutButSessionsAndErrorsCount) {
  constexpr const char* kScript = "expect \"BIENVENUE\"\npress Envoi\nexpect \"MENU\"\n";
  const auto measured = run_with_warm_up(0ms, kScript);
  EXPECT_EQ(measured.requests, 12u);
  EXPECT_EQ(measured.latency_count, 12u);
  EXPECT_EQ(measured.warm_up.count(), 0.0);

  const auto warming = run_with_warm_up(3600s, kScript);  // the whole run is warm-up
  EXPECT_EQ(warming.sessions_completed, 6u);
  EXPECT_EQ(warming.requests, 0u);
  EXPECT_EQ(warming.latency_count, 0u);
  EXPECT_EQ(warming.requests_per_second(), 0.0);
  EXPECT_EQ(warming.warm_up, warming.elapsed);  // never more than the run so far

  const auto failing = run_with_warm_up(3600s, "expect \"AILLEURS\" timeout=1\n");
  EXPECT_EQ(failing.sessions_failed, 6u);
  EXPECT_EQ(failing.errors.at("timeout"), 6u);
}

// Each visit is cut short by the end of the run; its hang-up is a request, as the FIN is in service mode.
class HangUpRequestUser : public LoadUser {
 public:
  explicit HangUpRequestUser(LoadStats& stats) : stats_(stats) {}
  std::optional<std::string> begin_visit() override {
    target_ = test::FakeVisitTarget{};
    return std::nullopt;
  }
  VisitTarget& target() override { return target_; }
  void end_visit() override { stats_.request(1000us); }
  bool waits_are_requests() const override { return false; }

 private:
  LoadStats& stats_;
  test::FakeVisitTarget target_;
};

LoadSnapshot run_cut_short(std::chrono::milliseconds warm_up) {
  auto load = parse_visit_script("think 3600s\n", "v.txt");
  LoadStats stats;
  LoadOptions options;
  options.users = 3;
  options.duration = 100ms;
  options.warm_up = warm_up;
  return run_load(*load.script, options,
                  [](std::size_t, LoadStats& s) { return std::make_unique<HangUpRequestUser>(s); }, stats);
}

TEST(LoadWarmUp, HangUpsAfterTheEndOfTheRunAreLeftOutOfASteadyStateRun) {
  const auto plain = run_cut_short(0ms);
  EXPECT_EQ(plain.sessions_aborted, 3u);
  EXPECT_EQ(plain.requests, 3u);  // without a window every request counts
  EXPECT_EQ(plain.cool_down.count(), 0.0);

  const auto steady = run_cut_short(10ms);
  EXPECT_EQ(steady.sessions_aborted, 3u);
  EXPECT_EQ(steady.requests, 0u);
  EXPECT_EQ(steady.latency_count, 0u);
  EXPECT_GE(steady.cool_down.count(), 0.0);
  EXPECT_LE(steady.warm_up + steady.cool_down, steady.elapsed);
}

TEST(LoadWarmUp, RatesAreOverTheWindowAndReportsSayIt) {
  LoadSnapshot s;
  s.elapsed = 10s;
  s.warm_up = 4s;
  s.cool_down = 1s;
  s.requests = 50;
  EXPECT_EQ(s.requests_per_second(), 10.0);
  const auto json = nlohmann::json::parse(json_report(s, "gateway"));
  EXPECT_EQ(json["warm_up_s"], 4.0);
  EXPECT_EQ(json["cool_down_s"], 1.0);
  EXPECT_EQ(json["requests"]["per_second"], 10.0);
  EXPECT_NE(text_report(s, "t").find("left out        the first 4.00 s and the last 1.00 s"), std::string::npos)
      << text_report(s, "t");
  s.cool_down = 0s;
  s.warm_up = 0s;
  EXPECT_FALSE(nlohmann::json::parse(json_report(s, "gateway")).contains("warm_up_s"));
  EXPECT_EQ(text_report(s, "t").find("left out"), std::string::npos);
}

}  // namespace
}  // namespace pavi::sim
