// PCE goodput against bit error rate and against burst rate, beside the theoretical (1 - P_block_error) · 15/17,
// measured end to end (sender + byte link with faults + terminal) in simulated time. Prints Markdown tables and
// can write the BER chart as SVG.
//   bench_pce_goodput [--bytes N] [--svg FILE] [--burst-svg FILE] [--quick]
// Goodput = application bytes delivered per second / 120 (the line's character rate). Data are random printable
// characters, so no DLE escapes: 15/17 is the ceiling. The return channel is clean (PCE does not protect it).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "bench/modem/bench_pce_plot.hpp"
#include "modem/fault_random.hpp"
#include "modem/pce_block.hpp"
#include "modem/pce_loopback.hpp"

namespace {

namespace pce = pavi::modem::pce;
using pavi::modem::FaultRandom;
using pavi::modem::parse_fault_config;
using pavi::modem::SimTime;

constexpr double kCeiling = 15.0 / 17.0;
constexpr int kBlockBits = 17 * 8;

struct Run {
  double goodput = 0;  // fraction of the line's 120 characters/s
  double simulated_seconds = 0;
  double wall_seconds = 0;
  std::uint64_t blocks = 0;        // blocks the terminal accepted
  std::uint64_t wrong_blocks = 0;  // accepted with wrong content (undetected errors)
  std::uint64_t repeated = 0;
  std::size_t lost = 0;  // bytes short at the end: blocks skipped, or a wrong block that changed the length
  bool finished = false;

  std::string note() const { return finished ? std::string() : " (" + std::to_string(lost) + " bytes short)"; }
};

std::string random_text(std::size_t size, std::uint64_t seed, bool printable) {
  FaultRandom random(seed);
  std::string out(size, ' ');
  for (auto& c : out) {
    c = printable ? static_cast<char>(0x20 + random.next() % 95) : static_cast<char>(random.byte() & 0x7F);
    if (!printable && c == 0x1B) c = 0x1C;  // keep PRO2 START/STOP out of the data
  }
  return out;
}

Run run(const std::string& down, bool strict, const std::string& data) {
  pce::LoopbackConfig config;
  config.record = false;
  config.link.a_to_b.faults = parse_fault_config(down).config.value();
  if (strict) {
    config.terminal.receiver = pce::ReceiverConfig::strict();
    config.terminal.receiver.upstream = pce::CharForm::line;
  }
  pce::Loopback loop(config);
  Run result;
  std::size_t offset = 0;
  loop.terminal().receiver().on_block = [&](const pce::BlockCheck& check, int, const pce::Block&) {
    if (check.verdict == pce::BlockVerdict::bad) return;
    ++result.blocks;
    std::string payload;
    pce::append_payload(check.block, payload);
    if (offset <= data.size() && data.compare(offset, payload.size(), payload) == 0) {
      offset += payload.size();
      return;
    }
    ++result.wrong_blocks;
    // Realign on the data if the wrong block also changed the length (a corrupted pad or escape).
    const std::size_t from = offset > 40 ? offset - 40 : 0;
    const std::size_t at = payload.size() >= 8 ? data.find(payload.substr(0, 8), from) : std::string::npos;
    offset = at != std::string::npos && at < offset + 40 ? at + payload.size() : offset + payload.size();
  };
  const auto wall_start = std::chrono::steady_clock::now();
  loop.gateway().start(loop.now());
  loop.run_until([&] { return loop.gateway().mode() == pce::SenderMode::active; }, SimTime{std::chrono::seconds{60}});
  const SimTime begin = loop.now();
  loop.gateway().send(data, begin);
  const double ideal = static_cast<double>(data.size()) / (120.0 * kCeiling);
  const SimTime deadline = begin + std::chrono::seconds{static_cast<long>(ideal * 20 + 60)};
  // Up to the last delivery: a run that skipped blocks (16 at a time, when a NACK names a block that left the
  // repeatable domain and a newer block has the same number) never reaches the full size.
  SimTime last_delivery = begin;
  while (loop.delivered().size() < data.size() && loop.now() < deadline) {
    const std::size_t before = loop.delivered().size();
    loop.step();
    if (loop.delivered().size() != before) last_delivery = loop.now();
    if (loop.now() - last_delivery > std::chrono::seconds{60}) break;  // stalled for good
  }
  result.finished = loop.delivered().size() >= data.size();
  result.lost = data.size() - std::min(data.size(), loop.delivered().size());
  result.simulated_seconds = std::chrono::duration<double>(last_delivery - begin).count();
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  result.goodput =
      static_cast<double>(std::min(loop.delivered().size(), data.size())) / (result.simulated_seconds * 120.0);
  result.repeated = loop.gateway().stats().repeated_blocks;
  return result;
}

// STUM: a block is accepted if it has no error or one error inside the 127-bit code word.
double p_block_error_stum(double p) {
  return 1.0 - std::pow(1.0 - p, kBlockBits) - 127.0 * p * std::pow(1.0 - p, kBlockBits - 1);
}
double p_block_error_detect_only(double p) { return 1.0 - std::pow(1.0 - p, kBlockBits); }
// A burst of L bytes starting at any of the 16 + L positions that overlap a block's 17 characters.
double p_block_error_burst(int length, double every) { return 1.0 - std::pow(1.0 - 1.0 / every, 16 + length); }

// 3-bit error patterns (of the 136 bits of a block) that STUM's correction turns into wrong data.
long wrong_three_bit_patterns() {
  const pce::Block original = pce::frame_message(std::vector<std::uint8_t>(15, 'A'))[0];
  long wrong = 0;
  for (int a = 0; a < kBlockBits; ++a) {
    for (int b = a + 1; b < kBlockBits; ++b) {
      for (int c = b + 1; c < kBlockBits; ++c) {
        pce::Block damaged = original;
        for (const int bit : {a, b, c})
          damaged[static_cast<std::size_t>(bit / 8)] ^= static_cast<std::uint8_t>(1U << (bit % 8));
        const auto check = pce::check_block(damaged);
        if (check.verdict != pce::BlockVerdict::bad && check.block != original) ++wrong;
      }
    }
  }
  return wrong;
}

std::string percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100.0 * x);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t bytes = 1'000'000;
  std::string svg_path;
  std::string burst_svg_path;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--bytes") == 0 && i + 1 < argc) {
      bytes = std::stoul(argv[++i]);
    } else if (std::strcmp(argv[i], "--svg") == 0 && i + 1 < argc) {
      svg_path = argv[++i];
    } else if (std::strcmp(argv[i], "--burst-svg") == 0 && i + 1 < argc) {
      burst_svg_path = argv[++i];
    } else if (std::strcmp(argv[i], "--quick") == 0) {
      bytes = 100'000;
    } else {
      std::fprintf(stderr, "usage: %s [--bytes N] [--svg FILE] [--burst-svg FILE] [--quick]\n", argv[0]);
      return 2;
    }
  }
  const std::string data = random_text(bytes, 2024, true);
  const long wrong3 = wrong_three_bit_patterns();
  double simulated = 0;
  double wall = 0;

  std::printf("### PCE goodput against BER (%zu bytes per point, random printable data)\n\n", bytes);
  std::printf(
      "STUM = the Minitel's rules (single-bit correction); strict = `ReceiverConfig::strict()` (detection only,\n"
      "resynchronisation after silence, 500 ms NACK repetition). Theory = (1 - P_block_error) * 15/17 with\n"
      "P_block_error = P(not 0 or 1 error in the code word) for STUM, P(any error in 136 bits) for strict.\n"
      "Wrong blocks = blocks accepted with wrong content; expected for STUM about %ld * BER^3 * (1-BER)^133 per\n"
      "block received (the 3-bit patterns STUM corrects into wrong data; more errors are rarer).\n\n",
      wrong3);
  std::printf(
      "| BER | theory STUM | STUM | of theory | wrong blocks (expected) | theory strict | strict | of theory | wrong "
      "blocks |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  pavi::bench::PlotSeries theory_stum{"theory, STUM", "#1f77b4", true, {}};
  pavi::bench::PlotSeries theory_strict{"theory, detection only", "#ff7f0e", true, {}};
  pavi::bench::PlotSeries measured_stum{"measured, STUM", "#1f77b4", false, {}};
  pavi::bench::PlotSeries measured_strict{"measured, strict", "#ff7f0e", false, {}};
  for (double lp = -5.0; lp <= -2.0 + 1e-9; lp += 0.05) {
    const double p = std::pow(10.0, lp);
    theory_stum.points.emplace_back(p, (1.0 - p_block_error_stum(p)) * kCeiling);
    theory_strict.points.emplace_back(p, (1.0 - p_block_error_detect_only(p)) * kCeiling);
  }
  for (const double ber : {1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2}) {
    char faults[64];
    std::snprintf(faults, sizeof faults, "ber=%g,seed=17", ber);
    const Run stum = run(faults, false, data);
    const Run strict = run(faults, true, data);
    simulated += stum.simulated_seconds + strict.simulated_seconds;
    wall += stum.wall_seconds + strict.wall_seconds;
    const double t_stum = (1.0 - p_block_error_stum(ber)) * kCeiling;
    const double t_strict = (1.0 - p_block_error_detect_only(ber)) * kCeiling;
    measured_stum.points.emplace_back(ber, stum.goodput);
    measured_strict.points.emplace_back(ber, strict.goodput);
    std::printf("| %g | %s | %s%s | %s | %llu (%.2g) | %s | %s%s | %s | %llu |\n", ber, percent(t_stum).c_str(),
                percent(stum.goodput).c_str(), stum.note().c_str(), percent(stum.goodput / t_stum).c_str(),
                static_cast<unsigned long long>(stum.wrong_blocks),
                static_cast<double>(wrong3) * ber * ber * ber * std::pow(1.0 - ber, kBlockBits - 3) *
                    static_cast<double>(stum.blocks + stum.repeated),
                percent(t_strict).c_str(), percent(strict.goodput).c_str(), strict.note().c_str(),
                percent(strict.goodput / t_strict).c_str(), static_cast<unsigned long long>(strict.wrong_blocks));
    std::fflush(stdout);
  }

  {
    const std::string seven = random_text(bytes, 2025, false);
    const Run r = run("ber=1e-4,seed=17", false, seven);
    simulated += r.simulated_seconds;
    wall += r.wall_seconds;
    std::printf(
        "\nSame at BER 1e-4 with random 7-bit data (DLE, SYN, NACK, NUL escaped: 4 values in 128): STUM %s, "
        "%s of theory.\n",
        percent(r.goodput).c_str(), percent(r.goodput / ((1.0 - p_block_error_stum(1e-4)) * kCeiling)).c_str());
  }

  std::printf("\n### PCE goodput against burst rate (bursts of 8 random bytes, %zu bytes per point)\n\n", bytes);
  std::printf(
      "Theory: P_block_error = 1 - (1 - 1/N)^(16 + 8), a burst starting at any of the 24 positions that overlap a "
      "block.\n\n");
  std::printf(
      "| one burst every N bytes | theory | STUM | of theory | wrong blocks | strict | of theory | wrong blocks |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  pavi::bench::PlotSeries burst_theory{"theory", "#2ca02c", true, {}};
  pavi::bench::PlotSeries burst_stum{"measured, STUM", "#1f77b4", false, {}};
  pavi::bench::PlotSeries burst_strict{"measured, strict", "#ff7f0e", false, {}};
  for (double lr = -5.0; lr <= -2.0 + 1e-9; lr += 0.05) {
    const double rate = std::pow(10.0, lr);
    burst_theory.points.emplace_back(rate, (1.0 - p_block_error_burst(8, 1.0 / rate)) * kCeiling);
  }
  for (const double every : {100'000.0, 30'000.0, 10'000.0, 3'000.0, 1'000.0, 300.0, 100.0}) {
    char faults[64];
    std::snprintf(faults, sizeof faults, "burst=8@%g,seed=19", every);
    const Run stum = run(faults, false, data);
    const Run strict = run(faults, true, data);
    simulated += stum.simulated_seconds + strict.simulated_seconds;
    wall += stum.wall_seconds + strict.wall_seconds;
    const double theory = (1.0 - p_block_error_burst(8, every)) * kCeiling;
    burst_stum.points.emplace_back(1.0 / every, stum.goodput);
    burst_strict.points.emplace_back(1.0 / every, strict.goodput);
    std::printf("| %g | %s | %s%s | %s | %llu | %s%s | %s | %llu |\n", every, percent(theory).c_str(),
                percent(stum.goodput).c_str(), stum.note().c_str(), percent(stum.goodput / theory).c_str(),
                static_cast<unsigned long long>(stum.wrong_blocks), percent(strict.goodput).c_str(),
                strict.note().c_str(), percent(strict.goodput / theory).c_str(),
                static_cast<unsigned long long>(strict.wrong_blocks));
    std::fflush(stdout);
  }
  std::printf("\nSimulated %.0f s of line time in %.1f s (%.0fx real time).\n", simulated, wall, simulated / wall);

  if (!svg_path.empty()) {
    pavi::bench::PlotAxes axes{"PCE goodput against bit error rate (1200 bit/s, 120 characters/s)",
                               "bit error rate",
                               "goodput / 120 characters per second",
                               1e-5,
                               1e-2,
                               0.0,
                               0.9};
    std::ofstream(svg_path) << pavi::bench::plot_svg({theory_stum, theory_strict, measured_stum, measured_strict},
                                                     axes);
  }
  if (!burst_svg_path.empty()) {
    pavi::bench::PlotAxes axes{"PCE goodput against burst rate (bursts of 8 random bytes)",
                               "bursts per byte",
                               "goodput / 120 characters per second",
                               1e-5,
                               1e-2,
                               0.0,
                               0.9};
    std::ofstream(burst_svg_path) << pavi::bench::plot_svg({burst_theory, burst_stum, burst_strict}, axes);
  }
  return 0;
}
