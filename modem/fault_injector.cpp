// Byte-level fault channel (see fault_injector.hpp).
#include "modem/fault_injector.hpp"

#include <utility>

namespace pavi::modem {
namespace {

// Each kind of fault draws from its own stream, so turning one on does not move the others.
constexpr std::uint64_t kBerStream = 0x62657200;
constexpr std::uint64_t kBurstStream = 0x62757273;
constexpr std::uint64_t kDropStream = 0x64726F70;
constexpr std::uint64_t kGarbageStream = 0x67617262;
constexpr std::uint64_t kDropoutStream = 0x646F7574;

}  // namespace

FaultInjector::FaultInjector(FaultConfig config)
    : config_(std::move(config)),
      ber_random_(config_.seed ^ kBerStream),
      burst_random_(config_.seed ^ kBurstStream),
      drop_random_(config_.seed ^ kDropStream),
      garbage_random_(config_.seed ^ kGarbageStream),
      dropout_random_(config_.seed ^ kDropoutStream) {
  bits_to_next_flip_ = ber_random_.gap(config_.ber);
  bytes_to_next_burst_ = config_.burst_length > 0 ? burst_random_.gap(1.0 / config_.burst_every) : ~std::uint64_t{0};
  bytes_to_next_drop_ = drop_random_.gap(config_.drop);
  bytes_to_next_garbage_ = garbage_random_.gap(config_.garbage);
  if (config_.dropout_length.count() > 0 && config_.dropout_every.count() > 0) {
    dropout_start_ = SimTime{SimDuration{static_cast<SimDuration::rep>(
        dropout_random_.exponential(static_cast<double>(config_.dropout_every.count())))}};
  }
}

bool FaultInjector::in_dropout(SimTime now) {
  for (const auto& d : config_.dropouts_at) {
    if (now >= d.start && now < d.start + d.length) return true;
  }
  if (config_.dropout_length.count() == 0 || config_.dropout_every.count() == 0) return false;
  // Random dropouts: starts separated by exponential gaps measured from the end of the previous one.
  while (now >= dropout_start_ + config_.dropout_length) {
    dropout_start_ += config_.dropout_length + SimDuration{static_cast<SimDuration::rep>(dropout_random_.exponential(
                                                   static_cast<double>(config_.dropout_every.count())))};
  }
  return now >= dropout_start_;
}

std::uint8_t FaultInjector::flip_bits(std::uint8_t byte) {
  int bit = 0;
  bool hit = false;
  while (bits_to_next_flip_ < static_cast<std::uint64_t>(8 - bit)) {
    bit += static_cast<int>(bits_to_next_flip_);
    byte ^= static_cast<std::uint8_t>(0x80U >> bit);
    ++stats_.bits_flipped;
    hit = true;
    ++bit;
    bits_to_next_flip_ = ber_random_.gap(config_.ber);
  }
  if (bits_to_next_flip_ != ~std::uint64_t{0}) bits_to_next_flip_ -= static_cast<std::uint64_t>(8 - bit);
  if (hit) ++stats_.bytes_hit_by_ber;
  return byte;
}

void FaultInjector::transmit(std::uint8_t byte, SimTime now, std::string& out) {
  ++stats_.bytes_in;
  if (cut_ || (config_.cut_after && stats_.bytes_in > *config_.cut_after)) {
    cut_ = true;
    ++stats_.cut_bytes_lost;
    return;
  }
  const bool dropout = in_dropout(now);
  if (dropout && !was_in_dropout_) ++stats_.dropouts;
  was_in_dropout_ = dropout;
  if (dropout) {
    ++stats_.dropout_bytes_lost;
    return;
  }
  if (bytes_to_next_drop_ == 0) {
    bytes_to_next_drop_ = drop_random_.gap(config_.drop);
    ++stats_.bytes_dropped;
    return;
  }
  if (bytes_to_next_drop_ != ~std::uint64_t{0}) --bytes_to_next_drop_;

  if (burst_left_ == 0 && config_.burst_length > 0) {
    if (bytes_to_next_burst_ == 0) {
      burst_left_ = config_.burst_length;
      ++stats_.bursts;
      bytes_to_next_burst_ = burst_random_.gap(1.0 / config_.burst_every);
    } else if (bytes_to_next_burst_ != ~std::uint64_t{0}) {
      --bytes_to_next_burst_;
    }
  }
  if (burst_left_ > 0) {
    --burst_left_;
    byte = burst_random_.byte();
    ++stats_.burst_bytes;
  }
  if (config_.ber > 0.0) byte = flip_bits(byte);
  out += static_cast<char>(byte);
  ++stats_.bytes_out;

  if (bytes_to_next_garbage_ == 0) {
    bytes_to_next_garbage_ = garbage_random_.gap(config_.garbage);
    out += static_cast<char>(garbage_random_.byte());
    ++stats_.garbage_inserted;
    ++stats_.bytes_out;
  } else if (bytes_to_next_garbage_ != ~std::uint64_t{0}) {
    --bytes_to_next_garbage_;
  }
}

std::string FaultInjector::transmit(std::string_view bytes, SimTime now) {
  std::string out;
  for (const char c : bytes) transmit(static_cast<std::uint8_t>(c), now, out);
  return out;
}

}  // namespace pavi::modem
