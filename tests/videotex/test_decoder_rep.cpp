// Decoder, REP (videotex-terminal.md §3 "12 REP n", §2.2, §2.4): count from the low 6 bits, current attributes,
// spaces, DEL, mosaics and large characters, wraps, NUL inside, a C0 control instead of the count.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>

#include "tests/support/test_paths.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace {

using namespace pavi::videotex;
using pavi::test::bytes;

Decoder decoded(std::string_view spec) {
  Decoder decoder;
  decoder.feed(bytes(spec));
  return decoder;
}

std::string text(const Screen& screen, int row) {
  std::string line = row_text(screen, row);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

std::string token(const Screen& screen, int row, int col) {
  std::istringstream lines(attribute_dump(screen));
  std::string line;
  for (int r = 0; r <= row; ++r) std::getline(lines, line);
  const std::size_t at = 4 + static_cast<std::size_t>(col - 1) * 6;
  return line.size() >= at + 5 ? line.substr(at, 5) : "<missing>";
}

std::string repeated(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

// §3: "REP 4A" = 10 more copies.
TEST(DecoderRep, RepeatsLastCharacter) {
  const Decoder decoder = decoded(R"("A" 12 4A)");
  EXPECT_EQ(text(decoder.screen(), 1), std::string(11, 'A'));
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 12}));
}

// §3: 40 -> 0 copies.
TEST(DecoderRep, Rep40RepeatsNothing) {
  const Decoder decoder = decoded(R"("A" 12 40 "B")");
  EXPECT_EQ(text(decoder.screen(), 1), "AB");
}

// §3: 7F -> 63 copies; they wrap like written characters.
TEST(DecoderRep, MaximumCountWraps) {
  const Decoder decoder = decoded(R"("A" 12 7F)");
  EXPECT_EQ(text(decoder.screen(), 1), std::string(40, 'A'));
  EXPECT_EQ(text(decoder.screen(), 2), std::string(24, 'A'));
  EXPECT_EQ(decoder.screen().cursor, (Cursor{2, 25}));
}

// §3: the last character is repeated with the current attributes.
TEST(DecoderRep, UsesCurrentAttributes) {
  const Decoder decoder = decoded(R"("A" 1B 41 1B 48 12 41)");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "700n1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "101n1");
  EXPECT_EQ(text(decoder.screen(), 1), "AA");
}

// §3: REP works for space and DEL too.
TEST(DecoderRep, RepeatsSpaceAndDel) {
  EXPECT_EQ(text(decoded(R"("X" 20 12 42 "Y")").screen(), 1), "X   Y");
  const Decoder del = decoded("7F 12 41");
  EXPECT_EQ(text(del.screen(), 1), "\u2588\u2588");
  EXPECT_EQ(token(del.screen(), 1, 2), "700x1");
}

// §3, §5.3: REP of a mosaic.
TEST(DecoderRep, RepeatsMosaic) {
  const Decoder decoder = decoded("0E 1B 41 7F 12 43");
  EXPECT_EQ(text(decoder.screen(), 1), repeated("\u2588", 4));
  for (int col = 1; col <= 4; ++col) EXPECT_EQ(token(decoder.screen(), 1, col), "100m1") << col;
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 5}));
}

// §3, §8: a repeated double-width character advances by its width.
TEST(DecoderRep, RepeatsDoubleWidthCharacter) {
  const Decoder decoder = decoded(R"(1F 43 41 1B 4E "A" 12 41)");
  EXPECT_EQ(text(decoder.screen(), 3), "AAAA");
  for (int col = 1; col <= 4; ++col) EXPECT_EQ(token(decoder.screen(), 3, col), "700nw") << col;
  EXPECT_EQ(decoder.screen().cursor, (Cursor{3, 5}));
}

// §2.4: REP followed by a C0 control: REP is dropped and the control executed.
TEST(DecoderRep, ControlInsteadOfCount) {
  const Decoder decoder = decoded(R"("AB" 12 0D "C")");
  EXPECT_EQ(text(decoder.screen(), 1), "CB");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2}));
}

// §2.2: NUL between REP and its count is ignored.
TEST(DecoderRep, NulInsideRep) {
  EXPECT_EQ(text(decoded(R"("A" 12 00 42)").screen(), 1), "AAA");
}

// §3: repeated characters wrap after column 40.
TEST(DecoderRep, RepWrapsAfterColumn40) {
  const Decoder decoder = decoded(R"(1F 41 68 "A" 12 42)");
  EXPECT_EQ(decoder.screen().at(1, 40).glyph, U'A');
  EXPECT_EQ(text(decoder.screen(), 2), "AA");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{2, 3}));
}

// §3: REP repeats the last displayed character even after a cursor move.
TEST(DecoderRep, RepAfterCursorMove) {
  const Decoder decoder = decoded(R"("B" 1F 43 41 12 42)");
  EXPECT_EQ(text(decoder.screen(), 3), "BB");
}

}  // namespace
