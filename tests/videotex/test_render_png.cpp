// PNG output of a rendered screen: libpng encoding (checked by decoding it back with libpng) and file writing,
// whose failures come back as a message, never as an exception.
#include <gtest/gtest.h>
#include <png.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_paths.hpp"
#include "videotex/render.hpp"

namespace pavi::videotex {
namespace {

// Decodes a PNG with libpng's simplified API into 8-bit RGB.
Image decode_png(const std::vector<std::uint8_t>& bytes) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  Image out;
  if (png_image_begin_read_from_memory(&png, bytes.data(), bytes.size()) == 0) return out;
  png.format = PNG_FORMAT_RGB;
  std::vector<std::uint8_t> rgb(PNG_IMAGE_SIZE(png));
  if (png_image_finish_read(&png, nullptr, rgb.data(), 0, nullptr) == 0) return out;
  out.width = static_cast<int>(png.width);
  out.height = static_cast<int>(png.height);
  out.rgb = std::move(rgb);
  return out;
}

// A few cells in several colours, so that a colour or pixel mix-up in the encoding shows.
Screen sample_screen() {
  Screen screen;
  Cell& text = screen.at(1, 1);
  text.kind = CellKind::alpha;
  text.set = CharSet::G0;
  text.glyph = U'P';
  text.code = 'P';
  text.fg = Colour::red;
  Cell& blocks = screen.at(2, 1);
  blocks.kind = CellKind::mosaic;
  blocks.code = 0x35;
  blocks.fg = Colour::yellow;
  blocks.bg = Colour::blue;
  blocks.underline = true;  // separated
  Cell& del = screen.at(24, 40);
  del.kind = CellKind::del;
  del.set = CharSet::G0;
  del.fg = Colour::magenta;
  return screen;
}

TEST(RenderPng, StartsWithThePngSignatureAndRoundTrips) {
  for (bool colour : {false, true}) {
    RenderOptions options;
    options.colour = colour;
    options.scale = 2;
    const Image image = render(sample_screen(), options);
    const std::vector<std::uint8_t> png = encode_png(image);
    const std::vector<std::uint8_t> signature{0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A};
    ASSERT_GT(png.size(), signature.size());
    EXPECT_TRUE(std::equal(signature.begin(), signature.end(), png.begin()));
    const Image decoded = decode_png(png);
    EXPECT_EQ(decoded.width, 640);
    EXPECT_EQ(decoded.height, 500);
    EXPECT_TRUE(decoded.rgb == image.rgb) << "colour=" << colour;
  }
}

TEST(RenderPng, InvalidImageEncodesToNothing) {
  Image bad;
  bad.width = 4;
  bad.height = 4;
  bad.rgb.resize(10);
  EXPECT_TRUE(encode_png(bad).empty());
  EXPECT_TRUE(encode_png(Image{}).empty());
  std::string error;
  EXPECT_FALSE(write_png(bad, (std::filesystem::temp_directory_path() / "pavikit-bad.png").string(), error));
  EXPECT_FALSE(error.empty());
}

TEST(RenderPng, WritePngWritesTheEncodedBytes) {
  const Image image = render(sample_screen());
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("pavikit-render-" + std::to_string(::getpid()) + ".png");
  std::string error = "stale";
  ASSERT_TRUE(write_png(image, path.string(), error)) << error;
  EXPECT_TRUE(error.empty());
  const std::string written = test::read_file(path);
  const std::vector<std::uint8_t> expected = encode_png(image);
  EXPECT_EQ(std::vector<std::uint8_t>(written.begin(), written.end()), expected);
  std::filesystem::remove(path);
}

TEST(RenderPng, UnwritablePathReportsAnErrorWithoutThrowing) {
  const Image image = render(Screen{});
  const std::string path = "/nonexistent-pavikit-dir/sub/screen.png";
  std::string error;
  bool ok = true;
  EXPECT_NO_THROW(ok = write_png(image, path, error));
  EXPECT_FALSE(ok);
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find("No such file"), std::string::npos) << error;
}

}  // namespace
}  // namespace pavi::videotex
