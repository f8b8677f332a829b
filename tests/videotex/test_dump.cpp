// Screen dumps (vdt-format.md §5): the worked example of §5.3 byte for byte, then the text layer, attribute layer,
// state line, full dump and JSON dump checked on hand-built screens (so that they do not depend on the decoder).
#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_paths.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace {

using namespace pavi::videotex;
using pavi::test::bytes;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string token(const Screen& screen, int row, int col) {
  const std::vector<std::string> lines = lines_of(attribute_dump(screen));
  if (static_cast<std::size_t>(row) >= lines.size()) return "<missing>";
  const std::string& line = lines[static_cast<std::size_t>(row)];
  const std::size_t at = 4 + static_cast<std::size_t>(col - 1) * 6;
  return line.size() >= at + 5 ? line.substr(at, 5) : "<missing>";
}

std::string two_digits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

std::string blank_text_line(int row) { return two_digits(row) + "|" + std::string(40, ' ') + "|"; }

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

Cell alpha(char32_t glyph, Colour fg = Colour::white) {
  Cell cell;
  cell.kind = CellKind::alpha;
  cell.set = CharSet::G0;
  cell.glyph = glyph;
  cell.code = glyph < 0x80 ? static_cast<std::uint8_t>(glyph) : 0x3F;
  cell.fg = fg;
  return cell;
}

// A G1 cell whose code has the given sextant value (TL=1 TR=2 ML=4 MR=8 BL=16 BR=32 -> code bits 0-4 and 6).
Cell mosaic(int sextants, Colour fg = Colour::white, Colour bg = Colour::black) {
  Cell cell;
  cell.kind = CellKind::mosaic;
  cell.set = CharSet::G1;
  cell.code = static_cast<std::uint8_t>(0x20 | (sextants & 0x1F) | ((sextants & 0x20) ? 0x40 : 0));
  cell.fg = fg;
  cell.bg = bg;
  return cell;
}

Cell delimiter(Colour bg, bool underline = false, bool mask = false) {
  Cell cell;
  cell.kind = CellKind::delimiter;
  cell.set = CharSet::G0;
  cell.bg = bg;
  cell.underline = underline;
  cell.mask = mask;
  return cell;
}

// vdt-format.md §5.3, the worked example: text layer, the listed attribute tokens, the state line.
TEST(Dump, WorkedExampleOfVdtFormat) {
  Decoder decoder;
  decoder.feed(bytes(
      "0C 14 1F 40 41 4D 49 4E 49 50 41 56 49 0A 1F 41 41 1B 44 43 61 66 19 42 65 "
      "1F 42 41 0E 1B 41 7F 12 47 23 0F 1F 43 41 1B 54 20 48 65 6C 6C 6F 1B 50 20 21 "
      "1F 45 45 1B 4E 41 42"));
  const Screen& screen = decoder.screen();

  const std::vector<std::string> text = lines_of(text_dump(screen));
  ASSERT_EQ(text.size(), 25U);
  EXPECT_EQ(text[0], "00|MINIPAVI                                |");
  EXPECT_EQ(text[1], "01|Café                                    |");
  EXPECT_EQ(text[2], "02|████████\U0001FB02                               |");
  EXPECT_EQ(text[3], "03| Hello !                                |");
  EXPECT_EQ(text[4], "04|                                        |");
  EXPECT_EQ(text[5], "05|    AABB                                |");
  for (int row = 6; row < 25; ++row) EXPECT_EQ(text[static_cast<std::size_t>(row)], blank_text_line(row));

  EXPECT_EQ(token(screen, 1, 1), "400n1");
  for (int col = 2; col <= 4; ++col) EXPECT_EQ(token(screen, 1, col), "400n1") << col;  // "af" + é, same blue
  for (int col = 1; col <= 9; ++col) EXPECT_EQ(token(screen, 2, col), "100m1") << col;
  EXPECT_EQ(token(screen, 3, 1), "740d1");
  for (int col = 2; col <= 6; ++col) EXPECT_EQ(token(screen, 3, col), "740n1") << col;
  EXPECT_EQ(token(screen, 3, 7), "700d1");
  EXPECT_EQ(token(screen, 3, 8), "700n1");
  for (int col = 5; col <= 8; ++col) EXPECT_EQ(token(screen, 5, col), "700nw") << col;
  const int written_up_to[] = {0, 4, 9, 8, 0, 8};
  for (int row = 1; row < 25; ++row) {
    for (int col = 1; col <= 40; ++col) {
      const bool written = row <= 5 && col <= written_up_to[row] && !(row == 5 && col < 5);
      if (!written) {
        EXPECT_EQ(token(screen, row, col), "700e1") << row << "," << col;
      }
    }
  }
  EXPECT_EQ(state_line(screen), "CUR row=5 col=9 vis=0 set=G0 mode=page mask=on");
}

// §5.1: 25 lines, "NN|" + exactly 40 characters + "|".
TEST(Dump, TextLayerFraming) {
  const Screen screen;
  const std::vector<std::string> text = lines_of(text_dump(screen));
  ASSERT_EQ(text.size(), 25U);
  for (int row = 0; row < 25; ++row) EXPECT_EQ(text[static_cast<std::size_t>(row)], blank_text_line(row));
  const std::string whole = text_dump(screen);
  EXPECT_EQ(whole.back(), '\n');
}

// §5.1: row 00 column 39 (the terminal's F/C indicator) is always a space.
TEST(Dump, StatusIndicatorColumnIsBlank) {
  Screen screen;
  screen.at(0, 38) = alpha(U'A');
  screen.at(0, 39) = alpha(U'C');
  screen.at(0, 40) = alpha(U'B');
  EXPECT_EQ(row_text(screen, 0), std::string(37, ' ') + "A B");
  screen.at(1, 39) = alpha(U'C');
  EXPECT_EQ(row_text(screen, 1), std::string(38, ' ') + "C ");
}

// §5.1: every sextant value maps to space, █, ▌, ▐ or U+1FB00 + (v - 1) - (v > 21) - (v > 42).
TEST(Dump, SextantMapping) {
  for (int v = 0; v < 64; ++v) {
    Screen screen;
    screen.at(1, 1) = mosaic(v);
    std::string expected;
    if (v == 0) expected = " ";
    else if (v == 63) expected = "\u2588";
    else if (v == 21) expected = "\u258C";
    else if (v == 42) expected = "\u2590";
    else expected = utf8(static_cast<char32_t>(0x1FB00 + (v - 1) - (v > 21 ? 1 : 0) - (v > 42 ? 1 : 0)));
    EXPECT_EQ(row_text(screen, 1), expected + std::string(39, ' ')) << v;
  }
}

// §5.1: DEL -> █, error block -> ▒, delimiters and erased cells -> space, G2 letters as Unicode.
TEST(Dump, SpecialCells) {
  Screen screen;
  Cell del;
  del.kind = CellKind::del;
  del.set = CharSet::G0;
  del.code = 0x7F;
  Cell error;
  error.kind = CellKind::error;
  error.set = CharSet::G0;
  Cell accented = alpha(U'é');
  accented.set = CharSet::G2;
  accented.code = 'e';
  screen.at(1, 1) = del;
  screen.at(1, 2) = error;
  screen.at(1, 3) = delimiter(Colour::blue);
  screen.at(1, 4) = accented;
  EXPECT_EQ(row_text(screen, 1), "\u2588\u2592 é" + std::string(36, ' '));
}

// §5.1: "display-exact" shows 5E as ↑ and 60 as —; the default is ASCII-exact.
TEST(Dump, DisplayExactOption) {
  Screen screen;
  screen.at(1, 1) = alpha(U'^');
  screen.at(1, 2) = alpha(U'`');
  EXPECT_EQ(row_text(screen, 1).substr(0, 2), "^`");
  TextDumpOptions exact;
  exact.display_exact = true;
  EXPECT_EQ(row_text(screen, 1, exact).substr(0, 6), "\u2191\u2014");
}

// §5.1: the ASCII-only mode uses '#' for any non-empty mosaic (dump.hpp: '?' for other non-ASCII glyphs).
TEST(Dump, AsciiOnlyOption) {
  Screen screen;
  screen.at(1, 1) = mosaic(63);
  screen.at(1, 2) = mosaic(0);
  screen.at(1, 3) = mosaic(5);
  Cell accented = alpha(U'é');
  accented.set = CharSet::G2;
  screen.at(1, 4) = accented;
  TextDumpOptions ascii;
  ascii.ascii_only = true;
  EXPECT_EQ(row_text(screen, 1, ascii), "# #?" + std::string(36, ' '));
}

// §5.1: the "visual" variant replaces masked cells by spaces while global masking is on.
TEST(Dump, HideMaskedOption) {
  Screen screen;
  screen.at(1, 1) = delimiter(Colour::black, false, true);
  screen.at(1, 2) = alpha(U'S');
  screen.at(1, 3) = delimiter(Colour::black);
  screen.at(1, 4) = alpha(U'V');
  TextDumpOptions visual;
  visual.hide_masked = true;
  EXPECT_EQ(row_text(screen, 1), " S V" + std::string(36, ' '));
  EXPECT_EQ(row_text(screen, 1, visual), "   V" + std::string(36, ' '));
  screen.global_mask = false;
  EXPECT_EQ(row_text(screen, 1, visual), " S V" + std::string(36, ' '));
}

// dump.hpp: row_numbers = false gives the bare 40 characters per row.
TEST(Dump, WithoutRowNumbers) {
  Screen screen;
  screen.at(2, 1) = alpha(U'Z');
  TextDumpOptions bare;
  bare.row_numbers = false;
  const std::vector<std::string> text = lines_of(text_dump(screen, bare));
  ASSERT_EQ(text.size(), 25U);
  EXPECT_EQ(text[2], "Z" + std::string(39, ' '));
  EXPECT_EQ(text[0], std::string(40, ' '));
}

// §5.2: the attribute layer, "Arr|" + 40 tokens separated by spaces.
TEST(Dump, AttributeLayerFormat) {
  const Screen screen;
  const std::vector<std::string> lines = lines_of(attribute_dump(screen));
  ASSERT_EQ(lines.size(), 25U);
  std::string erased_row;
  for (int col = 1; col <= 40; ++col) erased_row += col == 1 ? "700e1" : " 700e1";
  EXPECT_EQ(lines[7], "A07|" + erased_row);
  EXPECT_EQ(lines[24], "A24|" + erased_row);
}

// §5.2: foreground, effective (zone) background, flags, kind and size of hand-built cells.
TEST(Dump, AttributeTokens) {
  Screen screen;
  Cell fancy = alpha(U'A', Colour::red);
  fancy.blink = true;
  fancy.inverse = true;
  screen.at(1, 1) = fancy;                                            // 1 0 (1+2) n 1
  screen.at(1, 2) = delimiter(Colour::green, true, true);             // opens a green, underlined, masked zone
  screen.at(1, 3) = alpha(U'B', Colour::yellow);                      // 3 2 (4+8) n 1
  Cell separated = mosaic(63, Colour::cyan, Colour::magenta);
  separated.underline = true;
  screen.at(3, 1) = separated;                                        // 6 5 4 m 1 (separated)
  screen.at(3, 2) = alpha(U'C');                                      // after a mosaic: its background
  Cell del;
  del.kind = CellKind::del;
  del.set = CharSet::G0;
  del.fg = Colour::blue;
  screen.at(3, 3) = del;
  Cell error;
  error.kind = CellKind::error;
  error.set = CharSet::G0;
  screen.at(3, 4) = error;
  Cell wide = alpha(U'W');
  wide.size = CharSize::double_width;
  screen.at(2, 1) = wide;
  Cell tall = alpha(U'T');
  tall.size = CharSize::double_height;
  screen.at(2, 3) = tall;
  Cell big = alpha(U'S');
  big.size = CharSize::double_size;
  screen.at(2, 4) = big;

  EXPECT_EQ(token(screen, 1, 1), "103n1");
  std::string zoned = token(screen, 1, 3);
  zoned[2] = static_cast<char>(std::toupper(static_cast<unsigned char>(zoned[2])));  // hex digit case is free
  EXPECT_EQ(zoned, "32Cn1");
  EXPECT_EQ(token(screen, 1, 2)[1], '2');
  EXPECT_EQ(token(screen, 1, 2)[3], 'd');
  EXPECT_EQ(token(screen, 3, 1), "654m1");
  EXPECT_EQ(token(screen, 3, 2), "750n1");
  EXPECT_EQ(token(screen, 3, 3), "450x1");
  EXPECT_EQ(token(screen, 3, 4), "750!1");
  EXPECT_EQ(token(screen, 2, 1), "700nw");
  EXPECT_EQ(token(screen, 2, 3), "700nh");
  EXPECT_EQ(token(screen, 2, 4), "700ns");
  EXPECT_EQ(token(screen, 2, 5), "700e1");
}

// §5.2: the state line.
TEST(Dump, StateLine) {
  Screen screen;
  EXPECT_EQ(state_line(screen), "CUR row=1 col=1 vis=0 set=G0 mode=page mask=on");
  screen.cursor = {0, 40};
  screen.cursor_visible = true;
  screen.current_set = CharSet::G1;
  screen.roll_mode = true;
  screen.global_mask = false;
  EXPECT_EQ(state_line(screen), "CUR row=0 col=40 vis=1 set=G1 mode=roll mask=off");
}

// dump.hpp: the golden-file format holds the three parts in order.
TEST(Dump, FullDumpHoldsAllLayersInOrder) {
  Screen screen;
  screen.at(3, 3) = alpha(U'Q', Colour::green);
  screen.cursor = {3, 4};
  const std::string full = full_dump(screen);
  const std::size_t text_at = full.find(text_dump(screen));
  const std::size_t attributes_at = full.find(attribute_dump(screen));
  const std::size_t state_at = full.find(state_line(screen));
  ASSERT_NE(text_at, std::string::npos);
  ASSERT_NE(attributes_at, std::string::npos);
  ASSERT_NE(state_at, std::string::npos);
  EXPECT_LT(text_at, attributes_at);
  EXPECT_LT(attributes_at, state_at);
}

// Issue §2 "A JSON dump with per-cell character, charset, colours, size and flags"; dump.hpp shows its shape.
TEST(Dump, JsonDumpParses) {
  Screen screen;
  screen.at(1, 1) = alpha(U'A', Colour::red);
  Cell accented = alpha(U'é');
  accented.set = CharSet::G2;
  screen.at(1, 2) = accented;
  screen.at(2, 1) = mosaic(63, Colour::green);
  screen.cursor = {2, 2};
  for (const bool pretty : {false, true}) {
    const nlohmann::json json = nlohmann::json::parse(json_dump(screen, pretty));
    ASSERT_TRUE(json.contains("rows"));
    ASSERT_EQ(json["rows"].size(), 25U);
    for (const auto& row : json["rows"]) EXPECT_EQ(row.size(), 40U);
    EXPECT_EQ(json["rows"][1][0]["char"], "A");
    EXPECT_EQ(json["rows"][1][0]["set"], "G0");
    EXPECT_EQ(json["rows"][1][0]["fg"], 1);
    EXPECT_EQ(json["rows"][1][1]["char"], "é");
    EXPECT_EQ(json["rows"][2][0]["set"], "G1");
    EXPECT_EQ(json["rows"][2][0]["fg"], 2);
    ASSERT_TRUE(json.contains("cursor"));
    EXPECT_EQ(json["cursor"]["row"], 2);
    EXPECT_EQ(json["cursor"]["col"], 2);
  }
}

// dump.hpp: the ANSI view without colours still shows the text.
TEST(Dump, AnsiDumpShowsText) {
  Screen screen;
  for (int col = 1; col <= 5; ++col) screen.at(4, col) = alpha(static_cast<char32_t>("Hello"[col - 1]));
  EXPECT_NE(ansi_dump(screen, false).find("Hello"), std::string::npos);
  EXPECT_FALSE(ansi_dump(screen, true).empty());
}

}  // namespace
