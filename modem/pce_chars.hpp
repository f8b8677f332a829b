// The characters PCE reserves (DLE, SYN, NACK, NUL) and the two forms a character takes: the 7-bit value an
// application or a TCP soft modem sees, and the line byte with its even-parity bit in bit 7 (pce.md §3).
#pragma once

#include <bit>
#include <cstdint>

namespace pavi::modem::pce {

inline constexpr std::uint8_t NUL = 0x00;
inline constexpr std::uint8_t DLE = 0x10;
inline constexpr std::uint8_t NACK = 0x15;
inline constexpr std::uint8_t SYN = 0x16;

// Which form bytes take at an interface: 7-bit values (parity added and checked by a modem elsewhere) or line
// bytes (parity in bit 7, so a receiver can locate single-bit errors).
enum class CharForm { seven_bit, line };

constexpr std::uint8_t seven_bits(std::uint8_t byte) { return static_cast<std::uint8_t>(byte & 0x7F); }

// 7-bit value -> line byte with even parity over all 8 bits.
constexpr std::uint8_t with_parity(std::uint8_t value) {
  const auto v = seven_bits(value);
  return static_cast<std::uint8_t>(v | ((std::popcount(v) & 1) << 7));
}

constexpr bool parity_ok(std::uint8_t line_byte) { return (std::popcount(line_byte) & 1) == 0; }

constexpr std::uint8_t in_form(std::uint8_t value, CharForm form) {
  return form == CharForm::line ? with_parity(value) : seven_bits(value);
}

// DLE, SYN, NACK and NUL must be escaped with a DLE inside blocks and upstream (pce.md §3.1, §4.7).
constexpr bool needs_escape(std::uint8_t value) {
  return value == NUL || value == DLE || value == NACK || value == SYN;
}

// Block numbers travel as column-4 characters 0x40..0x4F (bit 6 set, bits 5-4 clear).
constexpr std::uint8_t block_number_char(int number) { return static_cast<std::uint8_t>(0x40 | (number & 0x0F)); }
constexpr bool is_block_number_char(std::uint8_t value) { return (value & 0x70) == 0x40; }

}  // namespace pavi::modem::pce
