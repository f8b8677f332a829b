// What the terminal answers to PRO1/PRO2/PRO3 sequences, and the modes they switch (videotex-terminal.md §7).
#include <string>
#include <utility>

#include "videotex/codes.hpp"
#include "videotex/decoder.hpp"

namespace pavi::videotex {
namespace {

std::string bytes(std::initializer_list<std::uint8_t> list) { return std::string(list.begin(), list.end()); }

}  // namespace

void Decoder::protocol_byte(std::uint8_t byte) {
  pro_bytes_ += static_cast<char>(byte);
  if (static_cast<int>(pro_bytes_.size()) < pro_length_) return;
  state_ = std::exchange(resume_, State::ground);
  const auto b = [this](std::size_t i) { return static_cast<std::uint8_t>(pro_bytes_[i]); };
  switch (pro_length_) {
    case 1:
      pro1(b(0));
      break;
    case 2:
      pro2(b(0), b(1));
      break;
    default:
      pro3(b(0), b(1), b(2));
      break;
  }
}

std::string Decoder::take_replies() { return std::exchange(replies_, {}); }

std::uint8_t Decoder::status_fonctionnement() const {
  return static_cast<std::uint8_t>(0x40 | (modes_.lowercase ? 0x08 : 0) | (modes_.pce ? 0x04 : 0) |
                                   (screen_.roll_mode ? 0x02 : 0));
}

std::uint8_t Decoder::keyboard_status() const {
  return static_cast<std::uint8_t>(0x40 | (modes_.cursor_keys_c0 ? 0x04 : 0) | (modes_.extended_keyboard ? 0x01 : 0));
}

// Which emitters are linked to a receiving module (b3 socket, b2 modem, b1 keyboard, b0 screen; the module's own
// bit says it is active).
std::uint8_t Decoder::routing_status(std::uint8_t module) const {
  switch (module) {
    case pro::RX_SCREEN:
      return static_cast<std::uint8_t>(0x40 | 0x04 | (modes_.local_echo ? 0x02 : 0) | (modes_.screen_blocked ? 0 : 0x01));
    case pro::RX_KEYBOARD:
      return 0x42;
    case pro::RX_MODEM:
      return 0x46;
    case pro::RX_SOCKET:
      return 0x48;
    default:
      return 0x40;
  }
}

void Decoder::pro1(std::uint8_t command) {
  switch (command) {
    case pro::ENQROM:
      reply(std::string(options_.identity.begin(), options_.identity.end()));
      break;
    case pro::STATUS_FONCTIONNEMENT:
      reply(bytes({0x1B, 0x3A, pro::REP_STATUS_FONCTIONNEMENT, status_fonctionnement()}));
      break;
    case pro::STATUS_TERMINAL:
      reply(bytes({0x1B, 0x3A, pro::REP_STATUS_TERMINAL, static_cast<std::uint8_t>(modes_.connected ? 0x4A : 0x42)}));
      break;
    case pro::STATUS_VITESSE:
      reply(bytes({0x1B, 0x3A, pro::REP_STATUS_VITESSE, 0x64}));
      break;
    case pro::STATUS_PROTOCOLE:
      reply(bytes({0x1B, 0x3A, pro::REP_STATUS_PROTOCOLE, static_cast<std::uint8_t>(modes_.modem_acknowledges ? 0x40 : 0x44)}));
      break;
    case pro::RESET: {
      const bool pce = modes_.pce;  // PCE survives a reset
      modes_ = TerminalModes{};
      modes_.pce = pce;
      screen_.roll_mode = false;
      reply(bytes({c0::SEP, 0x5E}));
      break;
    }
    case pro::DECONNEXION:
      modes_.connected = false;
      break;
    case pro::CONNEXION:
      modes_.connected = true;
      break;
    default:
      break;  // reversal commands and unknown ones: consumed
  }
}

void Decoder::pro2(std::uint8_t command, std::uint8_t argument) {
  switch (command) {
    case pro::START:
    case pro::STOP: {
      const bool on = command == pro::START;
      if (argument == pro::MODE_ROLL) {
        screen_.roll_mode = on;
      } else if (argument == pro::MODE_PCE) {
        modes_.pce = on;
      } else if (argument == pro::MODE_LOWERCASE) {
        modes_.lowercase = on;
      } else {
        return ignore_sequence();
      }
      // The PCE acknowledgement is never suppressed: the gateway waits for it before sending blocks.
      if (argument == pro::MODE_PCE || modes_.modem_acknowledges) {
        reply(bytes({0x1B, 0x3A, pro::REP_STATUS_FONCTIONNEMENT, status_fonctionnement()}));
      }
      break;
    }
    case pro::TO:
      reply(bytes({0x1B, 0x3B, pro::REP_ROUTING, argument, routing_status(argument)}));
      break;
    case pro::NO_ACK:
    case pro::ACK:
      if (argument == pro::TX_MODEM) modes_.modem_acknowledges = command == pro::ACK;
      if (command == pro::ACK) {
        reply(bytes({0x1B, 0x3A, pro::REP_STATUS_PROTOCOLE,
                     static_cast<std::uint8_t>(modes_.modem_acknowledges ? 0x40 : 0x44)}));
      }
      break;
    case pro::TRANSPARENCE:
      reply(bytes({c0::SEP, 0x57}));
      transparent_left_ = argument & 0x7F;
      if (transparent_left_ > 0) state_ = State::transparent_bytes;
      break;
    case pro::PROG:
      reply(bytes({0x1B, 0x3A, pro::REP_STATUS_VITESSE, argument}));
      break;
    case pro::STATUS_CLAVIER:
      if (argument == pro::RX_KEYBOARD) reply(bytes({0x1B, 0x3B, pro::REP_KEYBOARD, argument, keyboard_status()}));
      break;
    default:
      break;  // Mixte / Téléinformatique and private commands: consumed, the terminal stays in Videotex mode
  }
}

void Decoder::pro3(std::uint8_t command, std::uint8_t a, std::uint8_t b) {
  switch (command) {
    case pro::OFF:
    case pro::ON: {
      const bool on = command == pro::ON;
      if (a == pro::RX_SCREEN && b == pro::TX_KEYBOARD) modes_.local_echo = on;
      if (a == pro::RX_SCREEN && b == pro::TX_SCREEN) modes_.screen_blocked = !on;
      reply(bytes({0x1B, 0x3B, pro::REP_ROUTING, a, routing_status(a)}));
      break;
    }
    case pro::START:
    case pro::STOP:
      if (a != pro::RX_KEYBOARD) return ignore_sequence();
      if (b == pro::KEYBOARD_EXTENDED) {
        modes_.extended_keyboard = command == pro::START;
      } else if (b == pro::KEYBOARD_CURSOR_C0) {
        modes_.cursor_keys_c0 = command == pro::START;
      } else {
        return ignore_sequence();
      }
      reply(bytes({0x1B, 0x3B, pro::REP_KEYBOARD, a, keyboard_status()}));
      break;
    default:
      break;
  }
}

}  // namespace pavi::videotex
