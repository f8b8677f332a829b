// Decoder, G1 mosaics (videotex-terminal.md §5.3, §8; vdt-format.md §5.1): SO/SI, sextant values (40-5F same as
// 60-7F), separated mosaics, parallel mosaic colours, mosaics as background delimiters, size/inverse cancelled by G1.
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

std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// videotex-terminal.md §5.3: bit 0 TL, 1 TR, 2 ML, 3 MR, 4 BL, 6 BR; bit 5 ignored.
// vdt-format.md §5.1: TL=1 TR=2 ML=4 MR=8 BL=16 BR=32.
int sextants_of(int code) {
  int value = 0;
  if (code & 0x01) value |= 1;
  if (code & 0x02) value |= 2;
  if (code & 0x04) value |= 4;
  if (code & 0x08) value |= 8;
  if (code & 0x10) value |= 16;
  if (code & 0x40) value |= 32;
  return value;
}

// vdt-format.md §5.1: the Unicode character shown for a sextant value.
std::string sextant_text(int v) {
  if (v == 0) return " ";
  if (v == 63) return "\u2588";
  if (v == 21) return "\u258C";
  if (v == 42) return "\u2590";
  return utf8(static_cast<char32_t>(0x1FB00 + (v - 1) - (v > 21 ? 1 : 0) - (v > 42 ? 1 : 0)));
}

std::string first_cell_text(const Screen& screen, int row) {
  const std::string line = row_text(screen, row);
  std::size_t length = 1;
  const auto lead = static_cast<unsigned char>(line[0]);
  if (lead >= 0xF0) length = 4;
  else if (lead >= 0xE0) length = 3;
  else if (lead >= 0xC0) length = 2;
  return line.substr(0, length);
}

Decoder mosaic(int code) {
  Decoder decoder;
  decoder.feed(bytes("1F 41 41 0E"));
  decoder.feed(static_cast<std::uint8_t>(code));
  return decoder;
}

// §5.3: SO selects G1 for the following codes, SI selects G0 again.
TEST(DecoderMosaic, ShiftOutAndShiftIn) {
  Decoder decoder = decoded(R"("A" 0E)");
  EXPECT_EQ(decoder.screen().current_set, CharSet::G1);
  EXPECT_EQ(state_line(decoder.screen()), "CUR row=1 col=2 vis=0 set=G1 mode=page mask=on");
  decoder.feed(bytes(R"("A" 0F "A")"));
  const Screen& screen = decoder.screen();
  EXPECT_EQ(screen.current_set, CharSet::G0);
  EXPECT_EQ(screen.at(1, 1).kind, CellKind::alpha);
  EXPECT_EQ(screen.at(1, 2).kind, CellKind::mosaic);
  EXPECT_EQ(screen.at(1, 2).set, CharSet::G1);
  EXPECT_EQ(screen.at(1, 3).kind, CellKind::alpha);
  EXPECT_EQ(row_text(screen, 1).substr(0, 1), "A");
  EXPECT_EQ(first_cell_text(decoded(R"(0E "A")").screen(), 1), sextant_text(33));  // 41: TL + BR
}

// §5.3 and vdt-format.md §5.1: every canonical code 20-3F and 60-7F shows its sextants.
TEST(DecoderMosaic, SextantValuesOfCanonicalCodes) {
  for (int code = 0x20; code <= 0x7F; ++code) {
    if (code >= 0x40 && code < 0x60) continue;
    const Decoder decoder = mosaic(code);
    EXPECT_EQ(decoder.screen().at(1, 1).kind, CellKind::mosaic) << std::hex << code;
    EXPECT_EQ(first_cell_text(decoder.screen(), 1), sextant_text(sextants_of(code))) << std::hex << code;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2}));
  }
}

// vdt-format.md §5.3: code 23 (top-left + top-right) is U+1FB02; spot checks of the special characters.
TEST(DecoderMosaic, SextantSpotChecks) {
  EXPECT_EQ(first_cell_text(mosaic(0x23).screen(), 1), "\U0001FB02");
  EXPECT_EQ(first_cell_text(mosaic(0x21).screen(), 1), "\U0001FB00");
  EXPECT_EQ(first_cell_text(mosaic(0x35).screen(), 1), "\u258C");  // left column
  EXPECT_EQ(first_cell_text(mosaic(0x6A).screen(), 1), "\u2590");  // right column
  EXPECT_EQ(first_cell_text(mosaic(0x7F).screen(), 1), "\u2588");
  EXPECT_EQ(first_cell_text(mosaic(0x20).screen(), 1), " ");
  EXPECT_EQ(first_cell_text(mosaic(0x60).screen(), 1), "\U0001FB1E");  // bottom-right only
}

// §5.3: codes 40-5F display the same mosaics as 60-7F (5F is the full block).
TEST(DecoderMosaic, Codes40To5FSameAs60To7F) {
  for (int code = 0x40; code < 0x60; ++code) {
    const Decoder low = mosaic(code);
    const Decoder high = mosaic(code + 0x20);
    EXPECT_EQ(low.screen().at(1, 1).kind, CellKind::mosaic) << std::hex << code;
    EXPECT_EQ(row_text(low.screen(), 1), row_text(high.screen(), 1)) << std::hex << code;
    EXPECT_EQ(attribute_dump(low.screen()), attribute_dump(high.screen())) << std::hex << code;
  }
  EXPECT_EQ(first_cell_text(mosaic(0x5F).screen(), 1), "\u2588");
}

// §5.3: in G1, 7F is interpreted exactly like 5F (a full block that can be separated).
TEST(DecoderMosaic, DelInG1IsFullMosaic) {
  const Decoder decoder = decoded("0E 7F 1B 5A 7F");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "700m1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "704m1");
  EXPECT_EQ(text(decoder.screen(), 1), "\u2588\u2588");
}

// §4, §5.3: mosaic colour (ESC 4x) and blink.
TEST(DecoderMosaic, ForegroundAndBlink) {
  const Decoder decoder = decoded("0E 1B 41 1B 48 7F 1B 49 1B 46 7F");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "101m1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "600m1");
}

// §4, §5.3: in G1 the background is parallel: each mosaic carries its own.
TEST(DecoderMosaic, BackgroundIsParallelInG1) {
  const Decoder decoder = decoded("0E 1B 54 7F 1B 52 7F 7F");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "740m1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "720m1");
  EXPECT_EQ(token(decoder.screen(), 1, 3), "720m1");
}

// §4, §5.3: ESC 5A / 59 in G1 = separated / contiguous mosaics.
TEST(DecoderMosaic, SeparatedAndContiguous) {
  const Decoder decoder = decoded("0E 1B 5A 7F 1B 59 7F");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "704m1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "700m1");
}

// §5.3, §8: every mosaic is a background delimiter for the alphanumeric zone that follows it.
TEST(DecoderMosaic, MosaicOpensBackgroundZone) {
  const Decoder decoder = decoded(R"(1F 41 41 0E 1B 54 20 0F "AB")");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "740m1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "740n1");
  EXPECT_EQ(token(decoder.screen(), 1, 3), "740n1");
  EXPECT_EQ(text(decoder.screen(), 1), " AB");
}

// §8: a mosaic validates the pending background only; other pending attributes wait for an explicit delimiter.
TEST(DecoderMosaic, MosaicValidatesPendingBackgroundOnly) {
  const Decoder decoder = decoded(R"(1F 41 41 1B 54 1B 58 "A" 0E 7F 0F "B" 20 "C")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(token(screen, 1, 1), "700n1");  // A: nothing validated yet
  EXPECT_EQ(token(screen, 1, 2), "740m1");  // the mosaic takes the pending blue background
  EXPECT_EQ(token(screen, 1, 3), "740n1");  // B: blue zone, the mask still pending
  EXPECT_EQ(screen.at(1, 4).kind, CellKind::delimiter);
  EXPECT_EQ(token(screen, 1, 5), "748n1");  // C: the space validated the mask
}

// §8: once the mosaic has validated the pending background nothing is pending, so the next G0 space is an ordinary
// space, not a delimiter.
TEST(DecoderMosaic, SpaceAfterValidatingMosaicIsNotADelimiter) {
  const Decoder decoder = decoded(R"(1F 41 41 1B 54 "A" 0E 7F 0F "B" 20 "C")");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "740m1");
  EXPECT_EQ(token(decoder.screen(), 1, 4), "740n1");
  EXPECT_EQ(decoder.screen().at(1, 4).kind, CellKind::alpha);
  EXPECT_EQ(token(decoder.screen(), 1, 5), "740n1");
}

// §5.3: entering G1 cancels size and inverse; they stay cancelled after SI until redefined.
TEST(DecoderMosaic, SizeAndInverseCancelledByG1) {
  const Decoder decoder = decoded(R"(1F 43 41 1B 4E 1B 5D "A" 0E 7F 0F "B")");
  const Screen& screen = decoder.screen();
  EXPECT_EQ(token(screen, 3, 1), "702nw");
  EXPECT_EQ(token(screen, 3, 2), "702nw");
  EXPECT_EQ(token(screen, 3, 3), "700m1");
  EXPECT_EQ(token(screen, 3, 4), "700n1");
  EXPECT_EQ(screen.cursor, (Cursor{3, 5}));
}

// §4, §5.3: size and inverse commands are ignored while in G1.
TEST(DecoderMosaic, SizeAndInverseIgnoredInG1) {
  const Decoder decoder = decoded(R"(1F 43 41 0E 1B 4E 1B 4D 1B 4F 1B 5D 7F 0F "B")");
  EXPECT_EQ(token(decoder.screen(), 3, 1), "700m1");
  EXPECT_EQ(token(decoder.screen(), 3, 2), "700n1");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{3, 3}));
}

// §5.3: underline is cleared on SO (it does not become "separated").
TEST(DecoderMosaic, UnderlineClearedOnShiftOut) {
  const Decoder decoder = decoded("1B 5A 0E 7F");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "700m1");
}

// §5.3: separated is cleared on SI.
TEST(DecoderMosaic, SeparatedClearedOnShiftIn) {
  const Decoder decoder = decoded("0E 1B 5A 7F 0F 0E 7F");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "704m1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "700m1");
}

// §5.3: the background colour survives SO/SI.
TEST(DecoderMosaic, BackgroundSurvivesShiftInAndOut) {
  const Decoder decoder = decoded("0E 1B 54 7F 0F 0E 7F");
  EXPECT_EQ(token(decoder.screen(), 1, 1), "740m1");
  EXPECT_EQ(token(decoder.screen(), 1, 2), "740m1");
}

// §5.3: 20 in G1 is the empty mosaic, which shows its background.
TEST(DecoderMosaic, SpaceInG1IsEmptyMosaic) {
  const Decoder decoder = decoded("0E 1B 56 20");
  EXPECT_EQ(decoder.screen().at(1, 1).kind, CellKind::mosaic);
  EXPECT_EQ(token(decoder.screen(), 1, 1), "760m1");
  EXPECT_EQ(text(decoder.screen(), 1), "");
}

}  // namespace
