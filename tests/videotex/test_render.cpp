// Rendering a Screen to pixels (videotex-terminal.md §1.1 geometry, §1.3 grey levels, §5 character sets, §8
// attributes). Screens are built cell by cell so that these tests depend on the renderer alone. PNG output:
// test_render_png.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "videotex/font.hpp"
#include "videotex/g2.hpp"
#include "videotex/render.hpp"

namespace pavi::videotex {
namespace {

// §1.3: grey levels of colours 0-7 (0 %, 50 %, 70 %, 90 %, 40 %, 60 %, 80 %, 100 %).
constexpr std::array<int, 8> kGrey{0, 127, 178, 229, 102, 153, 204, 255};
constexpr int kWhite = 255;
constexpr int kBlack = 0;

Cell letter(char32_t glyph, Colour fg = Colour::white, CharSize size = CharSize::normal, std::uint8_t part = 0) {
  Cell c;
  c.kind = CellKind::alpha;
  c.set = glyph < 0x80 ? CharSet::G0 : CharSet::G2;
  c.glyph = glyph;
  c.code = glyph < 0x80 ? static_cast<std::uint8_t>(glyph) : 0x41;
  c.fg = fg;
  c.size = size;
  c.part = part;
  return c;
}

Cell mosaic(std::uint8_t code, Colour fg = Colour::white, Colour bg = Colour::black, bool separated = false) {
  Cell c;
  c.kind = CellKind::mosaic;
  c.set = CharSet::G1;
  c.code = code;
  c.fg = fg;
  c.bg = bg;
  c.underline = separated;
  return c;
}

Cell delimiter(Colour bg, bool underline = false, bool mask = false) {
  Cell c;
  c.kind = CellKind::delimiter;
  c.set = CharSet::G0;
  c.bg = bg;
  c.underline = underline;
  c.mask = mask;
  return c;
}

Cell special(CellKind kind, Colour fg = Colour::white) {
  Cell c;
  c.kind = kind;
  c.set = CharSet::G0;
  c.code = kind == CellKind::del ? 0x7F : 0x1A;
  c.fg = fg;
  return c;
}

std::array<int, 3> rgb_at(const Image& image, int x, int y) {
  const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 3;
  return {image.rgb[i], image.rgb[i + 1], image.rgb[i + 2]};
}

int grey_at(const Image& image, int x, int y) {
  const auto rgb = rgb_at(image, x, y);
  EXPECT_TRUE(rgb[0] == rgb[1] && rgb[1] == rgb[2]) << "not grey at " << x << "," << y;
  return rgb[0];
}

// The cell at (row, col) of a scale-1 image as text art: '#' where the pixel has grey level `ink`, '.' elsewhere.
std::vector<std::string> cell_art(const Image& image, int row, int col, int ink = kWhite) {
  std::vector<std::string> art;
  for (int y = 0; y < 10; ++y) {
    std::string line;
    for (int x = 0; x < 8; ++x) line += grey_at(image, (col - 1) * 8 + x, row * 10 + y) == ink ? '#' : '.';
    art.push_back(line);
  }
  return art;
}

// Grey levels of the 80 pixels of a cell.
std::vector<int> cell_greys(const Image& image, int row, int col) {
  std::vector<int> greys;
  for (int y = 0; y < 10; ++y) {
    for (int x = 0; x < 8; ++x) greys.push_back(grey_at(image, (col - 1) * 8 + x, row * 10 + y));
  }
  return greys;
}

std::vector<std::string> uniform_art(char pixel) { return std::vector<std::string>(10, std::string(8, pixel)); }

std::vector<std::string> art_of(const Screen& screen, int row, int col, const RenderOptions& options = {}) {
  return cell_art(render(screen, options), row, col);
}

// How a single white-on-black character looks in a cell of its own.
std::vector<std::string> glyph_art(char32_t glyph) {
  Screen screen;
  screen.at(1, 1) = letter(glyph);
  return art_of(screen, 1, 1);
}

int ink_count(const std::vector<std::string>& art) {
  int n = 0;
  for (const auto& line : art) n += static_cast<int>(std::count(line.begin(), line.end(), '#'));
  return n;
}

TEST(RenderImage, IsThreeHundredTwentyByTwoHundredFiftyAtScaleOne) {
  const Image image = render(Screen{});
  EXPECT_EQ(image.width, 320);
  EXPECT_EQ(image.height, 250);
  EXPECT_EQ(image.rgb.size(), 320U * 250U * 3U);
}

TEST(RenderImage, ScaleThreeRepeatsEveryPixelThreeByThree) {
  Screen screen;
  screen.at(1, 1) = letter('A');
  screen.at(12, 20) = mosaic(0x35, Colour::red, Colour::blue);
  screen.at(24, 40) = letter('z', Colour::green);
  const Image small = render(screen);
  RenderOptions options;
  options.scale = 3;
  const Image large = render(screen, options);
  ASSERT_EQ(large.width, 960);
  ASSERT_EQ(large.height, 750);
  ASSERT_EQ(large.rgb.size(), 960U * 750U * 3U);
  for (int y = 0; y < large.height; ++y) {
    for (int x = 0; x < large.width; ++x) {
      ASSERT_EQ(rgb_at(large, x, y), rgb_at(small, x / 3, y / 3)) << x << "," << y;
    }
  }
}

TEST(RenderImage, ScaleBelowOneDrawsAtScaleOne) {
  RenderOptions options;
  options.scale = 0;
  const Image image = render(Screen{}, options);
  EXPECT_EQ(image.width, 320);
  EXPECT_EQ(image.height, 250);
}

TEST(RenderImage, PowerOnScreenIsBlack) {
  const Image image = render(Screen{});
  for (std::size_t i = 0; i < image.rgb.size(); ++i) ASSERT_EQ(image.rgb[i], 0) << i;
}

TEST(RenderColours, ForegroundsShowTheMinitelGreyLevels) {
  Screen screen;
  for (int i = 0; i < 8; ++i) screen.at(1, i + 1) = special(CellKind::del, static_cast<Colour>(i));
  const Image image = render(screen);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(cell_greys(image, 1, i + 1), std::vector<int>(80, kGrey[static_cast<std::size_t>(i)])) << "colour " << i;
  }
}

TEST(RenderColours, BackgroundsShowTheMinitelGreyLevels) {
  Screen screen;
  for (int i = 0; i < 8; ++i) screen.at(2, i + 1).bg = static_cast<Colour>(i);  // erased cells carry a background
  const Image image = render(screen);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(cell_greys(image, 2, i + 1), std::vector<int>(80, kGrey[static_cast<std::size_t>(i)])) << "colour " << i;
  }
}

TEST(RenderColours, ColourOptionGivesRealColours) {
  constexpr std::array<std::array<int, 3>, 8> kRgb{{{0, 0, 0},
                                                    {255, 0, 0},
                                                    {0, 255, 0},
                                                    {255, 255, 0},
                                                    {0, 0, 255},
                                                    {255, 0, 255},
                                                    {0, 255, 255},
                                                    {255, 255, 255}}};
  Screen screen;
  for (int i = 0; i < 8; ++i) screen.at(1, i + 1) = special(CellKind::del, static_cast<Colour>(i));
  RenderOptions options;
  options.colour = true;
  const Image image = render(screen, options);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(rgb_at(image, i * 8 + 3, 15), kRgb[static_cast<std::size_t>(i)]) << i;
}

TEST(RenderMosaics, EachSextantLightsItsBlock) {
  // Blocks are 4 pixels wide and 3, 4, 3 pixels high (§5.3 bit order: TL TR ML MR BL BR = bits 0 1 2 3 4 6).
  struct Case {
    std::uint8_t code;
    int x0, y0, x1, y1;
  };
  const std::array<Case, 6> cases{{{0x21, 0, 0, 4, 3},
                                   {0x22, 4, 0, 8, 3},
                                   {0x24, 0, 3, 4, 7},
                                   {0x28, 4, 3, 8, 7},
                                   {0x30, 0, 7, 4, 10},
                                   {0x60, 4, 7, 8, 10}}};
  for (const Case& c : cases) {
    Screen screen;
    screen.at(4, 4) = mosaic(c.code);
    std::vector<std::string> expected = uniform_art('.');
    for (int y = c.y0; y < c.y1; ++y) {
      for (int x = c.x0; x < c.x1; ++x) expected[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] = '#';
    }
    EXPECT_EQ(art_of(screen, 4, 4), expected) << std::hex << int{c.code};
  }
}

TEST(RenderMosaics, EveryMosaicIsTheUnionOfItsBlocks) {
  std::array<std::vector<std::string>, 6> blocks;
  const std::array<std::uint8_t, 6> single{0x21, 0x22, 0x24, 0x28, 0x30, 0x60};
  for (std::size_t b = 0; b < 6; ++b) {
    Screen screen;
    screen.at(1, 1) = mosaic(single[b]);
    blocks[b] = art_of(screen, 1, 1);
  }
  Screen screen;
  for (int code = 0x20; code <= 0x7F; ++code) {
    const int index = code - 0x20;
    screen.at(1 + index / 40, 1 + index % 40) = mosaic(static_cast<std::uint8_t>(code));
  }
  const Image image = render(screen);
  for (int code = 0x20; code <= 0x7F; ++code) {
    const std::uint8_t sextants = mosaic_sextants(static_cast<std::uint8_t>(code));
    std::vector<std::string> expected = uniform_art('.');
    for (std::size_t b = 0; b < 6; ++b) {
      if ((sextants & (1U << b)) == 0) continue;
      for (std::size_t y = 0; y < 10; ++y) {
        for (std::size_t x = 0; x < 8; ++x) {
          if (blocks[b][y][x] == '#') expected[y][x] = '#';
        }
      }
    }
    const int index = code - 0x20;
    EXPECT_EQ(cell_art(image, 1 + index / 40, 1 + index % 40), expected) << std::hex << code;
  }
}

TEST(RenderMosaics, FullBlockIsForegroundAndEmptyIsBackground) {
  Screen screen;
  screen.at(3, 1) = mosaic(0x7F, Colour::yellow, Colour::blue);
  screen.at(3, 2) = mosaic(0x5F, Colour::yellow, Colour::blue);  // column 5 shows like column 7 (§5.3)
  screen.at(3, 3) = mosaic(0x20, Colour::yellow, Colour::blue);
  const Image image = render(screen);
  EXPECT_EQ(cell_greys(image, 3, 1), std::vector<int>(80, kGrey[3]));
  EXPECT_EQ(cell_greys(image, 3, 2), std::vector<int>(80, kGrey[3]));
  EXPECT_EQ(cell_greys(image, 3, 3), std::vector<int>(80, kGrey[4]));
}

TEST(RenderMosaics, SeparatedMosaicsLeaveABackgroundGrid) {
  Screen screen;
  screen.at(5, 1) = mosaic(0x7F, Colour::white, Colour::blue, true);
  const Image image = render(screen);
  const std::vector<std::string> expected{".###.###", ".###.###", "........", ".###.###", ".###.###",
                                          ".###.###", "........", ".###.###", ".###.###", "........"};
  EXPECT_EQ(cell_art(image, 5, 1), expected);
  EXPECT_EQ(grey_at(image, 0, 50), kGrey[4]);  // the gaps are the mosaic's background, blue
  EXPECT_EQ(grey_at(image, 4, 52), kGrey[4]);
}

TEST(RenderMosaics, SeparatedBlockStaysInsideItsContiguousBlock) {
  for (std::uint8_t code : {0x21, 0x22, 0x24, 0x28, 0x30, 0x60}) {
    Screen screen;
    screen.at(1, 1) = mosaic(code);
    screen.at(1, 2) = mosaic(code, Colour::white, Colour::black, true);
    const Image image = render(screen);
    const auto joined = cell_art(image, 1, 1);
    const auto separated = cell_art(image, 1, 2);
    EXPECT_LT(ink_count(separated), ink_count(joined)) << std::hex << int{code};
    EXPECT_GT(ink_count(separated), 0) << std::hex << int{code};
    for (std::size_t y = 0; y < 10; ++y) {
      for (std::size_t x = 0; x < 8; ++x) {
        if (separated[y][x] == '#') {
          EXPECT_EQ(joined[y][x], '#') << std::hex << int{code} << " " << x << "," << y;
        }
      }
    }
  }
}

TEST(RenderText, LetterIsDrawnInForegroundOnZoneBackground) {
  Screen screen;
  screen.at(2, 1) = delimiter(Colour::blue);
  screen.at(2, 2) = letter('A', Colour::green);
  const Image image = render(screen);
  const std::vector<int> greys = cell_greys(image, 2, 2);
  const auto fg = std::count(greys.begin(), greys.end(), kGrey[2]);
  const auto bg = std::count(greys.begin(), greys.end(), kGrey[4]);
  EXPECT_GT(fg, 8);
  EXPECT_GT(bg, 40);
  EXPECT_EQ(fg + bg, 80);
  EXPECT_EQ(cell_greys(image, 2, 1), std::vector<int>(80, kGrey[4]));  // the delimiter itself: a blue space
}

TEST(RenderText, DifferentLettersLookDifferent) {
  EXPECT_NE(glyph_art('A'), glyph_art('B'));
  EXPECT_NE(glyph_art('O'), glyph_art('0'));
  EXPECT_NE(glyph_art('l'), glyph_art('1'));
  EXPECT_NE(glyph_art('e'), glyph_art(U'é'));
  EXPECT_EQ(glyph_art(' '), uniform_art('.'));
}

TEST(RenderText, MinitelShowsCaretAsUpArrowAndGraveAsBar) {
  // §5.1: 5E is shown as ↑ and 60 as a horizontal bar.
  EXPECT_EQ(glyph_art('^'), glyph_art(U'↑'));
  const auto bar = glyph_art('`');
  EXPECT_EQ(bar, glyph_art(U'—'));
  EXPECT_EQ(std::count(bar.begin(), bar.end(), "########"), 1);
  EXPECT_EQ(ink_count(bar), 8);
}

TEST(RenderText, InverseSwapsForegroundAndBackground) {
  Screen screen;
  screen.at(3, 1) = letter('K');
  screen.at(3, 2) = letter('K');
  screen.at(3, 2).inverse = true;
  const Image image = render(screen);
  const auto normal = cell_art(image, 3, 1);
  const auto inverse = cell_art(image, 3, 2, kBlack);
  EXPECT_EQ(inverse, normal);
  EXPECT_EQ(cell_art(image, 3, 2, kWhite), cell_art(image, 3, 1, kBlack));
}

TEST(RenderText, UnderlinedZoneDrawsTheBottomRow) {
  Screen screen;
  screen.at(4, 1) = delimiter(Colour::black, true);
  screen.at(4, 2) = letter('a');
  screen.at(4, 3) = letter('a');
  screen.at(4, 4) = delimiter(Colour::black);
  screen.at(4, 5) = letter('a');
  const Image image = render(screen);
  const auto underlined = cell_art(image, 4, 2);
  const auto plain = cell_art(image, 4, 5);
  EXPECT_EQ(underlined[9], "########");
  EXPECT_EQ(plain[9], "........");
  EXPECT_EQ(std::vector<std::string>(underlined.begin(), underlined.begin() + 9),
            std::vector<std::string>(plain.begin(), plain.begin() + 9));
  EXPECT_EQ(cell_art(image, 4, 3)[9], "########");
  EXPECT_EQ(cell_art(image, 4, 1), uniform_art('.'));  // a delimiter is never underlined (§8)
}

TEST(RenderText, DelAndErrorBlocks) {
  Screen screen;
  screen.at(6, 1) = special(CellKind::del);
  screen.at(6, 2) = special(CellKind::error);
  const Image image = render(screen);
  EXPECT_EQ(cell_art(image, 6, 1), uniform_art('#'));
  const auto error = cell_art(image, 6, 2);
  EXPECT_NE(error, uniform_art('#'));
  EXPECT_NE(error, uniform_art('.'));
  EXPECT_NE(error, glyph_art(U'\uFFFF'));  // not the unknown-character box either
  EXPECT_GE(ink_count(error), 30);
}

TEST(RenderText, DelimiterAndErasedCellsShowTheirBackground) {
  Screen screen;
  screen.at(7, 1) = delimiter(Colour::cyan);
  screen.at(7, 2).bg = Colour::magenta;
  const Image image = render(screen);
  EXPECT_EQ(cell_greys(image, 7, 1), std::vector<int>(80, kGrey[6]));
  EXPECT_EQ(cell_greys(image, 7, 2), std::vector<int>(80, kGrey[5]));
}

// Places a large `glyph` with its top-left cell at (top, left); returns the screen.
Screen large(char32_t glyph, CharSize size, int top, int left) {
  Screen screen;
  const bool wide = size == CharSize::double_width || size == CharSize::double_size;
  const bool tall = size == CharSize::double_height || size == CharSize::double_size;
  for (int dy = 0; dy < (tall ? 2 : 1); ++dy) {
    for (int dx = 0; dx < (wide ? 2 : 1); ++dx) {
      const auto part = static_cast<std::uint8_t>((dx == 1 ? 1 : 0) | (tall && dy == 0 ? 2 : 0));
      screen.at(top + dy, left + dx) = letter(glyph, Colour::white, size, part);
    }
  }
  return screen;
}

// The pixel the normal-size glyph has at (x, y) of its 8 x 10 cell.
char pixel(const std::vector<std::string>& art, int x, int y) {
  return art[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)];
}

TEST(RenderLarge, DoubleWidthShowsEachHalfEnlarged) {
  const auto normal = glyph_art('W');
  const Image image = render(large('W', CharSize::double_width, 5, 5));
  const auto left = cell_art(image, 5, 5);
  const auto right = cell_art(image, 5, 6);
  for (int y = 0; y < 10; ++y) {
    for (int x = 0; x < 8; ++x) {
      EXPECT_EQ(pixel(left, x, y), pixel(normal, x / 2, y)) << x << "," << y;
      EXPECT_EQ(pixel(right, x, y), pixel(normal, 4 + x / 2, y)) << x << "," << y;
    }
  }
}

TEST(RenderLarge, DoubleHeightShowsUpperHalfOnTheRowAbove) {
  const auto normal = glyph_art('g');
  const Image image = render(large('g', CharSize::double_height, 8, 3));
  const auto upper = cell_art(image, 8, 3);
  const auto lower = cell_art(image, 9, 3);
  for (int y = 0; y < 10; ++y) {
    for (int x = 0; x < 8; ++x) {
      EXPECT_EQ(pixel(upper, x, y), pixel(normal, x, y / 2)) << x << "," << y;
      EXPECT_EQ(pixel(lower, x, y), pixel(normal, x, 5 + y / 2)) << x << "," << y;
    }
  }
}

TEST(RenderLarge, DoubleSizeShowsFourQuarters) {
  const auto normal = glyph_art(U'é');
  const Image image = render(large(U'é', CharSize::double_size, 10, 10));
  const std::array<std::vector<std::string>, 4> quarter{cell_art(image, 10, 10), cell_art(image, 10, 11),
                                                        cell_art(image, 11, 10), cell_art(image, 11, 11)};
  for (std::size_t q = 0; q < 4; ++q) {
    const int x0 = (q % 2) * 4;
    const int y0 = (q / 2) * 5;
    for (int y = 0; y < 10; ++y) {
      for (int x = 0; x < 8; ++x) EXPECT_EQ(pixel(quarter[q], x, y), pixel(normal, x0 + x / 2, y0 + y / 2)) << q;
    }
  }
}

TEST(RenderLarge, UnderlineOfALargeCharacterIsTwoRowsThick) {
  Screen screen = large('A', CharSize::double_height, 12, 2);  // upper half on row 12, lower half on row 13
  screen.at(12, 1) = delimiter(Colour::black, true);
  screen.at(13, 1) = delimiter(Colour::black, true);
  const Image image = render(screen);
  const auto lower = cell_art(image, 13, 2);
  EXPECT_EQ(lower[7], cell_art(render(large('A', CharSize::double_height, 12, 2)), 13, 2)[7]);
  EXPECT_EQ(lower[8], "########");
  EXPECT_EQ(lower[9], "########");
  EXPECT_NE(cell_art(image, 12, 2)[9], "########");
}

TEST(RenderLarge, DoubleWidthAtColumnFortyShowsAtNormalWidth) {
  Screen screen;
  screen.at(3, 40) = letter('M', Colour::white, CharSize::double_width, 0);
  EXPECT_EQ(art_of(screen, 3, 40), glyph_art('M'));
}

TEST(RenderMask, MaskedZoneIsHiddenUntilRevealed) {
  Screen screen;
  screen.at(9, 1) = delimiter(Colour::red, false, true);
  screen.at(9, 2) = letter('S');
  screen.at(9, 3) = mosaic(0x7F);
  const Image hidden = render(screen);
  EXPECT_EQ(cell_greys(hidden, 9, 2), std::vector<int>(80, kGrey[1]));
  EXPECT_EQ(cell_greys(hidden, 9, 3), std::vector<int>(80, kGrey[0]));  // the mosaic's own background

  RenderOptions reveal;
  reveal.reveal_masked = true;
  const Image revealed = render(screen, reveal);
  EXPECT_GT(ink_count(cell_art(revealed, 9, 2)), 8);
  EXPECT_EQ(cell_art(revealed, 9, 3), uniform_art('#'));

  screen.global_mask = false;  // ESC 23 20 5F: the terminal shows masked zones
  EXPECT_EQ(cell_art(render(screen), 9, 2), cell_art(revealed, 9, 2));
}

TEST(RenderBlink, BlinkingCharacterDisappearsInTheHiddenPhase) {
  Screen screen;
  screen.at(10, 1) = letter('X');
  screen.at(10, 1).blink = true;
  screen.at(10, 2) = mosaic(0x7F);
  screen.at(10, 2).blink = true;
  RenderOptions off;
  off.blink_visible = false;
  EXPECT_EQ(art_of(screen, 10, 1), glyph_art('X'));
  EXPECT_EQ(art_of(screen, 10, 1, off), uniform_art('.'));
  EXPECT_EQ(art_of(screen, 10, 2), uniform_art('#'));
  EXPECT_EQ(art_of(screen, 10, 2, off), uniform_art('.'));
}

TEST(RenderBlink, InverseBlinkingHasTheOppositePhase) {
  Screen screen;
  screen.at(10, 1) = letter('X');
  screen.at(10, 1).blink = true;
  screen.at(10, 1).inverse = true;
  RenderOptions off;
  off.blink_visible = false;
  const auto inverted_x = cell_art(render(screen, off), 10, 1, kBlack);  // ink drawn black on white
  EXPECT_EQ(inverted_x, glyph_art('X'));
  EXPECT_EQ(art_of(screen, 10, 1), uniform_art('#'));  // hidden: only its (inverted, white) background
}

TEST(RenderCursor, VisibleCursorInvertsItsCell) {
  Screen screen;
  screen.at(12, 7) = letter('R');
  screen.cursor = {12, 7};
  screen.cursor_visible = true;
  const auto with_cursor = art_of(screen, 12, 7);
  EXPECT_EQ(cell_art(render(screen), 12, 7, kBlack), glyph_art('R'));
  EXPECT_NE(with_cursor, glyph_art('R'));

  screen.cursor = {12, 8};  // on an empty cell: a full block
  EXPECT_EQ(art_of(screen, 12, 8), uniform_art('#'));
  EXPECT_EQ(art_of(screen, 12, 7), glyph_art('R'));

  RenderOptions no_cursor;
  no_cursor.draw_cursor = false;
  EXPECT_EQ(art_of(screen, 12, 8, no_cursor), uniform_art('.'));
  screen.cursor_visible = false;
  EXPECT_EQ(art_of(screen, 12, 8), uniform_art('.'));
}

TEST(RenderDrcs, DownloadedGlyphReplacesTheRomShape) {
  const DrcsGlyph smiley{0x3C, 0x42, 0xA5, 0x81, 0xA5, 0x99, 0x42, 0x3C, 0x00, 0xFF};
  const std::vector<std::string> expected{"..####..", ".#....#.", "#.#..#.#", "#......#", "#.#..#.#",
                                          "#..##..#", ".#....#.", "..####..", "........", "########"};
  Screen screen;
  screen.drcs_g0[0x41 - 0x20] = smiley;
  screen.at(14, 1) = letter('A');
  screen.at(14, 1).drcs = true;
  screen.at(14, 2) = letter('B');
  screen.at(14, 2).drcs = true;  // nothing downloaded for B: the normal B
  screen.at(14, 3) = letter('A');  // not a DRCS cell: the normal A
  const Image image = render(screen);
  EXPECT_EQ(cell_art(image, 14, 1), expected);
  EXPECT_EQ(cell_art(image, 14, 2), glyph_art('B'));
  EXPECT_EQ(cell_art(image, 14, 3), glyph_art('A'));
}

TEST(RenderDrcs, MosaicCellsUseTheG1Set) {
  const DrcsGlyph stripes{0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00};
  Screen screen;
  screen.drcs_g1[0x21 - 0x20] = stripes;
  screen.drcs_g0[0x21 - 0x20] = DrcsGlyph{};  // the G0 slot of the same code must not be used
  screen.at(15, 1) = mosaic(0x21);
  screen.at(15, 1).drcs = true;
  const auto art = art_of(screen, 15, 1);
  for (std::size_t y = 0; y < 10; ++y) EXPECT_EQ(art[y], y % 2 == 0 ? "########" : "........") << y;
}

TEST(RenderStatusRow, IndicatorPositionIsNotDrawnFromPageMemory) {
  Screen screen;
  screen.at(0, 38) = letter('F');
  screen.at(0, 39) = letter('C');
  screen.at(0, 40) = letter('D');
  const Image image = render(screen);
  EXPECT_EQ(cell_art(image, 0, 38), glyph_art('F'));
  EXPECT_EQ(cell_art(image, 0, 39), uniform_art('.'));
  EXPECT_EQ(cell_art(image, 0, 40), glyph_art('D'));
}

// Every character the decoder can put in a cell (§5): G0, the G2 symbols and the accented letters VGP5 shows.
std::vector<char32_t> displayable_characters() {
  std::vector<char32_t> all;
  for (char32_t c = 0x20; c <= 0x7E; ++c) all.push_back(c);
  for (int code = 0x20; code <= 0x7F; ++code) {
    if (auto symbol = g2::symbol(static_cast<std::uint8_t>(code))) all.push_back(*symbol);
  }
  for (std::uint8_t accent : {g2::GRAVE, g2::ACUTE, g2::CIRCUMFLEX, g2::DIAERESIS, g2::CEDILLA}) {
    for (char letter = 'a'; letter <= 'z'; ++letter) {
      const char32_t combined = g2::combine(accent, static_cast<std::uint8_t>(letter));
      if (combined != static_cast<char32_t>(letter)) all.push_back(combined);
    }
  }
  return all;
}

TEST(RenderFont, EveryDisplayableCharacterHasItsOwnGlyph) {
  const std::vector<char32_t> all = displayable_characters();
  EXPECT_GE(all.size(), 95U + 15U + 17U);
  Screen screen;
  screen.at(1, 1) = letter(U'\uFFFF');  // not a Minitel character: the fallback box
  for (std::size_t i = 0; i < all.size(); ++i) {
    screen.at(2 + static_cast<int>(i / 40), 1 + static_cast<int>(i % 40)) = letter(all[i]);
  }
  const Image image = render(screen);
  const auto box = cell_art(image, 1, 1);
  EXPECT_GT(ink_count(box), 10);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto art = cell_art(image, 2 + static_cast<int>(i / 40), 1 + static_cast<int>(i % 40));
    EXPECT_NE(art, box) << "U+" << std::hex << static_cast<std::uint32_t>(all[i]) << " falls back to the box";
    if (all[i] != U' ') {
      EXPECT_GT(ink_count(art), 0) << "U+" << std::hex << static_cast<std::uint32_t>(all[i]);
    }
    EXPECT_NE(font::find(all[i]), nullptr);
  }
}

}  // namespace
}  // namespace pavi::videotex
