// Screen model: zone resolution of serial attributes (videotex-terminal.md §8) and mosaic sextant values.
#include <gtest/gtest.h>

#include "videotex/screen.hpp"

namespace pavi::videotex {
namespace {

Cell delimiter(Colour bg, bool underline = false, bool mask = false) {
  Cell c;
  c.kind = CellKind::delimiter;
  c.set = CharSet::G0;
  c.bg = bg;
  c.underline = underline;
  c.mask = mask;
  return c;
}

Cell letter(char ch, Colour fg = Colour::white) {
  Cell c;
  c.kind = CellKind::alpha;
  c.set = CharSet::G0;
  c.glyph = static_cast<char32_t>(ch);
  c.code = static_cast<std::uint8_t>(ch);
  c.fg = fg;
  return c;
}

TEST(ScreenModel, PowerOnCellsAreBlackEmptyMosaics) {
  const Screen screen;
  EXPECT_EQ(screen.at(1, 1).kind, CellKind::erased);
  EXPECT_EQ(screen.at(24, 40).set, CharSet::G1);
  EXPECT_EQ(screen.at(5, 5).bg, Colour::black);
  EXPECT_EQ(screen.cursor, (Cursor{1, 1}));
  EXPECT_FALSE(screen.cursor_visible);
  EXPECT_TRUE(screen.global_mask);
}

TEST(ScreenModel, DelimiterOpensAZoneUntilTheNextOne) {
  Screen screen;
  screen.at(3, 1) = delimiter(Colour::blue, true);
  screen.at(3, 2) = letter('H');
  screen.at(3, 3) = delimiter(Colour::black);
  screen.at(3, 4) = letter('!');
  const auto looks = screen.appearance(3);
  EXPECT_EQ(looks[0].bg, Colour::blue);
  EXPECT_FALSE(looks[0].underline);  // a delimiter itself is never underlined
  EXPECT_EQ(looks[1].bg, Colour::blue);
  EXPECT_TRUE(looks[1].underline);
  EXPECT_EQ(looks[3].bg, Colour::black);
  EXPECT_FALSE(looks[3].underline);
}

TEST(ScreenModel, MosaicSetsTheBackgroundButNotTheUnderline) {
  Screen screen;
  screen.at(2, 1) = delimiter(Colour::black, true);
  Cell mosaic;
  mosaic.kind = CellKind::mosaic;
  mosaic.code = 0x7F;
  mosaic.bg = Colour::red;
  screen.at(2, 2) = mosaic;
  screen.at(2, 3) = letter('x');
  const auto looks = screen.appearance(2);
  EXPECT_EQ(looks[2].bg, Colour::red);
  EXPECT_TRUE(looks[2].underline);
}

TEST(ScreenModel, MaskedZone) {
  Screen screen;
  screen.at(4, 10) = delimiter(Colour::black, false, true);
  screen.at(4, 11) = letter('s');
  EXPECT_FALSE(screen.appearance(4)[8].masked);
  EXPECT_TRUE(screen.appearance(4)[10].masked);
}

TEST(ScreenModel, SextantValues) {
  EXPECT_EQ(mosaic_sextants(0x20), 0);
  EXPECT_EQ(mosaic_sextants(0x7F), 63);
  EXPECT_EQ(mosaic_sextants(0x5F), 63);  // column 5 shows the same mosaics as column 7
  EXPECT_EQ(mosaic_sextants(0x23), 3);
  EXPECT_EQ(mosaic_sextants(0x60), 32);
}

}  // namespace
}  // namespace pavi::videotex
