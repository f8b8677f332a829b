// V.23 transmitter on spandsp 0.0.6 (v23-modem.md §9.2-9.3): fsk_tx pulls one bit per bit time from next_bit().
// spandsp's async_tx is not used: it cannot idle on mark and never reports the end of the data, so the UART is
// ours and counts the bits of each character itself.
#include "modem/v23_transmitter.hpp"

#include <algorithm>
#include <deque>

#include <spandsp.h>

namespace pavi::modem {

struct V23Transmitter::State {
  struct FskDeleter {
    void operator()(fsk_tx_state_t* fsk) const { fsk_tx_free(fsk); }
  };

  Options options;
  std::unique_ptr<fsk_tx_state_t, FskDeleter> fsk;
  Output output = Output::silence;
  bool held = false;
  std::deque<CharacterFrame> queue;
  CharacterFrame current;
  int bits_left = 0;
  int next_index = 0;
  std::function<int()> bit_source;
  std::uint32_t tone_phase = 0;
  std::int32_t tone_rate = 0;
  std::int16_t tone_scale = 0;
  std::uint64_t samples = 0;
  std::uint64_t characters_sent = 0;

  static int next_bit_thunk(void* self) { return static_cast<State*>(self)->next_bit(); }

  int next_bit() {
    if (bit_source) return bit_source() & 1;
    if (bits_left == 0) {
      if (queue.empty() || held) return 1;  // idle on mark
      current = queue.front();
      queue.pop_front();
      bits_left = current.length;
      next_index = 0;
    }
    const int bit = current.bit(next_index++);
    if (--bits_left == 0) ++characters_sent;
    return bit;
  }
};

V23Transmitter::V23Transmitter(Options options) : state_(std::make_unique<State>()) {
  state_->options = options;
  const int preset = options.channel == V23Channel::forward ? FSK_V23CH1 : FSK_V23CH2;
  state_->fsk.reset(fsk_tx_init(nullptr, &preset_fsk_specs[preset], &State::next_bit_thunk, state_.get()));
  fsk_tx_power(state_->fsk.get(), static_cast<float>(options.level_dbm0));
  state_->tone_rate = dds_phase_rate(2100.0F);
  state_->tone_scale = dds_scaling_dbm0(static_cast<float>(options.tone_level_dbm0));
}

V23Transmitter::~V23Transmitter() = default;
V23Transmitter::V23Transmitter(V23Transmitter&&) noexcept = default;
V23Transmitter& V23Transmitter::operator=(V23Transmitter&&) noexcept = default;

void V23Transmitter::set_output(Output output) { state_->output = output; }
V23Transmitter::Output V23Transmitter::output() const { return state_->output; }

void V23Transmitter::set_level_dbm0(double level) {
  state_->options.level_dbm0 = level;
  fsk_tx_power(state_->fsk.get(), static_cast<float>(level));
}

void V23Transmitter::send(std::span<const std::uint8_t> bytes) {
  for (const auto byte : bytes) send(byte);
}
void V23Transmitter::send(std::uint8_t byte) { state_->queue.push_back(CharacterFrame::seven_e_one(byte)); }
void V23Transmitter::send_frame(CharacterFrame frame) { state_->queue.push_back(frame); }
void V23Transmitter::hold(bool held) { state_->held = held; }
void V23Transmitter::set_bit_source(std::function<int()> next_bit) { state_->bit_source = std::move(next_bit); }

std::size_t V23Transmitter::pending_characters() const {
  return state_->queue.size() + (state_->bits_left > 0 ? 1 : 0);
}
std::uint64_t V23Transmitter::samples() const { return state_->samples; }
std::uint64_t V23Transmitter::characters_sent() const { return state_->characters_sent; }
const V23Transmitter::Options& V23Transmitter::options() const { return state_->options; }

void V23Transmitter::generate(std::span<std::int16_t> out) {
  State& s = *state_;
  s.samples += out.size();
  switch (s.output) {
    case Output::silence:
      std::fill(out.begin(), out.end(), std::int16_t{0});
      return;
    case Output::answer_tone:
      for (auto& sample : out) sample = dds_mod(&s.tone_phase, s.tone_rate, s.tone_scale, 0);
      return;
    case Output::carrier: {
      const int made = fsk_tx(s.fsk.get(), out.data(), static_cast<int>(out.size()));
      std::fill(out.begin() + std::max(made, 0), out.end(), std::int16_t{0});
      return;
    }
  }
}

}  // namespace pavi::modem
