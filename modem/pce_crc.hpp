// CRC-7 of PCE blocks: G(x) = x^7 + x^3 + 1 over the 15 information line bytes, most significant bit first
// (pce.md §3.2), and the syndrome arithmetic the terminal uses to locate a single-bit error (pce.md §4.3).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace pavi::modem::pce {

// G(x) without its x^7 term, in "normal" notation.
inline constexpr std::uint8_t kCrcPolynomial = 0x09;
// Length of the code word a block protects: 15 × 8 message bits + 7 CRC bits.
inline constexpr int kCodeBits = 127;

// Remainder of M(x)·x^7 mod G(x) by modulo-2 long division, one bit at a time (the definition).
std::uint8_t crc7_bitwise(std::span<const std::uint8_t> line_bytes);

// The same remainder with the 256-entry table of MiniPavi/MiniGo (the Linux crc7_be table): the register holds
// the remainder shifted left by one.
std::uint8_t crc7(std::span<const std::uint8_t> line_bytes);
const std::array<std::uint8_t, 256>& crc7_table();

// Remainder of the received 127-bit string (15 information line bytes, then the 7 CRC bits): 0 when consistent.
// The code is linear, so this is the CRC of the information XOR the received CRC.
std::uint8_t syndrome(std::span<const std::uint8_t> info_line_bytes, std::uint8_t crc_char);

// x^p mod G(x), for p = 0..126.
std::uint8_t x_power_mod_g(int p);

// The exponent p with x^p mod G = syndrome (G is primitive, so every non-zero syndrome has exactly one);
// nullopt for 0.
std::optional<int> error_exponent(std::uint8_t syndrome);

// Where exponent p lies in a block: string index 126 − p; indices 0..119 are bits 7..0 of characters 1..15,
// 120..126 are CRC bits 6..0 (character 16). Character index is 0-based, bit is the bit number in that byte.
struct BitPosition {
  int char_index;
  int bit;
};
BitPosition bit_position(int exponent);

}  // namespace pavi::modem::pce
