// Keyboard pre-filter and tokenizer (gateway-behaviour.md §4.1-§4.3).
#include "gateway/session/keyboard_input.hpp"

#include "videotex/codes.hpp"

namespace pavi::gateway {
namespace {

namespace c0 = videotex::c0;
using videotex::FunctionKey;

KeyToken key(FunctionKey k) { return {KeyToken::Kind::function_key, 0, k}; }

}  // namespace

std::vector<KeyToken> KeyboardInput::feed(std::string_view chunk) {
  const std::string input = held_ + std::string(chunk);
  held_.clear();
  std::vector<KeyToken> tokens;
  const std::size_t n = input.size();
  const auto at = [&](std::size_t i) { return static_cast<std::uint8_t>(input[i]); };
  std::size_t i = 0;
  while (i < n) {
    const std::uint8_t b = at(i);
    const std::size_t left = n - i;
    if (b == c0::ESC) {
      if (left < 2) break;
      const std::uint8_t second = at(i + 1);
      if (second >= 0x39 && second <= 0x3B) {  // PRO1/2/3 reply: 1, 2 or 3 more bytes
        const std::size_t length = 2 + (second - 0x38);
        if (left < length) break;
        i += length;
        continue;
      }
      if (second == 0x5B) {
        if (left < 3) break;
        switch (at(i + 2)) {
          case 0x41: tokens.push_back(key(FunctionKey::retour)); i += 3; continue;
          case 0x42: tokens.push_back(key(FunctionKey::suite)); i += 3; continue;
          case 0x43: tokens.push_back({KeyToken::Kind::byte, 0x20}); i += 3; continue;
          case 0x44: tokens.push_back(key(FunctionKey::correction)); i += 3; continue;
          default: break;
        }
      }
      tokens.push_back({KeyToken::Kind::byte, b});
      ++i;
    } else if (b == 0x01) {  // 01 x y z 04: the ENQROM answer
      if (left < 5) break;
      if (at(i + 4) == 0x04) {
        terminal_type_ = input.substr(i + 1, 3);
        i += 5;
      } else {
        tokens.push_back({KeyToken::Kind::byte, b});
        ++i;
      }
    } else if (b == c0::SEP) {
      if (left < 2) break;
      const std::uint8_t code = at(i + 1) & 0x7F;
      if (code == 0x59) {
        tokens.push_back(key(FunctionKey::connexion_fin));
      } else if (auto k = videotex::key_from_sep(code)) {
        tokens.push_back(key(*k));
      } else {
        tokens.push_back({KeyToken::Kind::unknown_key, code});
      }
      i += 2;
    } else if (b == c0::CR) {
      if (left < 2) break;
      tokens.push_back({KeyToken::Kind::secondary, at(i + 1)});
      i += 2;
    } else {
      tokens.push_back({KeyToken::Kind::byte, b});
      ++i;
    }
  }
  held_ = input.substr(i);
  return tokens;
}

}  // namespace pavi::gateway
