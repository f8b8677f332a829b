// One end of a V.23 call: transmitter + receiver + the connection sequence of its role (v23-modem.md §4), stepped
// with audio blocks in simulated time. Presets reproduce MiniPavi answering a Minitel, MiniPavi calling a V.23
// server (the `f` flip), and a Minitel.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "modem/v23_answer_sequence.hpp"
#include "modem/v23_channel.hpp"
#include "modem/v23_receiver.hpp"
#include "modem/v23_transmitter.hpp"

namespace pavi::modem {

struct EndpointConfig {
  CallRole role = CallRole::answer;
  double tx_level_dbm0 = -22.0;
  double rx_cutoff_dbm0 = -38.0;
  double rx_gain_db = 0.0;

  // Answer role: silence, answer tone, gap, then the carrier.
  double answer_delay_s = 0.0;  // MiniPavi's dialplan waits 1 s after answering
  double answer_tone_s = 3.0;   // 0: no tone, the carrier starts at once
  double answer_tone_dbm0 = -21.0;
  double tone_gap_s = 0.075;

  // Originate role: a Minitel analyses the line and stays silent until it recognises the answer sequence.
  bool listen_for_answer = true;
  AnswerSequenceDetector::Timings detection;

  // MiniPavi sends nothing until the far carrier and one mark bit are heard; queued bytes wait.
  bool hold_data_until_far_mark = true;
  // Hang up when the far carrier has been lost this long; 0 = never (MiniPavi ignores carrier loss).
  double hangup_after_carrier_loss_s = 0.0;

  // MiniPavi answering a Minitel: t(-28) with VOLUME(TX)=2, r(-38) with VOLUME(RX)=3, 3 s of answer tone.
  static EndpointConfig minipavi_answer();
  // MiniPavi calling a V.23 server (flip): 75 bit/s carrier at once, no line analysis.
  static EndpointConfig minipavi_originate();
  // A Minitel 1B: -10 dBm on the 75 bit/s channel, STUM line analysis, hangs up after 440 ms without carrier.
  static EndpointConfig minitel();
};

enum class EndpointState {
  waiting,         // answer: silence before the tone
  answer_tone,     // answer: 2100 Hz
  tone_gap,        // answer: the 75 ms silence
  analysing_line,  // originate with listen_for_answer: silent, looking for the answer sequence
  carrier_wait,    // own carrier on, waiting for the far carrier and a mark bit before sending data
  data,            // connected: queued bytes flow, received characters are delivered
  released,        // hung up
};

std::string_view to_string(EndpointState state);

struct EndpointEvent {
  enum class Kind { state_changed, far_carrier_up, far_carrier_down };
  std::uint64_t sample = 0;
  Kind kind = Kind::state_changed;
  EndpointState state = EndpointState::waiting;  // the new state, for state_changed
};

class V23Endpoint {
 public:
  explicit V23Endpoint(EndpointConfig config);
  // The receiver's observers point at this object.
  V23Endpoint(const V23Endpoint&) = delete;
  V23Endpoint& operator=(const V23Endpoint&) = delete;

  // `heard` is what arrives from the line, `sent` receives what this end puts on it; both the same length.
  void process(std::span<const std::int16_t> heard, std::span<std::int16_t> sent);

  void send(std::span<const std::uint8_t> bytes) { transmitter_.send(bytes); }
  void send(std::uint8_t byte) { transmitter_.send(byte); }
  std::vector<ReceivedChar> take_received() { return std::exchange(received_, {}); }
  std::vector<EndpointEvent> take_events() { return std::exchange(events_, {}); }

  EndpointState state() const { return state_; }
  bool connected() const { return state_ == EndpointState::data; }
  std::uint64_t samples() const { return now_; }
  double seconds() const { return static_cast<double>(now_) / kSampleRate; }
  const EndpointConfig& config() const { return config_; }
  std::string_view release_reason() const { return release_reason_; }

  V23Transmitter& transmitter() { return transmitter_; }
  V23Receiver& receiver() { return receiver_; }
  const V23Transmitter& transmitter() const { return transmitter_; }
  const V23Receiver& receiver() const { return receiver_; }

 private:
  void enter(EndpointState state, std::uint64_t sample);
  void release(std::uint64_t sample, std::string_view reason);
  void after_receiving(std::uint64_t chunk_end);
  std::uint64_t next_scheduled_change() const;
  void on_bit(int bit, std::uint64_t sample);
  void on_carrier(bool up, std::uint64_t sample);
  void analyse_energy(std::span<const std::int16_t> heard, std::uint64_t first_sample);

  EndpointConfig config_;
  V23Transmitter transmitter_;
  V23Receiver receiver_;
  AnswerSequenceDetector detector_;
  EndpointState state_;
  std::uint64_t now_ = 0;
  std::uint64_t state_since_ = 0;
  std::uint64_t carrier_lost_at_ = 0;
  bool far_carrier_ = false;
  // Line analysis: a 2 ms energy window finds silence (spandsp's carrier detector releases 10-20 ms late after a
  // loud tone, which would eat into the 75 ms ± 20 ms gap), and runs of demodulated bits tell 2100 from 1300 Hz.
  std::array<double, 16> recent_energy_{};
  std::size_t recent_position_ = 0;
  double energy_sum_ = 0.0;
  bool line_active_ = false;
  int run_bit_ = -1;
  int run_length_ = 0;
  std::uint64_t run_start_ = 0;
  std::vector<ReceivedChar> received_;
  std::vector<EndpointEvent> events_;
  std::string_view release_reason_;
};

}  // namespace pavi::modem
