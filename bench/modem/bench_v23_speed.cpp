// Simulation speed of the V.23 modem: transmitter + simulated line + receiver, as a multiple of real time on one
// core (the `x_realtime` counter: seconds of audio simulated per second of CPU). Target: >= 1000x.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "modem/line_channel.hpp"
#include "modem/line_config.hpp"
#include "modem/v23_call.hpp"
#include "modem/v23_receiver.hpp"
#include "modem/v23_transmitter.hpp"

namespace {

using pavi::modem::V23Channel;

constexpr int kBlock = 160;  // 20 ms, a VoIP packet

// Noise is absolute (a line's idle noise), so both directions of a call see the same floor; above about -50 dBm0
// MiniPavi's +9.5 dB receive gain takes it for the Minitel's carrier.
const char* const kLines[] = {
    "clean",
    "noise=-55dBm0",
    "g711a,noise=-55dBm0",
    "atten=6dB,g711a,noise=-55dBm0,offset=3Hz,echo=-20dB@5ms,g711u",  // a long-distance call over VoIP
};

void set_realtime_counter(benchmark::State& state, std::uint64_t samples) {
  state.counters["x_realtime"] = benchmark::Counter(static_cast<double>(samples) / 8000.0, benchmark::Counter::kIsRate);
}

// One direction, characters sent back to back all the time: tx -> line -> rx.
void BM_V23OneWay(benchmark::State& state) {
  const auto channel = state.range(0) == 0 ? V23Channel::forward : V23Channel::backward;
  const std::string line_text = kLines[state.range(1)];
  pavi::modem::V23Transmitter tx({channel, -22.0, -21.0});
  tx.set_output(pavi::modem::V23Transmitter::Output::carrier);
  pavi::line::LineChannel line(pavi::line::parse_channel(line_text).config, {-22.0, pavi::modem::plan(channel).bit_rate});
  pavi::modem::V23Receiver rx({channel, -38.0, channel == V23Channel::backward ? 10.0 : 0.0});
  const std::string text = "3615 PAVIKIT 0123456789 abcdefghijklmnopqrstuvwxyz";
  std::vector<std::int16_t> block(kBlock);
  std::uint64_t samples = 0;
  std::uint64_t characters = 0;
  for (auto _ : state) {
    if (tx.pending_characters() < 8) tx.send({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
    tx.generate(block);
    line.process(block);
    rx.process(block);
    characters += rx.take_characters().size();
    samples += kBlock;
  }
  set_realtime_counter(state, samples);
  state.counters["chars"] = static_cast<double>(characters);
  state.SetLabel(std::string(pavi::modem::name(channel)) + " bit/s, " + line_text);
}
BENCHMARK(BM_V23OneWay)->ArgsProduct({{0, 1}, {0, 1, 2, 3}})->Unit(benchmark::kMicrosecond);

// A whole call: a Minitel and MiniPavi, both directions, both lines impaired, data flowing both ways.
void BM_V23Call(benchmark::State& state) {
  const std::string line_text = kLines[state.range(0)];
  pavi::modem::CallConfig config;
  config.answerer_to_caller = pavi::line::parse_channel(line_text).config;
  config.caller_to_answerer = pavi::line::parse_channel(line_text).config;
  pavi::modem::V23Call call(config);
  call.run_for(4.0);  // connected
  const std::string text = "Bienvenue sur PaviKit, le service Minitel. ";
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  std::uint64_t samples = 0;
  for (auto _ : state) {
    if (call.answerer().transmitter().pending_characters() < 8) call.answerer().send({bytes, text.size()});
    if (call.caller().transmitter().pending_characters() < 2) call.caller().send({bytes, 4});
    call.step();
    call.caller().take_received();
    call.answerer().take_received();
    samples += kBlock;
  }
  set_realtime_counter(state, samples);
  state.SetLabel(std::string(call.caller().connected() ? "connected, " : "NOT CONNECTED, ") + line_text);
}
BENCHMARK(BM_V23Call)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);

// The parts alone.
void BM_V23Transmitter(benchmark::State& state) {
  pavi::modem::V23Transmitter tx({V23Channel::forward, -22.0, -21.0});
  tx.set_output(pavi::modem::V23Transmitter::Output::carrier);
  std::vector<std::int16_t> block(kBlock);
  std::uint64_t samples = 0;
  for (auto _ : state) {
    if (tx.pending_characters() < 8) tx.send(std::vector<std::uint8_t>(32, 0x55));
    tx.generate(block);
    benchmark::DoNotOptimize(block.data());
    samples += kBlock;
  }
  set_realtime_counter(state, samples);
}
BENCHMARK(BM_V23Transmitter)->Unit(benchmark::kMicrosecond);

void BM_V23Receiver(benchmark::State& state) {
  const auto channel = state.range(0) == 0 ? V23Channel::forward : V23Channel::backward;
  pavi::modem::V23Transmitter tx({channel, -22.0, -21.0});
  tx.set_output(pavi::modem::V23Transmitter::Output::carrier);
  tx.send(std::vector<std::uint8_t>(4000, 0x55));
  std::vector<std::int16_t> audio(8000 * 10);
  tx.generate(audio);
  pavi::modem::V23Receiver rx({channel, -38.0, 10.0});
  std::uint64_t samples = 0;
  std::size_t at = 0;
  for (auto _ : state) {
    rx.process(std::span(audio).subspan(at, kBlock));
    at = (at + kBlock) % audio.size();
    rx.take_characters();
    samples += kBlock;
  }
  set_realtime_counter(state, samples);
  state.SetLabel(std::string(pavi::modem::name(channel)) + " bit/s");
}
BENCHMARK(BM_V23Receiver)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_LineChannel(benchmark::State& state) {
  const std::string line_text = state.range(0) < 4 ? kLines[state.range(0)] : "offset=3Hz";
  pavi::line::LineChannel line(pavi::line::parse_channel(line_text).config, {});
  std::vector<std::int16_t> block(kBlock, 1000);
  std::uint64_t samples = 0;
  for (auto _ : state) {
    line.process(block);
    benchmark::DoNotOptimize(block.data());
    samples += kBlock;
  }
  set_realtime_counter(state, samples);
  state.SetLabel(line_text);
}
BENCHMARK(BM_LineChannel)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
