// Decoder, attributes (videotex-terminal.md §4, §8): parallel vs serial attributes, delimiters and zones, inverse,
// blink, mask and global masking, double sizes (ignored on rows 0/1) and the column 40 rules.
#include <gtest/gtest.h>

#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

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

std::string text(const Screen& screen, int row, const TextDumpOptions& options = {}) {
  std::string line = row_text(screen, row, options);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// The 5-character token of one cell in the attribute layer (vdt-format.md §5.2: "Arr|" then 40 tokens).
std::string token(const Screen& screen, int row, int col) {
  std::istringstream lines(attribute_dump(screen));
  std::string line;
  for (int r = 0; r <= row; ++r) std::getline(lines, line);
  const std::size_t at = 4 + static_cast<std::size_t>(col - 1) * 6;
  return line.size() >= at + 5 ? line.substr(at, 5) : "<missing>";
}

std::string hex_byte(int value) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return {kDigits[(value >> 4) & 0xF], kDigits[value & 0xF]};
}

// §1.3, §4: ESC 40-47 select the foreground colour (parallel).
TEST(DecoderAttributes, ForegroundColours) {
  for (int colour = 0; colour < 8; ++colour) {
    const Decoder decoder = decoded("1B " + hex_byte(0x40 + colour) + R"( "A")");
    EXPECT_EQ(token(decoder.screen(), 1, 1), std::to_string(colour) + "00n1") << colour;
  }
}

// §4, §5.2 of vdt-format.md: blink / fixed.
TEST(DecoderAttributes, BlinkAndFixed) {
  const Decoder decoder = decoded(R"(1B 48 "A" 1B 49 "B")");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "701n1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "700n1");
}

// §4: inverse / normal video (parallel, G0).
TEST(DecoderAttributes, InverseAndNormalVideo) {
  const Decoder decoder = decoded(R"(1B 5D "A" 1B 5C "B")");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "702n1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "700n1");
}

// §8: parallel attributes travel with the cursor when it is moved by BS/HT/LF/VT/CR.
TEST(DecoderAttributes, ParallelAttributesTravelWithCursor) {
  const Decoder decoder = decoded(R"(1F 43 41 1B 41 1B 48 "A" 0A 08 "B" 0B 0B 09 "C" 0D "D")");
  EXPECT_EQ(token(decoder.screen(), 4, 1), "101n1");  // B
  EXPECT_EQ(token(decoder.screen(), 2, 3), "101n1");  // C
  EXPECT_EQ(token(decoder.screen(), 2, 1), "101n1");  // D
}

// §8: parallel attributes are reset by US, RS and FF.
TEST(DecoderAttributes, ParallelAttributesResetByUsRsFf) {
  for (const char* reset : {"1F 41 41", "1E", "0C"}) {
    const Decoder decoder = decoded(std::string("1B 41 1B 48 1B 5D ") + reset + R"( "A")");
    EXPECT_EQ(token(decoder.screen(), 1, 1), "700n1") << reset;
  }
}

// §8: the G0 background is serial: pending until a space delimiter, then it applies to the zone that follows.
TEST(DecoderAttributes, BackgroundWaitsForDelimiter) {
  const Decoder decoder = decoded(R"(1F 41 41 1B 54 "AB" 20 "CD")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(token(screen, 1, 1), "700n1");
  EXPECT_EQ(token(screen, 1, 2), "700n1");
  EXPECT_EQ(token(screen, 1, 3), "740d1");
  EXPECT_EQ(screen.at(1, 3).kind, CellKind::delimiter);
  EXPECT_EQ(token(screen, 1, 4), "740n1");
  EXPECT_EQ(token(screen, 1, 5), "740n1");
  EXPECT_EQ(token(screen, 1, 6), "700e1");
  EXPECT_EQ(text(screen, 1), "AB CD");
}

// §1.3, §4: ESC 50-57 select background colours 0-7.
TEST(DecoderAttributes, AllBackgroundColours) {
  for (int colour = 0; colour < 8; ++colour) {
    const Decoder decoder = decoded("1B " + hex_byte(0x50 + colour) + R"( 20 "A")");
    EXPECT_EQ(token(decoder.screen(), 1, 1), "7" + std::to_string(colour) + "0d1") << colour;
    EXPECT_EQ(token(decoder.screen(), 1, 2), "7" + std::to_string(colour) + "0n1") << colour;
  }
}

// §8: ESC 53 20 20 -> only the first space is a delimiter.
TEST(DecoderAttributes, OnlyFirstSpaceIsADelimiter) {
  const Decoder decoder = decoded(R"(1B 53 20 20 "A")");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "730d1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "730n1");
  EXPECT_EQ(token(decoder.screen(), 1, 3), "730n1");
}

// §8: ESC 56 20 ESC 56 20 -> both spaces are delimiters (the first space after a serial attribute always is).
TEST(DecoderAttributes, RepeatedSerialAttributeMakesEachSpaceADelimiter) {
  const Decoder decoder = decoded("1B 56 20 1B 56 20");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "760d1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "760d1");
}

// §8: serial attributes do not travel with cursor moves; writing into another zone takes that zone's attributes.
TEST(DecoderAttributes, SerialAttributesStayInTheirZone) {
  const Decoder decoder = decoded(R"(1F 41 41 1B 54 20 "AB" 0A 0D "C" 1F 41 43 "X")");
  EXPECT_EQ(token(decoder.screen(), 2, 1), "700n1");  // C: row 2 has no zone
  EXPECT_EQ(token(decoder.screen(), 1, 3), "740n1");  // X written back into the blue zone
  EXPECT_EQ(decoder.screen().at(1, 3).glyph, U'X');
}

// §8: overwriting a delimiter cancels the zone it opened (the zone to its left extends).
TEST(DecoderAttributes, OverwritingDelimiterCancelsZone) {
  const Decoder decoder = decoded(R"(1F 41 41 "A" 1B 54 20 "BC" 1F 41 42 "Z")");
  EXPECT_EQ(text(decoder.screen(), 1), "AZBC");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "700n1");
  EXPECT_EQ(token(decoder.screen(), 1, 3), "700n1");
  EXPECT_EQ(token(decoder.screen(), 1, 4), "700n1");
}

// §4, §8: underline (lignage) is serial in G0; a delimiter is shown not underlined.
TEST(DecoderAttributes, UnderlineZone) {
  const Decoder decoder = decoded(R"(1B 5A 20 "AB" 1B 59 20 "C")");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "700d1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "704n1");
  EXPECT_EQ(token(decoder.screen(), 1, 3), "704n1");
  EXPECT_EQ(token(decoder.screen(), 1, 4), "700d1");
  EXPECT_EQ(token(decoder.screen(), 1, 5), "700n1");
}

// §8: a delimiter is a space with the new background, not blinking, taking the current inverse.
TEST(DecoderAttributes, DelimiterNotBlinkingButInverse) {
  const Decoder decoder = decoded("1B 48 1B 5D 1B 54 20");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "742d1");
}

// §5.1: DEL fills the cell with the foreground colour, blink included, never underlined in G0.
TEST(DecoderAttributes, DelIsNeverUnderlined) {
  const Decoder decoder = decoded("1B 5A 20 1B 41 7F 1B 48 7F");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "100x1");
  EXPECT_EQ(token(decoder.screen(), 1, 3), "101x1");
  EXPECT_EQ(text(decoder.screen(), 1), " \u2588\u2588");
}

// §4, §8: mask / unmask are serial (zone) attributes.
TEST(DecoderAttributes, MaskZone) {
  const Decoder decoder = decoded(R"(1B 58 20 "PIN" 1B 5F 20 "OK")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(token(screen, 1, 2), "708n1");
  EXPECT_EQ(token(screen, 1, 4), "708n1");
  EXPECT_EQ(token(screen, 1, 5), "700d1");
  EXPECT_EQ(token(screen, 1, 6), "700n1");
  EXPECT_EQ(text(screen, 1), " PIN OK");  // vdt-format.md §5.1: the logical dump shows masked content
  TextDumpOptions visual;
  visual.hide_masked = true;
  EXPECT_EQ(text(screen, 1, visual), "     OK");
}

// §8: background and mask pending together are validated by the same delimiter.
TEST(DecoderAttributes, BackgroundAndMaskTogether) {
  const Decoder decoder = decoded(R"(1B 54 1B 58 20 "A")");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "748n1");
}

// §4, §8: ESC 23 20 5F reveals masked zones, ESC 23 20 58 hides them again (whole screen).
TEST(DecoderAttributes, GlobalMasking) {
  Decoder decoder = decoded(R"(1B 58 20 "PIN" 1B 23 20 5F)");
  TextDumpOptions visual;
  visual.hide_masked = true;
  EXPECT_FALSE(decoder.screen().global_mask);
  EXPECT_EQ(text(decoder.screen(), 1, visual), " PIN");
  EXPECT_EQ(state_line(decoder.screen()), "CUR row=1 col=5 vis=0 set=G0 mode=page mask=off");
  decoder.feed(bytes("1B 23 20 58"));
  EXPECT_TRUE(decoder.screen().global_mask);
  EXPECT_EQ(text(decoder.screen(), 1, visual), "");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 5}));  // global masking writes nothing
}

// §4, §8: double height occupies the cursor row and the row above (the cursor row is the bottom).
TEST(DecoderAttributes, DoubleHeight) {
  const Decoder decoder = decoded(R"(1F 43 41 1B 4D "A")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 2), "A");
  EXPECT_EQ(text(screen, 3), "A");
  EXPECT_EQ(token(screen, 2, 1), "700nh");
  EXPECT_EQ(token(screen, 3, 1), "700nh");
  EXPECT_EQ(screen.at(2, 1).size, CharSize::double_height);
  EXPECT_NE(screen.at(2, 1).part & 2, 0);  // upper half
  EXPECT_EQ(screen.at(3, 1).part & 2, 0);
  EXPECT_EQ(screen.cursor, (Cursor{3, 2}));
}

// §4, §8: double width occupies the current and the next column; vdt-format.md §5.1 "AB" dumps as "AABB".
TEST(DecoderAttributes, DoubleWidth) {
  const Decoder decoder = decoded(R"(1F 43 41 1B 4E "AB")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 3), "AABB");
  for (int col = 1; col <= 4; ++col) EXPECT_EQ(token(screen, 3, col), "700nw") << col;
  EXPECT_EQ(screen.at(3, 1).part & 1, 0);
  EXPECT_NE(screen.at(3, 2).part & 1, 0);  // right half
  EXPECT_EQ(text(screen, 2), "");
  EXPECT_EQ(screen.cursor, (Cursor{3, 5}));
}

// §4, §8: double size occupies 2 x 2 cells.
TEST(DecoderAttributes, DoubleSize) {
  const Decoder decoder = decoded(R"(1F 43 41 1B 4F "A")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 2), "AA");
  EXPECT_EQ(text(screen, 3), "AA");
  for (const auto& [row, col] : std::initializer_list<std::pair<int, int>>{{2, 1}, {2, 2}, {3, 1}, {3, 2}}) {
    EXPECT_EQ(token(screen, row, col), "700ns") << row << "," << col;
  }
  EXPECT_EQ(screen.at(3, 1).part, 0);
  EXPECT_EQ(screen.at(3, 2).part, 1);
  EXPECT_EQ(screen.at(2, 1).part, 2);
  EXPECT_EQ(screen.at(2, 2).part, 3);
  EXPECT_EQ(screen.cursor, (Cursor{3, 3}));
}

// §4: ESC 4C returns to normal size.
TEST(DecoderAttributes, NormalSizeAfterDoubleWidth) {
  const Decoder decoder = decoded(R"(1F 43 41 1B 4E "A" 1B 4C "B")");
  EXPECT_EQ(token(decoder.screen(), 3, 3), "700n1");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{3, 4}));
}

// §4, §6: double height and double size are ignored on rows 0 and 1.
TEST(DecoderAttributes, DoubleHeightIgnoredOnRows0And1) {
  for (const char* position : {"1F 41 41", "1F 40 41"}) {
    for (const char* size : {"1B 4D", "1B 4F"}) {
      const Decoder decoder = decoded(std::string(position) + " " + size + R"( "A")");
      const int row = decoder.screen().cursor.row;
      EXPECT_EQ(decoder.screen().at(row, 1).size, CharSize::normal) << position << " " << size;
      EXPECT_EQ(decoder.screen().at(row, 1).glyph, U'A');
      EXPECT_EQ(decoder.screen().cursor.col, 2) << position << " " << size;
    }
  }
}

// §4: double width is allowed on row 1 (only the height is forbidden there).
TEST(DecoderAttributes, DoubleWidthAllowedOnRow1) {
  const Decoder decoder = decoded(R"(1F 41 41 1B 4E "A")");
  EXPECT_EQ(text(decoder.screen(), 1), "AA");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "700nw");
}

// §8: double width at column 40 is displayed as normal width.
TEST(DecoderAttributes, DoubleWidthAtColumn40IsNormalWidth) {
  const Decoder decoder = decoded(R"(1F 43 68 1B 4E "A")");
  EXPECT_EQ(token(decoder.screen(), 3, 40), "700n1");
  EXPECT_EQ(decoder.screen().at(3, 40).glyph, U'A');
  EXPECT_EQ(text(decoder.screen(), 4), "");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{4, 1}));
}

// §8: double size at column 40 is displayed as double height.
TEST(DecoderAttributes, DoubleSizeAtColumn40IsDoubleHeight) {
  const Decoder decoder = decoded(R"(1F 43 68 1B 4F "A")");
  EXPECT_EQ(token(decoder.screen(), 3, 40), "700nh");
  EXPECT_EQ(token(decoder.screen(), 2, 40), "700nh");
  EXPECT_EQ(decoder.screen().at(2, 40).glyph, U'A');
}

// §3, §8: a double-width character at column 39 fills 39-40 and the cursor continues on the next row.
TEST(DecoderAttributes, DoubleWidthAtColumn39Wraps) {
  const Decoder decoder = decoded(R"(1F 43 67 1B 4E "AB")");
  EXPECT_EQ(token(decoder.screen(), 3, 39), "700nw");
  EXPECT_EQ(token(decoder.screen(), 3, 40), "700nw");
  EXPECT_EQ(decoder.screen().at(4, 1).glyph, U'B');
  EXPECT_EQ(token(decoder.screen(), 4, 2), "700nw");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{4, 3}));
}

// §3: after column 40 a double-height character continues two rows lower.
TEST(DecoderAttributes, DoubleHeightWrapsTwoRowsLower) {
  const Decoder decoder = decoded(R"(1F 43 68 1B 4D "A")");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{5, 1}));
}

// §8: a delimiter takes the current size (a double-size space delimiter occupies 2 x 2 cells).
TEST(DecoderAttributes, DoubleSizeDelimiter) {
  const Decoder decoder = decoded(R"(1F 45 41 1B 4F 1B 54 20 "A")");
  const Screen& screen = decoder.screen();
  for (const auto& [row, col] : std::initializer_list<std::pair<int, int>>{{4, 1}, {4, 2}, {5, 1}, {5, 2}}) {
    EXPECT_EQ(token(screen, row, col), "740ds") << row << "," << col;
  }
  for (const auto& [row, col] : std::initializer_list<std::pair<int, int>>{{4, 3}, {4, 4}, {5, 3}, {5, 4}}) {
    EXPECT_EQ(token(screen, row, col), "740ns") << row << "," << col;
  }
  EXPECT_EQ(screen.cursor, (Cursor{5, 5}));
}

}  // namespace
