// UTF-8 encoding, tolerant decoding and repair ('?' for invalid input, as MiniPavi repairs `content`).
#include <gtest/gtest.h>

#include <string>

#include "tests/support/test_paths.hpp"
#include "videotex/utf8.hpp"

namespace pavi::videotex {
namespace {

using test::bytes;

TEST(Utf8Encode, EachLengthAndItsBoundaries) {
  EXPECT_EQ(utf8::encode(U'A'), "A");
  EXPECT_EQ(utf8::encode(U'\0'), std::string(1, '\0'));
  EXPECT_EQ(utf8::encode(0x7F), bytes("7F"));
  EXPECT_EQ(utf8::encode(0x80), bytes("C2 80"));
  EXPECT_EQ(utf8::encode(U'é'), bytes("C3 A9"));
  EXPECT_EQ(utf8::encode(0x7FF), bytes("DF BF"));
  EXPECT_EQ(utf8::encode(0x800), bytes("E0 A0 80"));
  EXPECT_EQ(utf8::encode(U'€'), bytes("E2 82 AC"));
  EXPECT_EQ(utf8::encode(0xFFFF), bytes("EF BF BF"));
  EXPECT_EQ(utf8::encode(0x10000), bytes("F0 90 80 80"));
  EXPECT_EQ(utf8::encode(0x1FB00), bytes("F0 9F AC 80"));  // first BLOCK SEXTANT
  EXPECT_EQ(utf8::encode(0x10FFFF), bytes("F4 8F BF BF"));
}

TEST(Utf8Encode, AppendAddsToTheEnd) {
  std::string out = "x";
  utf8::append(out, U'ç');
  utf8::append(out, U'!');
  EXPECT_EQ(out, bytes(R"("x" C3 A7 "!")"));
}

TEST(Utf8Decode, ValidTextRoundTrips) {
  const std::u32string text = U"Aé€\U0001FB00\u07FF\u0800\uFFFF\U00010000\U0010FFFF";
  std::string encoded;
  for (char32_t cp : text) utf8::append(encoded, cp);
  EXPECT_EQ(utf8::decode(encoded), text);
  EXPECT_EQ(utf8::sanitise(encoded), encoded);
  EXPECT_EQ(utf8::length(encoded), text.size());
}

TEST(Utf8Decode, Empty) {
  EXPECT_EQ(utf8::decode(""), U"");
  EXPECT_EQ(utf8::sanitise(""), "");
  EXPECT_EQ(utf8::length(""), 0U);
}

TEST(Utf8Decode, OverlongFormsAreInvalid) {
  EXPECT_EQ(utf8::decode(bytes("C0 80")), U"?");
  EXPECT_EQ(utf8::decode(bytes("C1 BF")), U"?");
  EXPECT_EQ(utf8::decode(bytes("E0 80 80")), U"?");
  EXPECT_EQ(utf8::decode(bytes("E0 9F BF")), U"?");  // U+07FF in three bytes
  EXPECT_EQ(utf8::decode(bytes("F0 80 80 80")), U"?");
  EXPECT_EQ(utf8::decode(bytes("F0 8F BF BF")), U"?");  // U+FFFF in four bytes
  EXPECT_EQ(utf8::decode(bytes(R"("a" C0 AF "b")")), U"a?b");  // the classic overlong '/'
}

TEST(Utf8Decode, SurrogatesAreInvalid) {
  EXPECT_EQ(utf8::decode(bytes("ED A0 80")), U"?");  // U+D800
  EXPECT_EQ(utf8::decode(bytes("ED BF BF")), U"?");  // U+DFFF
  EXPECT_EQ(utf8::decode(bytes("ED 9F BF")), U"\uD7FF");
  EXPECT_EQ(utf8::decode(bytes("EE 80 80")), U"\uE000");
}

TEST(Utf8Decode, BeyondUnicodeIsInvalid) {
  EXPECT_EQ(utf8::decode(bytes("F4 90 80 80")), U"?");  // U+110000
  EXPECT_EQ(utf8::decode(bytes("F7 BF BF BF")), U"?");
  EXPECT_EQ(utf8::decode(bytes("F8 88 80 80 80")), U"?????");  // no 5-byte forms: every byte is invalid
  EXPECT_EQ(utf8::decode(bytes("FE FF")), U"??");
}

TEST(Utf8Decode, TruncatedSequences) {
  EXPECT_EQ(utf8::decode(bytes("C3")), U"?");
  EXPECT_EQ(utf8::decode(bytes("E2 82")), U"?");
  EXPECT_EQ(utf8::decode(bytes("F0 9F AC")), U"?");
  EXPECT_EQ(utf8::decode(bytes(R"(C3 "A")")), U"?A");  // the next character is kept
  EXPECT_EQ(utf8::decode(bytes(R"(E2 82 "A")")), U"?A");
  EXPECT_EQ(utf8::decode(bytes(R"(F0 9F AC "A")")), U"?A");
  EXPECT_EQ(utf8::decode(bytes("E2 C3 A9")), U"?é");  // a new lead byte ends the sequence
}

TEST(Utf8Decode, StrayContinuationBytes) {
  EXPECT_EQ(utf8::decode(bytes("80")), U"?");
  EXPECT_EQ(utf8::decode(bytes(R"("a" 80 BF "b")")), U"a??b");
  EXPECT_EQ(utf8::decode(bytes("C3 A9 A9")), U"é?");
}

TEST(Utf8Decode, ReplacementCanBeChosen) {
  EXPECT_EQ(utf8::decode(bytes(R"("a" FF "b")"), U'\uFFFD'), U"a\uFFFDb");
}

TEST(Utf8Sanitise, InvalidSequencesBecomeQuestionMarks) {
  EXPECT_EQ(utf8::sanitise(bytes(R"("caf" E9)")), "caf?");         // Latin-1
  EXPECT_EQ(utf8::sanitise(bytes(R"("a" ED A0 80 "b")")), "a?b");  // CESU surrogate
  EXPECT_EQ(utf8::sanitise(bytes(R"("x" C0 80 "y")")), "x?y");
  EXPECT_EQ(utf8::sanitise(bytes(R"("d" C3 A9 "j" C3 A0)")), "déjà");
}

TEST(Utf8Length, CountsCodePointsAndInvalidSequences) {
  EXPECT_EQ(utf8::length("Café"), 4U);
  EXPECT_EQ(utf8::length(bytes(R"("a" FF "b")")), 3U);
  EXPECT_EQ(utf8::length(bytes("E2 82")), 1U);
  EXPECT_EQ(utf8::length("\U0001FB00"), 1U);
}

}  // namespace
}  // namespace pavi::videotex
