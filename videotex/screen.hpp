// The Minitel page memory: 25 rows x 40 columns of cells (row 0 = status row), the cursor and display modes,
// and the zone resolution that turns stored cells into what is seen (serial attributes, videotex-terminal.md §8).
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "videotex/codes.hpp"

namespace pavi::videotex {

enum class CellKind : std::uint8_t {
  erased,     // black mosaic delimiter left by FF / CSI erasures / power-on
  alpha,      // G0 or G2 character
  mosaic,     // G1 semigraphic
  delimiter,  // space that validated pending serial attributes
  del,        // 7F obliteration: a block of the foreground colour
  error,      // SUB or parity error block
};

enum class CharSet : std::uint8_t { G0, G1, G2 };

struct Cell {
  char32_t glyph = U' ';      // what an alphanumeric shows (G0 as ASCII, G2 resolved to Unicode)
  std::uint8_t code = 0x20;   // the 7-bit code received (G1 code for mosaics, letter for accented G2)
  CellKind kind = CellKind::erased;
  CharSet set = CharSet::G1;  // erased cells are empty mosaics
  Colour fg = Colour::white;
  Colour bg = Colour::black;  // mosaics, delimiters, erased: the background they carry (alphanumerics take the zone's)
  bool blink = false;
  bool inverse = false;
  bool underline = false;     // delimiter: underline of the zone it opens; mosaic: separated
  bool mask = false;          // delimiter: mask of the zone it opens
  bool drcs = false;          // drawn from a downloaded (DRCS) glyph
  CharSize size = CharSize::normal;
  std::uint8_t part = 0;      // large characters: bit 0 = right half, bit 1 = upper half

  bool operator==(const Cell&) const = default;
};

// The 6-bit sextant value of a G1 code: TL=1 TR=2 ML=4 MR=8 BL=16 BR=32 (code bits 0-4 and bit 6).
constexpr std::uint8_t mosaic_sextants(std::uint8_t code) {
  return static_cast<std::uint8_t>((code & 0x1F) | ((code & 0x40) ? 0x20 : 0));
}

// A cell as it is seen, once the zone (serial) attributes of its row are applied.
struct Appearance {
  Colour fg = Colour::white;
  Colour bg = Colour::black;
  bool blink = false;
  bool inverse = false;
  bool underline = false;  // alphanumerics: zone underline; mosaics: separated
  bool masked = false;     // in a masked zone
};

struct Cursor {
  int row = 1;  // 0..24
  int col = 1;  // 1..40
  bool operator==(const Cursor&) const = default;
};

// An 8 x 10 redefinable character downloaded by a Minitel 2 (one byte per pixel row, bit 7 = leftmost pixel).
using DrcsGlyph = std::array<std::uint8_t, 10>;

struct Screen {
  std::array<std::array<Cell, kColumns>, kRows> cells{};
  Cursor cursor{};
  bool cursor_visible = false;
  CharSet current_set = CharSet::G0;  // G0 or G1
  bool roll_mode = false;
  bool global_mask = true;            // masked zones hidden
  std::array<std::optional<DrcsGlyph>, 96> drcs_g0{};  // indexed by code - 0x20
  std::array<std::optional<DrcsGlyph>, 96> drcs_g1{};

  const Cell& at(int row, int col) const { return cells[static_cast<std::size_t>(row)][static_cast<std::size_t>(col - 1)]; }
  Cell& at(int row, int col) { return cells[static_cast<std::size_t>(row)][static_cast<std::size_t>(col - 1)]; }

  // What each cell of a row looks like (index 0 = column 1).
  std::array<Appearance, kColumns> appearance(int row) const;
  bool operator==(const Screen&) const = default;
};

}  // namespace pavi::videotex
