// ScriptRunner: the fake servers' scripted behaviour, without sockets.
#include <gtest/gtest.h>

#include "simulators/servers/script.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using Kind = ScriptAction::Kind;

std::string sent(const std::vector<ScriptAction>& actions) {
  std::string out;
  for (const auto& action : actions) {
    if (action.kind == Kind::send) out += action.bytes;
  }
  return out;
}

bool closes(const std::vector<ScriptAction>& actions) {
  for (const auto& action : actions) {
    if (action.kind == Kind::close) return true;
  }
  return false;
}

TEST(FakeServerScript, SendsOnConnectThenWaitsForTheExpectedBytes) {
  ScriptRunner runner(ServerScript{}.send("HELLO").expect("\x13\x41").send("BYE").close());
  EXPECT_EQ(sent(runner.start()), "HELLO");
  auto actions = runner.received("ABC\x13");
  EXPECT_TRUE(actions.empty());
  actions = runner.received("\x41");
  EXPECT_EQ(sent(actions), "BYE");
  EXPECT_TRUE(closes(actions));
  EXPECT_TRUE(runner.closed());
  EXPECT_TRUE(runner.received("more").empty());
}

TEST(FakeServerScript, ExpectConsumesWhatItMatched) {
  ScriptRunner runner(ServerScript{}.expect("A").send("1").expect("A").send("2"));
  EXPECT_TRUE(runner.start().empty());
  EXPECT_EQ(sent(runner.received("A")), "1");
  EXPECT_EQ(sent(runner.received("B")), "");
  EXPECT_EQ(sent(runner.received("A")), "2");
  EXPECT_TRUE(runner.steps_done());
}

TEST(FakeServerScript, ExpectSeesBytesThatArrivedEarlier) {
  ScriptRunner runner(ServerScript{}.pause(10ms).expect("KEY").send("GOT"));
  const auto first = runner.start();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].kind, Kind::wait);
  EXPECT_EQ(first[0].delay, 10ms);
  EXPECT_TRUE(runner.received("KEY").empty());  // paused: nothing runs yet
  EXPECT_EQ(sent(runner.resume()), "GOT");
}

TEST(FakeServerScript, EchoSendsEveryByteBack) {
  ScriptRunner echo(ServerScript{}.with_echo());
  echo.start();
  EXPECT_EQ(sent(echo.received("abc")), "abc");
  ScriptRunner silent(ServerScript{});
  silent.start();
  EXPECT_EQ(sent(silent.received("abc")), "");
}

TEST(FakeServerScript, RulesAnswerEachOccurrenceAcrossChunks) {
  ScriptRunner runner(ServerScript{}.on("\x13\x41", "OK;").with_echo());
  runner.start();
  EXPECT_EQ(sent(runner.received("x\x13")), "x\x13");
  EXPECT_EQ(sent(runner.received("\x41y\x13\x41")), "\x41y\x13\x41OK;OK;");
}

TEST(FakeServerScript, RuleCanCloseTheConnection) {
  ScriptRunner runner(ServerScript{}.on("***\x13\x46", "FIN", true).send("START"));
  EXPECT_EQ(sent(runner.start()), "START");
  const auto actions = runner.received("**");
  EXPECT_FALSE(closes(actions));
  const auto end = runner.received("*\x13\x46");
  EXPECT_EQ(sent(end), "FIN");
  EXPECT_TRUE(closes(end));
}

TEST(FakeServerScript, EmptyRuleAnswersEveryReception) {
  ScriptRunner runner(ServerScript{}.on("", "ACK"));
  runner.start();
  EXPECT_EQ(sent(runner.received("a")), "ACK");
  EXPECT_EQ(sent(runner.received("b")), "ACK");
}

TEST(FakeServerScript, CloseStepStopsTheScript) {
  ScriptRunner runner(ServerScript{}.send("A").close().send("NEVER"));
  const auto actions = runner.start();
  EXPECT_EQ(sent(actions), "A");
  EXPECT_TRUE(closes(actions));
  EXPECT_TRUE(runner.resume().empty());
}

}  // namespace
}  // namespace pavi::sim
