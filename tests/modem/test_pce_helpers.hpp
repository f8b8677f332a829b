// Small helpers shared by the PCE tests: driving a sender or receiver by hand in simulated time.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "modem/pce_chars.hpp"
#include "modem/pce_receiver.hpp"
#include "modem/pce_sender.hpp"
#include "modem/pce_time.hpp"

namespace pavi::modem::pce::test {

using namespace std::chrono_literals;

inline constexpr SimDuration kDownChar = char_duration(1200);  // 8.333 ms
inline constexpr SimDuration kUpChar = char_duration(75);      // 133.3 ms

// Pulls what the sender has to say now, one character time apart, until it has nothing (keep-alives wait 134 ms,
// so they do not appear unless the caller lets time pass).
inline std::string drain(Sender& sender, SimTime& t, std::size_t limit = 100'000) {
  std::string out;
  while (out.size() < limit) {
    const auto byte = sender.pull(t);
    if (!byte) break;
    out += static_cast<char>(*byte);
    t += kDownChar;
  }
  return out;
}

// Feeds upstream bytes one 75 bit/s character apart.
inline void feed(Sender& sender, std::string_view bytes, SimTime& t) {
  for (const char c : bytes) {
    sender.receive(static_cast<std::uint8_t>(c), t);
    t += kUpChar;
  }
}

// Feeds downstream bytes one 1200 bit/s character apart.
inline void feed(Receiver& receiver, std::string_view bytes, SimTime& t) {
  for (const char c : bytes) {
    receiver.receive(static_cast<std::uint8_t>(c), t);
    t += kDownChar;
  }
}

inline std::string drain_upstream(Receiver& receiver, SimTime& t) {
  std::string out;
  while (const auto byte = receiver.pull_upstream(t)) {
    out += static_cast<char>(*byte);
    t += kUpChar;
  }
  return out;
}

inline std::string line_form(std::string_view seven_bit) {
  std::string out;
  for (const char c : seven_bit) out += static_cast<char>(with_parity(static_cast<std::uint8_t>(c)));
  return out;
}

inline std::string seven_bit_form(std::string_view line) {
  std::string out;
  for (const char c : line) out += static_cast<char>(seven_bits(static_cast<std::uint8_t>(c)));
  return out;
}

}  // namespace pavi::modem::pce::test
