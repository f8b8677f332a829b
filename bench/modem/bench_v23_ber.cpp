// BER of the 1200 and 75 bit/s V.23 receivers against Eb/N0, beside the non-coherent BFSK limit
// Pb = 1/2 exp(-Eb/2N0), with spandsp's asynchronous bit timing (PaviKit's default) and its smoothed (synchronous)
// timing. Prints a table (Markdown) and writes the chart as SVG. Eb/N0 from 4 dB: below that the receivers put
// out noise (BER 0.3-0.5) and the PRBS estimate saturates.
//   bench_v23_ber [--svg docs/ber-curve.svg] [--quick] [--seed N]
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "modem/v23_ber.hpp"
#include "modem/v23_ber_plot.hpp"

namespace {

using namespace pavi::modem;

std::vector<BerPoint> sweep(V23Channel channel, bool smoothed, const std::vector<double>& ebn0, std::uint64_t max_bits,
                            std::uint64_t seed) {
  BerOptions options;
  options.channel = channel;
  options.smoothed_timing = smoothed;
  options.max_bits = max_bits;
  options.min_bits = std::min<std::uint64_t>(20000, max_bits);
  options.seed = seed;
  return sweep_ber(ebn0, options, [&](const SweepProgress& p) {
    std::fprintf(stderr, "\r%5s bit/s %s: point %2zu/%zu (Eb/N0 %4.1f dB) %9llu bits   ", std::string(name(channel)).c_str(),
                 smoothed ? "smoothed" : "async", p.point + 1, p.points, p.ebn0_db, static_cast<unsigned long long>(p.bits));
  });
}

std::string cell(const BerPoint& p) {
  char buffer[64];
  if (p.mismatches == 0) {
    std::snprintf(buffer, sizeof buffer, "0 (< %.0e, %llu bits)", 1.0 / static_cast<double>(p.bits), static_cast<unsigned long long>(p.bits));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.2e (%llu bits)", p.ber, static_cast<unsigned long long>(p.bits));
  }
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  std::string svg_path;
  bool quick = false;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--svg") == 0 && i + 1 < argc) {
      svg_path = argv[++i];
    } else if (std::strcmp(argv[i], "--quick") == 0) {
      quick = true;
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::stoull(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--svg FILE] [--quick] [--seed N]\n", argv[0]);
      return 2;
    }
  }
  std::vector<double> ebn0;
  for (double db = 4.0; db <= 20.0 + 1e-9; db += 1.0) ebn0.push_back(db);

  const std::uint64_t forward_bits = quick ? 200000 : 5000000;
  const std::uint64_t backward_bits = quick ? 30000 : 600000;
  const auto forward = sweep(V23Channel::forward, false, ebn0, forward_bits, seed);
  const auto forward_smoothed = sweep(V23Channel::forward, true, ebn0, forward_bits, seed);
  const auto backward = sweep(V23Channel::backward, false, ebn0, backward_bits, seed);
  const auto backward_smoothed = sweep(V23Channel::backward, true, ebn0, backward_bits, seed);
  std::fprintf(stderr, "\r%80s\r", "");

  std::printf("| Eb/N0 (dB) | limit ½·exp(−Eb/2N0) | 1200 bit/s | 1200 bit/s, smoothed timing | 75 bit/s | 75 bit/s, smoothed timing |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (std::size_t i = 0; i < ebn0.size(); ++i) {
    std::printf("| %.0f | %.2e | %s | %s | %s | %s |\n", ebn0[i], forward[i].limit, cell(forward[i]).c_str(),
                cell(forward_smoothed[i]).c_str(), cell(backward[i]).c_str(), cell(backward_smoothed[i]).c_str());
  }
  std::vector<BerPoint> limit;
  for (const double db : ebn0) limit.push_back({db, 1, 1, noncoherent_bfsk_limit(db), noncoherent_bfsk_limit(db), 0});
  std::printf("\n| BER | limit | 1200 bit/s | 1200 smoothed | 75 bit/s | 75 smoothed |\n|---|---|---|---|---|---|\n");
  for (const double target : {1e-3, 1e-4, 1e-5}) {
    std::printf("| %.0e | %.1f dB | %.1f dB | %.1f dB | %.1f dB | %.1f dB |\n", target, ebn0_at_ber(limit, target), ebn0_at_ber(forward, target),
                ebn0_at_ber(forward_smoothed, target), ebn0_at_ber(backward, target), ebn0_at_ber(backward_smoothed, target));
  }

  if (!svg_path.empty()) {
    const std::vector<BerCurve> curves{{"1200 bit/s (async timing)", "#c0392b", forward},
                                       {"1200 bit/s (smoothed timing)", "#f0a070", forward_smoothed},
                                       {"75 bit/s (async timing)", "#2471a3", backward},
                                       {"75 bit/s (smoothed timing)", "#80b8e0", backward_smoothed}};
    BerPlotOptions plot;
    plot.title = "V.23 receivers (spandsp 0.0.6): bit error rate against Eb/N0";
    plot.ebn0_min_db = 4.0;
    std::ofstream out(svg_path);
    out << ber_plot_svg(curves, plot);
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", svg_path.c_str());
      return 1;
    }
    std::fprintf(stderr, "wrote %s\n", svg_path.c_str());
  }
  return 0;
}
