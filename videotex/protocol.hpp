// Protocol sequences (PRO1/PRO2/PRO3) exchanged with a Minitel's modules, and the status bytes it answers.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace pavi::videotex::pro {

// PRO1 commands (ESC 39 x).
inline constexpr std::uint8_t ENQROM = 0x7B;
inline constexpr std::uint8_t STATUS_FONCTIONNEMENT = 0x72;
inline constexpr std::uint8_t STATUS_TERMINAL = 0x70;
inline constexpr std::uint8_t STATUS_VITESSE = 0x74;
inline constexpr std::uint8_t STATUS_PROTOCOLE = 0x76;
inline constexpr std::uint8_t RESET = 0x7F;
inline constexpr std::uint8_t DECONNEXION = 0x67;
inline constexpr std::uint8_t CONNEXION = 0x68;

// PRO2/PRO3 commands and their answers.
inline constexpr std::uint8_t START = 0x69;
inline constexpr std::uint8_t STOP = 0x6A;
inline constexpr std::uint8_t TO = 0x62;
inline constexpr std::uint8_t NO_ACK = 0x64;
inline constexpr std::uint8_t ACK = 0x65;
inline constexpr std::uint8_t TRANSPARENCE = 0x66;
inline constexpr std::uint8_t PROG = 0x6B;
inline constexpr std::uint8_t STATUS_CLAVIER = 0x72;
inline constexpr std::uint8_t OFF = 0x60;
inline constexpr std::uint8_t ON = 0x61;
inline constexpr std::uint8_t REP_STATUS_FONCTIONNEMENT = 0x73;
inline constexpr std::uint8_t REP_STATUS_TERMINAL = 0x71;
inline constexpr std::uint8_t REP_STATUS_VITESSE = 0x75;
inline constexpr std::uint8_t REP_STATUS_PROTOCOLE = 0x77;
inline constexpr std::uint8_t REP_ROUTING = 0x63;
inline constexpr std::uint8_t REP_KEYBOARD = 0x73;

// Modes for PRO2 START/STOP.
inline constexpr std::uint8_t MODE_ROLL = 0x43;
inline constexpr std::uint8_t MODE_PCE = 0x44;
inline constexpr std::uint8_t MODE_LOWERCASE = 0x45;

// Keyboard options for PRO3 START/STOP 59 x.
inline constexpr std::uint8_t KEYBOARD_EXTENDED = 0x41;
inline constexpr std::uint8_t KEYBOARD_CURSOR_C0 = 0x43;

// Module codes: emission (what a module sends) and reception.
inline constexpr std::uint8_t TX_SCREEN = 0x50;
inline constexpr std::uint8_t TX_KEYBOARD = 0x51;
inline constexpr std::uint8_t TX_MODEM = 0x52;
inline constexpr std::uint8_t TX_SOCKET = 0x53;
inline constexpr std::uint8_t RX_SCREEN = 0x58;
inline constexpr std::uint8_t RX_KEYBOARD = 0x59;
inline constexpr std::uint8_t RX_MODEM = 0x5A;
inline constexpr std::uint8_t RX_SOCKET = 0x5B;

std::string pro1(std::uint8_t command);
std::string pro2(std::uint8_t command, std::uint8_t argument);
std::string pro3(std::uint8_t command, std::uint8_t a, std::uint8_t b);

// The 5-byte ENQROM answer: 01 maker type version 04.
using Identity = std::array<std::uint8_t, 5>;
Identity make_identity(char maker, char type, char version);
inline constexpr Identity kMinitel1B{0x01, 'C', 'u', ';', 0x04};
inline constexpr Identity kMinitel2{0x01, 'C', 'v', ';', 0x04};
inline constexpr Identity kMinipaviEmulator{0x01, 'E', 'm', 'U', 0x04};

}  // namespace pavi::videotex::pro
