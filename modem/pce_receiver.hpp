// The terminal side of the PCE block layer (pce.md §4): assembles 17-character blocks, classifies them
// (correct, corrected by the syndrome, bad), delivers the application bytes in order, asks for repetitions with
// NACK + block number, hunts for SYN SYN <number>, repeats the NACK every 1120 ms, and sends its own upstream
// bytes with DLE transparency and NACK priority.
//
// A pure state machine for a simulated Minitel: bytes in (receive), upstream bytes out (pull_upstream), time
// passed in explicitly. Switching PCE on and off (the START/STOP commands) is the job of whoever embeds it,
// e.g. pce::Terminal.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "modem/pce_block.hpp"
#include "modem/pce_chars.hpp"
#include "modem/pce_time.hpp"

namespace pavi::modem::pce {

struct ReceiverConfig {
  CharForm input = CharForm::line;          // line bytes let single-bit errors be located and corrected
  CharForm upstream = CharForm::seven_bit;  // what pull_upstream() returns
  SimDuration nack_repeat = std::chrono::milliseconds{1120};
  bool correct_single_errors = true;  // STUM: correct a block with one parity error confirmed by the syndrome
  bool early_nack = true;             // NACK as soon as a block is known bad (2 parity errors, framing error)
  // Not in STUM (0 = off): after this much silence, ask for a resynchronisation before trusting the next
  // characters. A dropout that ends on a block boundary otherwise loses whole blocks unnoticed, because blocks
  // carry no number. Only sensible with a sender that never falls silent (PaviKit's repeated keep-alive NUL);
  // with MiniPavi's, it costs a repetition after each pause.
  SimDuration silence_resync{};

  // Stricter than a Minitel, for links to PaviKit's own sender (docs/PCE.md, "Limits of the procedure"):
  // - no single-bit correction: STUM's correction accepts wrong data after some 3-bit errors and random bursts;
  // - resynchronisation after 250 ms of silence: the sender's keep-alive never leaves the line silent longer
  //   than 134 ms, so silence means lost characters, possibly whole blocks;
  // - the NACK repeated after 500 ms instead of 1120 ms, so that even three missed SYN SYN headers in a row
  //   are recovered before the block leaves the sender's 15-block repeatable domain (about 2.1 s of line
  //   time). The header arrives well within 500 ms of the NACK, so no request still being served is repeated.
  static ReceiverConfig strict();
};

enum class ReceiverState { inactive, between_blocks, in_block, hunting };

struct ReceiverStats {
  std::uint64_t blocks_correct = 0;
  std::uint64_t blocks_corrected = 0;
  std::uint64_t blocks_bad = 0;
  std::uint64_t nacks_sent = 0;          // NACK pairs put on the line
  std::uint64_t nack_timer_repeats = 0;  // NACKs repeated because 1120 ms passed
  std::uint64_t resyncs = 0;             // SYN SYN <expected number> found
  std::uint64_t resync_failures = 0;     // bad SYN parity or a wrong third character
  std::uint64_t silence_resyncs = 0;     // resynchronisations asked after silence_resync
  std::uint64_t bytes_delivered = 0;
};

class Receiver {
 public:
  explicit Receiver(ReceiverConfig config = {});

  // PCE on: the block counter restarts at 0 and the next non-NUL character is character 1 of block 0.
  void activate(SimTime now);
  // PCE off: bytes pass through unchanged (parity removed in line form).
  void deactivate();
  bool active() const { return state_ != ReceiverState::inactive; }

  // One character from the line; `framing_error` when the modem saw a bad stop bit (the character is kept).
  void receive(std::uint8_t byte, SimTime now, bool framing_error = false);
  // Runs the NACK repeat timer up to `now`.
  void advance(SimTime now);
  std::optional<SimTime> next_deadline() const;

  // Application bytes received so far (7-bit values), in order, each exactly once.
  std::string take_data();

  // The terminal's own upstream bytes (keys, protocol answers); escaped with DLE while PCE is on.
  void send(std::span<const std::uint8_t> data);
  void send(std::string_view data);
  // Next upstream byte, if any. NACK pairs go first but never split an escape pair.
  std::optional<std::uint8_t> pull_upstream(SimTime now);
  bool has_upstream() const { return !upstream_.empty() || nack_queued_; }

  // Observer of every complete block and its verdict, before delivery (status displays, tests, benchmarks).
  std::function<void(const BlockCheck&, int number, const Block& received)> on_block;

  ReceiverState state() const { return state_; }
  int expected_block() const { return expected_; }
  const ReceiverStats& stats() const { return stats_; }
  const ReceiverConfig& config() const { return config_; }

 private:
  struct Unit {  // one upstream character, or an escape pair that must stay together
    std::uint8_t bytes[2];
    std::uint8_t length;
  };

  void receive_block_char(std::uint8_t line_byte, bool framing_error, SimTime now);
  void receive_hunting(std::uint8_t line_byte, bool framing_error, SimTime now);
  void finish_block(SimTime now);
  void request_repetition(SimTime now);
  std::uint8_t up(std::uint8_t value) const { return in_form(value, config_.upstream); }

  ReceiverConfig config_;
  ReceiverState state_ = ReceiverState::inactive;
  ReceiverStats stats_;
  int expected_ = 0;

  Block block_{};
  std::size_t fill_ = 0;
  std::uint32_t framing_ = 0;
  int parity_errors_ = 0;

  int hunt_step_ = 0;                 // 0: waiting for SYN, 1: second SYN, 2: block number
  std::optional<SimTime> nack_sent_;  // when the last NACK left, for the 1120 ms repetition
  std::optional<SimTime> last_char_;

  std::string data_;
  std::deque<Unit> upstream_;
  std::size_t unit_pos_ = 0;  // bytes of upstream_.front() already sent
  bool nack_queued_ = false;
  int nack_number_ = 0;
  int nack_pos_ = 0;  // 0: NACK next, 1: number next
};

}  // namespace pavi::modem::pce
