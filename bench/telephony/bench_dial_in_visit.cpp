// A dial-in visit through the fake soft modem to the real gateway (in-process GatewayServer, its astport and
// PCE, its embedded default service), PCE on: the welcome page, a code typed and sent, the answer, then Guide for
// the directory page (3 pages). The lines have a rising bit error rate on the 1200 bit/s direction, the one PCE
// protects; the Minitel's keys go up a clean 75 bit/s direction, since noise there becomes stray keys that no
// protocol repairs (docs/TELEPHONY.md). Prints a Markdown table: wall time of the visit, line time simulated, how
// much of it ran ahead of real time, and the PCE work per page as the Minitel saw it (NACKs sent, bad blocks,
// blocks received beyond what the clean line needed, i.e. repetitions). See docs/TELEPHONY.md, "Benchmarks".
//
//   bench_dial_in_visit [--runs N] [--page-timeout S]
//     N: runs per line (default 3; each run is one whole call); S: the longest wait for one page (default 300 s).
//     A failed visit prints the wait that failed, the Minitel's screen and the line's state on stderr.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "gateway/server/gateway_server.hpp"
#include "simulators/asterisk/soft_modem.hpp"
#include "simulators/terminal/terminal.hpp"

namespace {

using namespace std::chrono_literals;
using pavi::sim::Terminal;
using pavi::videotex::FunctionKey;
using Clock = std::chrono::steady_clock;

struct Line {
  const char* label;
  const char* channel;
};
// Bit error rates at 1200 bit/s from docs/BENCHMARKS.md (BER against Eb/N0, PaviKit's default receiver).
const Line kLines[] = {{"clean", ""},
                       {"≈1e-5", "ebn0=19.4dB"},
                       {"≈1e-4", "ebn0=18.1dB"},
                       {"≈1e-4 + bursts 50 ms/4 s", "ebn0=18.1dB,burst=50ms/4s"},
                       {"≈1e-3", "ebn0=16.2dB"}};

struct Result {
  bool ok = false;
  std::string failure;  // the wait that failed, the screen, the line's state
  double wall_s = 0.0;
  double line_s = 0.0;
  double ahead_s = 0.0;
  std::uint64_t blocks_received = 0;
  std::uint64_t blocks_bad = 0;
  std::uint64_t nacks = 0;
};

pavi::gateway::GatewayConfig gateway_config() {
  pavi::gateway::GatewayConfig config;
  config.host = "127.0.0.1";
  config.durl = "internal:";
  config.maxc = 10;
  // Its log and stats files go to the temp folder, not to wherever the benchmark is run from.
  config.lpath = config.spath = std::filesystem::temp_directory_path().string() + "/";
  return config;
}

pavi::gateway::ServerOptions gateway_options() {
  pavi::gateway::ServerOptions options;
  options.listen = {{pavi::gateway::ConnectionKind::asterisk, 0}};
  options.bind_address = "127.0.0.1";
  options.threads = 1;
  options.directory.entries = {{"METEO", "http://127.0.0.1:1/meteo", "La météo"}, {"ANNU", "", "L'annuaire"}};
  return options;
}

Result visit(const std::string& channel, std::uint64_t seed, std::chrono::seconds page_timeout) {
  Result result;
  pavi::gateway::GatewayServer gateway(
      gateway_config(),
      [](pavi::gateway::ServiceCall, std::function<void(pavi::gateway::ServiceResult)> done) {
        done(pavi::gateway::ServiceResult{true, "", std::nullopt});
      },
      gateway_options());
  if (!gateway.start().empty()) return result;
  pavi::sim::SoftModemOptions options;
  options.astport = gateway.port(pavi::gateway::ConnectionKind::asterisk);
  options.channel = channel.empty() ? "" : channel + ",seed=" + std::to_string(seed);
  pavi::sim::SoftModem asterisk(options);
  const auto started = Clock::now();
  pavi::sim::DialInOptions dial;
  dial.pce = true;
  dial.keys_channel = "";
  const auto call = asterisk.dial_in(dial);
  Terminal minitel;
  minitel.attach(call->far_end());
  const auto page = [&](const char* text) {
    pavi::sim::WaitResult shown = minitel.wait_for_text(text, page_timeout);
    if (shown) shown = minitel.wait_until_quiet(2s, page_timeout);
    if (!shown && result.failure.empty()) result.failure = std::string("waiting for \"") + text + "\": " + shown.describe();
    return static_cast<bool>(shown);
  };
  result.ok = page("Bienvenue") && minitel.type("xyz") && minitel.press(FunctionKey::envoi) &&
              page("Code inconnu : XYZ") && minitel.press(FunctionKey::guide) && page("Annuaire des services");
  // The 2 s quiet period that closes each page is not part of the visit (the user answers at once).
  result.wall_s = std::chrono::duration<double>(Clock::now() - started).count() - 3 * 2.0;
  const pavi::sim::SoftModemCallStatus status = call->status();
  result.line_s = status.line.seconds;
  result.ahead_s = status.ahead_line_seconds;
  const auto& pce = status.line.pce_receiver;
  result.blocks_received = pce.blocks_correct + pce.blocks_corrected + pce.blocks_bad;
  result.blocks_bad = pce.blocks_bad;
  result.nacks = pce.nacks_sent;
  if (!result.ok) {
    char line[256];
    std::snprintf(line, sizeof line, "\nline %.1f s, connected %d, ended %d (%s); PCE blocks ok %llu, bad %llu, NACKs %llu",
                  status.line.seconds, status.line.connected ? 1 : 0, status.ended ? 1 : 0, status.end_reason.c_str(),
                  static_cast<unsigned long long>(pce.blocks_correct + pce.blocks_corrected),
                  static_cast<unsigned long long>(pce.blocks_bad), static_cast<unsigned long long>(pce.nacks_sent));
    result.failure += line;
  }
  return result;
}

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown CPU";
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  std::chrono::seconds page_timeout{300};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
    } else if (arg == "--page-timeout" && i + 1 < argc) {
      page_timeout = std::chrono::seconds{std::max(1, std::atoi(argv[++i]))};
    } else {
      std::cerr << "usage: bench_dial_in_visit [--runs N] [--page-timeout S]\n";
      return 2;
    }
  }
  if (runs < 1) runs = 1;
  constexpr double kPages = 3.0;
  std::cout << "Machine: " << cpu_model() << ", " << std::thread::hardware_concurrency() << " threads\n\n";
  std::cout << "| line (BER at 1200 bit/s) | visits ok | wall time | line time | ran ahead | NACKs/page | bad blocks/page "
               "| repeated blocks/page |\n|---|---|---|---|---|---|---|---|\n";
  double clean_blocks = -1.0;
  for (const Line& line : kLines) {
    Result sum;
    int ok = 0;
    for (int run = 0; run < runs; ++run) {
      const Result r = visit(line.channel, 1 + static_cast<std::uint64_t>(run), page_timeout);
      std::cerr << line.label << " run " << run + 1 << "/" << runs << (r.ok ? " ok" : " FAILED: " + r.failure) << '\n';
      if (!r.ok) continue;
      ++ok;
      sum.wall_s += r.wall_s;
      sum.line_s += r.line_s;
      sum.ahead_s += r.ahead_s;
      sum.blocks_received += r.blocks_received;
      sum.blocks_bad += r.blocks_bad;
      sum.nacks += r.nacks;
    }
    const double n = ok > 0 ? ok : 1;
    const double blocks = static_cast<double>(sum.blocks_received) / n;
    if (clean_blocks < 0.0) clean_blocks = blocks;
    const double repeated = blocks > clean_blocks ? (blocks - clean_blocks) / kPages : 0.0;
    char row[512];
    std::snprintf(row, sizeof row, "| %s | %d/%d | %.1f s | %.1f s | %.1f s | %.2f | %.2f | %.2f |\n", line.label, ok, runs,
                  sum.wall_s / n, sum.line_s / n, sum.ahead_s / n, static_cast<double>(sum.nacks) / n / kPages,
                  static_cast<double>(sum.blocks_bad) / n / kPages, repeated);
    std::cout << row << std::flush;
  }
  return 0;
}
