// A simulated one-way telephone line: the impairments of a ChannelConfig applied to 8 kHz 16-bit audio, in order.
// Deterministic: the same config (seed included) gives the same output, however the stream is cut into blocks.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "modem/line_config.hpp"

namespace pavi::line {

class Stage;

// What the line carries, so relative noise (awgn=, ebn0=) can be set.
struct ChannelContext {
  double signal_dbm0 = -22.0;  // nominal level of the wanted signal entering the line
  double bit_rate = 1200.0;    // for ebn0=
};

class LineChannel {
 public:
  LineChannel(const ChannelConfig& config, ChannelContext context);
  ~LineChannel();
  LineChannel(LineChannel&&) noexcept;
  LineChannel& operator=(LineChannel&&) noexcept;

  // In place. Samples beyond ±32767 after the impairments are clipped (and counted).
  void process(std::span<std::int16_t> audio);
  std::vector<std::int16_t> process_copy(std::span<const std::int16_t> audio);

  std::uint64_t samples_processed() const { return samples_; }
  std::uint64_t clipped_samples() const { return clipped_; }
  const ChannelConfig& config() const { return config_; }

 private:
  ChannelConfig config_;
  std::vector<std::unique_ptr<Stage>> stages_;
  std::vector<float> work_;
  std::uint64_t samples_ = 0;
  std::uint64_t clipped_ = 0;
};

}  // namespace pavi::line
