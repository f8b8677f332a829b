// DRCS downloads (Minitel 2 redefinable characters, videotex-terminal.md §6): US 23 20 20 20 42|43 49 picks the
// set, then US 23 <first code> 30 is followed by 14 six-bit values (40 + v) per character, separated by 30,
// until the next C0 (normally US). The glyphs are stored so that the renderer can draw them.
#include "videotex/decoder.hpp"

namespace pavi::videotex {
namespace {

constexpr std::size_t kValuesPerGlyph = 14;  // 84 bits, of which 80 make the 8 x 10 matrix

DrcsGlyph glyph_from_values(std::string_view values) {
  DrcsGlyph glyph{};
  int bit = 0;
  for (std::size_t i = 0; i < kValuesPerGlyph; ++i) {
    const int value = i < values.size() ? static_cast<std::uint8_t>(values[i]) : 0;
    for (int b = 5; b >= 0; --b, ++bit) {
      if (bit >= 80) return glyph;
      if (value & (1 << b)) glyph[static_cast<std::size_t>(bit / 8)] |= static_cast<std::uint8_t>(0x80 >> (bit % 8));
    }
  }
  return glyph;
}

}  // namespace

void Decoder::drcs_byte(std::uint8_t byte) {
  if (byte < 0x20) {
    if (state_ == State::drcs_data) {
      if (!drcs_values_.empty()) finish_drcs_glyph();
      state_ = State::ground;  // the download ends normally at the next control
      if (byte == 0x1B) {
        resume_ = State::ground;
        state_ = State::esc;
      } else {
        control(byte);
      }
    } else {
      interrupted_by_control(byte);
    }
    return;
  }
  switch (state_) {
    case State::drcs_header:
      if (params_.empty() && byte != 0x20) {  // US 23 <code>: a definition starts
        drcs_code_ = byte;
        state_ = State::drcs_first_code;
        return;
      }
      params_ += static_cast<char>(byte);
      if (params_.size() == 5) {  // 20 20 20 42|43 49
        drcs_for_g1_ = params_[3] == 0x43;
        state_ = State::ground;
      }
      return;
    case State::drcs_first_code:
      drcs_values_.clear();
      drcs_glyph_closed_ = false;
      state_ = State::drcs_data;
      if (byte == 0x30) return;
      break;
    default:
      break;
  }
  if (byte == 0x30) {
    if (!drcs_values_.empty() || !drcs_glyph_closed_) finish_drcs_glyph();
    drcs_glyph_closed_ = false;
  } else if (byte >= 0x40) {
    drcs_values_ += static_cast<char>(byte - 0x40);
    if (drcs_values_.size() == kValuesPerGlyph) {
      finish_drcs_glyph();
      drcs_glyph_closed_ = true;
    }
  }
}

void Decoder::finish_drcs_glyph() {
  if (drcs_code_ >= 0x20 && drcs_code_ <= 0x7F) {
    auto& table = drcs_for_g1_ ? screen_.drcs_g1 : screen_.drcs_g0;
    table[drcs_code_ - 0x20] = glyph_from_values(drcs_values_);
    ++stats_.drcs_glyphs;
  }
  ++drcs_code_;
  drcs_values_.clear();
}

}  // namespace pavi::videotex
