// Typed text -> keyboard bytes.
#include "simulators/terminal/keyboard.hpp"

#include "videotex/g2.hpp"
#include "videotex/utf8.hpp"

namespace pavi::sim {

std::string keyboard_bytes(std::string_view utf8_text, bool lowercase_mode, TypeCase letter_case) {
  std::string out;
  for (char32_t ch : videotex::utf8::decode(utf8_text)) {
    if (letter_case == TypeCase::keyboard && !lowercase_mode && ch >= U'a' && ch <= U'z') ch = ch - U'a' + U'A';
    out += videotex::g2::encode_char(ch);
  }
  return out;
}

}  // namespace pavi::sim
