// Time PCE needs to recover from a 1 s dropout (every character lost for 1 s at 120 characters/s), measured end
// to end in simulated time over 17 dropout phases (one per character of a block). Prints a Markdown table.
//   bench_pce_dropout [--length-ms N]
// Streaming: a long message is being sent when the dropout hits. Recovery = from the end of the dropout to the
// next delivery of new data; extra delay = how much later the whole message arrives than on a clean line, minus
// the dropout itself. End of a page: the dropout starts 1..17 characters before the last character of a page,
// when the sender is about to fall idle; recovery = from the end of the dropout to the complete page.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "modem/pce_loopback.hpp"

namespace {

namespace pce = pavi::modem::pce;
using pavi::modem::ScheduledDropout;
using pavi::modem::SimDuration;
using pavi::modem::SimTime;
using namespace std::chrono_literals;

struct Scenario {
  const char* name;
  std::size_t message_bytes;  // sent at once when PCE is on
  double dropout_after_s;     // dropout start, relative to the moment the message is sent (< 0: end of page)
  bool return_channel;        // the 75 bit/s direction also drops out, 0.5 s later (it swallows the first NACK)
  bool keepalive;
};

struct Outcome {
  double recovery_s = -1;    // < 0: no new data after the dropout within the run
  double completion_s = -1;  // < 0: the message never arrived whole
  bool exact = false;
  std::size_t delivered = 0;
};

pce::LoopbackConfig make_config(bool strict, bool keepalive) {
  pce::LoopbackConfig config;
  config.record = false;
  if (strict) {
    config.terminal.receiver = pce::ReceiverConfig::strict();
    config.terminal.receiver.upstream = pce::CharForm::line;
  }
  if (!keepalive) config.sender.keepalive = SimDuration{0};
  return config;
}

Outcome run(pce::LoopbackConfig config, const std::string& message, std::optional<ScheduledDropout> dropout,
            bool return_channel, SimTime send_at) {
  if (dropout) {
    config.link.a_to_b.faults.dropouts_at.push_back(*dropout);
    if (return_channel) config.link.b_to_a.faults.dropouts_at.push_back({dropout->start + 500ms, dropout->length});
  }
  pce::Loopback loop(config);
  loop.gateway().start(loop.now());
  loop.run_until(send_at);
  loop.gateway().send(message, loop.now());
  Outcome outcome;
  const SimTime dropout_end = dropout ? dropout->start + dropout->length : SimTime{};
  std::size_t delivered_before_end = 0;
  const SimTime deadline =
      send_at + std::chrono::seconds{120} + std::chrono::seconds{static_cast<long>(message.size() / 100)};
  while (loop.now() < deadline && loop.delivered().size() < message.size()) {
    const std::size_t before = loop.delivered().size();
    loop.step();
    const SimTime t = loop.now();
    if (dropout && t <= dropout_end) delivered_before_end = loop.delivered().size();
    if (dropout && outcome.recovery_s < 0 && t > dropout_end && loop.delivered().size() > before &&
        loop.delivered().size() > delivered_before_end) {
      outcome.recovery_s = std::chrono::duration<double>(t - dropout_end).count();
    }
  }
  if (loop.delivered().size() >= message.size()) {
    outcome.completion_s = std::chrono::duration<double>(loop.now() - send_at).count();
  }
  outcome.exact = loop.delivered() == message;
  outcome.delivered = loop.delivered().size();
  return outcome;
}

std::string message_of(std::size_t size) {
  std::string out(size, ' ');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>(0x20 + (i * 7919 + i / 95) % 95);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  long length_ms = 1000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--length-ms") == 0 && i + 1 < argc) {
      length_ms = std::stol(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--length-ms N]\n", argv[0]);
      return 2;
    }
  }
  const SimDuration length = std::chrono::milliseconds{length_ms};
  const SimTime send_at{2s};  // the START exchange is over by then
  const std::vector<Scenario> scenarios = {
      {"streaming, dropout on the 1200 bit/s direction", 12'000, 10.0, false, true},
      {"streaming, both directions (the first NACK is lost too)", 12'000, 10.0, true, true},
      {"end of a page, 16 keep-alive NULs per 134 ms of idle", 600, -1.0, false, true},
      {"end of a page, no keep-alive (MiniPavi)", 600, -1.0, false, false},
  };
  std::printf("### Recovery from a %ld ms dropout (17 phases, one per character of a block)\n\n", length_ms);
  std::printf(
      "| scenario | receiver | recovery after the dropout (mean / max) | extra delay beyond the dropout (mean / max) | "
      "exact |\n");
  std::printf("|---|---|---|---|---|\n");
  const auto wall_start = std::chrono::steady_clock::now();
  for (const Scenario& scenario : scenarios) {
    const std::string message = message_of(scenario.message_bytes);
    for (const bool strict : {false, true}) {
      const pce::LoopbackConfig config = make_config(strict, scenario.keepalive);
      const Outcome clean = run(config, message, std::nullopt, false, send_at);
      // End of a page: the dropout starts inside the last block, 1..17 characters before the page ends.
      const double page_end = clean.completion_s;
      double recovery_sum = 0;
      double recovery_max = 0;
      double extra_sum = 0;
      double extra_max = 0;
      int recovered = 0;
      int exact = 0;
      std::size_t missing = 0;
      constexpr int kPhases = 17;
      for (int phase = 0; phase < kPhases; ++phase) {
        const double start_s =
            scenario.dropout_after_s >= 0 ? scenario.dropout_after_s + phase / 120.0 : page_end - (phase + 1) / 120.0;
        const ScheduledDropout dropout{send_at + std::chrono::microseconds{static_cast<long>(start_s * 1e6)}, length};
        const Outcome o = run(config, message, dropout, scenario.return_channel, send_at);
        if (o.exact) ++exact;
        missing += message.size() - std::min(message.size(), o.delivered);
        const double dropout_end_s = start_s + std::chrono::duration<double>(length).count();
        const double recovery = scenario.dropout_after_s >= 0 ? o.recovery_s : o.completion_s - dropout_end_s;
        if (o.exact && recovery >= 0) {
          ++recovered;
          recovery_sum += recovery;
          recovery_max = std::max(recovery_max, recovery);
          const double extra = o.completion_s - clean.completion_s - std::chrono::duration<double>(length).count();
          extra_sum += extra;
          extra_max = std::max(extra_max, extra);
        }
      }
      char recovery[96] = "never";
      char extra[64] = "-";
      if (recovered > 0) {
        std::snprintf(recovery, sizeof recovery, "%.0f ms / %.0f ms%s", 1e3 * recovery_sum / recovered,
                      1e3 * recovery_max, recovered == kPhases ? "" : " (exact phases)");
        std::snprintf(extra, sizeof extra, "%.0f ms / %.0f ms", 1e3 * extra_sum / recovered, 1e3 * extra_max);
      }
      char verdict[96];
      std::snprintf(verdict, sizeof verdict, "%d / %d", exact, kPhases);
      if (exact < kPhases) {
        std::snprintf(verdict, sizeof verdict, "%d / %d (%.0f bytes missing on average)", exact, kPhases,
                      static_cast<double>(missing) / (kPhases - exact));
      }
      std::printf("| %s | %s | %s | %s | %s |\n", scenario.name, strict ? "strict" : "STUM", recovery, extra, verdict);
      std::fflush(stdout);
    }
  }
  std::printf("\n(%.1f s of computing)\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count());
  return 0;
}
