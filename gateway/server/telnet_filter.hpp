// Telnet IAC handling for a client that wants only the data: negotiation and commands are taken out of the stream,
// option requests are (optionally) refused, and IAC IAC gives a 0xFF data byte. Pure and stateful across chunks.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace pavi::gateway {

namespace telnet {
inline constexpr std::uint8_t SE = 240;
inline constexpr std::uint8_t NOP = 241;
inline constexpr std::uint8_t SB = 250;
inline constexpr std::uint8_t WILL = 251;
inline constexpr std::uint8_t WONT = 252;
inline constexpr std::uint8_t DO = 253;
inline constexpr std::uint8_t DONT = 254;
inline constexpr std::uint8_t IAC = 255;
}  // namespace telnet

class TelnetFilter {
 public:
  explicit TelnetFilter(bool refuse_options = true) : refuse_options_(refuse_options) {}

  // Appends the data bytes of `input` to `data` and the answers owed to the server to `replies`.
  void feed(std::string_view input, std::string& data, std::string& replies);
  // Doubles 0xFF bytes, as data sent on a telnet connection must be.
  static std::string escape(std::string_view data);
  // Bytes taken out of the stream so far (commands, negotiation, subnegotiation).
  std::uint64_t filtered_bytes() const { return filtered_; }

 private:
  enum class State : std::uint8_t { data, iac, option, subnegotiation, subnegotiation_iac };

  bool refuse_options_;
  State state_ = State::data;
  std::uint8_t verb_ = 0;
  std::uint64_t filtered_ = 0;
  // Each request is refused once: a server that repeats it must not start a loop.
  std::set<std::pair<std::uint8_t, std::uint8_t>> answered_;
};

}  // namespace pavi::gateway
