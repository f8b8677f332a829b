// Videotex byte codes: C0 controls, ESC finals, protocol (PRO1/2/3) codes, colours and sizes.
// The one place where the numbers of the Télétel standard (STUM 1B) are spelled out.
#pragma once

#include <cstdint>
#include <string_view>

namespace pavi::videotex {

namespace c0 {
inline constexpr std::uint8_t NUL = 0x00;
inline constexpr std::uint8_t BEL = 0x07;
inline constexpr std::uint8_t BS = 0x08;
inline constexpr std::uint8_t HT = 0x09;
inline constexpr std::uint8_t LF = 0x0A;
inline constexpr std::uint8_t VT = 0x0B;
inline constexpr std::uint8_t FF = 0x0C;
inline constexpr std::uint8_t CR = 0x0D;
inline constexpr std::uint8_t SO = 0x0E;   // select G1 (mosaics)
inline constexpr std::uint8_t SI = 0x0F;   // select G0
inline constexpr std::uint8_t DLE = 0x10;  // PCE escape
inline constexpr std::uint8_t CON = 0x11;  // cursor on
inline constexpr std::uint8_t REP = 0x12;
inline constexpr std::uint8_t SEP = 0x13;
inline constexpr std::uint8_t COFF = 0x14;  // cursor off
inline constexpr std::uint8_t NACK = 0x15;  // PCE negative acknowledgement
inline constexpr std::uint8_t SYN = 0x16;   // PCE resynchronisation
inline constexpr std::uint8_t CAN = 0x18;
inline constexpr std::uint8_t SS2 = 0x19;
inline constexpr std::uint8_t SUB = 0x1A;
inline constexpr std::uint8_t ESC = 0x1B;
inline constexpr std::uint8_t SS3 = 0x1D;
inline constexpr std::uint8_t RS = 0x1E;
inline constexpr std::uint8_t US = 0x1F;
inline constexpr std::uint8_t SP = 0x20;
inline constexpr std::uint8_t DEL = 0x7F;
}  // namespace c0

// Second byte after ESC.
namespace esc {
inline constexpr std::uint8_t FOREGROUND = 0x40;  // + colour 0..7
inline constexpr std::uint8_t BLINK = 0x48;
inline constexpr std::uint8_t FIXED = 0x49;
inline constexpr std::uint8_t NORMAL_SIZE = 0x4C;
inline constexpr std::uint8_t DOUBLE_HEIGHT = 0x4D;
inline constexpr std::uint8_t DOUBLE_WIDTH = 0x4E;
inline constexpr std::uint8_t DOUBLE_SIZE = 0x4F;
inline constexpr std::uint8_t BACKGROUND = 0x50;  // + colour 0..7
inline constexpr std::uint8_t MASK = 0x58;
inline constexpr std::uint8_t STOP_UNDERLINE = 0x59;   // in G1: contiguous mosaics
inline constexpr std::uint8_t START_UNDERLINE = 0x5A;  // in G1: separated mosaics
inline constexpr std::uint8_t CSI = 0x5B;
inline constexpr std::uint8_t NORMAL_VIDEO = 0x5C;
inline constexpr std::uint8_t INVERSE_VIDEO = 0x5D;
inline constexpr std::uint8_t UNMASK = 0x5F;
inline constexpr std::uint8_t CURSOR_POSITION_REQUEST = 0x61;
inline constexpr std::uint8_t PRO1 = 0x39;
inline constexpr std::uint8_t PRO2 = 0x3A;
inline constexpr std::uint8_t PRO3 = 0x3B;
inline constexpr std::uint8_t TRANSPARENCY = 0x25;
}  // namespace esc

enum class Colour : std::uint8_t { black, red, green, yellow, blue, magenta, cyan, white };

enum class CharSize : std::uint8_t { normal, double_height, double_width, double_size };

inline constexpr int kRows = 25;  // row 0 is the status row
inline constexpr int kColumns = 40;

std::string_view colour_name(Colour colour);

}  // namespace pavi::videotex
