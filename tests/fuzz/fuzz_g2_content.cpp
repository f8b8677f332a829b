// Fuzz target: MiniPavi's content conversion must turn any typed bytes into valid UTF-8, with either table.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "videotex/g2.hpp"
#include "videotex/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pavi::videotex;
  const std::string_view typed(reinterpret_cast<const char*>(data), size);
  for (auto table : {g2::ContentTable::minipavi, g2::ContentTable::corrected}) {
    const std::string text = g2::decode_content(typed, table);
    if (utf8::sanitise(text) != text) std::abort();
  }
  (void)g2::encode(typed);
  return 0;
}
