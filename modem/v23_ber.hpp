// Bit error rate of the V.23 receivers against Eb/N0: a PRBS-15 bit stream sent through white noise and checked
// by a self-synchronising checker (as a line BERT does: bit slips cost a few errors, not the rest of the run).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "modem/v23_channel.hpp"

namespace pavi::modem {

// x^15 + x^14 + 1 (ITU-T O.150 PRBS-15 polynomial).
class PrbsGenerator {
 public:
  int next() {
    const int bit = ((state_ >> 13) ^ (state_ >> 14)) & 1;
    state_ = ((state_ << 1) | static_cast<std::uint32_t>(bit)) & 0x7FFF;
    return bit;
  }

 private:
  std::uint32_t state_ = 0x7FFF;
};

// Predicts each bit from the 15 before it. One wrong bit on the line spoils three predictions (its own and the
// two it feeds), so the line's bit error rate is recovered from the mismatch rate q: p = (1 - cbrt(1 - 2q)) / 2.
class PrbsChecker {
 public:
  void push(int bit);
  std::uint64_t bits() const { return checked_; }
  std::uint64_t mismatches() const { return mismatches_; }
  double bit_error_rate() const;

 private:
  std::uint32_t history_ = 0;
  int filled_ = 0;
  std::uint64_t checked_ = 0;
  std::uint64_t mismatches_ = 0;
};

// Pb = 1/2 exp(-Eb / 2N0): the best any non-coherent binary FSK receiver can do in white noise.
double noncoherent_bfsk_limit(double ebn0_db);

struct BerPoint {
  double ebn0_db = 0.0;
  std::uint64_t bits = 0;        // bits checked
  std::uint64_t mismatches = 0;  // raw checker mismatches
  double ber = 0.0;              // estimated line bit error rate
  double limit = 0.0;            // noncoherent_bfsk_limit(ebn0_db)
  std::uint64_t bits_sent = 0;   // bits the transmitter sent while these were received
};

struct BerOptions {
  V23Channel channel = V23Channel::forward;
  double level_dbm0 = -30.0;    // low enough that the noise at 0 dB Eb/N0 does not clip on the 75 bit/s channel
  double cutoff_dbm0 = -55.0;   // the carrier detector must not be what fails: this measures the demodulator
  std::uint64_t max_bits = 200000;
  std::uint64_t min_bits = 20000;
  std::uint64_t enough_mismatches = 600;  // about 200 line errors: ±15% at 95% confidence
  std::uint64_t seed = 1;
  bool smoothed_timing = false;  // see V23Receiver::Options
};

// Measures one point. `progress` (optional) is called now and then with the bits checked so far.
BerPoint measure_ber(double ebn0_db, const BerOptions& options, const std::function<void(std::uint64_t)>& progress = {});

struct SweepProgress {
  std::size_t point = 0;  // index of the point being measured
  std::size_t points = 0;
  double ebn0_db = 0.0;
  std::uint64_t bits = 0;  // checked so far at this point
  std::uint64_t max_bits = 0;
};

// One point per Eb/N0 value, in order; every point uses the same seed.
std::vector<BerPoint> sweep_ber(std::span<const double> ebn0_db, const BerOptions& options,
                                const std::function<void(const SweepProgress&)>& progress = {});

}  // namespace pavi::modem
