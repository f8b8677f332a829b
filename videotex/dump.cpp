// Screen dumps (vdt-format.md §5): text layer with sextant mosaics, attribute layer, state line, JSON and ANSI.
#include "videotex/dump.hpp"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "videotex/utf8.hpp"

namespace pavi::videotex {
namespace {

constexpr char32_t kFullBlock = U'\u2588';
constexpr char32_t kShade = U'\u2592';

char32_t sextant_char(std::uint8_t v) {
  if (v == 0) return U' ';
  if (v == 63) return kFullBlock;
  if (v == 21) return U'\u258C';  // left half
  if (v == 42) return U'\u2590';  // right half
  return static_cast<char32_t>(0x1FB00 + (v - 1) - (v > 21 ? 1 : 0) - (v > 42 ? 1 : 0));
}

// The character a dump shows for a cell (before masking), in UTF-32.
char32_t cell_char(const Cell& cell, const TextDumpOptions& options) {
  switch (cell.kind) {
    case CellKind::erased:
    case CellKind::delimiter:
      return U' ';
    case CellKind::del:
      return options.ascii_only ? U'#' : kFullBlock;
    case CellKind::error:
      return options.ascii_only ? U'?' : kShade;
    case CellKind::mosaic: {
      const std::uint8_t v = mosaic_sextants(cell.code);
      if (options.ascii_only) return v == 0 ? U' ' : U'#';
      return sextant_char(v);
    }
    case CellKind::alpha:
      break;
  }
  char32_t glyph = cell.glyph;
  if (options.display_exact && cell.set == CharSet::G0) {
    if (glyph == U'^') glyph = U'\u2191';
    if (glyph == U'`') glyph = U'\u2014';
  }
  if (options.ascii_only && glyph > 0x7E) return U'?';
  return glyph;
}

char kind_letter(CellKind kind) {
  switch (kind) {
    case CellKind::erased: return 'e';
    case CellKind::alpha: return 'n';
    case CellKind::mosaic: return 'm';
    case CellKind::delimiter: return 'd';
    case CellKind::del: return 'x';
    case CellKind::error: return '!';
  }
  return '?';
}

char size_letter(CharSize size) {
  switch (size) {
    case CharSize::normal: return '1';
    case CharSize::double_width: return 'w';
    case CharSize::double_height: return 'h';
    case CharSize::double_size: return 's';
  }
  return '?';
}

std::string_view set_name(CharSet set) {
  switch (set) {
    case CharSet::G0: return "G0";
    case CharSet::G1: return "G1";
    case CharSet::G2: return "G2";
  }
  return "?";
}

int flags_of(const Appearance& a) {
  return (a.blink ? 1 : 0) | (a.inverse ? 2 : 0) | (a.underline ? 4 : 0) | (a.masked ? 8 : 0);
}

struct Rgb {
  int r, g, b;
};

Rgb colour_rgb(Colour c) {
  static constexpr std::array<Rgb, 8> kColours{{{0, 0, 0},
                                                {230, 40, 40},
                                                {40, 200, 40},
                                                {230, 230, 40},
                                                {50, 70, 230},
                                                {220, 50, 220},
                                                {50, 220, 220},
                                                {255, 255, 255}}};
  return kColours[static_cast<std::size_t>(c)];
}

}  // namespace

std::string row_text(const Screen& screen, int row, const TextDumpOptions& options) {
  const auto looks = screen.appearance(row);
  std::string out;
  for (int col = 1; col <= kColumns; ++col) {
    const Appearance& a = looks[static_cast<std::size_t>(col - 1)];
    char32_t ch = cell_char(screen.at(row, col), options);
    if (row == 0 && col == 39) ch = U' ';  // the terminal's own F/C indicator
    if (options.hide_masked && screen.global_mask && a.masked) ch = U' ';
    utf8::append(out, ch);
  }
  return out;
}

std::string text_dump(const Screen& screen, const TextDumpOptions& options) {
  std::string out;
  for (int row = 0; row < kRows; ++row) {
    if (options.row_numbers) {
      char prefix[8];
      std::snprintf(prefix, sizeof prefix, "%02d|", row);
      out += prefix;
    }
    out += row_text(screen, row, options);
    out += options.row_numbers ? "|\n" : "\n";
  }
  return out;
}

std::string attribute_dump(const Screen& screen) {
  std::string out;
  for (int row = 0; row < kRows; ++row) {
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "A%02d|", row);
    out += prefix;
    const auto looks = screen.appearance(row);
    for (int col = 1; col <= kColumns; ++col) {
      const Cell& cell = screen.at(row, col);
      const Appearance& a = looks[static_cast<std::size_t>(col - 1)];
      char token[16];
      std::snprintf(token, sizeof token, "%d%d%X%c%c", static_cast<int>(a.fg), static_cast<int>(a.bg), flags_of(a),
                    kind_letter(cell.kind), size_letter(cell.size));
      if (col > 1) out += ' ';
      out += token;
    }
    out += '\n';
  }
  return out;
}

std::string state_line(const Screen& screen) {
  char line[128];
  std::snprintf(line, sizeof line, "CUR row=%d col=%d vis=%d set=%s mode=%s mask=%s", screen.cursor.row,
                screen.cursor.col, screen.cursor_visible ? 1 : 0, screen.current_set == CharSet::G1 ? "G1" : "G0",
                screen.roll_mode ? "roll" : "page", screen.global_mask ? "on" : "off");
  return line;
}

std::string full_dump(const Screen& screen) {
  return text_dump(screen) + attribute_dump(screen) + state_line(screen) + "\n";
}

std::string json_dump(const Screen& screen, bool pretty) {
  using nlohmann::json;
  json rows = json::array();
  for (int row = 0; row < kRows; ++row) {
    const auto looks = screen.appearance(row);
    json cells = json::array();
    for (int col = 1; col <= kColumns; ++col) {
      const Cell& cell = screen.at(row, col);
      const Appearance& a = looks[static_cast<std::size_t>(col - 1)];
      const char32_t ch = row == 0 && col == 39 ? U' ' : cell_char(cell, {});
      json j = {{"char", utf8::encode(ch)},
                {"code", cell.code},
                {"set", set_name(cell.set)},
                {"kind", std::string(1, kind_letter(cell.kind))},
                {"fg", static_cast<int>(a.fg)},
                {"bg", static_cast<int>(a.bg)},
                {"size", std::string(1, size_letter(cell.size))},
                {"part", cell.part},
                {"blink", a.blink},
                {"inverse", a.inverse},
                {"underline", a.underline},
                {"masked", a.masked},
                {"drcs", cell.drcs}};
      if (cell.kind == CellKind::mosaic) j["sextants"] = mosaic_sextants(cell.code);
      cells.push_back(std::move(j));
    }
    rows.push_back(std::move(cells));
  }
  const json out = {{"cursor", {{"row", screen.cursor.row}, {"col", screen.cursor.col}, {"visible", screen.cursor_visible}}},
                    {"set", set_name(screen.current_set)},
                    {"mode", screen.roll_mode ? "roll" : "page"},
                    {"mask", screen.global_mask},
                    {"rows", std::move(rows)}};
  return out.dump(pretty ? 2 : -1);
}

std::string ansi_dump(const Screen& screen, bool colour) {
  std::string out;
  for (int row = 0; row < kRows; ++row) {
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%02d|", row);
    out += prefix;
    const auto looks = screen.appearance(row);
    for (int col = 1; col <= kColumns; ++col) {
      const Cell& cell = screen.at(row, col);
      const Appearance& a = looks[static_cast<std::size_t>(col - 1)];
      char32_t ch = row == 0 && col == 39 ? U' ' : cell_char(cell, {});
      if (screen.global_mask && a.masked) ch = U' ';
      if (colour) {
        const Rgb fg = colour_rgb(a.inverse ? a.bg : a.fg);
        const Rgb bg = colour_rgb(a.inverse ? a.fg : a.bg);
        char sgr[64];
        std::snprintf(sgr, sizeof sgr, "\x1B[38;2;%d;%d;%d;48;2;%d;%d;%d%s%sm", fg.r, fg.g, fg.b, bg.r, bg.g, bg.b,
                      a.underline && cell.kind == CellKind::alpha ? ";4" : "", a.blink ? ";5" : "");
        out += sgr;
      }
      utf8::append(out, ch);
      if (colour) out += "\x1B[0m";
    }
    out += "|\n";
  }
  return out;
}

}  // namespace pavi::videotex
