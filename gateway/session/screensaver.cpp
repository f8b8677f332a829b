// Frames drawn with the videotex encoder; the mosaic of the smiley is cosmetic (the spec fixes only the
// frame's opening bytes, its rows and the blinking caption).
#include "gateway/session/screensaver.hpp"

#include <array>

#include "videotex/encoder.hpp"
#include "videotex/utf8.hpp"

namespace pavi::gateway {

namespace {

using videotex::Colour;
using videotex::encode::Page;

constexpr std::string_view kFrameStart = "\x14\x1f\x40\x41\x18\x0c";  // cursor off, clear row 0, clear page

int uniform(ScreensaverRandom& random, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(random);
}

Colour random_colour(ScreensaverRandom& random) { return static_cast<Colour>(uniform(random, 1, 7)); }

// Five rows of sextants (1 = top left ... 32 = bottom right), four characters wide.
constexpr std::array<std::array<std::uint8_t, 4>, 5> kSmiley = {{
    {{0x38, 0x3f, 0x3f, 0x34}},
    {{0x3f, 0x2b, 0x17, 0x3f}},
    {{0x1f, 0x3f, 0x3f, 0x2f}},
    {{0x3f, 0x34, 0x38, 0x3f}},
    {{0x02, 0x0f, 0x0f, 0x01}},
}};

std::string smiley(ScreensaverRandom& random) {
  const int row = uniform(random, 1, 18);
  const int col = uniform(random, 2, 32);
  Page page;
  page.raw(kFrameStart);
  for (std::size_t line = 0; line < kSmiley.size(); ++line) {
    page.at(row + static_cast<int>(line), col).mosaics().fg(Colour::yellow);
    for (const auto sextants : kSmiley[line]) page.mosaic(sextants);
  }
  const Colour caption = random_colour(random);
  page.at(row + 5, col).alpha().blink().fg(caption).text("Touche mon");
  page.at(row + 6, col).blink().fg(caption).text("clavier!");
  return page.str();
}

std::string caption(std::string_view text, ScreensaverRandom& random) {
  std::u32string shown = videotex::utf8::decode(text).substr(0, 30);
  if (shown.empty()) shown = U"Not set";
  std::string utf8;
  for (const char32_t c : shown) videotex::utf8::append(utf8, c);
  const int row = uniform(random, 1, 24);
  const int col = uniform(random, 1, std::max(1, 40 - static_cast<int>(shown.size())));
  Page page;
  page.raw(kFrameStart).at(row, col).blink().fg(random_colour(random)).text(utf8);
  return page.str();
}

}  // namespace

std::string screensaver_frame(int type, std::string_view text, ScreensaverRandom& random) {
  switch (type) {
    case 1: return "\x01";
    case 2: return smiley(random);
    case 3: return caption(text, random);
    default: return {};
  }
}

bool screensaver_hides_page(int type) { return type == 2 || type == 3; }

void ScreenBuffer::append(std::string_view written) {
  const auto clear = written.rfind('\x0c');
  if (clear == std::string_view::npos) {
    bytes_ += written;
  } else {
    bytes_.assign(written.substr(clear + 1));
  }
}

}  // namespace pavi::gateway
