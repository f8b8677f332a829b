// A byte-level fault channel for paths without audio (telnet, TCP, in-memory tests of PCE): bit flips at a BER,
// bursts of random bytes, lost bytes, inserted garbage, timed dropouts and a hard cut after N bytes. Seeded and
// deterministic: the same configuration and the same byte stream give the same faults.
#pragma once

#include <cstdint>
#include <string>

#include "modem/fault_config.hpp"
#include "modem/fault_random.hpp"
#include "modem/pce_time.hpp"

namespace pavi::modem {

struct FaultStats {
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  std::uint64_t bits_flipped = 0;
  std::uint64_t bytes_hit_by_ber = 0;
  std::uint64_t bursts = 0;
  std::uint64_t burst_bytes = 0;
  std::uint64_t bytes_dropped = 0;
  std::uint64_t garbage_inserted = 0;
  std::uint64_t dropouts = 0;
  std::uint64_t dropout_bytes_lost = 0;
  std::uint64_t cut_bytes_lost = 0;
};

class FaultInjector {
 public:
  explicit FaultInjector(FaultConfig config = {});

  // Passes one byte sent at `now` through the channel; what comes out (0, 1 or 2 bytes) is appended to `out`.
  void transmit(std::uint8_t byte, SimTime now, std::string& out);
  std::string transmit(std::string_view bytes, SimTime now);

  // True once the cut has happened: nothing will ever come out again.
  bool cut() const { return cut_; }
  // True if a dropout covers `now`.
  bool in_dropout(SimTime now);

  const FaultStats& stats() const { return stats_; }
  const FaultConfig& config() const { return config_; }

 private:
  std::uint8_t flip_bits(std::uint8_t byte);

  FaultConfig config_;
  FaultStats stats_;
  FaultRandom ber_random_;
  FaultRandom burst_random_;
  FaultRandom drop_random_;
  FaultRandom garbage_random_;
  FaultRandom dropout_random_;
  std::uint64_t bits_to_next_flip_ = 0;
  std::uint64_t bytes_to_next_burst_ = 0;
  int burst_left_ = 0;
  std::uint64_t bytes_to_next_drop_ = 0;
  std::uint64_t bytes_to_next_garbage_ = 0;
  SimTime dropout_start_{};  // current or next random dropout
  bool cut_ = false;
  bool was_in_dropout_ = false;
};

}  // namespace pavi::modem
