// The sending half of a V.23 modem: spandsp's FSK modulator driven by our own 7E1 UART, plus the answer tone and
// silence. Idle is continuous mark (the carrier); queued characters go out back to back, one per 10 bit times.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>

#include "modem/v23_channel.hpp"
#include "modem/v23_framing.hpp"

namespace pavi::modem {

class V23Transmitter {
 public:
  enum class Output {
    silence,      // nothing on the line (before the call is set up, the 75 ms gap, after hang-up)
    answer_tone,  // 2100 Hz
    carrier,      // FSK: mark when idle, characters when queued
  };

  struct Options {
    V23Channel channel = V23Channel::forward;
    double level_dbm0 = -22.0;       // FSK level
    double tone_level_dbm0 = -21.0;  // answer tone level (MiniPavi: about -21 dBm0 after its TX gain)
  };

  explicit V23Transmitter(Options options);
  ~V23Transmitter();
  V23Transmitter(V23Transmitter&&) noexcept;
  V23Transmitter& operator=(V23Transmitter&&) noexcept;

  void set_output(Output output);
  Output output() const;
  void set_level_dbm0(double level);

  // Characters wait until the output is the carrier; only the low 7 bits are sent, with even parity.
  void send(std::span<const std::uint8_t> bytes);
  void send(std::uint8_t byte);
  void send_frame(CharacterFrame frame);
  // While held, the carrier idles on mark and queued characters wait (MiniPavi before the far end is heard).
  void hold(bool held);
  // Replaces the UART by a raw bit source (bit error rate tests); an empty function gives the UART back.
  void set_bit_source(std::function<int()> next_bit);

  void generate(std::span<std::int16_t> out);

  std::size_t pending_characters() const;
  bool idle() const { return pending_characters() == 0; }
  std::uint64_t samples() const;
  std::uint64_t characters_sent() const;
  const Options& options() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace pavi::modem
