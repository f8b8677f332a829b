// The G2 supplementary set: accents and symbols reached with SS2 (19 xx), in both directions.
//   display side: what a Minitel (VGP5) shows for SS2 sequences;
//   encode side: Unicode text -> Videotex bytes, as services and the gateway send it;
//   content side: typed bytes -> Unicode, exactly as MiniPavi 1.6 converts `PAVI.content` (service-protocol.md §2.4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pavi::videotex::g2 {

inline constexpr std::uint8_t GRAVE = 0x41;
inline constexpr std::uint8_t ACUTE = 0x42;
inline constexpr std::uint8_t CIRCUMFLEX = 0x43;
inline constexpr std::uint8_t DIAERESIS = 0x48;
inline constexpr std::uint8_t CEDILLA = 0x4B;

// True for the five non-spacing diacritics that combine with the next G0 letter.
bool is_accent(std::uint8_t code);
// The glyph of a spacing G2 code (£ ← ° ¼ Œ β ...); nullopt when the code is outside the repertoire
// (the terminal then shows a low bar).
std::optional<char32_t> symbol(std::uint8_t code);
// What the terminal shows for accent + letter: the accented letter when VGP5 has it (à â ä é è ê ë î ï ö ô ù û ü ç),
// otherwise the letter alone (STUM 1B: no accented capitals).
char32_t combine(std::uint8_t accent, std::uint8_t letter);

// Videotex bytes for one Unicode character: itself for printable ASCII, SS2 sequences for accents and symbols,
// a close ASCII stand-in for common typography (’ « — … €), '?' for anything else. Controls give "".
std::string encode_char(char32_t ch);
// Videotex bytes for a UTF-8 string (invalid UTF-8 becomes '?').
std::string encode(std::string_view utf8_text);

// How typed input is turned into the Unicode `content` a service receives.
enum class ContentTable {
  minipavi,   // byte for byte as MiniPavi 1.6, including its (Q) faults: 19 48 69 gives "î", 19 2F stays raw (C-021)
  corrected,  // same table with ï and ↓ decoded properly
};
// Converts typed bytes (G2 sequences) to valid UTF-8: the table, then leftover accent pairs and a trailing lone
// SS2 deleted, then invalid UTF-8 replaced by '?'.
std::string decode_content(std::string_view typed, ContentTable table = ContentTable::minipavi);

}  // namespace pavi::videotex::g2
