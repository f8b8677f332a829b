// Telnet IAC filtering (RFC 854/855): the client refuses every option, which keeps the line in plain 8-bit data.
#include "gateway/server/telnet_filter.hpp"

namespace pavi::gateway {

void TelnetFilter::feed(std::string_view input, std::string& data, std::string& replies) {
  for (const char ch : input) {
    const auto byte = static_cast<std::uint8_t>(ch);
    switch (state_) {
      case State::data:
        if (byte == telnet::IAC) {
          state_ = State::iac;
          ++filtered_;
        } else {
          data += ch;
        }
        break;
      case State::iac:
        if (byte == telnet::IAC) {  // escaped data byte 0xFF
          data += ch;
          --filtered_;
          state_ = State::data;
        } else if (byte >= telnet::WILL) {
          verb_ = byte;
          state_ = State::option;
          ++filtered_;
        } else if (byte == telnet::SB) {
          state_ = State::subnegotiation;
          ++filtered_;
        } else {  // NOP, DM, BRK, GA, a stray SE...: two-byte commands
          state_ = State::data;
          ++filtered_;
        }
        break;
      case State::option: {
        ++filtered_;
        state_ = State::data;
        // WONT and DONT confirm the state we are in (everything off): never answered, as RFC 1143 asks.
        if (!refuse_options_ || (verb_ != telnet::WILL && verb_ != telnet::DO)) break;
        if (!answered_.insert({verb_, byte}).second) break;
        replies += static_cast<char>(telnet::IAC);
        replies += static_cast<char>(verb_ == telnet::WILL ? telnet::DONT : telnet::WONT);
        replies += ch;
        break;
      }
      case State::subnegotiation:
        ++filtered_;
        if (byte == telnet::IAC) state_ = State::subnegotiation_iac;
        break;
      case State::subnegotiation_iac:
        ++filtered_;
        state_ = byte == telnet::SE ? State::data : State::subnegotiation;
        break;
    }
  }
}

std::string TelnetFilter::escape(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (const char ch : data) {
    out += ch;
    if (static_cast<std::uint8_t>(ch) == telnet::IAC) out += ch;
  }
  return out;
}

}  // namespace pavi::gateway
