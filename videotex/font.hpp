// The Minitel character shapes the renderer draws: PaviKit's own 8 x 10 bitmap font.
//
// Why our own drawing rather than a Debian console font converted at build time: the Minitel cell is 8 x 10, which
// no Debian console font has (they are 8 x 8, 8 x 14, 8 x 16...), so a converted font would be rescaled or cropped
// and look less like a Minitel than a hand-drawn one; it would also add a build step and a package. The repertoire
// is small and fixed (what a VGP5 Minitel can show: printable ASCII with 5E drawn as an up arrow and 60 as a
// horizontal bar, the 15 accented letters and the G2 symbols), so drawing it as text art in font.cpp is cheap,
// readable and reviewable. The shapes are checked when font.cpp compiles (a malformed sheet does not build).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace pavi::videotex::font {

inline constexpr int kWidth = 8;
inline constexpr int kHeight = 10;

// One byte per pixel row, top row first, bit 7 = leftmost pixel (the layout of a downloaded DRCS glyph).
// Capitals and digits use rows 1-7, lowercase rows 3-7 with accents above and descenders on rows 8-9.
using Bitmap = std::array<std::uint8_t, kHeight>;

// The shape of `ch`, or nullptr when the font does not draw it.
const Bitmap* find(char32_t ch);
// The shape of `ch`; characters the font does not draw get the fallback box.
const Bitmap& glyph(char32_t ch);
// An outlined box: what an unknown character looks like, so that a gap in the font is visible.
const Bitmap& fallback();
// Every character the font draws, in increasing code point order.
std::vector<char32_t> repertoire();

}  // namespace pavi::videotex::font
