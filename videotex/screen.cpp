// Zone resolution: a row is scanned from column 1; delimiters open zones, mosaics (and erased cells, which are
// empty mosaics) set the background for the alphanumerics that follow them.
#include "videotex/screen.hpp"

namespace pavi::videotex {

std::array<Appearance, kColumns> Screen::appearance(int row) const {
  std::array<Appearance, kColumns> out{};
  Colour zone_bg = Colour::black;
  bool zone_underline = false;
  bool zone_mask = false;
  for (int col = 1; col <= kColumns; ++col) {
    const Cell& cell = at(row, col);
    Appearance& a = out[static_cast<std::size_t>(col - 1)];
    a.fg = cell.fg;
    switch (cell.kind) {
      case CellKind::delimiter:
        zone_bg = cell.bg, zone_underline = cell.underline, zone_mask = cell.mask;
        a.bg = zone_bg;
        a.inverse = cell.inverse;
        a.masked = zone_mask;
        break;
      case CellKind::mosaic:
      case CellKind::erased:
        zone_bg = cell.bg;
        a.bg = cell.bg;
        a.blink = cell.blink;
        a.underline = cell.underline;
        a.masked = zone_mask && cell.kind == CellKind::mosaic;
        break;
      case CellKind::alpha:
      case CellKind::del:
      case CellKind::error:
        a.bg = zone_bg;
        a.blink = cell.blink;
        a.inverse = cell.inverse;
        a.underline = zone_underline && cell.kind == CellKind::alpha;
        a.masked = zone_mask;
        break;
    }
  }
  return out;
}

}  // namespace pavi::videotex
