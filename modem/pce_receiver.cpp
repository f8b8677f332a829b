// Terminal side of the PCE block layer (see pce_receiver.hpp).
#include "modem/pce_receiver.hpp"

namespace pavi::modem::pce {

ReceiverConfig ReceiverConfig::strict() {
  ReceiverConfig config;
  config.correct_single_errors = false;
  config.silence_resync = std::chrono::milliseconds{250};
  config.nack_repeat = std::chrono::milliseconds{500};
  return config;
}

Receiver::Receiver(ReceiverConfig config) : config_(config) {}

void Receiver::activate(SimTime now) {
  (void)now;
  state_ = ReceiverState::between_blocks;
  expected_ = 0;
  fill_ = 0;
  hunt_step_ = 0;
  nack_sent_.reset();
  nack_queued_ = false;
  last_char_.reset();  // the wait for block 0 (the acknowledgement's round trip) is not a dropout
}

void Receiver::deactivate() {
  state_ = ReceiverState::inactive;
  fill_ = 0;
  nack_sent_.reset();
  nack_queued_ = false;
}

void Receiver::receive(std::uint8_t byte, SimTime now, bool framing_error) {
  advance(now);
  // In 7-bit form the modem already removed the parity: rebuild the line byte so the CRC sees what was sent.
  const std::uint8_t line_byte = config_.input == CharForm::line ? byte : with_parity(byte);
  const bool after_silence =
      config_.silence_resync.count() > 0 && last_char_ && now - *last_char_ > config_.silence_resync;
  last_char_ = now;
  if (after_silence && (state_ == ReceiverState::between_blocks || state_ == ReceiverState::in_block)) {
    ++stats_.silence_resyncs;
    request_repetition(now);
  }
  switch (state_) {
    case ReceiverState::inactive:
      data_ += static_cast<char>(config_.input == CharForm::line ? seven_bits(byte) : byte);
      ++stats_.bytes_delivered;
      break;
    case ReceiverState::between_blocks:
      // NULs between blocks (keep-alives, compensation) are harmless; the first other character opens a block.
      if (line_byte == NUL && !framing_error) break;
      state_ = ReceiverState::in_block;
      fill_ = 0;
      framing_ = 0;
      parity_errors_ = 0;
      receive_block_char(line_byte, framing_error, now);
      break;
    case ReceiverState::in_block:
      receive_block_char(line_byte, framing_error, now);
      break;
    case ReceiverState::hunting:
      receive_hunting(line_byte, framing_error, now);
      break;
  }
}

void Receiver::receive_block_char(std::uint8_t line_byte, bool framing_error, SimTime now) {
  if (fill_ < 16 && !parity_ok(line_byte)) ++parity_errors_;
  if (framing_error) framing_ |= 1U << fill_;
  block_[fill_++] = line_byte;
  if (config_.early_nack && (parity_errors_ > 1 || framing_ != 0)) {
    // Known bad before its end: ask at once and ignore the rest until the resynchronisation.
    ++stats_.blocks_bad;
    request_repetition(now);
    return;
  }
  if (fill_ == kBlockChars) finish_block(now);
}

void Receiver::finish_block(SimTime now) {
  const BlockCheck check = check_block(block_, framing_, config_.correct_single_errors);
  if (on_block) on_block(check, expected_, block_);
  if (check.verdict == BlockVerdict::bad) {
    ++stats_.blocks_bad;
    request_repetition(now);
    return;
  }
  if (check.verdict == BlockVerdict::correct) {
    ++stats_.blocks_correct;
  } else {
    ++stats_.blocks_corrected;
  }
  const std::size_t before = data_.size();
  append_payload(check.block, data_);
  stats_.bytes_delivered += data_.size() - before;
  expected_ = (expected_ + 1) % 16;
  state_ = ReceiverState::between_blocks;
}

void Receiver::request_repetition(SimTime now) {
  (void)now;
  state_ = ReceiverState::hunting;
  hunt_step_ = 0;
  fill_ = 0;
  if (!nack_queued_ || nack_pos_ == 0) {
    // One pending request is enough: the number cannot change while hunting, so a pair already half sent
    // serves as this request too.
    nack_queued_ = true;
    nack_number_ = expected_;
    nack_pos_ = 0;
  }
  nack_sent_.reset();  // the 1120 ms timer restarts when this NACK has actually left
}

void Receiver::receive_hunting(std::uint8_t line_byte, bool framing_error, SimTime now) {
  const bool clean = parity_ok(line_byte) && !framing_error;
  switch (hunt_step_) {
    case 0:
      if (clean && line_byte == with_parity(SYN)) hunt_step_ = 1;
      break;
    case 1:
      if (!clean) {
        ++stats_.resync_failures;
        request_repetition(now);
      } else {
        hunt_step_ = line_byte == with_parity(SYN) ? 2 : 0;
      }
      break;
    default: {
      const std::uint8_t value = seven_bits(line_byte);
      if (clean && is_block_number_char(value) && (value & 0x0F) == expected_) {
        ++stats_.resyncs;
        nack_sent_.reset();
        state_ = ReceiverState::between_blocks;
      } else {
        ++stats_.resync_failures;
        request_repetition(now);
      }
      break;
    }
  }
}

void Receiver::advance(SimTime now) {
  if (state_ == ReceiverState::hunting && nack_sent_ && now - *nack_sent_ >= config_.nack_repeat) {
    ++stats_.nack_timer_repeats;
    request_repetition(now);
  }
}

std::optional<SimTime> Receiver::next_deadline() const {
  if (state_ == ReceiverState::hunting && nack_sent_) return *nack_sent_ + config_.nack_repeat;
  return std::nullopt;
}

std::string Receiver::take_data() {
  std::string out;
  out.swap(data_);
  return out;
}

void Receiver::send(std::span<const std::uint8_t> data) {
  for (const std::uint8_t byte : data) {
    const std::uint8_t value = seven_bits(byte);
    if (active() && needs_escape(value)) {
      upstream_.push_back(Unit{{DLE, value}, 2});
    } else {
      upstream_.push_back(Unit{{value, 0}, 1});
    }
  }
}

void Receiver::send(std::string_view data) {
  send(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
}

std::optional<std::uint8_t> Receiver::pull_upstream(SimTime now) {
  advance(now);
  // A repetition request goes first, unless we are in the middle of an escape pair.
  if (nack_queued_ && unit_pos_ == 0) {
    if (nack_pos_ == 0) {
      nack_pos_ = 1;
      return up(NACK);
    }
    nack_queued_ = false;
    nack_pos_ = 0;
    ++stats_.nacks_sent;
    // The timer only runs while hunting; a NACK that left after the resynchronisation needs no repetition.
    if (state_ == ReceiverState::hunting) nack_sent_ = now;
    return up(block_number_char(nack_number_));
  }
  if (upstream_.empty()) return std::nullopt;
  const Unit& unit = upstream_.front();
  const std::uint8_t byte = unit.bytes[unit_pos_++];
  if (unit_pos_ == unit.length) {
    upstream_.pop_front();
    unit_pos_ = 0;
  }
  return up(byte);
}

}  // namespace pavi::modem::pce
