// V.23 receiver on spandsp 0.0.6: fsk_rx in FSK_FRAME_MODE_ASYNC feeds async_rx_put_bit (8 data bits, no parity, so
// the parity bit arrives as bit 7 and is checked here, per character). The built-in 7E1 framing mode of fsk_rx is
// not used: it loses about a third of the characters at 1200 bit/s. The samples are fed one at a time so every bit
// and carrier event carries its exact sample number.
#define SPANDSP_EXPOSE_INTERNAL_STRUCTURES  // async_rx's framing error counter
#include "modem/v23_receiver.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <spandsp.h>

namespace pavi::modem {

struct V23Receiver::State {
  struct FskDeleter {
    void operator()(fsk_rx_state_t* fsk) const { fsk_rx_free(fsk); }
  };
  struct UartDeleter {
    void operator()(async_rx_state_t* uart) const { async_rx_free(uart); }
  };

  Options options;
  std::unique_ptr<fsk_rx_state_t, FskDeleter> fsk;
  std::unique_ptr<async_rx_state_t, UartDeleter> uart;
  float gain = 1.0F;
  std::uint64_t sample = 0;
  bool carrier = false;
  bool mark = false;
  std::vector<ReceivedChar> characters;
  std::vector<CarrierEvent> carrier_events;
  std::function<void(int, std::uint64_t)> bit_observer;
  std::function<void(bool, std::uint64_t)> carrier_observer;
  ReceiverStats stats;

  static void put_bit_thunk(void* self, int bit) { static_cast<State*>(self)->put_bit(bit); }
  static void put_byte_thunk(void* self, int byte) { static_cast<State*>(self)->put_byte(byte, false); }

  void put_bit(int bit) {
    if (bit < 0) {
      if (bit == SIG_STATUS_CARRIER_UP || bit == SIG_STATUS_CARRIER_DOWN) {
        carrier = bit == SIG_STATUS_CARRIER_UP;
        mark = false;
        carrier_events.push_back({sample, carrier});
        if (carrier) ++stats.carrier_ups;
        if (carrier_observer) carrier_observer(carrier, sample);
        async_rx_put_bit(uart.get(), bit);  // resets the UART
      }
      return;
    }
    if (bit_observer) bit_observer(bit, sample);
    if (!mark) {
      if (bit == 0) return;
      mark = true;
    }
    const int framing_errors_before = uart->framing_errors;
    async_rx_put_bit(uart.get(), bit);
    if (uart->framing_errors != framing_errors_before) {
      put_byte(static_cast<int>(uart->byte_in_progress & 0xFF), true);
      // Like a hardware UART, wait for the line to return to mark before hunting for the next start bit, so a
      // long space (a break, or an answer tone heard on the 1200 bit/s channel) is one error, not one per 10 bits.
      mark = false;
    }
  }

  void put_byte(int byte, bool framing_error) {
    if (byte < 0) return;  // carrier status echoed by async_rx
    const auto eight = static_cast<std::uint8_t>(byte);
    ReceivedChar c;
    c.value = eight & 0x7F;
    c.parity_error = (eight >> 7) != even_parity_bit(eight);
    c.framing_error = framing_error;
    c.sample = sample;
    ++stats.characters;
    if (c.parity_error) ++stats.parity_errors;
    if (c.framing_error) ++stats.framing_errors;
    characters.push_back(c);
  }
};

V23Receiver::V23Receiver(Options options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.options = options;
  s.gain = static_cast<float>(std::pow(10.0, options.gain_db / 20.0));
  const int preset = options.channel == V23Channel::forward ? FSK_V23CH1 : FSK_V23CH2;
  s.uart.reset(async_rx_init(nullptr, 8, ASYNC_PARITY_NONE, 1, 0, &State::put_byte_thunk, &s));
  const int mode = options.smoothed_timing ? FSK_FRAME_MODE_SYNC : FSK_FRAME_MODE_ASYNC;
  s.fsk.reset(fsk_rx_init(nullptr, &preset_fsk_specs[preset], mode, &State::put_bit_thunk, &s));
  fsk_rx_signal_cutoff(s.fsk.get(), static_cast<float>(options.cutoff_dbm0));
}

V23Receiver::~V23Receiver() = default;
V23Receiver::V23Receiver(V23Receiver&&) noexcept = default;
V23Receiver& V23Receiver::operator=(V23Receiver&&) noexcept = default;

void V23Receiver::process(std::span<const std::int16_t> audio) {
  State& s = *state_;
  const bool scaled = s.options.gain_db != 0.0;
  for (const std::int16_t in : audio) {
    std::int16_t x = in;
    if (scaled) x = static_cast<std::int16_t>(std::clamp(std::nearbyint(in * s.gain), -32768.0F, 32767.0F));
    fsk_rx(s.fsk.get(), &x, 1);
    ++s.sample;
  }
}

std::vector<ReceivedChar> V23Receiver::take_characters() { return std::exchange(state_->characters, {}); }
std::vector<CarrierEvent> V23Receiver::take_carrier_events() { return std::exchange(state_->carrier_events, {}); }
bool V23Receiver::carrier_present() const { return state_->carrier; }
bool V23Receiver::mark_seen() const { return state_->carrier && state_->mark; }
double V23Receiver::signal_power_dbm0() const { return fsk_rx_signal_power(state_->fsk.get()); }

void V23Receiver::set_cutoff_dbm0(double cutoff) {
  state_->options.cutoff_dbm0 = cutoff;
  fsk_rx_signal_cutoff(state_->fsk.get(), static_cast<float>(cutoff));
}

void V23Receiver::set_bit_observer(std::function<void(int, std::uint64_t)> observer) {
  state_->bit_observer = std::move(observer);
}

void V23Receiver::set_carrier_observer(std::function<void(bool, std::uint64_t)> observer) {
  state_->carrier_observer = std::move(observer);
}

std::uint64_t V23Receiver::samples() const { return state_->sample; }
ReceiverStats V23Receiver::stats() const { return state_->stats; }
const V23Receiver::Options& V23Receiver::options() const { return state_->options; }

}  // namespace pavi::modem
