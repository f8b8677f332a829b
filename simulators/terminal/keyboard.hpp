// What a Minitel keyboard sends for typed text (videotex-terminal.md §9): letters in the keyboard's case,
// accents and symbols as G2 sequences (videotex::g2::encode).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pavi::sim {

enum class TypeCase : std::uint8_t {
  // As the keys are pressed without shift: ASCII letters are sent in upper case unless the keyboard is in
  // lower-case mode (PRO2 START 45); in lower-case mode they are sent as written (shift gives capitals).
  keyboard,
  // Letters exactly as written, as if shift were used where needed.
  exact,
};

// Accented letters keep their base letter as written (é -> 19 42 65: accent key, then the letter), whatever the
// case mode. Control characters are not keys and are dropped: use press() or a raw send for them.
std::string keyboard_bytes(std::string_view utf8_text, bool lowercase_mode, TypeCase letter_case = TypeCase::keyboard);

}  // namespace pavi::sim
