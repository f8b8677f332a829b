// Draws a Screen cell by cell as a Minitel shows it (videotex-terminal.md §1, §5, §8): every cell becomes an 8 x 10
// "ink" bitmap painted in a front and a back colour, so inverse video, hiding (blink, mask) and the cursor are
// all colour or bit swaps on the same shape. PNG output goes through libpng's simplified API, which keeps
// libpng's setjmp error handling inside libpng.
#include "videotex/render.hpp"

#include <png.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <system_error>
#include <type_traits>

#include "videotex/font.hpp"

namespace pavi::videotex {
namespace {

constexpr int kCellWidth = font::kWidth;
constexpr int kCellHeight = font::kHeight;
constexpr int kBaseWidth = kCellWidth * kColumns;  // 320
constexpr int kBaseHeight = kCellHeight * kRows;   // 250
constexpr int kMaxScale = 16;
static_assert(std::is_same_v<font::Bitmap, DrcsGlyph>, "DRCS glyphs are drawn exactly like font glyphs");

struct Rgb {
  std::uint8_t r, g, b;
};

// §1.3: black, red, green, yellow, blue, magenta, cyan, white show as 0 %, 50 %, 70 %, 90 %, 40 %, 60 %, 80 %,
// 100 % grey (8-bit values truncated, as the MiniPavi emulator draws them).
constexpr std::array<std::uint8_t, 8> kGreyLevels{0, 127, 178, 229, 102, 153, 204, 255};
constexpr std::array<Rgb, 8> kColours{{{0, 0, 0},
                                       {255, 0, 0},
                                       {0, 255, 0},
                                       {255, 255, 0},
                                       {0, 0, 255},
                                       {255, 0, 255},
                                       {0, 255, 255},
                                       {255, 255, 255}}};

Rgb rgb_of(Colour colour, bool in_colour) {
  const auto index = static_cast<std::size_t>(colour) & 7U;
  if (in_colour) return kColours[index];
  const std::uint8_t level = kGreyLevels[index];
  return {level, level, level};
}

// Mosaic blocks: two columns of 4 pixels; three bands of 3, 4 and 3 pixel rows.
constexpr std::array<int, 4> kBandStart{0, 3, 7, 10};

// Separated mosaics (§5.3) lose the left column and the bottom row of each block, which leaves a background grid.
font::Bitmap mosaic_bitmap(std::uint8_t sextants, bool separated) {
  font::Bitmap out{};
  for (std::size_t band = 0; band < 3; ++band) {
    const unsigned left_block = 1U << (2 * band);
    const unsigned right_block = left_block << 1;
    std::uint8_t line = 0;
    if ((sextants & left_block) != 0) line |= separated ? 0x70 : 0xF0;
    if ((sextants & right_block) != 0) line |= separated ? 0x07 : 0x0F;
    const int end = kBandStart[band + 1] - (separated ? 1 : 0);
    for (int y = kBandStart[band]; y < end; ++y) out[static_cast<std::size_t>(y)] = line;
  }
  return out;
}

constexpr font::Bitmap kFullBlock{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
// SUB / parity error: a checkerboard, unlike anything a page can draw with text or mosaics.
constexpr font::Bitmap kErrorBlock{0xAA, 0x55, 0xAA, 0x55, 0xAA, 0x55, 0xAA, 0x55, 0xAA, 0x55};

// The quarter or half of `shape` enlarged 2x that one cell of a large character shows
// (part bit 0 = right half, bit 1 = upper half).
font::Bitmap enlarge(const font::Bitmap& shape, bool wide, bool tall, std::uint8_t part) {
  if (!wide && !tall) return shape;
  const int x0 = wide && (part & 1) != 0 ? kCellWidth / 2 : 0;
  const int y0 = tall && (part & 2) == 0 ? kCellHeight / 2 : 0;
  font::Bitmap out{};
  for (int y = 0; y < kCellHeight; ++y) {
    const std::uint8_t source = shape[static_cast<std::size_t>(tall ? y0 + y / 2 : y)];
    std::uint8_t line = 0;
    for (int x = 0; x < kCellWidth; ++x) {
      const int sx = wide ? x0 + x / 2 : x;
      if ((source & (0x80 >> sx)) != 0) line |= static_cast<std::uint8_t>(0x80 >> x);
    }
    out[static_cast<std::size_t>(y)] = line;
  }
  return out;
}

// The downloaded shape a DRCS cell shows, or nullptr when none was downloaded for its code (then the ROM shape).
const DrcsGlyph* downloaded_shape(const Screen& screen, const Cell& cell) {
  if (!cell.drcs || cell.code < 0x20 || cell.code > 0x7F) return nullptr;
  const auto& table = cell.kind == CellKind::mosaic ? screen.drcs_g1 : screen.drcs_g0;
  const auto& slot = table[static_cast<std::size_t>(cell.code - 0x20)];
  return slot ? &*slot : nullptr;
}

struct CellPaint {
  font::Bitmap ink{};  // set bits are drawn in `front`, clear bits in `back`
  Colour front = Colour::white;
  Colour back = Colour::black;
};

CellPaint paint_cell(const Screen& screen, const Cell& cell, const Appearance& look, int col,
                     const RenderOptions& options) {
  // Mosaics have no inverse (§5.3); a delimiter is a space that does take it (§8).
  const bool inverse = look.inverse && cell.kind != CellKind::mosaic && cell.kind != CellKind::erased;
  CellPaint paint;
  paint.front = inverse ? look.bg : look.fg;
  paint.back = inverse ? look.fg : look.bg;

  // Blinking alternates the character with its background, in opposite phase for inverse characters (§8).
  const bool blinked_out = look.blink && options.blink_visible == inverse;
  const bool masked_out = look.masked && screen.global_mask && !options.reveal_masked;
  if (blinked_out || masked_out) return paint;

  // §8: double width at column 40 shows at normal width (double size there as double height).
  const bool wide_size = cell.size == CharSize::double_width || cell.size == CharSize::double_size;
  const bool wide = wide_size && !(col == kColumns && (cell.part & 1) == 0);
  const bool tall = cell.size == CharSize::double_height || cell.size == CharSize::double_size;
  const DrcsGlyph* drcs = downloaded_shape(screen, cell);

  switch (cell.kind) {
    case CellKind::erased:
    case CellKind::delimiter:
      break;
    case CellKind::mosaic:  // G1 has no sizes: mosaics are always one cell
      paint.ink = drcs != nullptr ? *drcs : mosaic_bitmap(mosaic_sextants(cell.code), look.underline);
      break;
    case CellKind::alpha: {
      font::Bitmap shape = drcs != nullptr ? *drcs : font::glyph(cell.glyph);
      if (look.underline) shape[kCellHeight - 1] = 0xFF;  // before enlarging: large characters get a thick line
      paint.ink = enlarge(shape, wide, tall, cell.part);
      break;
    }
    case CellKind::del:
      paint.ink = kFullBlock;
      break;
    case CellKind::error:
      paint.ink = enlarge(kErrorBlock, wide, tall, cell.part);
      break;
  }
  return paint;
}

bool is_valid(const Image& image) {
  return image.width > 0 && image.height > 0 &&
         image.rgb.size() == static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3;
}

}  // namespace

Image render(const Screen& screen, const RenderOptions& options) {
  // Pass 1: one colour per pixel of the 320 x 250 screen.
  std::vector<Colour> pixels(static_cast<std::size_t>(kBaseWidth) * kBaseHeight, Colour::black);
  for (int row = 0; row < kRows; ++row) {
    const std::array<Appearance, kColumns> looks = screen.appearance(row);
    for (int col = 1; col <= kColumns; ++col) {
      CellPaint paint;  // row 0 column 39 is the terminal's own indicator, not page memory (§1.1): left black
      if (row != 0 || col != 39) {
        paint = paint_cell(screen, screen.at(row, col), looks[static_cast<std::size_t>(col - 1)], col, options);
      }
      if (screen.cursor_visible && options.draw_cursor && screen.cursor.row == row && screen.cursor.col == col) {
        for (auto& line : paint.ink) line = static_cast<std::uint8_t>(~line);
      }
      for (int y = 0; y < kCellHeight; ++y) {
        const std::uint8_t line = paint.ink[static_cast<std::size_t>(y)];
        const auto start = static_cast<std::size_t>((row * kCellHeight + y) * kBaseWidth + (col - 1) * kCellWidth);
        for (int x = 0; x < kCellWidth; ++x) {
          pixels[start + static_cast<std::size_t>(x)] = (line & (0x80 >> x)) != 0 ? paint.front : paint.back;
        }
      }
    }
  }

  // Pass 2: RGB, each pixel repeated scale x scale times.
  const int scale = std::clamp(options.scale, 1, kMaxScale);
  Image image;
  image.width = kBaseWidth * scale;
  image.height = kBaseHeight * scale;
  image.rgb.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3);
  const auto row_bytes = static_cast<std::size_t>(image.width) * 3;
  for (int y = 0; y < kBaseHeight; ++y) {
    std::uint8_t* first_line = image.rgb.data() + static_cast<std::size_t>(y * scale) * row_bytes;
    std::uint8_t* out = first_line;
    for (int x = 0; x < kBaseWidth; ++x) {
      const Rgb rgb = rgb_of(pixels[static_cast<std::size_t>(y * kBaseWidth + x)], options.colour);
      for (int i = 0; i < scale; ++i) {
        *out++ = rgb.r;
        *out++ = rgb.g;
        *out++ = rgb.b;
      }
    }
    for (int i = 1; i < scale; ++i) {
      std::memcpy(first_line + static_cast<std::size_t>(i) * row_bytes, first_line, row_bytes);
    }
  }
  return image;
}

std::vector<std::uint8_t> encode_png(const Image& image) {
  if (!is_valid(image)) return {};
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(image.width);
  png.height = static_cast<png_uint_32>(image.height);
  png.format = PNG_FORMAT_RGB;
  png_alloc_size_t size = PNG_IMAGE_PNG_SIZE_MAX(png);
  std::vector<std::uint8_t> out(size);
  const int ok = png_image_write_to_memory(&png, out.data(), &size, 0, image.rgb.data(), 0, nullptr);
  png_image_free(&png);
  if (ok == 0) return {};
  out.resize(size);
  return out;
}

bool write_png(const Image& image, const std::string& path, std::string& error) {
  try {
    const std::vector<std::uint8_t> bytes = encode_png(image);
    if (bytes.empty()) {
      error = "cannot encode a " + std::to_string(image.width) + "x" + std::to_string(image.height) +
              " image with " + std::to_string(image.rgb.size()) + " RGB bytes as PNG";
      return false;
    }
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
      error = "cannot open " + path + " for writing: " + std::generic_category().message(errno);
      return false;
    }
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    const int write_errno = errno;
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
      error = "cannot write " + path + ": " + std::generic_category().message(written ? errno : write_errno);
      return false;
    }
    error.clear();
    return true;
  } catch (const std::exception& e) {
    error = std::string("cannot write ") + path + ": " + e.what();
    return false;
  }
}

}  // namespace pavi::videotex
