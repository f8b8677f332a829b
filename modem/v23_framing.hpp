// 7E1 asynchronous characters (v23-modem.md §3): start 0, 7 data bits LSB first, even parity, stop 1.
// Also the 8N1 view of the same 10 bits (parity in bit 7), which is how minimodem and other 8-bit UARTs see them.
#pragma once

#include <cstdint>

namespace pavi::modem {

// Even parity over the low 7 bits: 1 when they hold an odd number of ones. Bit 7 of the byte is ignored
// (MiniPavi's app computed it over 8 bits, which is wrong for bytes >= 0x80: §3 "Defect").
constexpr int even_parity_bit(std::uint8_t byte) {
  int ones = 0;
  for (int bit = 0; bit < 7; ++bit) ones += (byte >> bit) & 1;
  return ones & 1;
}

// The byte an 8N1 UART sees for this 7E1 character: the 7 data bits with the parity bit as bit 7.
constexpr std::uint8_t with_parity_bit(std::uint8_t byte) {
  return static_cast<std::uint8_t>((byte & 0x7F) | (even_parity_bit(byte) << 7));
}

// The 10 line bits of a character, bit 0 first on the line.
struct CharacterFrame {
  std::uint16_t bits = 0x3FF;  // all mark = idle
  int length = 10;

  static constexpr CharacterFrame seven_e_one(std::uint8_t byte) {
    const std::uint16_t data = with_parity_bit(byte);
    return CharacterFrame{static_cast<std::uint16_t>((data << 1) | (1u << 9)), 10};  // start 0 at bit 0, stop 1
  }
  // For tests and fault injection: any 8 bits between start and stop, and a chosen stop bit.
  static constexpr CharacterFrame raw(std::uint8_t eight_bits, int stop_bit = 1) {
    return CharacterFrame{static_cast<std::uint16_t>((eight_bits << 1) | ((stop_bit & 1) << 9)), 10};
  }
  constexpr int bit(int index) const { return (bits >> index) & 1; }
};

// A character as received. A Minitel shows the error block for parity and framing errors; `value` keeps the 7 data
// bits that were received anyway.
struct ReceivedChar {
  std::uint8_t value = 0;  // 7 bits
  bool parity_error = false;
  bool framing_error = false;  // the stop bit was 0
  std::uint64_t sample = 0;    // when the stop bit was decided, in samples since the receiver started

  bool ok() const { return !parity_error && !framing_error; }
  bool operator==(const ReceivedChar&) const = default;
};

// SUB: what a Minitel substitutes (and shows as the error block) for a character received with an error.
inline constexpr std::uint8_t kErrorSubstitute = 0x1A;

}  // namespace pavi::modem
