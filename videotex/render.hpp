// Raster rendering of a Screen (8 x 10 pixels per cell, scalable), in Minitel grey levels or colour, and PNG output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "videotex/screen.hpp"

namespace pavi::videotex {

struct RenderOptions {
  int scale = 1;               // 1 gives 320 x 250; values outside 1..16 are clamped
  bool colour = false;         // false: the monochrome Minitel's grey levels
  bool blink_visible = true;   // blink phase: false draws blinking characters as background
  bool reveal_masked = false;  // draw masked zones even while global masking is on
  bool draw_cursor = true;     // when the screen's cursor is visible
};

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // width * height * 3
};

Image render(const Screen& screen, const RenderOptions& options = {});
std::vector<std::uint8_t> encode_png(const Image& image);
// Writes a PNG file; returns false and fills `error` on failure.
bool write_png(const Image& image, const std::string& path, std::string& error);

}  // namespace pavi::videotex
