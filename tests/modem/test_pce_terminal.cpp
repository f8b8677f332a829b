// The terminal's PCE switching (pce.md §2.1, videotex-terminal.md §7): START/STOP 44 answered with the status
// "fonctionnement", the block layer turned on and off at the right character.
#include <gtest/gtest.h>

#include "modem/pce_block.hpp"
#include "modem/pce_terminal.hpp"
#include "tests/modem/test_pce_helpers.hpp"
#include "tests/support/test_paths.hpp"

namespace pce = pavi::modem::pce;
using namespace pce::test;
using pavi::modem::SimTime;
using pavi::test::bytes;

namespace {

void feed(pce::Terminal& terminal, std::string_view line, SimTime& t) {
  for (const char c : line) {
    terminal.receive(static_cast<std::uint8_t>(c), t);
    t += kDownChar;
  }
}

std::string drain(pce::Terminal& terminal, SimTime& t) {
  std::string out;
  while (const auto byte = terminal.pull_upstream(t)) {
    out += static_cast<char>(*byte);
    t += kUpChar;
  }
  return out;
}

std::string line_blocks(std::string_view data) {
  std::string out;
  for (const auto& block : pce::frame_message(
           std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()))) {
    out.append(block.begin(), block.end());
  }
  return out;
}

}  // namespace

TEST(PceTerminal, StartIsAnsweredWithStatus44AndTurnsBlocksOn) {
  pce::Terminal terminal;
  SimTime t{};
  feed(terminal, line_form(bytes("41 42 1B 3A 69 44")), t);
  EXPECT_TRUE(terminal.pce_active());
  EXPECT_EQ(terminal.take_data(), "AB");
  EXPECT_EQ(drain(terminal, t), bytes("1B 3A 73 44"));
  feed(terminal, line_blocks("in a block"), t);
  EXPECT_EQ(terminal.take_data(), "in a block");
}

TEST(PceTerminal, StopInsideABlockIsAnsweredWith40AndCharacterModeFollowsThatBlock) {
  pce::Terminal terminal;
  SimTime t{};
  feed(terminal, line_form(bytes("1B 3A 69 44")), t);
  drain(terminal, t);
  feed(terminal, line_blocks(bytes("48 69 1B 3A 6A 44")), t);
  EXPECT_FALSE(terminal.pce_active());
  EXPECT_EQ(terminal.take_data(), "Hi");
  EXPECT_EQ(drain(terminal, t), bytes("1B 3A 73 40"));
  feed(terminal, line_form("plain"), t);
  EXPECT_EQ(terminal.take_data(), "plain");
}

TEST(PceTerminal, StartWhileActiveOnlyProducesTheStatus) {
  pce::Terminal terminal;
  SimTime t{};
  feed(terminal, line_form(bytes("1B 3A 69 44")), t);
  drain(terminal, t);
  feed(terminal, line_blocks(bytes("1B 3A 69 44 41")), t);
  EXPECT_TRUE(terminal.pce_active());
  EXPECT_EQ(terminal.receiver().expected_block(), 1);
  EXPECT_EQ(terminal.take_data(), "A");
  EXPECT_EQ(drain(terminal, t), bytes("1B 3A 73 44"));
}

TEST(PceTerminal, StopWhileInactiveOnlyProducesTheStatus) {
  pce::Terminal terminal;
  SimTime t{};
  feed(terminal, line_form(bytes("1B 3A 6A 44")), t);
  EXPECT_FALSE(terminal.pce_active());
  EXPECT_EQ(drain(terminal, t), bytes("1B 3A 73 40"));
}

TEST(PceTerminal, StatusKeepsTheOtherModeBits) {
  pce::TerminalConfig config;
  config.status = 0x42;  // roll mode
  config.receiver.upstream = pce::CharForm::line;
  pce::Terminal terminal(config);
  SimTime t{};
  feed(terminal, line_form(bytes("1B 3A 69 44")), t);
  EXPECT_EQ(drain(terminal, t), bytes("1B 3A F3 C6"));
}

TEST(PceTerminal, OtherProtocolSequencesPassThrough) {
  pce::Terminal terminal;
  SimTime t{};
  feed(terminal, line_form(bytes("1B 3A 69 43 1B 3A 6A 45 1B 39 7B")), t);
  EXPECT_FALSE(terminal.pce_active());
  EXPECT_EQ(terminal.take_data(), bytes("1B 3A 69 43 1B 3A 6A 45 1B 39 7B"));
  EXPECT_EQ(drain(terminal, t), "");
}

TEST(PceTerminal, FnctMCAsksTheGatewayForPce) {
  pce::Terminal terminal;
  SimTime t{};
  terminal.request_pce();
  EXPECT_EQ(drain(terminal, t), bytes("13 4A"));
}
