// Fuzz target: the Videotex decoder and every dump of its screen must survive any byte string, keep the cursor
// on the screen and produce 25 rows of exactly 40 characters.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"
#include "videotex/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pavi::videotex;
  Decoder decoder;
  // The first byte picks how the input is split, so that sequences straddling feed() calls are explored too.
  const std::size_t step = size > 0 ? 1 + data[0] % 7 : 1;
  for (std::size_t i = 0; i < size; i += step) {
    decoder.feed(std::string_view(reinterpret_cast<const char*>(data) + i, std::min(step, size - i)));
  }
  const Screen& screen = decoder.screen();
  if (screen.cursor.row < 0 || screen.cursor.row > 24 || screen.cursor.col < 1 || screen.cursor.col > 40) std::abort();
  for (int row = 0; row < kRows; ++row) {
    if (utf8::length(row_text(screen, row)) != kColumns) std::abort();
  }
  (void)json_dump(screen);
  (void)attribute_dump(screen);
  (void)decoder.take_replies();
  return 0;
}
