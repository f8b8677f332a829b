// What a terminal types, turned into tokens for the session (gateway-behaviour.md §3, §4): the pre-filter that
// removes protocol replies and the ENQROM answer, maps ANSI arrows, and splits SEP keys and CR pairs out of the
// stream. Sequences cut between two reads are carried over; only the unfinished bytes are held back, so nothing
// is entered twice (the original re-reads the whole chunk: C-106).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "videotex/keys.hpp"

namespace pavi::gateway {

struct KeyToken {
  enum class Kind : std::uint8_t {
    byte,          // a typed byte (whether a field accepts it is the field's business)
    function_key,  // SEP + 41..49 or 59
    unknown_key,   // SEP + anything else: ignored by the session, but logged
    secondary,     // CR + the byte after it (the capture key, or nothing)
  };
  Kind kind = Kind::byte;
  std::uint8_t byte = 0;  // byte: the typed byte; unknown_key: the SEP code; secondary: the byte after CR
  videotex::FunctionKey key = videotex::FunctionKey::envoi;

  bool operator==(const KeyToken&) const = default;
};

class KeyboardInput {
 public:
  // Tokens completed by this chunk, in order.
  std::vector<KeyToken> feed(std::string_view chunk);
  // Forgets what was held back from the current chunk: once a key makes an event, the rest of its chunk is
  // thrown away (C-101).
  void drop_held() { held_.clear(); }
  // The three bytes of the terminal's ENQROM answer, "???" until it arrives (C-016, C-017).
  const std::string& terminal_type() const { return terminal_type_; }

 private:
  std::string held_;
  std::string terminal_type_ = "???";
};

}  // namespace pavi::gateway
