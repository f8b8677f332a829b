// Input fields: drawing, typing, echo, masks, local editing and validation keys (gateway-behaviour.md §5,
// service-protocol.md §4.1, §5.1-§5.3 and its examples A, B and C).
#include <gtest/gtest.h>

#include "gateway/session/input_field.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using pavi::test::bytes;
using videotex::FunctionKey;
using Outcome = InputField::Outcome;

std::string type_all(InputField& field, std::string_view text, bool echo = true) {
  std::string out;
  for (char c : text) out += field.type(static_cast<std::uint8_t>(c), echo);
  return out;
}

service::InputTxt example_a_field() {
  service::InputTxt c;
  c.x = 5;
  c.y = 10;
  c.l = 6;
  c.spacechar = ".";
  c.prefill = "ab";
  c.cursor = true;
  c.validwith = 192;
  return c;
}

TEST(InputTxt, ExampleAandB) {  // C-036, C-043
  InputField field(example_a_field());
  EXPECT_EQ(field.draw(), bytes("1F 4A 45 2E 12 45 1F 4A 45 11 \"ab\""));
  EXPECT_EQ(type_all(field, "xy"), "xy");
  EXPECT_EQ(field.press(FunctionKey::correction).output, bytes("08 2E 08"));
  EXPECT_EQ(type_all(field, "Z"), "Z");
  EXPECT_EQ(field.content(), std::vector<std::string>{"abxZ"});
  EXPECT_EQ(field.press(FunctionKey::envoi).outcome, Outcome::validate);
  EXPECT_EQ(field.press(FunctionKey::suite).outcome, Outcome::validate);  // 192 = Envoi + Suite
  EXPECT_EQ(field.press(FunctionKey::retour).outcome, Outcome::refused);
}

TEST(InputTxt, FullFieldDropsCharactersWithoutEcho) {  // C-042
  auto c = example_a_field();
  c.prefill = "";
  InputField field(c);
  EXPECT_EQ(type_all(field, "abcdefgh"), "abcdef");
  EXPECT_EQ(field.content(), std::vector<std::string>{"abcdef"});
}

TEST(InputTxt, AccentsCountAsOneCharacterAndMasksEchoEachByte) {  // C-041
  auto c = example_a_field();
  c.prefill = "";
  c.l = 2;
  c.mask = "*";
  InputField field(c);
  EXPECT_EQ(type_all(field, "\x19\x42" "e"), "***");
  EXPECT_EQ(type_all(field, "a"), "*");
  EXPECT_EQ(type_all(field, "b"), "");  // two characters: full
  EXPECT_EQ(field.content(), std::vector<std::string>{"\x19\x42" "ea"});
  field.press(FunctionKey::correction);
  field.press(FunctionKey::correction);  // removes the whole accented letter
  EXPECT_EQ(field.content(), std::vector<std::string>{""});
}

TEST(InputTxt, OnlyPrintableSs2AndBackspaceAreTaken) {  // C-059
  auto c = example_a_field();
  c.prefill = "";
  InputField field(c);
  EXPECT_EQ(type_all(field, std::string("\x01\x07\x1B" "a\x08", 5)), std::string("a\x08"));
  EXPECT_EQ(field.content(), std::vector<std::string>{"a\x08"});
}

TEST(InputTxt, NoEchoWhenEchoIsOff) {
  InputField field(example_a_field());
  EXPECT_EQ(type_all(field, "xy", false), "");
  EXPECT_EQ(field.content(), std::vector<std::string>{"abxy"});
}

TEST(InputTxt, WithoutValidwithOnlyConnexionFinLeaves) {  // C-040
  auto c = example_a_field();
  c.validwith = 0;
  InputField field(c);
  for (auto key : {FunctionKey::envoi, FunctionKey::retour, FunctionKey::repetition, FunctionKey::guide,
                   FunctionKey::sommaire, FunctionKey::suite}) {
    EXPECT_EQ(field.press(key).outcome, Outcome::refused);
  }
  EXPECT_EQ(field.press(FunctionKey::connexion_fin).outcome, Outcome::validate);
}

TEST(InputTxt, AnnulationBlanksTheTypedCellsOnly) {  // C-044, C-045
  InputField field(example_a_field());
  type_all(field, "c");
  const auto result = field.press(FunctionKey::annulation);
  EXPECT_EQ(result.outcome, Outcome::local);
  EXPECT_EQ(result.output, bytes("1F 4A 45 2E 12 42 1F 4A 45"));  // 3 characters: spacechar + REP 2
  EXPECT_EQ(field.content(), std::vector<std::string>{""});
  EXPECT_EQ(field.press(FunctionKey::annulation).output, "");
  EXPECT_EQ(field.press(FunctionKey::correction).output, "");  // C-043: empty field, nothing sent
}

TEST(InputTxt, LongPrefillKeepsItsHead) {  // C-039, fixed (docs/COMPATIBILITY.md)
  auto c = example_a_field();
  c.l = 3;
  c.prefill = "abcdefgh";
  InputField field(c);
  EXPECT_EQ(field.content(), std::vector<std::string>{"abc"});
}

service::InputMsg example_c_area() {
  service::InputMsg c;
  c.x = 1;
  c.y = 5;
  c.w = 10;
  c.h = 3;
  c.spacechar = " ";
  c.prefill = {"l1", "", "l3"};
  c.cursor = false;
  c.validwith = 128;
  return c;
}

TEST(InputMsg, ExampleC) {  // C-047, C-048, C-049, C-050, C-051
  InputField area(example_c_area());
  EXPECT_EQ(area.draw(), bytes("1F 45 41 20 12 49 1F 45 41 \"l1\" 1F 46 41 20 12 49 1F 46 41 "
                               "1F 47 41 20 12 49 1F 47 41 \"l3\" 1F 47 43 14"));
  EXPECT_EQ(type_all(area, "abc"), "abc");
  EXPECT_EQ(area.press(FunctionKey::suite).output, "");  // last line: nothing
  const auto back = area.press(FunctionKey::retour);
  EXPECT_EQ(back.outcome, Outcome::local);
  EXPECT_EQ(back.output, bytes("1F 46 41"));
  EXPECT_EQ(type_all(area, "0123456789"), "0123456789" + bytes("1F 47 41 \"l3abc\""));
  EXPECT_EQ(type_all(area, "AB"), "AB");
  EXPECT_EQ(area.press(FunctionKey::sommaire).outcome, Outcome::refused);
  EXPECT_EQ(area.press(FunctionKey::envoi).outcome, Outcome::validate);
  EXPECT_EQ(area.content(), (std::vector<std::string>{"l1", "0123456789", "l3abcAB"}));
}

TEST(InputMsg, RetourOnTheFirstLineDoesNothing) {
  auto c = example_c_area();
  c.prefill = {};
  InputField area(c);
  const auto result = area.press(FunctionKey::retour);
  EXPECT_EQ(result.outcome, Outcome::local);
  EXPECT_EQ(result.output, "");
  EXPECT_EQ(area.content(), (std::vector<std::string>{"", "", ""}));  // every line, empty ones as ""
}

service::InputForm three_fields() {
  service::InputForm form;
  form.fields = {{2, 3, 5, "ab", ""}, {2, 5, 4, "", "*"}, {10, 7, 3, "z", ""}};
  form.spacechar = ".";
  form.cursor = true;
  form.validwith = 128;
  return form;
}

TEST(InputForm, FramesThenPrefillsThenCursorInFieldZero) {  // C-052
  InputField form(three_fields());
  EXPECT_EQ(form.draw(), bytes("1F 43 42 2E 12 44 1F 45 42 2E 12 43 1F 47 4A 2E 12 42 "
                               "1F 43 42 \"ab\" 1F 47 4A \"z\" 1F 43 44 11"));
}

TEST(InputForm, FieldSwitchingRedrawsMaskedFieldsAsTheirMask) {  // C-056, C-057
  InputField form(three_fields());
  EXPECT_EQ(type_all(form, "cdefg"), "cde");  // full at 5: no automatic move
  EXPECT_EQ(form.press(FunctionKey::suite).output, bytes("1F 45 42"));
  EXPECT_EQ(type_all(form, "pw"), "**");
  EXPECT_EQ(form.press(FunctionKey::suite).output, bytes("1F 47 4A \"z\""));
  EXPECT_EQ(form.press(FunctionKey::suite).output, "");  // no wrap to the first field
  EXPECT_EQ(form.press(FunctionKey::retour).output, bytes("1F 45 42 \"**\""));
  EXPECT_EQ(form.content(), (std::vector<std::string>{"abcde", "pw", "z"}));
}

TEST(InputForm, SommaireAlwaysValidatesARepetitionIsRefused) {  // C-054, C-055
  InputField form(three_fields());
  EXPECT_EQ(form.press(FunctionKey::sommaire).outcome, Outcome::validate);
  EXPECT_EQ(form.press(FunctionKey::repetition).outcome, Outcome::refused);
  EXPECT_EQ(form.press(FunctionKey::suite).outcome, Outcome::local);  // never sent (C-051)
}

TEST(TypedLength, CountsDecodedCharacters) {
  EXPECT_EQ(typed_length("abc"), 3);
  EXPECT_EQ(typed_length("\x19\x42" "e"), 1);
  EXPECT_EQ(typed_length("a\x19\x42"), 1);  // an unfinished accent counts as zero
  EXPECT_EQ(typed_length("\x19\x23"), 1);
}

}  // namespace
}  // namespace pavi::gateway
