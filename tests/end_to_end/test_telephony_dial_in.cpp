// End to end, dial-in: a simulated Minitel calls the gateway through the fake soft modem. The gateway is the real
// one (GatewayServer on 127.0.0.1, its astport listener, its PCE), serving its embedded default service; only the
// phone line is simulated. The visit: the welcome page, a code typed into its input field and sent, the answer,
// then Guide for the next page. Over a noisy line (BER about 1e-4 on the 1200 bit/s channel, random noise bursts)
// with PCE on, every screen must equal the one of the same visit over a clean line.
//
// Real-time timeouts only bound how long the run may take; nothing is timed. Row 0 is left out of the comparison:
// it holds the banner (date, and "RTC" or "PCE") and the hidden PIN, which differ from call to call.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gateway/server/gateway_server.hpp"
#include "simulators/asterisk/soft_modem.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/test_server_support.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using videotex::FunctionKey;

constexpr auto kTimeout = 120s;
constexpr auto kQuiet = 2s;  // a page is complete when nothing more arrives for this long (PCE retries included)
// About 1e-4 bit errors at 1200 bit/s with PaviKit's receiver (docs/BENCHMARKS.md, BER against Eb/N0), plus a
// 50 ms noise burst every 4 s on average.
constexpr const char* kNoisyLine = "ebn0=18dB,burst=50ms/4s,seed=11";

gateway::Directory directory() {
  gateway::Directory directory;
  directory.entries = {{"METEO", "http://127.0.0.1:1/meteo", "La météo du jour"},
                       {"ANNU", "http://127.0.0.1:1/annu", "L'annuaire"},
                       {"JEUX", "", "Jeux (bientôt)"}};
  return directory;
}

// The gateway with its embedded default service and an astport; no remote service is ever called.
struct Gateway {
  Gateway() : server(config(), never_called(), options()) { problems = server.start(); }

  static gateway::GatewayConfig config() {
    gateway::GatewayConfig config = gateway::test::test_config();
    config.durl = "internal:";
    return config;
  }
  static gateway::ServiceCaller never_called() {
    return [](gateway::ServiceCall, std::function<void(gateway::ServiceResult)> done) {
      done(gateway::ServiceResult{true, "", std::nullopt});
    };
  }
  static gateway::ServerOptions options() {
    gateway::ServerOptions options = gateway::test::local_options({{gateway::ConnectionKind::asterisk, 0}});
    options.directory = directory();
    return options;
  }

  std::uint16_t astport() const { return server.port(gateway::ConnectionKind::asterisk); }

  gateway::GatewayServer server;
  std::vector<std::string> problems;
};

std::vector<std::string> rows_1_to_24(const Terminal& minitel) {
  std::vector<std::string> rows;
  for (int row = 1; row <= 24; ++row) rows.push_back(minitel.row(row));
  return rows;
}

struct Visit {
  std::vector<std::vector<std::string>> screens;  // after each step
  SoftModemCallStatus call;
  std::size_t first_page_bytes = 0;  // received once the first page was complete
  std::string failure;  // empty when every step was reached
};

// Waits for `text`, then for the page to be complete, and records the screen.
bool reach(Terminal& minitel, Visit& visit, std::string_view text) {
  const WaitResult seen = minitel.wait_for_text(text, kTimeout);
  if (!seen) {
    visit.failure = seen.describe();
    return false;
  }
  const WaitResult quiet = minitel.wait_until_quiet(kQuiet, kTimeout);
  if (!quiet) {
    visit.failure = quiet.describe();
    return false;
  }
  visit.screens.push_back(rows_1_to_24(minitel));
  if (visit.screens.size() == 1) visit.first_page_bytes = minitel.received_bytes().size();
  return true;
}

Visit visit_over(const std::string& channel, bool pce) {
  Visit visit;
  Gateway gateway;
  if (!gateway.problems.empty()) {
    visit.failure = "gateway: " + gateway.problems.front();
    return visit;
  }
  SoftModemOptions options;
  options.astport = gateway.astport();
  options.channel = channel;
  SoftModem asterisk(options);
  DialInOptions dial;
  dial.pce = pce;
  const auto call = asterisk.dial_in(dial);
  Terminal minitel;
  minitel.attach(call->far_end());
  const bool done = reach(minitel, visit, "Bienvenue") && minitel.type("xyz") && minitel.press(FunctionKey::envoi) &&
                    reach(minitel, visit, "Code inconnu : XYZ") && minitel.press(FunctionKey::guide) &&
                    reach(minitel, visit, "Annuaire des services");
  if (!done && visit.failure.empty()) visit.failure = "the Minitel lost its line: " + minitel.close_reason();
  visit.call = call->status();
  return visit;
}

TEST(TelephonyDialIn, NoisyLineWithPceShowsTheSameScreensAsACleanLine) {
  const Visit clean = visit_over("", false);
  ASSERT_EQ(clean.failure, "");
  ASSERT_EQ(clean.screens.size(), 3u);
  EXPECT_FALSE(clean.call.line.pce_active);
  EXPECT_EQ(clean.call.line.soft_modem_rx.parity_errors, 0u);

  const Visit noisy = visit_over(kNoisyLine, true);
  ASSERT_EQ(noisy.failure, "");
  ASSERT_EQ(noisy.screens.size(), 3u);
  for (std::size_t step = 0; step < clean.screens.size(); ++step) {
    for (std::size_t row = 0; row < 24; ++row) {
      EXPECT_EQ(noisy.screens[step][row], clean.screens[step][row]) << "step " << step << ", row " << row + 1;
    }
  }
  const ModemLineStatus& line = noisy.call.line;
  EXPECT_TRUE(line.pce_active);
  // The line was bad enough to matter: the Minitel saw damaged characters and PCE repaired them.
  EXPECT_GT(line.far_end_rx.parity_errors + line.far_end_rx.framing_errors, 0u);
  EXPECT_GT(line.pce_receiver.blocks_bad, 0u);
  EXPECT_GT(line.pce_receiver.resyncs, 0u);
}

// Without PCE a noisy line damages what the Minitel shows, so the comparison above is not vacuous. The page may
// be too damaged to find a text in it: the first page counts as arrived once as many bytes as over the clean line
// came (a damaged character arrives as SUB, one for one) and the line is quiet.
TEST(TelephonyDialIn, NoisyLineWithoutPceDamagesTheScreen) {
  const Visit clean = visit_over("", false);
  ASSERT_EQ(clean.failure, "");
  const std::size_t page_bytes = clean.first_page_bytes;

  Gateway gateway;
  ASSERT_TRUE(gateway.problems.empty());
  SoftModemOptions options;
  options.astport = gateway.astport();
  options.channel = "ebn0=15dB,seed=5";  // about 3e-3 bit errors: a few percent of the characters
  SoftModem asterisk(options);
  const auto call = asterisk.dial_in({});
  Terminal minitel;
  minitel.attach(call->far_end());
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (minitel.received_bytes().size() < page_bytes * 9 / 10 && minitel.connected() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(minitel.wait_until_quiet(kQuiet, kTimeout));
  EXPECT_NE(rows_1_to_24(minitel), clean.screens.front());
  EXPECT_NE(minitel.received_bytes().find('\x1A'), std::string::npos);  // error blocks, as a Minitel shows them
  EXPECT_GT(call->status().line.far_end_rx.parity_errors, 0u);
  EXPECT_FALSE(call->status().line.pce_active);
}

}  // namespace
}  // namespace pavi::sim
