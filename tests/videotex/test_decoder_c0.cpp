// Decoder, C0 controls (videotex-terminal.md §1.4, §3): cursor moves and wraps, page and roll scrolling,
// FF / RS / CAN / SUB / BEL / NUL / SEP / SS3 and the controls that do nothing.
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

Decoder decoded(std::string_view spec, DecoderOptions options = {}) {
  Decoder decoder(std::move(options));
  decoder.feed(bytes(spec));
  return decoder;
}

Cursor cursor_after(std::string_view spec) { return decoded(spec).screen().cursor; }

// One row of the text layer without its trailing spaces.
std::string text(const Screen& screen, int row) {
  std::string line = row_text(screen, row);
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

// §1.4: power-on state.
TEST(DecoderC0, PowerOnState) {
  const Decoder decoder;
  const Screen& screen = decoder.screen();
  EXPECT_EQ(screen.cursor, (Cursor{1, 1}));
  EXPECT_FALSE(screen.cursor_visible);
  EXPECT_FALSE(screen.roll_mode);
  EXPECT_TRUE(screen.global_mask);
  EXPECT_EQ(screen.current_set, CharSet::G0);
  for (int row = 1; row < kRows; ++row) {
    for (int col = 1; col <= kColumns; ++col) {
      EXPECT_EQ(screen.at(row, col).kind, CellKind::erased) << row << "," << col;
      EXPECT_EQ(token(screen, row, col), "700e1") << row << "," << col;
    }
  }
  EXPECT_EQ(state_line(screen), "CUR row=1 col=1 vis=0 set=G0 mode=page mask=on");
}

// §2.2, §3: NUL is ignored.
TEST(DecoderC0, NulIsIgnored) {
  const Decoder decoder = decoded(R"("A" 00 00 "B")");
  EXPECT_EQ(text(decoder.screen(), 1), "AB");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 3}));
}

// §3 BS: left; column 1 -> column 40 of the previous row; row 1 col 1 -> row 24 col 40; row 0 col 1: nothing.
TEST(DecoderC0, Backspace) {
  EXPECT_EQ(cursor_after("1F 43 45 08"), (Cursor{3, 4}));
  EXPECT_EQ(cursor_after("1F 43 41 08"), (Cursor{2, 40}));
  EXPECT_EQ(cursor_after("1F 41 41 08"), (Cursor{24, 40}));
  EXPECT_EQ(cursor_after("1F 40 41 08"), (Cursor{0, 1}));
  EXPECT_EQ(cursor_after("1F 40 45 08"), (Cursor{0, 4}));
}

// §3 HT: right; column 40 -> column 1 of the next row; row 24 col 40 -> row 1 col 1; row 0 col 40: nothing.
TEST(DecoderC0, HorizontalTab) {
  EXPECT_EQ(cursor_after("1F 43 45 09"), (Cursor{3, 6}));
  EXPECT_EQ(cursor_after("1F 43 68 09"), (Cursor{4, 1}));
  EXPECT_EQ(cursor_after("1F 58 68 09"), (Cursor{1, 1}));
  EXPECT_EQ(cursor_after("1F 40 68 09"), (Cursor{0, 40}));
}

// §3 LF: down in the same column; from row 24 in page mode -> row 1, nothing scrolls.
TEST(DecoderC0, LineFeedInPageMode) {
  EXPECT_EQ(cursor_after("1F 43 45 0A"), (Cursor{4, 5}));
  const Decoder decoder = decoded(R"(1F 41 41 "TOP" 1F 58 45 "X" 0A)");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 6}));
  EXPECT_EQ(text(decoder.screen(), 1), "TOP");
  EXPECT_EQ(text(decoder.screen(), 24), "    X");
}

// §3 VT: up; from row 1 in page mode -> row 24; on row 0 nothing.
TEST(DecoderC0, VerticalTabInPageMode) {
  EXPECT_EQ(cursor_after("1F 43 45 0B"), (Cursor{2, 5}));
  EXPECT_EQ(cursor_after("1F 41 45 0B"), (Cursor{24, 5}));
  EXPECT_EQ(cursor_after("1F 40 45 0B"), (Cursor{0, 5}));
}

// §3 CR: column 1 of the current row.
TEST(DecoderC0, CarriageReturn) {
  EXPECT_EQ(cursor_after(R"(1F 43 45 "AB" 0D)"), (Cursor{3, 1}));
  EXPECT_EQ(cursor_after(R"(1F 40 45 "AB" 0D)"), (Cursor{0, 1}));
}

// §3 FF: erase rows 1-24 (black mosaic delimiters), cursor row 1 col 1, attributes reset, G0. Row 0 is not erased.
TEST(DecoderC0, FormFeedErasesPageNotStatusRow) {
  const Decoder decoder = decoded(R"(1F 40 41 "STATUS" 0A 1F 41 41 "ONE" 1F 58 41 "LAST" 1B 41 1B 5D 0E 0C "A")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 0), "STATUS");
  EXPECT_EQ(text(screen, 1), "A");
  EXPECT_EQ(token(screen, 1, 1), "700n1");  // white, not inverse, G0 alphanumeric: attributes reset
  EXPECT_EQ(screen.at(1, 1).set, CharSet::G0);
  for (int row = 1; row < kRows; ++row) {
    for (int col = row == 1 ? 2 : 1; col <= kColumns; ++col) {
      EXPECT_EQ(screen.at(row, col).kind, CellKind::erased) << row << "," << col;
    }
  }
  EXPECT_EQ(screen.cursor, (Cursor{1, 2}));
  EXPECT_EQ(decoder.stats().clears, 1U);
}

// §3 FF + DecoderOptions::before_clear: the page is handed over before it is erased.
TEST(DecoderC0, FormFeedCallsBeforeClearFirst) {
  std::string seen;
  int calls = 0;
  DecoderOptions options;
  options.before_clear = [&](const Screen& screen) {
    ++calls;
    seen = text(screen, 1);
  };
  const Decoder decoder = decoded(R"("HELLO" 0C)", std::move(options));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seen, "HELLO");
  EXPECT_EQ(text(decoder.screen(), 1), "");
}

// §3 RS: cursor row 1 col 1, attributes reset, G0, no erase.
TEST(DecoderC0, RecordSeparatorHomesWithoutErasing) {
  const Decoder decoder = decoded(R"(1F 45 45 1B 41 0E 7F 1E "A")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(screen.at(5, 5).kind, CellKind::mosaic);  // not erased
  EXPECT_EQ(token(screen, 1, 1), "700n1");
  EXPECT_EQ(screen.at(1, 1).set, CharSet::G0);
  EXPECT_EQ(screen.cursor, (Cursor{1, 2}));
}

// §3 CAN: spaces of the current set and attributes from the cursor (included) to the end of the row; cursor stays.
TEST(DecoderC0, CancelFillsRestOfRowWithCurrentAttributes) {
  const Decoder decoder = decoded(R"(1F 43 41 "ABCDEF" 1F 43 43 1B 41 18)");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 3), "AB");
  EXPECT_EQ(screen.cursor, (Cursor{3, 3}));
  for (int col = 3; col <= kColumns; ++col) {
    EXPECT_EQ(screen.at(3, col).kind, CellKind::alpha) << col;
    EXPECT_EQ(token(screen, 3, col), "100n1") << col;
  }
  EXPECT_EQ(token(screen, 3, 1), "700n1");
}

// §3 CAN is not a delimiter: pending serial attributes stay pending and the next space validates them.
TEST(DecoderC0, CancelIsNotADelimiter) {
  Decoder decoder = decoded("1F 43 41 1B 54 18");
  for (int col = 1; col <= kColumns; ++col) EXPECT_EQ(token(decoder.screen(), 3, col), "700n1") << col;
  decoder.feed(bytes(R"(20 "X")"));
  EXPECT_EQ(token(decoder.screen(), 3, 1), "740d1");
  EXPECT_EQ(token(decoder.screen(), 3, 2), "740n1");
  EXPECT_EQ(token(decoder.screen(), 3, 40), "740n1");  // CAN's spaces now lie in the blue zone
}

// §3 CAN in G1 writes empty mosaics with the current (parallel) mosaic attributes.
TEST(DecoderC0, CancelInG1WritesEmptyMosaics) {
  const Decoder decoder = decoded("1F 43 41 0E 1B 52 18");
  for (int col = 1; col <= kColumns; ++col) EXPECT_EQ(token(decoder.screen(), 3, col), "720m1") << col;
  EXPECT_EQ(text(decoder.screen(), 3), "");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{3, 1}));
}

// §3 SUB: the error block with the current attributes, cursor advances.
TEST(DecoderC0, SubstituteShowsErrorBlock) {
  const Decoder decoder = decoded("1F 43 41 1B 42 1A");
  EXPECT_EQ(token(decoder.screen(), 3, 1), "200!1");
  EXPECT_EQ(text(decoder.screen(), 3), "\u2592");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{3, 2}));
}

// §3 BEL: a beep, nothing displayed.
TEST(DecoderC0, BellIsCountedNotDisplayed) {
  const Decoder decoder = decoded("07 07");
  EXPECT_EQ(decoder.stats().bells, 2U);
  EXPECT_EQ(text(decoder.screen(), 1), "");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 1}));
}

// §3 DC1 / DC4: cursor on / off.
TEST(DecoderC0, CursorOnAndOff) {
  EXPECT_TRUE(decoded("11").screen().cursor_visible);
  EXPECT_FALSE(decoded("11 14").screen().cursor_visible);
}

// §2.5, §3: SEP x and SS3 x are ignored with their parameter byte.
TEST(DecoderC0, SepAndSs3SwallowTheirParameter) {
  const Decoder decoder = decoded(R"(13 41 "B" 1D 42 "C" 13 59 "D")");
  EXPECT_EQ(text(decoder.screen(), 1), "BCD");
}

// §3 "others": 01-06, 10, 15-17, 1C do nothing.
TEST(DecoderC0, OtherControlsDoNothing) {
  const Decoder decoder = decoded(R"("A" 01 02 03 04 05 06 10 15 16 17 1C "B")");
  EXPECT_EQ(text(decoder.screen(), 1), "AB");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 3}));
}

// §3 after the table: after column 40 writing continues at column 1 of the next row.
TEST(DecoderC0, WrapAfterColumn40) {
  const Decoder decoder = decoded(R"(1F 43 68 "AB")");
  EXPECT_EQ(decoder.screen().at(3, 40).glyph, U'A');
  EXPECT_EQ(decoder.screen().at(4, 1).glyph, U'B');
  EXPECT_EQ(decoder.screen().cursor, (Cursor{4, 2}));
}

// §3: wrap from row 24 behaves as LF; in page mode it goes to row 1.
TEST(DecoderC0, WrapFromRow24InPageModeGoesToRow1) {
  const Decoder decoder = decoded(R"(1F 58 68 "AB")");
  EXPECT_EQ(decoder.screen().at(24, 40).glyph, U'A');
  EXPECT_EQ(decoder.screen().at(1, 1).glyph, U'B');
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2}));
}

// §3, §6: no wrap on row 0; further characters overwrite column 40.
TEST(DecoderC0, NoWrapOnRow0) {
  const Decoder decoder = decoded(R"(1F 40 66 "XYZW")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(screen.at(0, 38).glyph, U'X');
  EXPECT_EQ(screen.at(0, 40).glyph, U'W');
  EXPECT_EQ(screen.cursor, (Cursor{0, 40}));
  EXPECT_EQ(text(screen, 1), "");
}

// §3 LF in roll mode (PRO2 START 43): rows 1-24 scroll up, row 0 stays, the cursor stays on row 24.
TEST(DecoderC0, LineFeedFromRow24ScrollsInRollMode) {
  const Decoder decoder =
      decoded(R"(1F 40 41 "STATUS" 0A 1B 3A 69 43 1F 41 41 "ONE" 1F 42 41 "TWO" 1F 58 41 "LAST" 0A "NEW")");
  const Screen& screen = decoder.screen();
  EXPECT_TRUE(screen.roll_mode);
  EXPECT_EQ(text(screen, 0), "STATUS");
  EXPECT_EQ(text(screen, 1), "TWO");
  EXPECT_EQ(text(screen, 23), "LAST");
  EXPECT_EQ(text(screen, 24), "    NEW");
  EXPECT_EQ(screen.cursor, (Cursor{24, 8}));
  EXPECT_EQ(state_line(screen), "CUR row=24 col=8 vis=0 set=G0 mode=roll mask=on");
}

// §3 VT in roll mode: from row 1, rows 1-24 scroll down; what was on row 24 is lost.
TEST(DecoderC0, VerticalTabFromRow1ScrollsDownInRollMode) {
  const Decoder decoder = decoded(R"(1B 3A 69 43 1F 41 41 "ONE" 1F 58 41 "LAST" 1F 41 41 0B "TOP")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 1), "TOP");
  EXPECT_EQ(text(screen, 2), "ONE");
  for (int row = 3; row < kRows; ++row) EXPECT_EQ(text(screen, row), "") << row;
  EXPECT_EQ(screen.cursor, (Cursor{1, 4}));
}

// §3: a wrap from row 24 behaves as LF, so in roll mode it scrolls.
TEST(DecoderC0, WrapFromRow24ScrollsInRollMode) {
  const Decoder decoder = decoded(R"(1B 3A 69 43 1F 41 41 "ONE" 1F 58 68 "AB")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(text(screen, 1), "");
  EXPECT_EQ(screen.at(23, 40).glyph, U'A');
  EXPECT_EQ(screen.at(24, 1).glyph, U'B');
  EXPECT_EQ(screen.cursor, (Cursor{24, 2}));
}

// §3 FF erases and resets the attributes; it does not leave roll mode (only PRO2 STOP 43 does).
TEST(DecoderC0, FormFeedKeepsRollMode) {
  const Decoder decoder = decoded("1B 3A 69 43 0C");
  EXPECT_TRUE(decoder.screen().roll_mode);
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 1}));
}

// §7 PRO2 STOP 43 returns to page mode.
TEST(DecoderC0, StopRollReturnsToPageMode) {
  const Decoder decoder = decoded(R"(1B 3A 69 43 1B 3A 6A 43 1F 58 41 "X" 0A)");
  EXPECT_FALSE(decoder.screen().roll_mode);
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2}));
  EXPECT_EQ(text(decoder.screen(), 24), "X");
}

}  // namespace
