// The visit runner on an in-memory target: steps in order, the first failure stops the visit with its reason,
// kind and screen, and a stop request cuts pauses short.
#include <gtest/gtest.h>

#include <thread>

#include "simulators/load/visit_runner.hpp"
#include "tests/simulators/fake_visit_target.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using videotex::FunctionKey;

VisitScript script_of(std::string_view text) {
  auto load = parse_visit_script(text, "v.txt");
  EXPECT_TRUE(load) << load.error;
  return load.script.value_or(VisitScript{});
}

TEST(VisitRunner, RunsEveryStepInOrder) {
  test::FakeVisitTarget target;
  target.pages[FunctionKey::envoi] = "MENU\nPage 2\n";
  const auto script = script_of(
      "expect \"BIENVENUE\"\ntype 12\npress Envoi\nexpect regex \"^Page \\\\d\" at=1\nquiet 50\nexpect \"MENU\" at=0,1\n"
      "disconnect\nwait-disconnect\n");
  std::vector<std::size_t> seen;
  VisitRunOptions options;
  options.on_step = [&](const VisitStep& step, const StepResult& result) {
    EXPECT_EQ(&step, &script.steps[result.index]);
    seen.push_back(result.index);
  };
  const auto visit = run_visit(script, target, options);
  EXPECT_TRUE(visit.ok);
  EXPECT_FALSE(visit.stopped);
  EXPECT_FALSE(visit.failure());
  EXPECT_EQ(visit.steps.size(), script.steps.size());
  EXPECT_EQ(seen, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(target.log, (std::vector<std::string>{"wait text BIENVENUE", "type 12", "press ENVOI",
                                                   "wait regex ^Page \\d at 1,0", "quiet 50",
                                                   "wait regex MENU at 0,1", "disconnect", "wait disconnect"}));
  for (const auto& step : visit.steps) EXPECT_TRUE(step.screen.empty());  // only failures keep the screen
}

TEST(VisitRunner, TextAtAPositionIsMatchedLiterally) {
  EXPECT_EQ(literal_regex("3615 (a+b)*?"), "3615 \\(a\\+b\\)\\*\\?");
  test::FakeVisitTarget target;
  target.screen = "a.c\n";
  EXPECT_TRUE(run_visit(script_of("expect \"a.c\" at=0\n"), target).ok);
  target.screen = "abc\n";
  EXPECT_FALSE(run_visit(script_of("expect \"a.c\" at=0\n"), target).ok);
}

TEST(VisitRunner, FirstFailureStopsTheVisitWithItsScreen) {
  test::FakeVisitTarget target;
  target.pages[FunctionKey::envoi] = "ERREUR\n";
  const auto script = script_of("press Envoi\nexpect \"MENU\" timeout=10\npress Suite\n");
  const auto visit = run_visit(script, target);
  EXPECT_FALSE(visit.ok);
  EXPECT_FALSE(visit.stopped);
  ASSERT_TRUE(visit.failure());
  EXPECT_EQ(visit.failure()->index, 1u);
  EXPECT_EQ(visit.failure()->message, "timed out after 10 ms waiting for text \"MENU\"");
  EXPECT_EQ(visit.failure()->screen, "ERREUR\n");
  EXPECT_EQ(visit.error_kind, "timeout");
  EXPECT_EQ(visit.steps.size(), 2u);
  EXPECT_EQ(target.log.back(), "wait text MENU");  // Suite was never pressed
}

TEST(VisitRunner, DroppedLineIsADisconnection) {
  test::FakeVisitTarget target;
  target.drops_on_press = true;
  const auto waiting = run_visit(script_of("press Envoi\nexpect \"MENU\"\n"), target);
  EXPECT_EQ(waiting.error_kind, "disconnected");
  target.is_connected = false;
  const auto sending = run_visit(script_of("type abc\n"), target);
  EXPECT_FALSE(sending.ok);
  EXPECT_EQ(sending.error_kind, "disconnected");
  ASSERT_TRUE(sending.failure());
  EXPECT_EQ(sending.failure()->message, "could not send (not connected)");
  EXPECT_EQ(sending.failure()->screen, "BIENVENUE\n");
}

TEST(VisitRunner, StopRequestEndsAThinkAndIsNotAFailure) {
  test::FakeVisitTarget target;
  std::atomic<bool> stop{false};
  VisitRunOptions options;
  options.stop = &stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(20ms);
    stop = true;
  });
  const auto visit = run_visit(script_of("think 3600s\npress Envoi\n"), target, options);
  stopper.join();
  EXPECT_FALSE(visit.ok);
  EXPECT_TRUE(visit.stopped);
  EXPECT_FALSE(visit.failure());
  EXPECT_TRUE(target.log.empty());
}

TEST(VisitRunner, CaptureScreensKeepsEveryWaitsScreen) {
  test::FakeVisitTarget target;
  VisitRunOptions options;
  options.capture_screens = true;
  const auto visit = run_visit(script_of("expect \"BIEN\"\ntype x\n"), target, options);
  ASSERT_EQ(visit.steps.size(), 2u);
  EXPECT_EQ(visit.steps[0].screen, "BIENVENUE\n");
  EXPECT_TRUE(visit.steps[1].screen.empty());
}

}  // namespace
}  // namespace pavi::sim
