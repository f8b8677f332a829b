// G2 tables (videotex-terminal.md §5.2, service-protocol.md §2.4).
#include "videotex/g2.hpp"

#include <array>

#include "videotex/codes.hpp"
#include "videotex/utf8.hpp"

namespace pavi::videotex::g2 {
namespace {

struct Symbol {
  std::uint8_t code;
  char32_t glyph;
};
constexpr std::array<Symbol, 17> kSymbols{{{0x23, U'£'},
                                           {0x24, U'$'},
                                           {0x26, U'#'},
                                           {0x27, U'§'},
                                           {0x2C, U'←'},
                                           {0x2D, U'↑'},
                                           {0x2E, U'→'},
                                           {0x2F, U'↓'},
                                           {0x30, U'°'},
                                           {0x31, U'±'},
                                           {0x38, U'÷'},
                                           {0x3C, U'¼'},
                                           {0x3D, U'½'},
                                           {0x3E, U'¾'},
                                           {0x6A, U'Œ'},
                                           {0x7A, U'œ'},
                                           {0x7B, U'β'}}};

struct Accented {
  std::uint8_t accent;
  char letter;
  char32_t glyph;
};
// What a VGP5 Minitel can display.
constexpr std::array<Accented, 15> kDisplayable{{{GRAVE, 'a', U'à'},
                                                 {CIRCUMFLEX, 'a', U'â'},
                                                 {DIAERESIS, 'a', U'ä'},
                                                 {ACUTE, 'e', U'é'},
                                                 {GRAVE, 'e', U'è'},
                                                 {CIRCUMFLEX, 'e', U'ê'},
                                                 {DIAERESIS, 'e', U'ë'},
                                                 {CIRCUMFLEX, 'i', U'î'},
                                                 {DIAERESIS, 'i', U'ï'},
                                                 {DIAERESIS, 'o', U'ö'},
                                                 {CIRCUMFLEX, 'o', U'ô'},
                                                 {GRAVE, 'u', U'ù'},
                                                 {CIRCUMFLEX, 'u', U'û'},
                                                 {DIAERESIS, 'u', U'ü'},
                                                 {CEDILLA, 'c', U'ç'}}};

// Letters a service may send: every grave/acute/circumflex/diaeresis vowel in both cases, and the cedilla.
struct Decomposition {
  char32_t glyph;
  std::uint8_t accent;
  char letter;
};
constexpr std::array<Decomposition, 42> kEncodable{{
    {U'à', GRAVE, 'a'},      {U'á', ACUTE, 'a'},      {U'â', CIRCUMFLEX, 'a'}, {U'ä', DIAERESIS, 'a'},
    {U'è', GRAVE, 'e'},      {U'é', ACUTE, 'e'},      {U'ê', CIRCUMFLEX, 'e'}, {U'ë', DIAERESIS, 'e'},
    {U'ì', GRAVE, 'i'},      {U'í', ACUTE, 'i'},      {U'î', CIRCUMFLEX, 'i'}, {U'ï', DIAERESIS, 'i'},
    {U'ò', GRAVE, 'o'},      {U'ó', ACUTE, 'o'},      {U'ô', CIRCUMFLEX, 'o'}, {U'ö', DIAERESIS, 'o'},
    {U'ù', GRAVE, 'u'},      {U'ú', ACUTE, 'u'},      {U'û', CIRCUMFLEX, 'u'}, {U'ü', DIAERESIS, 'u'},
    {U'À', GRAVE, 'A'},      {U'Á', ACUTE, 'A'},      {U'Â', CIRCUMFLEX, 'A'}, {U'Ä', DIAERESIS, 'A'},
    {U'È', GRAVE, 'E'},      {U'É', ACUTE, 'E'},      {U'Ê', CIRCUMFLEX, 'E'}, {U'Ë', DIAERESIS, 'E'},
    {U'Ì', GRAVE, 'I'},      {U'Í', ACUTE, 'I'},      {U'Î', CIRCUMFLEX, 'I'}, {U'Ï', DIAERESIS, 'I'},
    {U'Ò', GRAVE, 'O'},      {U'Ó', ACUTE, 'O'},      {U'Ô', CIRCUMFLEX, 'O'}, {U'Ö', DIAERESIS, 'O'},
    {U'Ù', GRAVE, 'U'},      {U'Ú', ACUTE, 'U'},      {U'Û', CIRCUMFLEX, 'U'}, {U'Ü', DIAERESIS, 'U'},
    {U'ç', CEDILLA, 'c'},    {U'Ç', CEDILLA, 'c'},  // MiniPavi sends Ç as ç (service-protocol.md §2.4)
}};

struct Fallback {
  char32_t glyph;
  std::string_view text;
};
constexpr std::array<Fallback, 22> kFallbacks{{{U'\u00A0', " "}, {U'\u2018', "'"}, {U'\u2019', "'"},
                                               {U'\u201C', "\""}, {U'\u201D', "\""}, {U'«', "\""},
                                               {U'»', "\""},      {U'\u2013', "-"},  {U'\u2014', "-"},
                                               {U'…', "..."},     {U'€', "EUR"},     {U'ñ', "n"},
                                               {U'Ñ', "N"},       {U'ÿ', "y"},       {U'Ÿ', "Y"},
                                               {U'æ', "ae"},      {U'Æ', "AE"},      {U'ø', "o"},
                                               {U'Ø', "O"},       {U'å', "a"},       {U'Å', "A"},
                                               {U'×', "x"}}};

std::string ss2(std::uint8_t code) { return {static_cast<char>(c0::SS2), static_cast<char>(code)}; }

// MiniPavi 1.6's content table, in its own order (service-protocol.md §2.4).
struct ContentEntry {
  std::string_view typed;
  std::string_view utf8;
};
constexpr std::array<ContentEntry, 38> kContentTable{{
    {"\x19\x42\x65", "é"}, {"\x19\x41\x65", "è"}, {"\x19\x41\x61", "à"}, {"\x19\x4B\x63", "ç"},
    {"\x19\x43\x65", "ê"}, {"\x19\x42\x45", "É"}, {"\x19\x41\x45", "È"}, {"\x19\x41\x41", "À"},
    {"\x19\x43\x45", "Ê"}, {"\x19\x7B", "β"},     {"\x19\x7A", "œ"},     {"\x19\x6A", "Œ"},
    {"\x19\x48\x75", "ü"}, {"\x19\x43\x75", "û"}, {"\x19\x42\x75", "ú"}, {"\x19\x41\x75", "ù"},
    {"\x19\x48\x6F", "ö"}, {"\x19\x43\x6F", "ô"}, {"\x19\x42\x6F", "ó"}, {"\x19\x41\x6F", "ò"},
    {"\x19\x48\x69", "î"}, {"\x19\x43\x69", "î"}, {"\x19\x42\x69", "í"}, {"\x19\x41\x69", "ì"},
    {"\x19\x48\x65", "ë"}, {"\x19\x48\x61", "ä"}, {"\x19\x43\x61", "â"}, {"\x19\x42\x61", "á"},
    {"\x19\x23", "£"},     {"\x19\x30", "°"},     {"\x19\x31", "±"},     {"\x19\x2C", "←"},
    {"\x19\x2D", "↑"},     {"\x19\x2E", "→"},     {"\x19\x3C", "¼"},     {"\x19\x3D", "½"},
    {"\x19\x3E", "¾"},     {"\x19\x43\x41", "Â"},
}};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

bool is_accent(std::uint8_t code) {
  return code == GRAVE || code == ACUTE || code == CIRCUMFLEX || code == DIAERESIS || code == CEDILLA;
}

std::optional<char32_t> symbol(std::uint8_t code) {
  for (const auto& s : kSymbols) {
    if (s.code == code) return s.glyph;
  }
  return std::nullopt;
}

char32_t combine(std::uint8_t accent, std::uint8_t letter) {
  for (const auto& a : kDisplayable) {
    if (a.accent == accent && static_cast<std::uint8_t>(a.letter) == letter) return a.glyph;
  }
  return letter;
}

std::string encode_char(char32_t ch) {
  if (ch >= 0x20 && ch < 0x7F) return std::string(1, static_cast<char>(ch));
  if (ch < 0x20 || ch == 0x7F) return {};
  for (const auto& d : kEncodable) {
    if (d.glyph == ch) return ss2(d.accent) + d.letter;
  }
  if (ch == U'ß') return ss2(0x7B);
  for (const auto& s : kSymbols) {
    if (s.glyph == ch && s.code != 0x24 && s.code != 0x26) return ss2(s.code);  // $ and # are plain G0
  }
  for (const auto& f : kFallbacks) {
    if (f.glyph == ch) return std::string(f.text);
  }
  return "?";
}

std::string encode(std::string_view utf8_text) {
  std::string out;
  out.reserve(utf8_text.size());
  for (char32_t ch : utf8::decode(utf8_text)) out += encode_char(ch);
  return out;
}

std::string decode_content(std::string_view typed, ContentTable table) {
  std::string text(typed);
  if (table == ContentTable::corrected) {
    replace_all(text, "\x19\x48\x69", "ï");
    replace_all(text, "\x19\x2F", "↓");
  }
  for (const auto& entry : kContentTable) replace_all(text, entry.typed, entry.utf8);
  for (std::uint8_t accent : {GRAVE, CEDILLA, CIRCUMFLEX, ACUTE, DIAERESIS}) {
    replace_all(text, ss2(accent), "");
  }
  if (!text.empty() && static_cast<std::uint8_t>(text.back()) == c0::SS2) text.pop_back();
  return utf8::sanitise(text);
}

}  // namespace pavi::videotex::g2
