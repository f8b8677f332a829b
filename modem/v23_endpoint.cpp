// The call set-up and data phase of one V.23 end (see v23_endpoint.hpp). Audio is handled in 1 ms chunks: the
// transmitter speaks with the state at the start of a chunk, then the receiver listens to it, so reactions to
// what is heard lag by at most 1 ms and never come early. Scheduled steps (tone, gap) fall on exact samples.
#include "modem/v23_endpoint.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "modem/line_levels.hpp"

namespace pavi::modem {
namespace {

constexpr std::size_t kChunk = 8;       // 1 ms
constexpr int kToneDebounceBits = 4;    // bits in a row before the line analysis believes a tone changed

std::uint64_t to_samples(double seconds) { return static_cast<std::uint64_t>(std::llround(seconds * kSampleRate)); }
double to_seconds(std::uint64_t samples) { return static_cast<double>(samples) / kSampleRate; }

V23Transmitter::Options transmitter_options(const EndpointConfig& c) {
  return {transmit_channel(c.role), c.tx_level_dbm0, c.answer_tone_dbm0};
}
V23Receiver::Options receiver_options(const EndpointConfig& c) {
  return {receive_channel(c.role), c.rx_cutoff_dbm0, c.rx_gain_db};
}

}  // namespace

EndpointConfig EndpointConfig::minipavi_answer() {
  EndpointConfig c;
  c.role = CallRole::answer;
  c.tx_level_dbm0 = -28.0 + 6.02;  // t(-28), VOLUME(TX)=2
  c.rx_cutoff_dbm0 = -38.0;        // r(-38)
  c.rx_gain_db = 9.54;             // VOLUME(RX)=3
  c.answer_tone_s = 3.0;
  c.answer_tone_dbm0 = -21.2;
  c.tone_gap_s = 0.075;
  c.hold_data_until_far_mark = true;
  return c;
}

EndpointConfig EndpointConfig::minipavi_originate() {
  EndpointConfig c;
  c.role = CallRole::originate;
  c.listen_for_answer = false;
  c.tx_level_dbm0 = -18.0 + 6.02;  // the client library's TX -18, VOLUME(TX)=2
  c.rx_cutoff_dbm0 = -35.0;
  c.rx_gain_db = 16.9;             // VOLUME(RX)=7
  c.hold_data_until_far_mark = true;
  return c;
}

EndpointConfig EndpointConfig::minitel() {
  EndpointConfig c;
  c.role = CallRole::originate;
  c.listen_for_answer = true;
  c.tx_level_dbm0 = -10.0;
  c.rx_cutoff_dbm0 = -45.5;  // carrier on above -43, off below -48
  c.hold_data_until_far_mark = false;
  c.hangup_after_carrier_loss_s = 0.440;
  return c;
}

std::string_view to_string(EndpointState state) {
  switch (state) {
    case EndpointState::waiting: return "waiting";
    case EndpointState::answer_tone: return "answer tone";
    case EndpointState::tone_gap: return "tone gap";
    case EndpointState::analysing_line: return "analysing line";
    case EndpointState::carrier_wait: return "carrier, waiting for the far end";
    case EndpointState::data: return "data";
    case EndpointState::released: return "released";
  }
  return "?";
}

V23Endpoint::V23Endpoint(EndpointConfig config)
    : config_(config),
      transmitter_(transmitter_options(config)),
      receiver_(receiver_options(config)),
      detector_(config.detection),
      state_(EndpointState::waiting) {
  receiver_.set_bit_observer([this](int bit, std::uint64_t sample) { on_bit(bit, sample); });
  receiver_.set_carrier_observer([this](bool up, std::uint64_t sample) { on_carrier(up, sample); });
  if (config.role == CallRole::answer) {
    enter(EndpointState::waiting, 0);
  } else if (config.listen_for_answer) {
    enter(EndpointState::analysing_line, 0);
  } else {
    enter(config.hold_data_until_far_mark ? EndpointState::carrier_wait : EndpointState::data, 0);
  }
}

void V23Endpoint::enter(EndpointState state, std::uint64_t sample) {
  state_ = state;
  state_since_ = sample;
  events_.push_back({sample, EndpointEvent::Kind::state_changed, state});
  switch (state) {
    case EndpointState::waiting:
    case EndpointState::tone_gap:
    case EndpointState::analysing_line:
    case EndpointState::released:
      transmitter_.set_output(V23Transmitter::Output::silence);
      break;
    case EndpointState::answer_tone:
      transmitter_.set_output(V23Transmitter::Output::answer_tone);
      break;
    case EndpointState::carrier_wait:
      transmitter_.set_output(V23Transmitter::Output::carrier);
      transmitter_.hold(true);
      break;
    case EndpointState::data:
      transmitter_.set_output(V23Transmitter::Output::carrier);
      transmitter_.hold(false);
      break;
  }
}

void V23Endpoint::release(std::uint64_t sample, std::string_view reason) {
  release_reason_ = reason;
  enter(EndpointState::released, sample);
}

std::uint64_t V23Endpoint::next_scheduled_change() const {
  switch (state_) {
    case EndpointState::waiting: return state_since_ + to_samples(config_.answer_delay_s);
    case EndpointState::answer_tone: return state_since_ + to_samples(config_.answer_tone_s);
    case EndpointState::tone_gap: return state_since_ + to_samples(config_.tone_gap_s);
    default: return std::numeric_limits<std::uint64_t>::max();
  }
}

void V23Endpoint::on_carrier(bool up, std::uint64_t sample) {
  far_carrier_ = up;
  events_.push_back({sample, up ? EndpointEvent::Kind::far_carrier_up : EndpointEvent::Kind::far_carrier_down, state_});
  if (!up) carrier_lost_at_ = sample;
}

void V23Endpoint::analyse_energy(std::span<const std::int16_t> heard, std::uint64_t first_sample) {
  // Thresholds on the 2 ms mean power, with the receiver's hysteresis (on at cut-off + 2.5 dB, off at - 2.5 dB).
  const double on = std::pow(line::dbm0_to_rms(config_.rx_cutoff_dbm0 + 2.5), 2) * recent_energy_.size();
  const double off = std::pow(line::dbm0_to_rms(config_.rx_cutoff_dbm0 - 2.5), 2) * recent_energy_.size();
  std::uint64_t sample = first_sample;
  for (const std::int16_t x : heard) {
    const double e = static_cast<double>(x) * x;
    energy_sum_ += e - recent_energy_[recent_position_];
    recent_energy_[recent_position_] = e;
    recent_position_ = (recent_position_ + 1) % recent_energy_.size();
    if (line_active_ && energy_sum_ < off) {
      line_active_ = false;
      run_bit_ = -1;
      run_length_ = 0;
      detector_.observe(to_seconds(sample), LineTone::silence);
    } else if (!line_active_ && energy_sum_ > on) {
      line_active_ = true;
    }
    ++sample;
  }
}

void V23Endpoint::on_bit(int bit, std::uint64_t sample) {
  if (state_ != EndpointState::analysing_line || !line_active_) return;
  if (bit != run_bit_) {
    run_bit_ = bit;
    run_length_ = 0;
    run_start_ = sample;
  }
  // On the 1200 bit/s channel a steady 2100 Hz reads as a run of 0 bits and 1300 Hz as a run of 1 bits.
  if (++run_length_ == kToneDebounceBits) {
    detector_.observe(to_seconds(run_start_), bit == 1 ? LineTone::mark : LineTone::answer_tone);
  }
}

void V23Endpoint::after_receiving(std::uint64_t chunk_end) {
  auto characters = receiver_.take_characters();
  receiver_.take_carrier_events();  // already seen through the observer
  if (state_ == EndpointState::data || state_ == EndpointState::carrier_wait) {
    received_.insert(received_.end(), characters.begin(), characters.end());
  }
  switch (state_) {
    case EndpointState::analysing_line:
      detector_.advance(to_seconds(chunk_end));
      if (detector_.state() == AnswerSequenceDetector::State::connected) {
        enter(config_.hold_data_until_far_mark ? EndpointState::carrier_wait : EndpointState::data, chunk_end);
      } else if (detector_.state() == AnswerSequenceDetector::State::released) {
        release(chunk_end, detector_.release_reason());
      }
      break;
    case EndpointState::carrier_wait:
      if (receiver_.mark_seen()) enter(EndpointState::data, chunk_end);
      break;
    case EndpointState::data:
      if (config_.hangup_after_carrier_loss_s > 0.0 && !far_carrier_ &&
          chunk_end - carrier_lost_at_ >= to_samples(config_.hangup_after_carrier_loss_s)) {
        release(chunk_end, "far carrier lost");
      }
      break;
    default:
      break;
  }
}

void V23Endpoint::process(std::span<const std::int16_t> heard, std::span<std::int16_t> sent) {
  const std::size_t length = std::min(heard.size(), sent.size());
  std::size_t offset = 0;
  while (offset < length) {
    while (now_ >= next_scheduled_change()) {
      const std::uint64_t at = next_scheduled_change();
      if (state_ == EndpointState::waiting) {
        enter(config_.answer_tone_s > 0.0 ? EndpointState::answer_tone : EndpointState::carrier_wait, at);
        if (state_ == EndpointState::carrier_wait && !config_.hold_data_until_far_mark) enter(EndpointState::data, at);
      } else if (state_ == EndpointState::answer_tone) {
        enter(EndpointState::tone_gap, at);
      } else {
        enter(config_.hold_data_until_far_mark ? EndpointState::carrier_wait : EndpointState::data, at);
      }
    }
    std::size_t n = std::min(kChunk, length - offset);
    const std::uint64_t scheduled = next_scheduled_change();
    if (scheduled - now_ < n) n = static_cast<std::size_t>(scheduled - now_);
    transmitter_.generate(sent.subspan(offset, n));
    if (state_ == EndpointState::analysing_line) analyse_energy(heard.subspan(offset, n), now_);
    receiver_.process(heard.subspan(offset, n));
    now_ += n;
    offset += n;
    after_receiving(now_);
  }
}

}  // namespace pavi::modem
