// One soft-modem call in simulated time (see modem_line.hpp): each step moves one audio block through both modems
// and both channels, keeping each transmitter fed a few characters ahead from its side's queue.
#include "simulators/asterisk/modem_line.hpp"

#include <cmath>
#include <utility>

#include "modem/pce_chars.hpp"
#include "modem/v23_framing.hpp"
#include "simulators/line/phone_line_simulation.hpp"

namespace pavi::sim {
namespace {

using modem::EndpointState;

modem::SimTime at_sample(std::uint64_t sample) {
  return modem::SimTime{modem::SimDuration{static_cast<std::int64_t>(sample) * 1'000'000 / modem::kSampleRate}};
}

// The line byte as the demodulator saw it (7 data bits + the parity bit received), so that the Minitel's PCE
// receiver can locate a single wrong bit.
std::uint8_t line_byte(const modem::ReceivedChar& c) {
  const int parity = modem::even_parity_bit(c.value) ^ (c.parity_error ? 1 : 0);
  return static_cast<std::uint8_t>((c.value & 0x7F) | (parity << 7));
}

// Characters to keep queued so that a transmitter never idles during one block (2.4 characters per 20 ms at
// 1200 bit/s). The app itself holds one character and reads the socket again when it is out: the same pace.
std::size_t fill_for(const modem::EndpointConfig& sender, int block_samples) {
  const double rate = modem::plan(modem::transmit_channel(sender.role)).bit_rate;
  return static_cast<std::size_t>(block_samples * rate / (modem::kSampleRate * 10.0)) + 1;
}

// VOLUME(TX)=2 doubles the samples: +6.02 dB on the level the app is told.
constexpr double kVolumeTimesTwoDb = 6.02;

}  // namespace

ModemLineConfig ModemLineConfig::for_inbound() {
  ModemLineConfig config;
  config.direction = CallDirection::inbound;
  config.soft_modem = modem::EndpointConfig::minipavi_answer();
  config.far_end = modem::EndpointConfig::minitel();
  config.terminal = PhoneLineConfig::default_terminal();
  return config;
}

ModemLineConfig ModemLineConfig::for_outbound(int rx_dbm0, int tx_dbm0) {
  ModemLineConfig config;
  config.direction = CallDirection::outbound;
  config.soft_modem = modem::EndpointConfig::minipavi_originate();
  config.soft_modem.tx_level_dbm0 = tx_dbm0 + kVolumeTimesTwoDb;
  config.soft_modem.rx_cutoff_dbm0 = rx_dbm0;
  // The server: a V.23 modem answering in the usual way (answer tone, gap, 1200 bit/s carrier) at a common
  // -12 dBm0, hearing well (its cut-off compensated for spandsp's 75 bit/s detector, v23-modem.md §5).
  config.far_end = modem::EndpointConfig::minipavi_answer();
  config.far_end.tx_level_dbm0 = -12.0;
  config.far_end.hold_data_until_far_mark = true;
  return config;
}

bool ModemLineConfig::set_channel(std::string_view description, std::string* error) {
  const line::ChannelParse parsed = line::parse_channel(description);
  if (error) *error = parsed.error;
  if (!parsed.ok()) return false;
  to_far_end = parsed.config;
  to_soft_modem = parsed.config;
  to_soft_modem.seed = parsed.config.seed + 1;  // the same kind of line, independent noise
  return true;
}

bool ModemLineConfig::set_channel_to_soft_modem(std::string_view description, std::string* error) {
  const line::ChannelParse parsed = line::parse_channel(description);
  if (error) *error = parsed.error;
  if (!parsed.ok()) return false;
  to_soft_modem = parsed.config;
  return true;
}

namespace {

modem::CallConfig call_config(const ModemLineConfig& config) {
  // V23Call's caller is the originating end: the Minitel inbound, the soft modem outbound.
  modem::CallConfig call;
  const bool inbound = config.direction == CallDirection::inbound;
  call.caller = inbound ? config.far_end : config.soft_modem;
  call.answerer = inbound ? config.soft_modem : config.far_end;
  call.caller_to_answerer = inbound ? config.to_soft_modem : config.to_far_end;
  call.answerer_to_caller = inbound ? config.to_far_end : config.to_soft_modem;
  call.block_samples = config.block_samples;
  return call;
}

}  // namespace

ModemLine::ModemLine(ModemLineConfig config)
    : config_(std::move(config)),
      call_(call_config(config_)),
      terminal_(config_.terminal),
      fill_soft_modem_(fill_for(config_.soft_modem, config_.block_samples)),
      fill_far_end_(fill_for(config_.far_end, config_.block_samples)) {}

modem::V23Endpoint& ModemLine::soft_modem() {
  return config_.direction == CallDirection::inbound ? call_.answerer() : call_.caller();
}
modem::V23Endpoint& ModemLine::far_end() {
  return config_.direction == CallDirection::inbound ? call_.caller() : call_.answerer();
}
const modem::V23Endpoint& ModemLine::soft_modem() const {
  return config_.direction == CallDirection::inbound ? call_.answerer() : call_.caller();
}
const modem::V23Endpoint& ModemLine::far_end() const {
  return config_.direction == CallDirection::inbound ? call_.caller() : call_.answerer();
}

modem::SimTime ModemLine::now() const {
  return at_sample(static_cast<std::uint64_t>(std::llround(call_.seconds() * modem::kSampleRate)));
}

void ModemLine::from_gateway(std::string_view bytes) { from_gateway_.append(bytes); }

void ModemLine::from_far_end(std::string_view bytes) {
  if (bytes.empty()) return;
  if (config_.direction == CallDirection::inbound) {
    terminal_.send(bytes);
  } else {
    from_far_end_.append(bytes);
  }
}

void ModemLine::fill_transmitters(modem::SimTime t) {
  modem::V23Endpoint& modem_end = soft_modem();
  modem::V23Endpoint& far = far_end();
  // The app reads the socket only once the far carrier and a mark bit were heard (§6.3): until then the
  // gateway's bytes wait in the socket, here in from_gateway_.
  if (modem_end.connected()) {
    std::size_t taken = 0;
    while (taken < from_gateway_.size() && modem_end.transmitter().pending_characters() < fill_soft_modem_) {
      modem_end.send(static_cast<std::uint8_t>(from_gateway_[taken++]));
    }
    from_gateway_.erase(0, taken);
  }
  if (config_.direction == CallDirection::inbound) {
    terminal_.advance(t);
    if (!far.connected()) return;
    while (far.transmitter().pending_characters() < fill_far_end_) {
      const auto byte = terminal_.pull_upstream(t);
      if (!byte) break;
      far.send(*byte);
    }
  } else if (far.connected()) {
    std::size_t taken = 0;
    while (taken < from_far_end_.size() && far.transmitter().pending_characters() < fill_far_end_) {
      far.send(static_cast<std::uint8_t>(from_far_end_[taken++]));
    }
    from_far_end_.erase(0, taken);
  }
}

void ModemLine::take_received() {
  // The soft modem: characters with a parity or framing error are dropped, the rest go up as 7-bit values.
  for (const modem::ReceivedChar& c : soft_modem().take_received()) {
    if (!c.ok()) {
      ++dropped_;
      continue;
    }
    to_gateway_.push_back(static_cast<char>(c.value & 0x7F));
    ++bytes_to_gateway_;
  }
  if (config_.direction == CallDirection::outbound) {
    // The server's modem, as the app's: 7-bit values, damaged characters dropped.
    for (const modem::ReceivedChar& c : far_end().take_received()) {
      if (c.ok()) {
        to_far_end_.push_back(static_cast<char>(c.value & 0x7F));
        ++bytes_to_far_end_;
      }
    }
    return;
  }
  for (const modem::ReceivedChar& c : far_end().take_received()) {
    const bool substitute = config_.show_errors && !c.ok() && !terminal_.pce_active();
    const std::uint8_t byte = substitute ? modem::pce::with_parity(modem::kErrorSubstitute) : line_byte(c);
    terminal_.receive(byte, at_sample(c.sample), c.framing_error);
  }
  std::string down = terminal_.take_data();
  bytes_to_far_end_ += down.size();
  to_far_end_ += down;
}

void ModemLine::step() {
  if (released()) return;
  fill_transmitters(now());
  call_.step();
  take_received();
}

bool ModemLine::setting_up() const {
  return !released() && (!soft_modem().connected() || !far_end().connected());
}

bool ModemLine::drained_to_far_end() const { return from_gateway_.empty() && soft_modem().transmitter().idle(); }

bool ModemLine::drained_to_soft_modem() const {
  if (!far_end().transmitter().idle()) return false;
  if (config_.direction == CallDirection::outbound) return from_far_end_.empty();
  return !terminal_.receiver().has_upstream();
}

bool ModemLine::released() const {
  return call_.caller().state() == EndpointState::released || call_.answerer().state() == EndpointState::released;
}

bool ModemLine::header_due() const {
  const EndpointState s = soft_modem().state();
  return s == EndpointState::carrier_wait || s == EndpointState::data;
}

std::string ModemLine::take_for_gateway() { return std::exchange(to_gateway_, {}); }
std::string ModemLine::take_for_far_end() { return std::exchange(to_far_end_, {}); }

ModemLineStatus ModemLine::status() const {
  ModemLineStatus s;
  s.seconds = seconds();
  s.soft_modem = soft_modem().state();
  s.far_end = far_end().state();
  s.connected = soft_modem().connected() && far_end().connected();
  s.released = released();
  if (soft_modem().state() == EndpointState::released) {
    s.release_reason = "soft modem: " + std::string(soft_modem().release_reason());
  } else if (far_end().state() == EndpointState::released) {
    s.release_reason = "far end: " + std::string(far_end().release_reason());
  }
  s.header_due = header_due();
  s.pce_active = config_.direction == CallDirection::inbound && terminal_.pce_active();
  s.soft_modem_rx = soft_modem().receiver().stats();
  s.far_end_rx = far_end().receiver().stats();
  s.pce_receiver = terminal_.receiver().stats();
  s.dropped_characters = dropped_;
  s.bytes_to_gateway = bytes_to_gateway_;
  s.bytes_to_far_end = bytes_to_far_end_;
  return s;
}

}  // namespace pavi::sim
