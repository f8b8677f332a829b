// Minitel keyboard keys and the bytes they send, in both directions (key -> bytes, bytes -> key).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pavi::videotex {

// The SEP (13 x) function keys of the Minitel keyboard.
enum class FunctionKey : std::uint8_t {
  envoi,        // 13 41
  retour,       // 13 42
  repetition,   // 13 43
  guide,        // 13 44
  annulation,   // 13 45
  sommaire,     // 13 46
  correction,   // 13 47
  suite,        // 13 48
  connexion_fin  // 13 49
};

inline constexpr FunctionKey kAllFunctionKeys[] = {
    FunctionKey::envoi,      FunctionKey::retour,   FunctionKey::repetition,
    FunctionKey::guide,      FunctionKey::annulation, FunctionKey::sommaire,
    FunctionKey::correction, FunctionKey::suite,    FunctionKey::connexion_fin};

// The two bytes SEP x the key sends.
std::string key_bytes(FunctionKey key);
// The key a SEP x pair stands for, from its second byte (bit 7 ignored).
std::optional<FunctionKey> key_from_sep(std::uint8_t second);
// Upper-case names as MiniPavi writes them in `fctn` ("ENVOI", "REPETITION", "CONNEXION-FIN"...).
std::string_view key_name(FunctionKey key);
// Accepts the names above, case-insensitive, with or without accents ("Répétition"), '-' or '_'.
std::optional<FunctionKey> key_from_name(std::string_view name);

// Cursor and editing keys, active when the keyboard is extended (PRO3 69 59 41).
enum class CursorKey : std::uint8_t { up, down, right, left, enter, home, clear_page, delete_char, delete_row, insert_row };
// Bytes sent for a cursor key: CSI coding by default, C0 coding after PRO3 69 59 43.
std::string cursor_key_bytes(CursorKey key, bool c0_coding);

}  // namespace pavi::videotex
