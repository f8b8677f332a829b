// Gateway side of PCE (see pce_sender.hpp).
#include "modem/pce_sender.hpp"

#include <algorithm>

namespace pavi::modem::pce {
namespace {

std::vector<int> status_pattern() { return {kStatusPrefix[0], kStatusPrefix[1], kStatusPrefix[2], -1}; }

}  // namespace

SenderConfig SenderConfig::minipavi_like() {
  SenderConfig config;
  config.padding = PaddingPolicy::per_write;
  config.start_repeat = std::chrono::milliseconds{2000};
  config.max_start_repeats = -1;
  config.implicit_ack_from_repeat = 0;
  return config;
}

Sender::Sender(SenderConfig config) : config_(config), ack_scanner_({status_pattern()}) {}

void Sender::start(SimTime now) {
  if (mode_ != SenderMode::character && mode_ != SenderMode::failed) return;
  mode_ = SenderMode::starting;
  start_repeats_ = 0;
  nack_while_starting_ = false;
  stop_requested_ = false;
  last_data_ = now;
  queue_start();
}

void Sender::stop(SimTime now) {
  (void)now;
  if (mode_ == SenderMode::starting) {
    stop_requested_ = true;
  } else if (mode_ == SenderMode::active) {
    mode_ = SenderMode::stopping;
    stop_repeats_ = 0;
    queue_stop_block();
  }
}

void Sender::send(std::span<const std::uint8_t> data, SimTime now) {
  switch (mode_) {
    case SenderMode::character:
      clear_.append(reinterpret_cast<const char*>(data.data()), data.size());
      break;
    case SenderMode::starting:
    case SenderMode::active:
      for (const std::uint8_t byte : data) framer_.push(byte > 0x7F ? std::uint8_t{0x20} : byte);
      last_data_ = now;
      if (config_.padding == PaddingPolicy::per_write) framer_.pad();
      break;
    case SenderMode::stopping:
      deferred_.append(reinterpret_cast<const char*>(data.data()), data.size());
      break;
    case SenderMode::failed:
      break;
  }
}

void Sender::send(std::string_view data, SimTime now) {
  send(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()), now);
}

std::optional<std::uint8_t> Sender::pull(SimTime now) {
  advance(now);
  switch (mode_) {
    case SenderMode::character:
    case SenderMode::starting: {
      if (clear_pos_ >= clear_.size()) return std::nullopt;
      const auto byte = static_cast<std::uint8_t>(clear_[clear_pos_++]);
      if (mode_ == SenderMode::starting && clear_pos_ == start_end_) start_sent_ = now;
      if (clear_pos_ == clear_.size()) {
        clear_.clear();
        start_end_ = start_end_ > clear_pos_ ? start_end_ - clear_pos_ : 0;
        clear_pos_ = 0;
      }
      // Without PCE the gateway writes bytes unchanged; only a line-form output needs the parity.
      return config_.output == CharForm::line ? with_parity(byte) : byte;
    }
    case SenderMode::active:
    case SenderMode::stopping:
      return pull_block_byte(now);
    case SenderMode::failed:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::uint8_t> Sender::pull_block_byte(SimTime now) {
  if (awaiting_number_) return std::nullopt;  // paused until the block number arrives
  if (header_pos_ < header_len_) return out(header_[header_pos_++]);
  if (!tx_.active && block_available()) {
    begin_block();
    if (resync_pending_) {
      resync_pending_ = false;
      header_ = {SYN, SYN, block_number_char(static_cast<int>(tx_.number % 16))};
      header_len_ = 3;
      header_pos_ = 1;
      ++stats_.resync_headers;
      return out(header_[0]);
    }
  }
  if (tx_.active) {
    const std::uint8_t byte = tx_.bytes[tx_.position++];
    if (tx_.position == kBlockChars) complete_block(now);
    return config_.output == CharForm::line ? byte : seven_bits(byte);
  }
  // Idle after a block: NULs complete a block the terminal may have lost characters of (NULs between blocks
  // are harmless), and keep the line from ever falling silent.
  if (config_.keepalive.count() == 0 || !keepalive_from_) return std::nullopt;
  if (nuls_owed_ > 0) {
    --nuls_owed_;
  } else if (now - *keepalive_from_ >= config_.keepalive) {
    nuls_owed_ = std::max(0, config_.keepalive_burst - 1);
  } else {
    return std::nullopt;
  }
  keepalive_from_ = now;
  ++stats_.keepalive_nuls;
  return NUL;
}

bool Sender::block_available() const { return next_ < formed_ || framer_.has_ready(); }

void Sender::begin_block() {
  header_len_ = header_pos_ = 0;
  nuls_owed_ = 0;
  if (next_ < formed_) {
    tx_.bytes = memory_[static_cast<std::size_t>(next_ % 16)];
  } else {
    tx_.bytes = framer_.pop();
    // Slot next_ % 16 held block next_ - 16, which left the repeatable domain when block next_ - 1 ended.
    memory_[static_cast<std::size_t>(next_ % 16)] = tx_.bytes;
    ++formed_;
  }
  tx_.number = next_;
  tx_.position = 0;
  tx_.active = true;
}

void Sender::complete_block(SimTime now) {
  tx_.active = false;
  if (tx_.number >= sent_) {
    sent_ = tx_.number + 1;
    ++stats_.new_blocks;
  } else {
    ++stats_.repeated_blocks;
  }
  next_ = tx_.number + 1;
  keepalive_from_ = now;
  if (mode_ == SenderMode::stopping && tx_.number == stop_block_ && !stop_sent_) stop_sent_ = now;
}

void Sender::queue_start() {
  clear_.append(reinterpret_cast<const char*>(kStartCommand.data()), kStartCommand.size());
  start_end_ = clear_.size();
  start_sent_.reset();
  ++stats_.start_commands;
}

void Sender::queue_stop_block() {
  // STOP goes as the last information bytes of a block: the terminal leaves PCE right after that block.
  framer_.push(kStopCommand);
  framer_.pad();
  stop_block_ = formed_ + static_cast<std::int64_t>(framer_.ready_count()) - 1;
  stop_sent_.reset();
  ++stats_.stop_commands;
}

void Sender::activate(bool resync_first) {
  mode_ = SenderMode::active;
  formed_ = sent_ = next_ = 0;
  tx_ = {};
  header_len_ = header_pos_ = 0;
  resync_pending_ = resync_first;
  awaiting_number_ = false;
  keepalive_from_.reset();  // armed by the first block only: nothing precedes block 0 (fixes pce.md §6.5 b)
  dle_pending_ = false;
  ack_scanner_.flush(received_);
  // Bytes still queued in clear (the START itself) are obsolete once the terminal is in PCE mode.
  clear_.clear();
  clear_pos_ = start_end_ = 0;
  if (stop_requested_) {
    stop_requested_ = false;
    mode_ = SenderMode::stopping;
    stop_repeats_ = 0;
    queue_stop_block();
  }
}

void Sender::deactivate() {
  mode_ = SenderMode::character;
  tx_ = {};
  header_len_ = header_pos_ = 0;
  awaiting_number_ = resync_pending_ = false;
  keepalive_from_.reset();
  dle_pending_ = false;
  framer_ = BlockFramer{};
  clear_.append(deferred_);
  deferred_.clear();
}

void Sender::receive(std::uint8_t byte, SimTime now) {
  advance(now);
  const bool parity_bad = config_.input == CharForm::line && !parity_ok(byte);
  const std::uint8_t value = config_.input == CharForm::line ? seven_bits(byte) : byte;
  if (parity_bad) ++stats_.upstream_parity_errors;
  switch (mode_) {
    case SenderMode::character:
    case SenderMode::failed:
      if (!parity_bad) received_ += static_cast<char>(value);
      break;
    case SenderMode::starting:
      if (!parity_bad) receive_starting(value);
      break;
    case SenderMode::active:
    case SenderMode::stopping:
      receive_blocks(value, parity_bad, now);
      break;
  }
}

void Sender::receive_starting(std::uint8_t value) {
  if (nack_while_starting_) {
    nack_while_starting_ = false;
    // The terminal took our repeated STARTs as block 0 and asks for it: its acknowledgement was lost.
    const bool allowed = start_repeats_ >= config_.implicit_ack_from_repeat;
    if (allowed && value == block_number_char(0)) activate(/*resync_first=*/true);
    return;
  }
  if (value == NACK) {
    nack_while_starting_ = true;
    return;
  }
  if (ack_scanner_.feed(value, received_) >= 0) {
    const auto status = static_cast<std::uint8_t>(ack_scanner_.matched().back());
    if ((status & kStatusPceBit) != 0) activate(/*resync_first=*/false);
  }
}

void Sender::receive_blocks(std::uint8_t value, bool parity_bad, SimTime now) {
  if (awaiting_number_) {
    if (!parity_bad && value == NACK && !dle_pending_) {
      nack_time_ = now;  // a second NACK: the number follows it
      return;
    }
    on_block_number(!parity_bad && is_block_number_char(value) ? std::optional<int>(value & 0x0F) : std::nullopt);
    return;
  }
  if (parity_bad) {
    dle_pending_ = false;  // a NACK with a parity error triggers nothing; other bad characters are lost
    return;
  }
  if (dle_pending_) {
    dle_pending_ = false;
    pass_up(value);  // DLE NACK, DLE DLE...: data, not control
    return;
  }
  if (value == DLE) {
    dle_pending_ = true;
    return;
  }
  if (value == NACK) {
    on_nack(now);
    return;
  }
  pass_up(value);
}

void Sender::pass_up(std::uint8_t value) {
  if (mode_ != SenderMode::stopping) {
    received_ += static_cast<char>(value);
    return;
  }
  if (ack_scanner_.feed(value, received_) >= 0) {
    const auto status = static_cast<std::uint8_t>(ack_scanner_.matched().back());
    if ((status & kStatusPceBit) == 0) deactivate();
  }
}

void Sender::on_nack(SimTime now) {
  ++stats_.nacks;
  // Interrupt at once; the interrupted block (or the block its header announced) restarts from its beginning.
  if (tx_.active) {
    ++stats_.interrupted_blocks;
    next_ = tx_.number;
    tx_.active = false;
  }
  header_len_ = header_pos_ = 0;
  awaiting_number_ = true;
  nack_time_ = now;
}

void Sender::on_block_number(std::optional<int> number) {
  awaiting_number_ = false;
  if (number) {
    // Repeatable domain: the last <= 15 blocks completely sent. Slot reuse makes older numbers ambiguous,
    // which is why MiniPavi, looking at all 16 slots, resent 16-block-old data (pce.md §6.5 a).
    const std::int64_t lowest = std::max<std::int64_t>(0, sent_ - 15);
    for (std::int64_t candidate = sent_ - 1; candidate >= lowest; --candidate) {
      if (candidate % 16 == *number) {
        next_ = candidate;
        resync_pending_ = true;
        ++stats_.repeats_in_domain;
        return;
      }
    }
    ++stats_.numbers_outside_domain;
  } else {
    ++stats_.numbers_garbled;
  }
  // Resynchronise on the interrupted block, the waiting one, or the next one formed (pce.md §5.4).
  resync_pending_ = true;
}

std::string Sender::take_received() {
  std::string out;
  out.swap(received_);
  return out;
}

void Sender::advance(SimTime now) {
  if (mode_ == SenderMode::starting && start_sent_ && now - *start_sent_ >= config_.start_repeat) {
    if (config_.max_start_repeats < 0 || start_repeats_ < config_.max_start_repeats) {
      ++start_repeats_;
      queue_start();
    } else {
      mode_ = SenderMode::failed;
      return;
    }
  }
  if (config_.padding == PaddingPolicy::after_quiet_time && framer_.has_partial() &&
      now - last_data_ >= config_.padding_delay) {
    framer_.pad();
  }
  if (awaiting_number_ && now - nack_time_ >= config_.block_number_wait) on_block_number(std::nullopt);
  if (mode_ == SenderMode::stopping && stop_sent_ && now - *stop_sent_ >= config_.stop_repeat) {
    if (stop_repeats_ < config_.max_stop_repeats) {
      ++stop_repeats_;
      queue_stop_block();
    } else {
      mode_ = SenderMode::failed;
    }
  }
}

std::optional<SimTime> Sender::next_deadline() const {
  std::optional<SimTime> deadline;
  const auto consider = [&deadline](SimTime t) {
    if (!deadline || t < *deadline) deadline = t;
  };
  if (mode_ == SenderMode::starting && start_sent_) consider(*start_sent_ + config_.start_repeat);
  if (framer_.has_partial() && config_.padding == PaddingPolicy::after_quiet_time) {
    consider(last_data_ + config_.padding_delay);
  }
  if (awaiting_number_) consider(nack_time_ + config_.block_number_wait);
  if (mode_ == SenderMode::stopping && stop_sent_) consider(*stop_sent_ + config_.stop_repeat);
  if ((mode_ == SenderMode::active || mode_ == SenderMode::stopping) && keepalive_from_ &&
      config_.keepalive.count() > 0) {
    consider(*keepalive_from_ + config_.keepalive);
  }
  return deadline;
}

bool Sender::has_pending_output() const {
  return clear_pos_ < clear_.size() || tx_.active || header_pos_ < header_len_ || block_available() ||
         framer_.has_partial() || awaiting_number_ || !deferred_.empty();
}

}  // namespace pavi::modem::pce
