// The visit script format (docs/SCRIPTS.md): every statement, its options, and the file:line errors.
#include <gtest/gtest.h>

#include "simulators/load/visit_script.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using Kind = VisitStep::Kind;

VisitScript parsed(std::string_view text) {
  auto load = parse_visit_script(text, "t.txt");
  EXPECT_TRUE(load) << load.error;
  return load.script.value_or(VisitScript{});
}

std::string error_of(std::string_view text) {
  const auto load = parse_visit_script(text, "t.txt");
  EXPECT_FALSE(load) << "parsed: " << text;
  return load.error;
}

TEST(VisitScript, EveryStatement) {
  const auto script = parsed(
      "# comment\n"
      "\n"
      "type hello world\n"
      "type \"  two\\tspaces\\x41\"\n"
      "press Envoi\n"
      "press connexion-fin\n"
      "expect \"MENU\"\n"
      "expect \"Choix\" at=24,2 timeout=3s\n"
      "expect regex \"^Page \\\\d+\" at=3 timeout=250ms\n"
      "quiet 300\n"
      "think 1s\n"
      "disconnect\n"
      "wait-disconnect timeout=2000\n");
  ASSERT_EQ(script.steps.size(), 11u);
  EXPECT_EQ(script.name, "t.txt");
  EXPECT_EQ(script.steps[0].kind, Kind::type);
  EXPECT_EQ(script.steps[0].text, "hello world");
  EXPECT_EQ(script.steps[0].line, 3);
  EXPECT_EQ(script.steps[1].text, "  two\tspacesA");
  EXPECT_EQ(script.steps[2].kind, Kind::press);
  EXPECT_EQ(script.steps[2].key, videotex::FunctionKey::envoi);
  EXPECT_EQ(script.steps[3].key, videotex::FunctionKey::connexion_fin);
  EXPECT_EQ(script.steps[4].kind, Kind::expect_text);
  EXPECT_EQ(script.steps[4].timeout, 5000ms);  // the default
  EXPECT_FALSE(script.steps[4].at);
  EXPECT_EQ(script.steps[5].at, (ScreenPosition{24, 2}));
  EXPECT_EQ(script.steps[5].timeout, 3000ms);
  EXPECT_EQ(script.steps[6].kind, Kind::expect_regex);
  EXPECT_EQ(script.steps[6].text, "^Page \\d+");
  EXPECT_EQ(script.steps[6].at, (ScreenPosition{3, 0}));
  EXPECT_EQ(script.steps[6].timeout, 250ms);
  EXPECT_EQ(script.steps[7].kind, Kind::quiet);
  EXPECT_EQ(script.steps[7].duration, 300ms);
  EXPECT_EQ(script.steps[8].kind, Kind::think);
  EXPECT_EQ(script.steps[8].duration, 1000ms);
  EXPECT_EQ(script.steps[9].kind, Kind::disconnect);
  EXPECT_EQ(script.steps[10].kind, Kind::wait_disconnect);
  EXPECT_EQ(script.steps[10].timeout, 2000ms);
  EXPECT_EQ(script.steps[10].line, 13);
}

TEST(VisitScript, TimeoutStatementSetsTheDefaultOfLaterWaits) {
  const auto script = parsed("expect \"A\"\ntimeout 2s\nexpect \"B\"\nwait-disconnect\r\n");
  ASSERT_EQ(script.steps.size(), 3u);
  EXPECT_EQ(script.steps[0].timeout, 5000ms);
  EXPECT_EQ(script.steps[1].timeout, 2000ms);
  EXPECT_EQ(script.steps[2].timeout, 2000ms);
}

TEST(VisitScript, DescribeReadsBackAsTheSameStep) {
  const auto script = parsed(
      "type \"a \\\"b\\\" \\x01\"\npress Suite\nexpect \"X\" at=2,5 timeout=100\nexpect regex \"a|b\" at=4\n"
      "quiet 10 timeout=20\nthink 5\ndisconnect\nwait-disconnect timeout=7\n");
  std::string again;
  for (const auto& step : script.steps) again += describe(step) + "\n";
  const auto reparsed = parsed(again);
  ASSERT_EQ(reparsed.steps.size(), script.steps.size()) << again;
  for (std::size_t i = 0; i < script.steps.size(); ++i) {
    EXPECT_EQ(describe(reparsed.steps[i]), describe(script.steps[i]));
    EXPECT_EQ(reparsed.steps[i].text, script.steps[i].text);
  }
  EXPECT_EQ(describe(script.steps[1]), "press SUITE");
}

TEST(VisitScript, ErrorsNameTheFileAndLine) {
  EXPECT_EQ(error_of("press Envoi\n\npress Envoy\n").rfind("t.txt:3: unknown key 'Envoy' (keys: ENVOI, ", 0), 0u);
  EXPECT_EQ(error_of("jump 3\n").rfind("t.txt:1: unknown statement 'jump'", 0), 0u);
  EXPECT_EQ(error_of("expect MENU\n").rfind("t.txt:1: expect needs a quoted text", 0), 0u);
  EXPECT_EQ(error_of("expect \"MENU\n"), "t.txt:1: unterminated string (missing closing \")");
  EXPECT_EQ(error_of("expect \"A\" timeout=soon\n").rfind("t.txt:1: timeout= expects a duration", 0), 0u);
  EXPECT_EQ(error_of("expect \"A\" at=30,1\n").rfind("t.txt:1: at= expects ROW or ROW,COL", 0), 0u);
  EXPECT_EQ(error_of("expect \"A\" colour=red\n"), "t.txt:1: option 'colour' is not allowed (or repeated) in expect");
  EXPECT_EQ(error_of("expect \"A\" timeout=1 timeout=2\n").rfind("t.txt:1: option 'timeout' is not allowed", 0), 0u);
  EXPECT_EQ(error_of("expect regex \"(\"\n").rfind("t.txt:1: invalid regex \"(\"", 0), 0u);
  EXPECT_EQ(error_of("press\n"), "t.txt:1: press takes 1 argument, got 0");
  EXPECT_EQ(error_of("press Envoi Suite\n"), "t.txt:1: press takes 1 argument, got 2");
  EXPECT_EQ(error_of("press Envoi at=1\n"), "t.txt:1: option 'at' is not allowed (or repeated) in press");
  EXPECT_EQ(error_of("think 1 timeout=3\n"), "t.txt:1: think takes no timeout");
  EXPECT_EQ(error_of("type\n").rfind("t.txt:1: type needs the text", 0), 0u);
  EXPECT_EQ(error_of("type \"a\" b\n"), "t.txt:1: type takes one quoted string, or bare text");
  EXPECT_EQ(error_of("type \"\\q\"\n").rfind("t.txt:1: unknown escape \\q", 0), 0u);
  EXPECT_EQ(error_of("type \"\\x4\"\n"), "t.txt:1: \\x needs two hex digits");
  EXPECT_EQ(error_of("quiet -5\n").rfind("t.txt:1: quiet expects a duration", 0), 0u);
  EXPECT_EQ(error_of("# only comments\n\n"), "t.txt: the script has no steps");
}

TEST(VisitScript, GarbageNeverThrows) {
  std::string noise;
  for (int i = 0; i < 2000; ++i) noise += static_cast<char>((i * 7919) % 256);
  const auto load = parse_visit_script(noise, "noise");
  EXPECT_FALSE(load);
  EXPECT_EQ(load.error.rfind("noise:", 0), 0u);
}

TEST(VisitScript, MissingFile) {
  const auto load = load_visit_script("/nonexistent/visit.txt");
  EXPECT_EQ(load.error, "/nonexistent/visit.txt: cannot read the script file");
}

TEST(VisitScript, TheFixtureExampleParses) {
  const auto path = (test::fixtures_dir() / "scripts" / "visit.txt").string();
  const auto load = load_visit_script(path);
  ASSERT_TRUE(load) << load.error;
  EXPECT_EQ(load.script->steps.front().kind, Kind::expect_text);
  EXPECT_EQ(load.script->steps.back().key, videotex::FunctionKey::connexion_fin);
}

}  // namespace
}  // namespace pavi::sim
