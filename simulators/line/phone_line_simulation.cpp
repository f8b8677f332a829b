// The phone line in simulated time (see phone_line_simulation.hpp): one step moves one audio block through both
// modems and both channels, keeping each transmitter fed from its PCE end one block ahead.
#include "simulators/line/phone_line_simulation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "modem/line_levels.hpp"
#include "modem/pce_chars.hpp"
#include "modem/v23_framing.hpp"

namespace pavi::sim {
namespace {

namespace pce = modem::pce;
using modem::EndpointState;

constexpr int kStartPattern = 0;
constexpr int kStopPattern = 1;

std::vector<int> pattern(const std::array<std::uint8_t, 4>& bytes) { return {bytes.begin(), bytes.end()}; }

modem::SimTime at_sample(std::uint64_t sample) {
  return modem::SimTime{modem::SimDuration{static_cast<std::int64_t>(sample) * 1'000'000 / modem::kSampleRate}};
}

// The line byte as it arrived: the 7 data bits and the parity bit the demodulator actually saw, so that the PCE
// receiver can locate a single wrong bit.
std::uint8_t line_byte(const modem::ReceivedChar& c) {
  const int parity = modem::even_parity_bit(c.value) ^ (c.parity_error ? 1 : 0);
  return static_cast<std::uint8_t>((c.value & 0x7F) | (parity << 7));
}

// Characters to keep queued so that a transmitter never idles during one block: a block of 20 ms holds 2.4
// characters at 1200 bit/s, so 3 are queued; at 75 bit/s one character lasts 133 ms, so 1 is enough.
std::size_t fill_for(const modem::EndpointConfig& sender, int block_samples) {
  const double rate = modem::plan(modem::transmit_channel(sender.role)).bit_rate;
  const double characters_per_block = block_samples * rate / (modem::kSampleRate * 10.0);
  return static_cast<std::size_t>(characters_per_block) + 1;
}

}  // namespace

pce::SenderConfig PhoneLineConfig::default_sender() {
  pce::SenderConfig config;
  config.output = pce::CharForm::seven_bit;
  config.input = pce::CharForm::line;
  return config;
}

pce::TerminalConfig PhoneLineConfig::default_terminal() {
  pce::TerminalConfig config;
  config.receiver = pce::ReceiverConfig::strict();
  config.receiver.input = pce::CharForm::line;
  config.receiver.upstream = pce::CharForm::seven_bit;
  return config;
}

PhoneLineConfig PhoneLineConfig::with_channel(std::string_view description, std::string* error) {
  PhoneLineConfig config;
  const line::ChannelParse parsed = line::parse_channel(description);
  if (error) *error = parsed.error;
  if (!parsed.ok()) return config;
  config.call.answerer_to_caller = parsed.config;
  config.call.caller_to_answerer = parsed.config;
  config.call.caller_to_answerer.seed = parsed.config.seed + 1;  // same kind of line, independent noise
  return config;
}

PhoneLineSimulation::PhoneLineSimulation(PhoneLineConfig config)
    : config_(std::move(config)),
      call_(config_.call),
      sender_(config_.sender),
      terminal_(config_.terminal),
      commands_({pattern(pce::kStartCommand), pattern(pce::kStopCommand)}),
      fill_down_(fill_for(config_.call.answerer, config_.call.block_samples)),
      fill_up_(fill_for(config_.call.caller, config_.call.block_samples)) {}

modem::SimTime PhoneLineSimulation::now() const {
  return at_sample(static_cast<std::uint64_t>(std::llround(call_.seconds() * modem::kSampleRate)));
}

void PhoneLineSimulation::send_to_terminal(std::string_view bytes) {
  if (bytes.empty()) return;
  const modem::SimTime t = now();
  for (const char c : bytes) {
    const int command = commands_.feed(static_cast<std::uint8_t>(c), clear_);
    if (command == kStartPattern || command == kStopPattern) {
      feed_sender(std::exchange(clear_, {}));
      if (command == kStartPattern) {
        sender_.start(t);
      } else {
        sender_.stop(t);
      }
    }
  }
  feed_sender(std::exchange(clear_, {}));
  last_busy_s_ = seconds();
}

void PhoneLineSimulation::feed_sender(std::string_view bytes) {
  if (!bytes.empty()) sender_.send(bytes, now());
}

// A trailing ESC or ESC 3A may be the start of a START/STOP split across two writes; held while more may come,
// released as data once the line has nothing else to do.
void PhoneLineSimulation::flush_held_commands() {
  commands_.flush(clear_);
  feed_sender(std::exchange(clear_, {}));
}

void PhoneLineSimulation::send_to_service(std::string_view bytes) {
  if (bytes.empty()) return;
  terminal_.send(bytes);
  last_busy_s_ = seconds();
}

void PhoneLineSimulation::fill_transmitters(modem::SimTime t) {
  modem::V23Endpoint& gateway = call_.answerer();
  modem::V23Endpoint& minitel = call_.caller();
  bool pulled = false;
  if (gateway.connected()) {
    while (gateway.transmitter().pending_characters() < fill_down_) {
      const auto byte = sender_.pull(t);
      if (!byte) break;
      gateway.send(*byte);
      pulled = true;
    }
  }
  if (!pulled) sender_.advance(t);
  terminal_.advance(t);
  if (minitel.connected()) {
    while (minitel.transmitter().pending_characters() < fill_up_) {
      const auto byte = terminal_.pull_upstream(t);
      if (!byte) break;
      minitel.send(*byte);
    }
  }
}

void PhoneLineSimulation::take_received() {
  for (const modem::ReceivedChar& c : call_.caller().take_received()) {
    const bool substitute = config_.show_errors && !c.ok() && !terminal_.pce_active();
    const std::uint8_t byte = substitute ? pce::with_parity(modem::kErrorSubstitute) : line_byte(c);
    terminal_.receive(byte, at_sample(c.sample), c.framing_error);
  }
  for (const modem::ReceivedChar& c : call_.answerer().take_received()) {
    sender_.receive(line_byte(c), at_sample(c.sample));
  }
  std::string down = terminal_.take_data();
  bytes_to_terminal_ += down.size();
  to_terminal_ += down;
  std::string up = sender_.take_received();
  bytes_to_service_ += up.size();
  to_service_ += up;
}

void PhoneLineSimulation::step() {
  if (released()) return;
  if (config_.pce_at_connect && !pce_started_ && call_.answerer().connected() && call_.caller().connected()) {
    pce_started_ = true;
    sender_.start(now());
  }
  fill_transmitters(now());
  call_.step();
  take_received();
  const pce::SenderStats& sent = sender_.stats();
  const std::uint64_t blocks = sent.new_blocks + sent.repeated_blocks + sent.interrupted_blocks;
  const bool progress = blocks != blocks_seen_ || bytes_to_terminal_ != delivered_seen_ ||
                        bytes_to_service_ != received_seen_;
  blocks_seen_ = blocks;
  delivered_seen_ = bytes_to_terminal_;
  received_seen_ = bytes_to_service_;
  if (progress || busy()) {
    last_busy_s_ = seconds();
  } else if (commands_.holding()) {
    flush_held_commands();
    last_busy_s_ = seconds();
  }
}

bool PhoneLineSimulation::run_until_idle(double limit_s) {
  const double end = seconds() + limit_s;
  while (!idle() && seconds() < end) step();
  return idle();
}

bool PhoneLineSimulation::busy() const {
  if (released()) return false;
  const modem::V23Endpoint& gateway = call_.answerer();
  const modem::V23Endpoint& minitel = call_.caller();
  if (!gateway.connected() || !minitel.connected()) return true;  // the call is being set up
  const auto mode = sender_.mode();
  if (mode == pce::SenderMode::starting || mode == pce::SenderMode::stopping) return true;
  // In character mode the gateway's transmitter empties; in block mode it never does (keep-alive NULs), and
  // progress is seen in blocks completed instead (see step()).
  if (mode == pce::SenderMode::character && (sender_.has_pending_output() || !gateway.transmitter().idle())) {
    return true;
  }
  // A receiver hunting for SYN SYN repeats its NACK for as long as the sender has no block to send, which on a
  // noisy idle line (a phantom block started by noise on the NULs) is forever: its NACKs are not work. A real
  // NACK makes the sender repeat blocks, which step() counts.
  const pce::Receiver& receiver = terminal_.receiver();
  if (receiver.state() == pce::ReceiverState::hunting) return false;
  return receiver.has_upstream() || !minitel.transmitter().idle();
}

bool PhoneLineSimulation::idle() const { return released() || (!busy() && seconds() - last_busy_s_ >= config_.linger_s); }

bool PhoneLineSimulation::released() const {
  return call_.caller().state() == EndpointState::released ||
         call_.answerer().state() == EndpointState::released;
}

std::string PhoneLineSimulation::take_for_terminal() { return std::exchange(to_terminal_, {}); }
std::string PhoneLineSimulation::take_for_service() { return std::exchange(to_service_, {}); }

PhoneLineStatus PhoneLineSimulation::status() const {
  PhoneLineStatus s;
  const modem::V23Call& call = call_;
  s.seconds = seconds();
  s.terminal_modem = call.caller().state();
  s.service_modem = call.answerer().state();
  s.connected = call.caller().connected() && call.answerer().connected();
  s.released = released();
  if (call.caller().state() == EndpointState::released) {
    s.release_reason = "terminal modem: " + std::string(call.caller().release_reason());
  } else if (call.answerer().state() == EndpointState::released) {
    s.release_reason = "service modem: " + std::string(call.answerer().release_reason());
  }
  s.pce_active = terminal_.pce_active();
  s.sender_mode = sender_.mode();
  s.terminal_modem_rx = call.caller().receiver().stats();
  s.service_modem_rx = call.answerer().receiver().stats();
  s.pce_receiver = terminal_.receiver().stats();
  s.pce_sender = sender_.stats();
  s.bytes_to_terminal = bytes_to_terminal_;
  s.bytes_to_service = bytes_to_service_;
  return s;
}

}  // namespace pavi::sim
