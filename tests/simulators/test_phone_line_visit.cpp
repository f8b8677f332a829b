// A whole visit by the simulated Minitel across the simulated phone line (V.23 both ways, line channels, PCE):
// the service sends a page, the user answers, the service sends the next page. The same visit over an
// in-memory link is the reference for bytes and screen. The line runs in simulated time; the real-time timeouts
// below only bound how long the CPU may take, nothing is timed.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "simulators/line/phone_line.hpp"
#include "simulators/net/memory_transport.hpp"
#include "simulators/servers/scripted_connection.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using test::bytes;
using videotex::FunctionKey;

constexpr auto kTimeout = 30s;
const std::string kStartPce = bytes("1B 3A 69 44");

std::string first_page() {
  const std::string demo = test::read_file(test::fixtures_dir() / "demo" / "demo.vdt");
  return demo + demo;  // about 1 KB, 9 s of line
}
std::string second_page() { return test::read_file(test::fixtures_dir() / "pages" / "menu.vdt"); }

struct VisitResult {
  std::string received;      // by the terminal
  std::string text;          // its screen at the end
  std::string upstream;      // what the service received
  videotex::DecoderStats stats;
};

// The visit over an in-memory link: what an error-free line must reproduce.
VisitResult reference_visit() {
  Terminal terminal;
  MemoryLink link = make_memory_link();
  ScriptedPeer service(std::move(link.b), ServerScript{});
  terminal.attach(std::move(link.a));
  service.send(first_page());
  EXPECT_TRUE(terminal.wait_for_received(first_page(), kTimeout));
  EXPECT_TRUE(terminal.type("1"));
  EXPECT_TRUE(terminal.press(FunctionKey::envoi));
  EXPECT_TRUE(service.wait_for_received(bytes("\"1\" 13 41"), kTimeout));
  service.send(second_page());
  EXPECT_TRUE(terminal.wait_for_received(first_page() + second_page(), kTimeout));
  return {terminal.received_bytes(), terminal.text(), service.received(), terminal.stats()};
}

// The visit across a phone line. Each step starts when the line is idle, so that the simulation (noise
// included) does not depend on thread timing.
struct LineVisit {
  explicit LineVisit(PhoneLineOptions options, bool start_pce = false) : line(std::move(options)) {
    service = std::make_unique<ScriptedPeer>(line.service_end(), ServerScript{});
    terminal.attach(line.terminal_end());
    EXPECT_TRUE(line.wait_connected(kTimeout));
    EXPECT_TRUE(line.wait_idle(kTimeout));
    service->send((start_pce ? kStartPce : std::string()) + first_page());
    EXPECT_TRUE(line.wait_idle(kTimeout));
    EXPECT_TRUE(terminal.type("1"));
    EXPECT_TRUE(terminal.press(FunctionKey::envoi));
    EXPECT_TRUE(line.wait_idle(kTimeout));
    EXPECT_TRUE(service->wait_for_received(bytes("\"1\" 13 41"), kTimeout)) << service->received();
    service->send(second_page());
    EXPECT_TRUE(line.wait_idle(kTimeout));
    result = {terminal.received_bytes(), terminal.text(), service->received(), terminal.stats()};
  }

  PhoneLine line;
  Terminal terminal;
  std::unique_ptr<ScriptedPeer> service;
  VisitResult result;
};

PhoneLineOptions on_channel(std::string_view channel) {
  PhoneLineOptions options;
  std::string error;
  options.line = PhoneLineConfig::with_channel(channel, &error);
  EXPECT_EQ(error, "");
  return options;
}

TEST(PhoneLineVisit, CleanLineGivesTheSameVisitAsAMemoryLink) {
  const VisitResult expected = reference_visit();
  LineVisit visit(PhoneLineOptions{});
  EXPECT_EQ(visit.result.received, expected.received);
  EXPECT_EQ(visit.result.text, expected.text);
  EXPECT_EQ(visit.result.upstream, expected.upstream);
  EXPECT_EQ(visit.result.stats.bytes, expected.stats.bytes);
  const PhoneLineStatus status = visit.line.status();
  EXPECT_TRUE(status.connected);
  EXPECT_FALSE(status.pce_active);
  EXPECT_EQ(status.terminal_modem_rx.parity_errors, 0u);
  EXPECT_GT(status.seconds, (first_page().size() + second_page().size()) / 120.0);  // line time was simulated
  EXPECT_EQ(visit.terminal.endpoint(), "v23 (terminal end)");
}

TEST(PhoneLineVisit, CleanLineWithPceGivesTheSameScreen) {
  const VisitResult expected = reference_visit();
  LineVisit visit(PhoneLineOptions{}, true);
  EXPECT_EQ(visit.result.received, expected.received);  // START 44 is the line's business: consumed
  EXPECT_EQ(visit.result.text, expected.text);
  EXPECT_TRUE(visit.line.status().pce_active);
}

TEST(PhoneLineVisit, NoisyLineWithPceDeliversTheExactPages) {
  const VisitResult expected = reference_visit();
  LineVisit visit(on_channel("awgn=12dB,burst=50ms/2s"), true);
  // Noise before PCE was switched on may have put a few characters on the screen; everything after is exact.
  ASSERT_GE(visit.result.received.size(), expected.received.size());
  EXPECT_EQ(visit.result.received.substr(visit.result.received.size() - expected.received.size()), expected.received);
  EXPECT_EQ(visit.result.text, expected.text);
  const PhoneLineStatus status = visit.line.status();
  EXPECT_TRUE(status.pce_active);
  EXPECT_GT(status.pce_receiver.blocks_bad, 0u);  // the line was bad enough to matter
  EXPECT_GT(status.pce_sender.repeated_blocks, 0u);
}

TEST(PhoneLineVisit, NoisyLineWithoutPceDamagesTheScreen) {
  const VisitResult expected = reference_visit();
  LineVisit visit(on_channel("awgn=12dB,burst=50ms/2s"));
  EXPECT_NE(visit.result.received, expected.received);
  EXPECT_NE(visit.result.text, expected.text);
  EXPECT_NE(visit.result.received.find('\x1A'), std::string::npos);  // error blocks, as a Minitel shows them
  EXPECT_GT(visit.line.status().terminal_modem_rx.parity_errors, 0u);
}

// Paced at 50× real time instead of flat out: the same bytes (nothing here is timed).
TEST(PhoneLineVisit, PacedLineCarriesTheSameBytes) {
  PhoneLineOptions options;
  options.speed = 50.0;
  PhoneLine line(options);
  Terminal terminal;
  ScriptedPeer service(line.service_end(), ServerScript{}.send(second_page()));
  terminal.attach(line.terminal_end());
  EXPECT_TRUE(terminal.wait_for_received(second_page(), kTimeout));
  EXPECT_TRUE(terminal.type("OK"));
  EXPECT_TRUE(service.wait_for_received("OK", kTimeout));
  EXPECT_TRUE(line.wait_idle(kTimeout));
  EXPECT_EQ(terminal.received_bytes(), second_page());
}

TEST(PhoneLineVisit, ServiceHangingUpReachesTheTerminal) {
  PhoneLine line;
  Terminal terminal;
  ScriptedPeer service(line.service_end(), ServerScript{}.send("BYE").close());
  terminal.attach(line.terminal_end());
  EXPECT_TRUE(terminal.wait_for_text("BYE", kTimeout).matched);
  const WaitResult closed = terminal.wait_for_disconnect(kTimeout);
  ASSERT_TRUE(closed) << closed.describe();
  EXPECT_NE(terminal.close_reason().find("closed by peer"), std::string::npos) << terminal.close_reason();
}

TEST(PhoneLineVisit, TerminalHangingUpReachesTheService) {
  PhoneLine line;
  Terminal terminal;
  ScriptedPeer service(line.service_end(), ServerScript{});
  terminal.attach(line.terminal_end());
  ASSERT_TRUE(line.wait_connected(kTimeout));
  EXPECT_TRUE(terminal.type("X"));
  terminal.disconnect();
  EXPECT_TRUE(service.wait_for_closed(kTimeout));
  EXPECT_EQ(service.received(), "X");  // written before the hang-up, so still carried
}

TEST(PhoneLineVisit, LongDropoutReleasesTheCallAndBothEndsHearIt) {
  PhoneLine line(on_channel("dropout=1s@6s"));
  Terminal terminal;
  ScriptedPeer service(line.service_end(), ServerScript{}.send(std::string(1200, 'A')));
  terminal.attach(line.terminal_end());
  const WaitResult closed = terminal.wait_for_disconnect(kTimeout);
  ASSERT_TRUE(closed) << closed.describe();
  EXPECT_NE(terminal.close_reason().find("far carrier lost"), std::string::npos) << terminal.close_reason();
  EXPECT_TRUE(service.wait_for_closed(kTimeout));
  EXPECT_TRUE(line.status().released);
}

}  // namespace
}  // namespace pavi::sim
