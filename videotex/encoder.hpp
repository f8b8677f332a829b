// Page building: small composable helpers that return Videotex bytes, and a fluent Page that appends them.
// Rows are 0-24 and columns 1-40, as in the protocol.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "videotex/codes.hpp"

namespace pavi::videotex::encode {

std::string clear();                         // FF: page erased, cursor 1,1, attributes reset
std::string clear_status_row();              // US 40 41 CAN LF
std::string position(int row, int col);      // US (40+row) (40+col); out of range is clamped
std::string text(std::string_view utf8);     // accents and symbols as G2, REP-compressed runs; for G0 (SS2 is
                                             // ignored in G1)
std::string foreground(Colour colour);
std::string background(Colour colour);       // serial in G0: takes effect at the next space
std::string size(CharSize size);
std::string blink(bool on);
std::string inverse(bool on);
std::string underline(bool on);              // in G1: separated mosaics
std::string mask(bool on);
std::string mosaic_mode();                   // SO
std::string text_mode();                     // SI
std::string mosaic(std::uint8_t sextants);   // one G1 character from a 6-bit sextant value (TL=1 ... BR=32)
// `count` copies in all of one displayed character (1 byte, or an SS2 sequence): the character once, then REP
// (at most 63 per REP) wherever that is shorter than the bytes themselves. count <= 0 gives "".
std::string repeat(std::string_view one_char_bytes, int count);
std::string cursor(bool visible);
std::string clear_to_end_of_line();          // CAN
// Replaces runs of identical displayed characters (G0/G1 bytes, DEL, complete SS2 sequences) by REP where that
// saves bytes (4+ plain bytes, 3+ G2 symbols, 2+ accented letters; runs longer than 64 take several REPs).
// Every other byte is kept: ESC, US, CSI, PRO, SS2 and DRCS sequences are parsed as a terminal parses them and
// never compressed.
std::string compress(std::string_view videotex);

class Page {
 public:
  Page& clear() { return add(encode::clear()); }
  Page& clear_status_row() { return add(encode::clear_status_row()); }
  Page& at(int row, int col) { return add(position(row, col)); }
  Page& text(std::string_view utf8) { return add(encode::text(utf8)); }
  Page& fg(Colour c) { return add(foreground(c)); }
  Page& bg(Colour c) { return add(background(c)); }
  Page& size(CharSize s) { return add(encode::size(s)); }
  Page& blink(bool on = true) { return add(encode::blink(on)); }
  Page& inverse(bool on = true) { return add(encode::inverse(on)); }
  Page& underline(bool on = true) { return add(encode::underline(on)); }
  Page& mask(bool on = true) { return add(encode::mask(on)); }
  Page& mosaics() { return add(mosaic_mode()); }
  Page& alpha() { return add(text_mode()); }
  Page& mosaic(std::uint8_t sextants) { return add(encode::mosaic(sextants)); }
  Page& repeat(std::string_view one_char, int count) { return add(encode::repeat(one_char, count)); }
  Page& cursor(bool visible) { return add(encode::cursor(visible)); }
  Page& clear_eol() { return add(clear_to_end_of_line()); }
  Page& raw(std::string_view bytes) { return add(bytes); }

  const std::string& bytes() const { return bytes_; }
  std::string str() const { return bytes_; }

 private:
  Page& add(std::string_view bytes) {
    bytes_.append(bytes);
    return *this;
  }
  std::string bytes_;
};

}  // namespace pavi::videotex::encode
