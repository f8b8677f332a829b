// Decoder, addressing (videotex-terminal.md §6, §4.1): US r c in the new and old (3x 3y) forms, invalid US, row 0
// entry and exit, and the CSI cursor moves, erasures, insertions and deletions (ignored on row 0).
#include <gtest/gtest.h>

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

Cursor cursor_after(std::string_view spec) { return decoded(spec).screen().cursor; }

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

std::string hex_byte(int value) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return {kDigits[(value >> 4) & 0xF], kDigits[value & 0xF]};
}

// Rows 1-24 full of 'X' (each row: US r 41, "X", REP 39 more).
std::string full_page() {
  std::string spec;
  for (int row = 1; row <= 24; ++row) spec += "1F " + hex_byte(0x40 + row) + R"( 41 "X" 12 67 )";
  return spec;
}

// One row as a string of 'X' (written) and '.' (erased) for the erasure tests.
std::string erased_map(const Screen& screen, int row) {
  std::string out;
  for (int col = 1; col <= kColumns; ++col) {
    const Cell& cell = screen.at(row, col);
    out += cell.kind == CellKind::erased ? '.' : cell.glyph == U'X' ? 'X' : '?';
  }
  return out;
}

std::string xs(int count) { return std::string(static_cast<std::size_t>(count), 'X'); }
std::string dots(int count) { return std::string(static_cast<std::size_t>(count), '.'); }

// §6: US 45 59 41 writes "A" at row 5 column 25; US 45 41 goes to row 5 column 1.
TEST(DecoderAddressing, UsNewForm) {
  const Decoder decoder = decoded(R"(1F 45 59 "A")");
  EXPECT_EQ(decoder.screen().at(5, 25).glyph, U'A');
  EXPECT_EQ(decoder.screen().cursor, (Cursor{5, 26}));
  EXPECT_EQ(cursor_after("1F 45 41"), (Cursor{5, 1}));
}

// §6: rows 40-58, columns 41-68.
TEST(DecoderAddressing, UsCorners) {
  EXPECT_EQ(cursor_after("1F 45 45 1F 41 41"), (Cursor{1, 1}));
  EXPECT_EQ(cursor_after("1F 58 68"), (Cursor{24, 40}));
  EXPECT_EQ(cursor_after("1F 40 41"), (Cursor{0, 1}));
  EXPECT_EQ(cursor_after("1F 40 68"), (Cursor{0, 40}));
}

// §6: a row over 24, a column outside 1-40, or bytes that are neither 40-7F nor the old 3x 3y form make the US
// ignored (both bytes are consumed).
TEST(DecoderAddressing, OutOfRangeUsIgnored) {
  for (const char* us : {"1F 59 41", "1F 45 40", "1F 45 69", "1F 7F 7F", "1F 45 30", "1F 33 30"}) {
    const Decoder decoder = decoded(std::string(R"("AB" )") + us + R"( "C")");
    EXPECT_EQ(text(decoder.screen(), 1), "ABC") << us;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 4})) << us;
  }
}

// §6: old form US 3x 3y = row xy, column 1.
TEST(DecoderAddressing, UsOldForm) {
  const Decoder decoder = decoded(R"(1F 45 45 1F 31 32 "X")");
  EXPECT_EQ(decoder.screen().at(12, 1).glyph, U'X');
  EXPECT_EQ(decoder.screen().cursor, (Cursor{12, 2}));
  EXPECT_EQ(cursor_after("1F 45 45 1F 32 34"), (Cursor{24, 1}));
  EXPECT_EQ(cursor_after("1F 45 45 1F 30 35"), (Cursor{5, 1}));
  EXPECT_EQ(cursor_after("1F 45 45 1F 30 31"), (Cursor{1, 1}));
}

// §6: old form with xy > 24 is not an address.
TEST(DecoderAddressing, UsOldFormBeyondRow24Ignored) {
  const Decoder decoder = decoded(R"("AB" 1F 32 35 "C")");
  EXPECT_EQ(text(decoder.screen(), 1), "ABC");
  EXPECT_EQ(text(decoder.screen(), 24), "");
}

// §6, §8: US resets the attributes to their defaults and selects G0.
TEST(DecoderAddressing, UsResetsAttributesAndSelectsG0) {
  const Decoder decoder = decoded(R"(1B 41 1B 48 1B 5D 1B 4E 0E 1F 43 41 "A")");
  EXPECT_EQ(decoder.screen().at(3, 1).kind, CellKind::alpha);
  EXPECT_EQ(token(decoder.screen(), 3, 1), "700n1");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{3, 2}));
  EXPECT_EQ(decoder.screen().current_set, CharSet::G0);
}

// §6, §3 LF: entering row 0 saves position and attributes; LF restores them.
TEST(DecoderAddressing, Row0EntryAndLineFeedReturn) {
  const Decoder decoder = decoded(R"(1F 43 45 1B 42 "A" 1F 40 41 "XYZ" 0A "B")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 0), "XYZ");
  EXPECT_EQ(token(screen, 0, 1), "700n1");  // US reset the attributes for row 0
  EXPECT_EQ(screen.at(3, 6).glyph, U'B');
  EXPECT_EQ(token(screen, 3, 6), "200n1");  // the green in force when row 0 was entered
  EXPECT_EQ(screen.cursor, (Cursor{3, 7}));
}

// §6: row 0 is left by US, RS or FF; afterwards LF is an ordinary line feed.
TEST(DecoderAddressing, Row0LeftByUsRsFf) {
  EXPECT_EQ(cursor_after(R"(1F 45 45 1F 40 41 "X" 1E)"), (Cursor{1, 1}));
  EXPECT_EQ(cursor_after(R"(1F 45 45 1F 40 41 "X" 1E 0A)"), (Cursor{2, 1}));
  EXPECT_EQ(cursor_after(R"(1F 45 45 1F 40 41 "X" 0C)"), (Cursor{1, 1}));
  EXPECT_EQ(cursor_after(R"(1F 45 45 1F 40 41 "X" 1F 47 47)"), (Cursor{7, 7}));
  EXPECT_EQ(cursor_after(R"(1F 45 45 1F 40 41 "X" 1F 47 47 0A)"), (Cursor{8, 7}));
}

// §4.1: CSI Pn A / B / C / D move the cursor.
TEST(DecoderAddressing, CsiCursorMoves) {
  EXPECT_EQ(cursor_after("1F 45 45 1B 5B 32 41"), (Cursor{3, 5}));
  EXPECT_EQ(cursor_after("1F 45 45 1B 5B 33 42"), (Cursor{8, 5}));
  EXPECT_EQ(cursor_after("1F 45 45 1B 5B 31 30 43"), (Cursor{5, 15}));
  EXPECT_EQ(cursor_after("1F 45 45 1B 5B 34 44"), (Cursor{5, 1}));
}

// §4.1: cursor moves stop at the screen edge (rows 1-24): no wrap, no scroll.
TEST(DecoderAddressing, CsiMovesStopAtEdges) {
  EXPECT_EQ(cursor_after("1F 42 45 1B 5B 35 41"), (Cursor{1, 5}));
  EXPECT_EQ(cursor_after("1F 56 45 1B 5B 39 42"), (Cursor{24, 5}));
  EXPECT_EQ(cursor_after("1F 45 64 1B 5B 39 43"), (Cursor{5, 40}));
  EXPECT_EQ(cursor_after("1F 45 43 1B 5B 39 44"), (Cursor{5, 1}));
  const Decoder roll = decoded(R"(1B 3A 69 43 1F 58 41 "X" 1B 5B 35 42)");
  EXPECT_EQ(roll.screen().cursor, (Cursor{24, 2}));
  EXPECT_EQ(text(roll.screen(), 24), "X");
}

// §4.1: CSI Pr ; Pc H positions the cursor; it cannot reach row 0.
TEST(DecoderAddressing, CsiPosition) {
  EXPECT_EQ(cursor_after("1B 5B 31 32 3B 30 35 48"), (Cursor{12, 5}));
  EXPECT_EQ(cursor_after("1B 5B 32 34 3B 34 30 48"), (Cursor{24, 40}));
  EXPECT_GE(cursor_after("1F 45 45 1B 5B 30 3B 35 48").row, 1);
}

// §4.1: CSI J / 0 J erase from the cursor (included) to the end of the screen, cursor unchanged.
TEST(DecoderAddressing, CsiEraseToEndOfScreen) {
  for (const char* csi : {"1B 5B 4A", "1B 5B 30 4A"}) {
    const Decoder decoder = decoded(full_page() + "1F 4C 54 " + csi);
    const Screen& screen = decoder.screen();
    EXPECT_EQ(erased_map(screen, 11), xs(40)) << csi;
    EXPECT_EQ(erased_map(screen, 12), xs(19) + dots(21)) << csi;
    EXPECT_EQ(erased_map(screen, 13), dots(40)) << csi;
    EXPECT_EQ(erased_map(screen, 24), dots(40)) << csi;
    EXPECT_EQ(token(screen, 24, 40), "700e1") << csi;
    EXPECT_EQ(screen.cursor, (Cursor{12, 20})) << csi;
  }
}

// §4.1: CSI 1 J erases from the start of the screen to the cursor (included).
TEST(DecoderAddressing, CsiEraseFromStartOfScreen) {
  const Decoder decoder = decoded(full_page() + "1F 4C 54 1B 5B 31 4A");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(erased_map(screen, 1), dots(40));
  EXPECT_EQ(erased_map(screen, 11), dots(40));
  EXPECT_EQ(erased_map(screen, 12), dots(20) + xs(20));
  EXPECT_EQ(erased_map(screen, 13), xs(40));
  EXPECT_EQ(screen.cursor, (Cursor{12, 20}));
}

// §4.1: CSI 2 J erases rows 1-24 (not row 0), cursor unchanged.
TEST(DecoderAddressing, CsiEraseWholeScreen) {
  const Decoder decoder = decoded(R"(1F 40 41 "STATUS" 0A )" + full_page() + "1F 4C 54 1B 5B 32 4A");
  const Screen& screen = decoder.screen();
  for (int row = 1; row < kRows; ++row) EXPECT_EQ(erased_map(screen, row), dots(40)) << row;
  EXPECT_EQ(text(screen, 0), "STATUS");
  EXPECT_EQ(screen.cursor, (Cursor{12, 20}));
}

// §4.1: CSI K / 0 K / 1 K / 2 K erase within the cursor row.
TEST(DecoderAddressing, CsiEraseInRow) {
  const std::pair<const char*, std::string> cases[] = {
      {"1B 5B 4B", xs(19) + dots(21)},
      {"1B 5B 30 4B", xs(19) + dots(21)},
      {"1B 5B 31 4B", dots(20) + xs(20)},
      {"1B 5B 32 4B", dots(40)},
  };
  for (const auto& [csi, expected] : cases) {
    const Decoder decoder = decoded(full_page() + "1F 4C 54 " + csi);
    EXPECT_EQ(erased_map(decoder.screen(), 12), expected) << csi;
    EXPECT_EQ(erased_map(decoder.screen(), 11), xs(40)) << csi;
    EXPECT_EQ(erased_map(decoder.screen(), 13), xs(40)) << csi;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{12, 20})) << csi;
  }
}

// §4.1: CSI Pn P deletes n characters from the cursor (the rest of the row moves left).
TEST(DecoderAddressing, CsiDeleteCharacters) {
  const Decoder decoder = decoded(R"(1F 41 41 "ABCDEF" 1F 41 42 1B 5B 32 50)");
  EXPECT_EQ(text(decoder.screen(), 1), "ADEF");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2}));
}

// §4.1: CSI Pn @ inserts n characters at the cursor (the rest of the row moves right).
TEST(DecoderAddressing, CsiInsertCharacters) {
  const Decoder decoder = decoded(R"(1F 41 41 "ABCDEF" 1F 41 42 1B 5B 32 40)");
  EXPECT_EQ(text(decoder.screen(), 1), "A  BCDEF");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2}));
}

// §4.1: CSI 4 h / CSI 4 l switch insert mode on and off.
TEST(DecoderAddressing, CsiInsertMode) {
  const Decoder decoder = decoded(R"(1F 41 41 "ABC" 0D 1B 5B 34 68 "X" 1B 5B 34 6C "Y")");
  EXPECT_EQ(text(decoder.screen(), 1), "XYBC");
}

// §4.1: CSI Pn M deletes n rows from the cursor row; the rows below move up.
TEST(DecoderAddressing, CsiDeleteRows) {
  const Decoder decoder =
      decoded(R"(1F 41 41 "R1" 1F 42 41 "R2" 1F 43 41 "R3" 1F 44 41 "R4" 1F 45 41 "R5" 1F 58 41 "R24")"
              R"( 1F 42 41 1B 5B 32 4D)");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 1), "R1");
  EXPECT_EQ(text(screen, 2), "R4");
  EXPECT_EQ(text(screen, 3), "R5");
  EXPECT_EQ(text(screen, 4), "");
  EXPECT_EQ(text(screen, 22), "R24");
  EXPECT_EQ(text(screen, 23), "");
  EXPECT_EQ(text(screen, 24), "");
}

// §4.1: CSI Pn L inserts n rows at the cursor row; the rows below move down, the last ones are lost.
TEST(DecoderAddressing, CsiInsertRows) {
  const Decoder decoder =
      decoded(R"(1F 41 41 "R1" 1F 42 41 "R2" 1F 43 41 "R3" 1F 57 41 "R23" 1F 58 41 "R24")"
              R"( 1F 42 41 1B 5B 32 4C)");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 1), "R1");
  EXPECT_EQ(text(screen, 2), "");
  EXPECT_EQ(text(screen, 3), "");
  EXPECT_EQ(text(screen, 4), "R2");
  EXPECT_EQ(text(screen, 5), "R3");
  EXPECT_EQ(text(screen, 24), "");
  for (int row = 1; row < kRows; ++row) EXPECT_NE(text(screen, row), "R23") << row;
}

// §4.1, §6: CSI sequences are ignored on row 0.
TEST(DecoderAddressing, CsiIgnoredOnRow0) {
  const Decoder decoder = decoded(
      R"(1F 41 41 "BODY" 1F 40 41 "STATUS" 1F 40 43 1B 5B 4B 1B 5B 32 4A 1B 5B 32 42 1B 5B 32 43 1B 5B 32 4B)");
  EXPECT_EQ(text(decoder.screen(), 0), "STATUS");
  EXPECT_EQ(text(decoder.screen(), 1), "BODY");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{0, 3}));
}

// §4.1: CSI sequences do not change the current attributes or the G0/G1 selection.
TEST(DecoderAddressing, CsiKeepsAttributesAndSet) {
  const Decoder decoder = decoded(R"(1F 43 41 1B 41 1B 5B 32 4B 1B 5B 31 43 "A" 0E 1B 5B 31 43 7F)");
  EXPECT_EQ(token(decoder.screen(), 3, 2), "100n1");
  EXPECT_EQ(token(decoder.screen(), 3, 4), "100m1");
}

// §2.5: an unsupported CSI sequence is ignored up to and including its final byte.
TEST(DecoderAddressing, UnsupportedCsiIgnored) {
  const Decoder decoder = decoded(R"(1B 5B 31 32 3B 30 35 73 "A" 1B 5B 3F 31 32 6C "B")");
  EXPECT_EQ(text(decoder.screen(), 1), "AB");
}

}  // namespace
