// CRC-7 and syndrome arithmetic for PCE blocks (see pce_crc.hpp).
#include "modem/pce_crc.hpp"

namespace pavi::modem::pce {
namespace {

constexpr std::array<std::uint8_t, 256> make_table() {
  std::array<std::uint8_t, 256> table{};
  for (int i = 0; i < 256; ++i) {
    // i(x)·x^7 mod G, processing the 8 bits of i most significant first.
    std::uint8_t reg = 0;
    for (int bit = 7; bit >= 0; --bit) {
      const bool feedback = (((reg >> 6) & 1) ^ ((i >> bit) & 1)) != 0;
      reg = static_cast<std::uint8_t>((reg << 1) & 0x7F);
      if (feedback) reg ^= kCrcPolynomial;
    }
    table[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(reg << 1);
  }
  return table;
}

constexpr std::array<std::uint8_t, kCodeBits> make_powers() {
  std::array<std::uint8_t, kCodeBits> powers{};
  unsigned value = 1;
  for (int p = 0; p < kCodeBits; ++p) {
    powers[static_cast<std::size_t>(p)] = static_cast<std::uint8_t>(value);
    value <<= 1;
    if ((value & 0x80) != 0) value ^= 0x80 | kCrcPolynomial;
  }
  return powers;
}

constexpr std::array<std::int8_t, 128> make_logs() {
  std::array<std::int8_t, 128> logs{};
  logs.fill(-1);
  const auto powers = make_powers();
  for (int p = 0; p < kCodeBits; ++p) logs[powers[static_cast<std::size_t>(p)]] = static_cast<std::int8_t>(p);
  return logs;
}

constexpr auto kTable = make_table();
constexpr auto kPowers = make_powers();
constexpr auto kLogs = make_logs();

}  // namespace

std::uint8_t crc7_bitwise(std::span<const std::uint8_t> line_bytes) {
  std::uint8_t reg = 0;
  for (const std::uint8_t byte : line_bytes) {
    for (int bit = 7; bit >= 0; --bit) {
      const bool feedback = (((reg >> 6) & 1) ^ ((byte >> bit) & 1)) != 0;
      reg = static_cast<std::uint8_t>((reg << 1) & 0x7F);
      if (feedback) reg ^= kCrcPolynomial;
    }
  }
  return reg;
}

std::uint8_t crc7(std::span<const std::uint8_t> line_bytes) {
  std::uint8_t reg = 0;
  for (const std::uint8_t byte : line_bytes) reg = kTable[static_cast<std::uint8_t>(reg ^ byte)];
  return static_cast<std::uint8_t>(reg >> 1);
}

const std::array<std::uint8_t, 256>& crc7_table() { return kTable; }

std::uint8_t syndrome(std::span<const std::uint8_t> info_line_bytes, std::uint8_t crc_char) {
  return static_cast<std::uint8_t>(crc7(info_line_bytes) ^ (crc_char & 0x7F));
}

std::uint8_t x_power_mod_g(int p) {
  if (p < 0 || p >= kCodeBits) return 0;
  return kPowers[static_cast<std::size_t>(p)];
}

std::optional<int> error_exponent(std::uint8_t syndrome_value) {
  if (syndrome_value == 0 || syndrome_value > 0x7F) return std::nullopt;
  const int p = kLogs[syndrome_value];
  if (p < 0) return std::nullopt;
  return p;
}

BitPosition bit_position(int exponent) {
  const int index = 126 - exponent;
  if (index < 120) return {index / 8, 7 - index % 8};
  return {15, 6 - (index - 120)};
}

}  // namespace pavi::modem::pce
