// Decoder, DRCS (videotex-terminal.md §6 "US 23", §4 ESC 28 / ESC 29): redefinable characters of a Minitel 2 are
// consumed without corrupting the text that follows, stored as 8 x 10 bitmaps, and selected for G0 or G1.
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "tests/support/test_paths.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace {

using namespace pavi::videotex;
using pavi::test::bytes;

std::string text(const Screen& screen, int row) {
  std::string line = row_text(screen, row);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// §6: 14 bytes per character, 6 useful bits each sent as 40 + value, giving the 8 x 10 pixels. The 80 pixels are
// taken row by row, leftmost first, most significant bit first; the last 4 of the 84 bits are padding.
std::string glyph_bytes(const DrcsGlyph& glyph) {
  std::string out;
  int accumulator = 0;
  int bits = 0;
  for (const std::uint8_t row : glyph) {
    for (int bit = 7; bit >= 0; --bit) {
      accumulator = (accumulator << 1) | ((row >> bit) & 1);
      if (++bits == 6) {
        out += static_cast<char>(0x40 + accumulator);
        accumulator = 0;
        bits = 0;
      }
    }
  }
  out += static_cast<char>(0x40 + (accumulator << (6 - bits)));  // 2 remaining bits + 4 padding bits
  return out;
}

constexpr DrcsGlyph kFull{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
constexpr DrcsGlyph kCross{0x81, 0x42, 0x24, 0x18, 0x18, 0x24, 0x42, 0x81, 0xF0, 0x0F};
constexpr DrcsGlyph kCorner{0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01};

// US 23 20 20 20 42 49 (G0) or 43 49 (G1), then US 23 <first code> 30 and the characters separated by 30.
std::string download(bool for_g1, std::uint8_t first_code, std::initializer_list<DrcsGlyph> glyphs) {
  std::string out = bytes(for_g1 ? "1F 23 20 20 20 43 49" : "1F 23 20 20 20 42 49");
  out += bytes("1F 23");
  out += static_cast<char>(first_code);
  out += '\x30';
  bool first = true;
  for (const DrcsGlyph& glyph : glyphs) {
    if (!first) out += '\x30';
    first = false;
    out += glyph_bytes(glyph);
  }
  return out;
}

TEST(DecoderDrcs, GlyphEncodingHelperIs14Bytes) {
  EXPECT_EQ(glyph_bytes(kFull).size(), 14U);
  EXPECT_EQ(glyph_bytes(kFull), std::string(13, '\x7F') + '\x70');
  EXPECT_EQ(glyph_bytes(kCorner).front(), '\x60');
}

// §6: the download is consumed; the positioning US that ends it and the text after it are intact.
TEST(DecoderDrcs, DownloadDoesNotCorruptFollowingText) {
  Decoder decoder;
  decoder.feed(download(false, 0x21, {kFull, kCross, kCorner}));
  decoder.feed(bytes(R"(1F 43 41 "HELLO")"));
  const Screen& screen = decoder.screen();
  for (int row = 0; row < kRows; ++row) EXPECT_EQ(text(screen, row), row == 3 ? "HELLO" : "") << row;
  EXPECT_EQ(screen.cursor, (Cursor{3, 6}));
  EXPECT_EQ(decoder.stats().drcs_glyphs, 3U);
  EXPECT_EQ(decoder.take_replies(), "");
}

// §6 + screen.hpp: each glyph lands in drcs_g0 at code - 0x20, consecutive codes from the first one.
TEST(DecoderDrcs, GlyphsStoredForG0) {
  Decoder decoder;
  decoder.feed(download(false, 0x21, {kFull, kCross, kCorner}));
  decoder.feed(bytes("1F 41 41"));
  const Screen& screen = decoder.screen();
  ASSERT_TRUE(screen.drcs_g0[0x01].has_value());
  EXPECT_EQ(*screen.drcs_g0[0x01], kFull);
  ASSERT_TRUE(screen.drcs_g0[0x02].has_value());
  EXPECT_EQ(*screen.drcs_g0[0x02], kCross);
  ASSERT_TRUE(screen.drcs_g0[0x03].has_value());
  EXPECT_EQ(*screen.drcs_g0[0x03], kCorner);
  EXPECT_FALSE(screen.drcs_g0[0x00].has_value());
  EXPECT_FALSE(screen.drcs_g0[0x04].has_value());
  for (const auto& glyph : screen.drcs_g1) EXPECT_FALSE(glyph.has_value());
}

// §6: US 23 20 20 20 43 49 defines characters for G1.
TEST(DecoderDrcs, GlyphsStoredForG1) {
  Decoder decoder;
  decoder.feed(download(true, 0x41, {kCross}));
  decoder.feed(bytes(R"(1F 41 41 "OK")"));
  const Screen& screen = decoder.screen();
  ASSERT_TRUE(screen.drcs_g1[0x21].has_value());
  EXPECT_EQ(*screen.drcs_g1[0x21], kCross);
  for (const auto& glyph : screen.drcs_g0) EXPECT_FALSE(glyph.has_value());
  EXPECT_EQ(text(screen, 1), "OK");
}

// §4: ESC 28 20 42 selects the DRCS for G0, ESC 28 40 the standard set again.
TEST(DecoderDrcs, SelectDrcsForG0) {
  Decoder decoder;
  decoder.feed(download(false, 0x21, {kFull, kCross}));
  decoder.feed(bytes("1F 41 41 1B 28 20 42 21 22 1B 28 40 21"));
  const Screen& screen = decoder.screen();
  EXPECT_TRUE(screen.at(1, 1).drcs);
  EXPECT_EQ(screen.at(1, 1).code, 0x21);
  EXPECT_TRUE(screen.at(1, 2).drcs);
  EXPECT_EQ(screen.at(1, 2).code, 0x22);
  EXPECT_FALSE(screen.at(1, 3).drcs);
  EXPECT_EQ(screen.at(1, 3).glyph, U'!');
  EXPECT_EQ(screen.cursor, (Cursor{1, 4}));
}

// §4: ESC 29 20 43 selects the DRCS for G1, ESC 29 63 the standard mosaics again.
TEST(DecoderDrcs, SelectDrcsForG1) {
  Decoder decoder;
  decoder.feed(download(true, 0x21, {kCross}));
  decoder.feed(bytes("1F 41 41 0E 1B 29 20 43 21 1B 29 63 21"));
  const Screen& screen = decoder.screen();
  EXPECT_TRUE(screen.at(1, 1).drcs);
  EXPECT_EQ(screen.at(1, 1).kind, CellKind::mosaic);
  EXPECT_FALSE(screen.at(1, 2).drcs);
  EXPECT_EQ(screen.at(1, 2).kind, CellKind::mosaic);
}

// Robustness: a download cut short and ended by US leaves the following text intact.
TEST(DecoderDrcs, TruncatedDownloadThenText) {
  Decoder decoder;
  decoder.feed(bytes("1F 23 20 20 20 42 49 1F 23 21 30 41 42 43"));
  decoder.feed(bytes(R"(1F 42 41 "TEXT")"));
  EXPECT_EQ(text(decoder.screen(), 2), "TEXT");
  EXPECT_EQ(text(decoder.screen(), 1), "");
}

}  // namespace
