// The project's 8 x 10 font: each character has its own shape, accents sit on their letters, letters never touch,
// and anything the font lacks is a visible box. (That every character a Minitel shows is drawn: test_render.cpp.)
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "videotex/font.hpp"

namespace pavi::videotex {
namespace {

int ink(const font::Bitmap& bitmap) {
  int n = 0;
  for (std::uint8_t row : bitmap) n += std::popcount(row);
  return n;
}

std::string hex(char32_t ch) {
  char text[16];
  std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(ch));
  return text;
}

TEST(Font, UnknownCharactersGetTheFallbackBox) {
  EXPECT_EQ(font::find(U'\u4E00'), nullptr);
  EXPECT_EQ(&font::glyph(U'\u4E00'), &font::fallback());
  EXPECT_EQ(&font::glyph(U'\u00C9'), &font::fallback());  // É: STUM 1B has no accented capitals
  EXPECT_GT(ink(font::fallback()), 10);
  EXPECT_EQ(&font::glyph(U'A'), font::find(U'A'));
  EXPECT_EQ(ink(font::glyph(U' ')), 0);  // the space is drawn (blank), not the box
  EXPECT_GT(ink(font::glyph(U'A')), 10);
}

TEST(Font, GlyphsAreDistinct) {
  // Only the Minitel's own same-shape pairs (§5.1: 5E is shown as ↑, 60 as —) may share a bitmap.
  const std::vector<char32_t> all = font::repertoire();
  ASSERT_TRUE(std::is_sorted(all.begin(), all.end()));
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      const bool same_shape = (all[i] == U'^' && all[j] == U'↑') || (all[i] == U'`' && all[j] == U'—');
      EXPECT_EQ(*font::find(all[i]) == *font::find(all[j]), same_shape) << hex(all[i]) << " " << hex(all[j]);
    }
  }
}

TEST(Font, AccentedLettersAreTheirLetterWithAnAccent) {
  const std::vector<std::pair<char32_t, char32_t>> pairs{
      {U'à', U'a'}, {U'â', U'a'}, {U'ä', U'a'}, {U'é', U'e'}, {U'è', U'e'}, {U'ê', U'e'}, {U'ë', U'e'},
      {U'ö', U'o'}, {U'ô', U'o'}, {U'ù', U'u'}, {U'û', U'u'}, {U'ü', U'u'}, {U'ç', U'c'}};
  for (const auto& [accented, plain] : pairs) {
    const font::Bitmap& with = font::glyph(accented);
    const font::Bitmap& without = font::glyph(plain);
    EXPECT_GT(ink(with), ink(without)) << hex(accented);
    for (std::size_t y = 0; y < with.size(); ++y) {
      EXPECT_EQ(with[y] & without[y], without[y]) << hex(accented) << " row " << y;
    }
  }
}

TEST(Font, CharactersLeaveTheRightColumnBlankSoTheyNeverTouch) {
  for (char32_t ch : font::repertoire()) {
    // The bars (5F low, 60 = — middle) span the cell so that runs of them join; the fractions need the width.
    if (ch == U'_' || ch == U'`' || ch == U'—' || ch == U'¼' || ch == U'½' || ch == U'¾') continue;
    for (std::uint8_t row : font::glyph(ch)) EXPECT_EQ(row & 0x01, 0) << hex(ch);
  }
}

}  // namespace
}  // namespace pavi::videotex
