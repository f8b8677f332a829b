// Keyboard pre-filter and tokens (gateway-behaviour.md §3, §4; checklist section J).
#include <gtest/gtest.h>

#include "gateway/session/keyboard_input.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using pavi::test::bytes;
using videotex::FunctionKey;
using Kind = KeyToken::Kind;

KeyToken typed(char c) { return {Kind::byte, static_cast<std::uint8_t>(c)}; }
KeyToken pressed(FunctionKey k) { return {Kind::function_key, 0, k}; }

std::string typed_text(const std::vector<KeyToken>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (t.kind == Kind::byte) out += static_cast<char>(t.byte);
  }
  return out;
}

TEST(KeyboardInput, FunctionKeys) {  // C-100
  KeyboardInput input;
  const FunctionKey expected[] = {FunctionKey::envoi,      FunctionKey::retour,   FunctionKey::repetition,
                                  FunctionKey::guide,      FunctionKey::annulation, FunctionKey::sommaire,
                                  FunctionKey::correction, FunctionKey::suite,    FunctionKey::connexion_fin};
  for (int code = 0x41; code <= 0x49; ++code) {
    const auto tokens = input.feed(std::string{'\x13', static_cast<char>(code)});
    ASSERT_EQ(tokens.size(), 1u);
    EXPECT_EQ(tokens[0], pressed(expected[code - 0x41]));
  }
  EXPECT_EQ(input.feed(bytes("13 59")), std::vector<KeyToken>{pressed(FunctionKey::connexion_fin)});
  const auto unknown = input.feed(bytes("13 5A"));
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].kind, Kind::unknown_key);
  EXPECT_EQ(unknown[0].byte, 0x5A);
}

TEST(KeyboardInput, CarriageReturnSwallowsTheNextByte) {  // C-102
  KeyboardInput input;
  const auto tokens = input.feed("ab\rcd");
  EXPECT_EQ(typed_text(tokens), "abd");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[2].kind, Kind::secondary);
  EXPECT_EQ(tokens[2].byte, 'c');
}

TEST(KeyboardInput, AnsiArrows) {  // C-103
  KeyboardInput input;
  EXPECT_EQ(input.feed(bytes("1B 5B 41")), std::vector<KeyToken>{pressed(FunctionKey::retour)});
  EXPECT_EQ(input.feed(bytes("1B 5B 42")), std::vector<KeyToken>{pressed(FunctionKey::suite)});
  EXPECT_EQ(input.feed(bytes("1B 5B 43")), std::vector<KeyToken>{typed(' ')});
  EXPECT_EQ(input.feed(bytes("1B 5B 44")), std::vector<KeyToken>{pressed(FunctionKey::correction)});
}

TEST(KeyboardInput, ProtocolRepliesAreRemoved) {  // C-104
  KeyboardInput input;
  EXPECT_EQ(typed_text(input.feed(bytes("\"a\" 1B 39 70 \"b\" 1B 3A 73 44 \"c\" 1B 3B 63 58 45 \"d\""))), "abcd");
}

TEST(KeyboardInput, TerminalTypeFromTheEnqromAnswer) {  // C-016, C-017
  KeyboardInput input;
  EXPECT_EQ(input.terminal_type(), "???");
  EXPECT_EQ(typed_text(input.feed(bytes("\"x\" 01 43 75 3B 04 \"y\""))), "xy");
  EXPECT_EQ(input.terminal_type(), "Cu;");
}

TEST(KeyboardInput, SequencesSplitAcrossReadsAreRecognisedOnce) {  // C-105, and C-106 fixed
  KeyboardInput input;
  EXPECT_EQ(typed_text(input.feed("gh\x13")), "gh");
  const auto second = input.feed("A");
  EXPECT_EQ(second, std::vector<KeyToken>{pressed(FunctionKey::envoi)});  // "gh" is not entered again

  EXPECT_TRUE(input.feed(bytes("01 45")).empty());
  EXPECT_TRUE(input.feed(bytes("6D")).empty());
  EXPECT_TRUE(input.feed(bytes("55 04")).empty());
  EXPECT_EQ(input.terminal_type(), "EmU");

  EXPECT_TRUE(input.feed(bytes("1B")).empty());
  EXPECT_TRUE(input.feed(bytes("5B")).empty());
  EXPECT_EQ(input.feed(bytes("44")), std::vector<KeyToken>{pressed(FunctionKey::correction)});

  EXPECT_TRUE(input.feed("\r").empty());
  const auto secondary = input.feed("p");
  ASSERT_EQ(secondary.size(), 1u);
  EXPECT_EQ(secondary[0].kind, Kind::secondary);
}

TEST(KeyboardInput, AFalseStartIsPassedThrough) {
  KeyboardInput input;
  // 01 not followed by 04 four bytes later, and ESC not followed by a protocol or arrow code.
  const auto tokens = input.feed(bytes("01 61 62 63 64 1B 41"));
  EXPECT_EQ(typed_text(tokens), std::string("\x01" "abcd\x1B" "A"));
}

TEST(KeyboardInput, DropHeldForgetsTheRestOfTheChunk) {  // C-101
  KeyboardInput input;
  input.feed("\x13");
  input.drop_held();
  EXPECT_EQ(typed_text(input.feed("A")), "A");
}

}  // namespace
}  // namespace pavi::gateway
