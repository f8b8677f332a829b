// The gateway side of PCE (pce.md §2.2, §5): START/STOP with the terminal's acknowledgement and the repeat
// timers, blocks with a 16-block memory and a repeatable domain of at most 15 fully sent blocks, NACK + block
// number handling with SYN SYN resynchronisation, and the 134 ms keep-alive NUL.
//
// A pure state machine: the caller hands it application bytes (send), upstream bytes from the terminal
// (receive), and pulls line bytes one at a time when the line is free (pull). Time is always passed in, so the
// whole procedure runs in simulated time. Pulling byte by byte is what lets a NACK interrupt the block in
// progress at once, as the spec asks (MiniPavi could not: its block was already in the TCP buffer).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "modem/pce_block.hpp"
#include "modem/pce_chars.hpp"
#include "modem/pce_commands.hpp"
#include "modem/pce_time.hpp"

namespace pavi::modem::pce {

enum class PaddingPolicy {
  after_quiet_time,  // spec: a partial block is completed when no character came for `padding_delay`
  per_write,         // MiniPavi: every send() pads its last partial block at once
};

struct SenderConfig {
  CharForm output = CharForm::seven_bit;  // what pull() returns (seven_bit: a soft modem adds parity)
  CharForm input = CharForm::seven_bit;   // what receive() is given (line: parity is checked here)
  PaddingPolicy padding = PaddingPolicy::after_quiet_time;
  SimDuration padding_delay = std::chrono::milliseconds{16};
  // Idle line after a block: each time `keepalive` passes without a block, `keepalive_burst` NULs back to back.
  // The spec asks for at least one; 16 complete any block the terminal lost characters of (after a dropout, a
  // block missing 16 characters would otherwise need 16 × 134 ms of single NULs). 0 disables.
  SimDuration keepalive = std::chrono::milliseconds{134};
  int keepalive_burst = 16;
  SimDuration start_repeat = std::chrono::milliseconds{1400};
  int max_start_repeats = 8;         // then the sender gives up and asks for a disconnection; < 0: unlimited
  int implicit_ack_from_repeat = 5;  // NACK 40 counts as the acknowledgement from this repetition on
  SimDuration stop_repeat = std::chrono::milliseconds{1550};
  int max_stop_repeats = 8;
  // Safety net (not in the spec): after a NACK, how long to wait for the block number before treating it as
  // garbled. A modem that drops bad-parity characters would otherwise leave the sender paused forever.
  SimDuration block_number_wait = std::chrono::milliseconds{400};

  // MiniPavi's timings and choices (pce.md §2.3, §6), without its defects.
  static SenderConfig minipavi_like();
};

enum class SenderMode {
  character,  // PCE off: bytes go out unchanged
  starting,   // START sent, output suspended, waiting for the acknowledgement
  active,     // everything goes in blocks
  stopping,   // STOP sent in a block, still serving repetitions, waiting for the acknowledgement
  failed,     // START or STOP repeated too often: the caller should hang up
};

struct SenderStats {
  std::uint64_t new_blocks = 0;       // blocks completely sent for the first time
  std::uint64_t repeated_blocks = 0;  // blocks completely sent again after a NACK
  std::uint64_t interrupted_blocks = 0;
  std::uint64_t nacks = 0;
  std::uint64_t repeats_in_domain = 0;  // NACK X with X in the repeatable domain
  std::uint64_t numbers_outside_domain = 0;
  std::uint64_t numbers_garbled = 0;  // bad parity, not a block number, or never arrived
  std::uint64_t resync_headers = 0;   // SYN SYN X sent
  std::uint64_t keepalive_nuls = 0;
  std::uint64_t start_commands = 0;
  std::uint64_t stop_commands = 0;
  std::uint64_t upstream_parity_errors = 0;
};

class Sender {
 public:
  explicit Sender(SenderConfig config = {});

  // Begins the START procedure (from character mode).
  void start(SimTime now);
  // Begins the STOP procedure (from active mode; remembered if the START procedure is still running).
  void stop(SimTime now);

  // Application bytes for the terminal. In block mode bytes above 7F become 20, as in MiniPavi.
  void send(std::span<const std::uint8_t> data, SimTime now);
  void send(std::string_view data, SimTime now);

  // The next byte to put on the line now, if any. Call when the line can take a character.
  std::optional<std::uint8_t> pull(SimTime now);

  // One byte from the terminal (the 75 bit/s direction).
  void receive(std::uint8_t byte, SimTime now);
  // Upstream application bytes (keys...): PCE controls, acknowledgements and transparency DLEs removed.
  std::string take_received();

  // Runs the timers up to `now` (pull() and receive() call it too).
  void advance(SimTime now);
  // The next instant at which a timer may act, for event-driven drivers.
  std::optional<SimTime> next_deadline() const;

  SenderMode mode() const { return mode_; }
  bool disconnect_requested() const { return mode_ == SenderMode::failed; }
  // True while application data is still waiting to be transmitted (keep-alives do not count).
  bool has_pending_output() const;
  // Number (0..15) the next block to transmit will carry.
  int next_block_number() const { return static_cast<int>(next_ % 16); }
  const SenderStats& stats() const { return stats_; }
  const SenderConfig& config() const { return config_; }

 private:
  struct Transmission {
    Block bytes{};
    std::size_t position = 0;
    std::int64_t number = 0;  // absolute block number
    bool active = false;
  };

  std::optional<std::uint8_t> pull_block_byte(SimTime now);
  bool block_available() const;
  void begin_block();
  void complete_block(SimTime now);
  void queue_start();
  void queue_stop_block();
  void activate(bool resync_first);
  void deactivate();
  void on_nack(SimTime now);
  void on_block_number(std::optional<int> number);
  void receive_starting(std::uint8_t value);
  void receive_blocks(std::uint8_t value, bool parity_bad, SimTime now);
  void pass_up(std::uint8_t value);
  std::uint8_t out(std::uint8_t seven_bit_value) const { return in_form(seven_bit_value, config_.output); }

  SenderConfig config_;
  SenderMode mode_ = SenderMode::character;
  SenderStats stats_;

  std::string clear_;  // bytes sent outside blocks (character mode, START), in order
  std::size_t clear_pos_ = 0;
  std::size_t start_end_ = 0;  // clear_ offset just past the last START queued
  std::string deferred_;       // application bytes given while stopping, sent in clear afterwards

  BlockFramer framer_;
  SimTime last_data_{};

  std::array<Block, 16> memory_{};
  std::int64_t formed_ = 0;  // blocks taken from the framer so far (each got an absolute number)
  std::int64_t sent_ = 0;    // blocks completely sent at least once: the domain is [sent_-15, sent_-1]
  std::int64_t next_ = 0;    // absolute number of the next block to transmit
  Transmission tx_;
  std::array<std::uint8_t, 3> header_{};
  std::size_t header_len_ = 0;
  std::size_t header_pos_ = 0;
  bool resync_pending_ = false;  // SYN SYN <next_> goes before the next block
  bool awaiting_number_ = false;
  SimTime nack_time_{};
  std::optional<SimTime> keepalive_from_;
  int nuls_owed_ = 0;  // rest of the current keep-alive burst

  int start_repeats_ = 0;
  std::optional<SimTime> start_sent_;
  bool nack_while_starting_ = false;
  bool stop_requested_ = false;
  int stop_repeats_ = 0;
  std::int64_t stop_block_ = -1;
  std::optional<SimTime> stop_sent_;

  bool dle_pending_ = false;
  SequenceScanner ack_scanner_;
  std::string received_;
};

}  // namespace pavi::modem::pce
