// Function-key byte tables (videotex-terminal.md §9).
#include "videotex/keys.hpp"

#include <algorithm>
#include <cctype>

#include "videotex/codes.hpp"

namespace pavi::videotex {
namespace {

constexpr std::string_view kNames[] = {"ENVOI",      "RETOUR",   "REPETITION",
                                       "GUIDE",      "ANNULATION", "SOMMAIRE",
                                       "CORRECTION", "SUITE",    "CONNEXION-FIN"};

// Upper-cases ASCII, folds "é"/"É" (UTF-8) to E and '_' to '-', so that user spellings match kNames.
std::string normalise(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      const auto next = static_cast<unsigned char>(name[i + 1]);
      if (next == 0xA9 || next == 0x89 || next == 0xA8 || next == 0x88) {  // é É è È
        out += 'E';
        ++i;
        continue;
      }
    }
    out += c == '_' || c == ' ' || c == '/' ? '-' : static_cast<char>(std::toupper(c));
  }
  return out;
}

}  // namespace

std::string key_bytes(FunctionKey key) {
  return {static_cast<char>(c0::SEP), static_cast<char>(0x41 + static_cast<int>(key))};
}

std::optional<FunctionKey> key_from_sep(std::uint8_t second) {
  const int code = (second & 0x7F) - 0x41;
  if (code < 0 || code > static_cast<int>(FunctionKey::connexion_fin)) return std::nullopt;
  return static_cast<FunctionKey>(code);
}

std::string_view key_name(FunctionKey key) { return kNames[static_cast<int>(key)]; }

std::optional<FunctionKey> key_from_name(std::string_view name) {
  const std::string wanted = normalise(name);
  if (wanted == "CONNEXION" || wanted == "FIN" || wanted == "CONNEXIONFIN") return FunctionKey::connexion_fin;
  const auto* found = std::find(std::begin(kNames), std::end(kNames), wanted);
  if (found == std::end(kNames)) return std::nullopt;
  return static_cast<FunctionKey>(found - std::begin(kNames));
}

std::string cursor_key_bytes(CursorKey key, bool c0_coding) {
  const auto csi = [](std::string_view tail) { return std::string("\x1B[") + std::string(tail); };
  switch (key) {
    case CursorKey::up: return c0_coding ? std::string(1, c0::VT) : csi("A");
    case CursorKey::down: return c0_coding ? std::string(1, c0::LF) : csi("B");
    case CursorKey::right: return c0_coding ? std::string(1, c0::HT) : csi("C");
    case CursorKey::left: return c0_coding ? std::string(1, c0::BS) : csi("D");
    case CursorKey::enter: return std::string(1, c0::CR);
    case CursorKey::home: return c0_coding ? std::string(1, c0::RS) : csi("H");
    case CursorKey::clear_page: return c0_coding ? std::string(1, c0::FF) : csi("2J");
    case CursorKey::delete_char: return csi("P");
    case CursorKey::delete_row: return csi("M");
    case CursorKey::insert_row: return csi("L");
  }
  return {};
}

}  // namespace pavi::videotex
