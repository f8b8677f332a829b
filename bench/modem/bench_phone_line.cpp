// Simulation speed of the simulated Minitel's phone line (simulators/line): a page sent by the service across
// the whole V.23 call (both modems, both line channels, PCE sender and receiver), as a multiple of real time on
// one core (`x_realtime`: seconds of line time simulated per second of CPU). Complements bench_v23_speed, which
// times the modem parts alone.
#include <benchmark/benchmark.h>

#include <string>

#include "simulators/line/phone_line_simulation.hpp"

namespace {

using pavi::sim::PhoneLineConfig;
using pavi::sim::PhoneLineSimulation;

struct Case {
  const char* channel;
  bool pce;
};
const Case kCases[] = {{"clean", false}, {"clean", true}, {"awgn=12dB,burst=50ms/2s", true}};

// A 2 KB page of printable text: about 18 s of line at 1200 bit/s.
std::string page() {
  std::string text;
  while (text.size() < 2000) text += "3615 PAVIKIT - Le Minitel vit encore. 0123456789 ";
  return text;
}

void BM_PhoneLinePage(benchmark::State& state) {
  const Case& c = kCases[state.range(0)];
  PhoneLineConfig config = PhoneLineConfig::with_channel(c.channel);
  config.pce_at_connect = c.pce;
  const std::string text = page();
  double simulated = 0.0;
  bool exact = true;
  for (auto _ : state) {
    PhoneLineSimulation line(config);
    line.run_until_idle(30.0);
    line.send_to_terminal(text);
    line.run_until_idle(600.0);
    exact = exact && line.take_for_terminal() == text;
    simulated += line.seconds();
  }
  state.counters["x_realtime"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
  state.SetLabel(std::string(c.channel) + (c.pce ? ", PCE" : ", no PCE") + (exact ? ", exact" : ", damaged"));
}
BENCHMARK(BM_PhoneLinePage)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
