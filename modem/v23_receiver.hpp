// The listening half of a V.23 modem: spandsp's FSK demodulator (asynchronous bit mode) and spandsp's async_rx UART,
// with the carrier detector and receive cut-off. Each character comes out with its own parity and framing verdict,
// so a terminal can show the error block for exactly the characters that were damaged.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "modem/v23_channel.hpp"
#include "modem/v23_framing.hpp"

namespace pavi::modem {

struct CarrierEvent {
  std::uint64_t sample = 0;  // since the receiver started
  bool up = false;
  bool operator==(const CarrierEvent&) const = default;
};

struct ReceiverStats {
  std::uint64_t characters = 0;  // delivered, with or without errors
  std::uint64_t parity_errors = 0;
  std::uint64_t framing_errors = 0;
  std::uint64_t carrier_ups = 0;
};

class V23Receiver {
 public:
  struct Options {
    V23Channel channel = V23Channel::backward;
    // Carrier detect threshold handed to spandsp (on at +2.5 dB, off at -2.5 dB). spandsp measures the power
    // after a first-difference filter, so on the 75 bit/s channel the real threshold is about 10 dB higher
    // (v23-modem.md §5): use gain_db to compensate, as MiniPavi's VOLUME(RX) does.
    double cutoff_dbm0 = -38.0;
    double gain_db = 0.0;  // applied to the audio before the demodulator, with 16-bit saturation
    // Bit timing. false (the default): spandsp's asynchronous mode, re-timed on every transition, instant start.
    // true: spandsp's synchronous mode, which smooths the timing (as MiniPavi's app runs it): about 1.5 dB better
    // in white noise once settled, but it needs transitions to settle after the carrier comes up.
    bool smoothed_timing = false;
  };

  explicit V23Receiver(Options options);
  ~V23Receiver();
  V23Receiver(V23Receiver&&) noexcept;
  V23Receiver& operator=(V23Receiver&&) noexcept;

  void process(std::span<const std::int16_t> audio);

  std::vector<ReceivedChar> take_characters();
  std::vector<CarrierEvent> take_carrier_events();

  bool carrier_present() const;
  // True once a mark bit has been received since the carrier came up: MiniPavi waits for this before it sends
  // (v23-modem.md §6.3). Bits before it are not framed into characters.
  bool mark_seen() const;
  double signal_power_dbm0() const;
  void set_cutoff_dbm0(double cutoff);

  // Every demodulated bit with the sample at which it was decided (bit error rate tests, tone analysis).
  void set_bit_observer(std::function<void(int bit, std::uint64_t sample)> observer);

  // Carrier changes as they happen, in order with the bits.
  void set_carrier_observer(std::function<void(bool up, std::uint64_t sample)> observer);

  std::uint64_t samples() const;
  ReceiverStats stats() const;
  const Options& options() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace pavi::modem
