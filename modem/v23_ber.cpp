// Bit error rate measurement of the V.23 receivers (see v23_ber.hpp).
#include "modem/v23_ber.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "modem/line_channel.hpp"
#include "modem/v23_receiver.hpp"
#include "modem/v23_transmitter.hpp"

namespace pavi::modem {

void PrbsChecker::push(int bit) {
  bit &= 1;
  if (filled_ == 15) {
    const int predicted = static_cast<int>(((history_ >> 13) ^ (history_ >> 14)) & 1);
    ++checked_;
    if (predicted != bit) ++mismatches_;
  } else {
    ++filled_;
  }
  history_ = ((history_ << 1) | static_cast<std::uint32_t>(bit)) & 0x7FFF;
}

double PrbsChecker::bit_error_rate() const {
  if (checked_ == 0) return 0.0;
  const double q = std::min(0.5, static_cast<double>(mismatches_) / static_cast<double>(checked_));
  return (1.0 - std::cbrt(1.0 - 2.0 * q)) / 2.0;
}

double noncoherent_bfsk_limit(double ebn0_db) { return 0.5 * std::exp(-std::pow(10.0, ebn0_db / 10.0) / 2.0); }

BerPoint measure_ber(double ebn0_db, const BerOptions& options, const std::function<void(std::uint64_t)>& progress) {
  constexpr std::uint64_t kSettleBits = 64;  // the receiver's first bits after carrier detection are not counted
  V23Transmitter tx({options.channel, options.level_dbm0, options.level_dbm0});
  PrbsGenerator prbs;
  std::uint64_t sent = 0;
  tx.set_bit_source([&] {
    ++sent;
    return prbs.next();
  });
  tx.set_output(V23Transmitter::Output::carrier);

  line::ChannelConfig noise;
  noise.seed = options.seed;
  noise.impairments.push_back(line::EbN0Noise{ebn0_db});
  line::LineChannel channel(noise, {options.level_dbm0, plan(options.channel).bit_rate});

  V23Receiver rx({options.channel, options.cutoff_dbm0, 0.0, options.smoothed_timing});
  PrbsChecker checker;
  std::uint64_t seen = 0;
  rx.set_bit_observer([&](int bit, std::uint64_t) {
    if (++seen > kSettleBits) checker.push(bit);
  });

  std::vector<std::int16_t> block(160);
  std::uint64_t next_report = 0;
  while (checker.bits() < options.max_bits &&
         !(checker.bits() >= options.min_bits && checker.mismatches() >= options.enough_mismatches)) {
    tx.generate(block);
    channel.process(block);
    rx.process(block);
    rx.take_characters();
    rx.take_carrier_events();
    if (progress && checker.bits() >= next_report) {
      progress(checker.bits());
      next_report = checker.bits() + options.max_bits / 50 + 1;
    }
    // A dead receiver (no carrier, no bits) must not loop for ever.
    if (sent > 4 * options.max_bits + 10000) break;
  }
  BerPoint point;
  point.ebn0_db = ebn0_db;
  point.bits = checker.bits();
  point.mismatches = checker.mismatches();
  point.ber = checker.bits() == 0 ? 0.5 : checker.bit_error_rate();
  point.limit = noncoherent_bfsk_limit(ebn0_db);
  point.bits_sent = sent;
  return point;
}

std::vector<BerPoint> sweep_ber(std::span<const double> ebn0_db, const BerOptions& options,
                                const std::function<void(const SweepProgress&)>& progress) {
  std::vector<BerPoint> points;
  for (std::size_t i = 0; i < ebn0_db.size(); ++i) {
    std::function<void(std::uint64_t)> report;
    if (progress) {
      report = [&](std::uint64_t bits) { progress({i, ebn0_db.size(), ebn0_db[i], bits, options.max_bits}); };
    }
    points.push_back(measure_ber(ebn0_db[i], options, report));
  }
  return points;
}

}  // namespace pavi::modem
