// Screensaver frames (gateway-behaviour.md §9) and the screen buffer that restores the page on wake-up
// (C-117, C-118, C-068).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace pavi::gateway {

// One frame of screensaver `type` (1: a keep-alive 01 byte; 2: a smiley at a random place; 3: `text` blinking
// at a random place, first 30 characters, "Not set" when empty). Type 0, or any other, gives "".
// A small engine: one lives in every session (std::mt19937 would cost 5 kB each).
using ScreensaverRandom = std::minstd_rand;
std::string screensaver_frame(int type, std::string_view text, ScreensaverRandom& random);

// Types 2 and 3 draw over the page, so the next key must restore it first (C-118).
bool screensaver_hides_page(int type);

// What the terminal shows, as bytes: everything written since the last clear (0C), so that `0C` + contents()
// redraws the page. Screensaver frames are not added to it.
class ScreenBuffer {
 public:
  void append(std::string_view written);
  const std::string& contents() const { return bytes_; }
  std::string restore() const { return "\x0c" + bytes_; }

 private:
  std::string bytes_;
};

}  // namespace pavi::gateway
