// Keyboard bytes of typed text (videotex-terminal.md §9) and the ENQROM identities by model (§7.1).
#include <gtest/gtest.h>

#include "simulators/terminal/identity.hpp"
#include "simulators/terminal/keyboard.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using test::bytes;

TEST(TerminalKeyboard, LettersAreUpperCaseByDefault) {
  EXPECT_EQ(keyboard_bytes("bonjour 3615", false), "BONJOUR 3615");
  EXPECT_EQ(keyboard_bytes("Hello, World!", false), "HELLO, WORLD!");
}

TEST(TerminalKeyboard, LowerCaseModeSendsLettersAsWritten) {
  EXPECT_EQ(keyboard_bytes("Bonjour", true), "Bonjour");
}

TEST(TerminalKeyboard, ExactCaseIgnoresTheKeyboardMode) {
  EXPECT_EQ(keyboard_bytes("Bonjour", false, TypeCase::exact), "Bonjour");
}

TEST(TerminalKeyboard, AccentsBecomeG2SequencesWithTheLetterAsWritten) {
  EXPECT_EQ(keyboard_bytes("é", false), bytes("19 42 65"));
  EXPECT_EQ(keyboard_bytes("à", false), bytes("19 41 61"));
  EXPECT_EQ(keyboard_bytes("ç", false), bytes("19 4B 63"));
  EXPECT_EQ(keyboard_bytes("ê", false), bytes("19 43 65"));
  EXPECT_EQ(keyboard_bytes("ï", false), bytes("19 48 69"));
  EXPECT_EQ(keyboard_bytes("café", false), bytes("\"CAF\" 19 42 65"));
}

TEST(TerminalKeyboard, SymbolsBecomeG2Sequences) {
  EXPECT_EQ(keyboard_bytes("£", false), bytes("19 23"));
  EXPECT_EQ(keyboard_bytes("°", false), bytes("19 30"));
}

TEST(TerminalKeyboard, ControlCharactersAreNotKeys) {
  EXPECT_EQ(keyboard_bytes("A\nB\x13", false), "AB");
}

TEST(TerminalIdentity, ModelsAnswerTheirIdentity) {
  EXPECT_EQ(identity_text(identity_of(TerminalModel::minitel_1b)), "Cu;");
  EXPECT_EQ(identity_text(identity_of(TerminalModel::minitel_2)), "Cv;");
  EXPECT_EQ(identity_text(identity_of(TerminalModel::emulator)), "EmU");
}

TEST(TerminalIdentity, ModelNamesRoundTrip) {
  for (auto model : {TerminalModel::minitel_1b, TerminalModel::minitel_2, TerminalModel::emulator}) {
    EXPECT_EQ(terminal_model_from_name(model_name(model)), model);
  }
  EXPECT_EQ(terminal_model_from_name("Minitel-1B"), TerminalModel::minitel_1b);
  EXPECT_EQ(terminal_model_from_name("2"), TerminalModel::minitel_2);
  EXPECT_EQ(terminal_model_from_name("EMU"), TerminalModel::emulator);
  EXPECT_FALSE(terminal_model_from_name("minitel12"));
}

}  // namespace
}  // namespace pavi::sim
