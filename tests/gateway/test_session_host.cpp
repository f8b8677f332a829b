// A whole session as the gateway runs it, in memory on a virtual clock: banner and first page, the welcome
// service, timers, screensaver wake-up, push messages, simulated input, disconnection (sections A, K, L).
#include <gtest/gtest.h>

#include <deque>

#include "gateway/session/session_host.hpp"
#include "tests/support/test_paths.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"
#include "videotex/keys.hpp"

namespace pavi::gateway {
namespace {

using pavi::test::bytes;
using videotex::FunctionKey;

constexpr const char* kService = "http://127.0.0.1:8090/index.php?sc=default";

struct RecordingIo : SessionIo {
  std::vector<std::string> writes;
  std::deque<ServiceCall> calls;
  std::vector<service::Command> commands;
  std::vector<BridgeTarget> bridges;
  std::string to_bridge;
  bool bridge_closed = false;
  std::vector<std::string> captures;
  bool capture_works = true;
  int pings = 0;
  bool closed = false;
  SessionTime timer = SessionTime::max();

  void write(std::string bytes) override { writes.push_back(std::move(bytes)); }
  void ping() override { ++pings; }
  void close() override { closed = true; }
  void call_service(ServiceCall call) override { calls.push_back(std::move(call)); }
  void run_host_command(service::Command command) override { commands.push_back(std::move(command)); }
  void schedule(SessionTime when) override { timer = when; }
  void open_bridge(BridgeTarget target) override { bridges.push_back(std::move(target)); }
  void bridge_send(std::string bytes) override { to_bridge += bytes; }
  void close_bridge() override { bridge_closed = true; }
  bool save_capture(std::string screen) override {
    captures.push_back(std::move(screen));
    return capture_works;
  }

  ServiceCall take_call() {
    EXPECT_FALSE(calls.empty());
    ServiceCall call = calls.empty() ? ServiceCall{} : std::move(calls.front());
    if (!calls.empty()) calls.pop_front();
    return call;
  }
  std::string all_written() const {
    std::string out;
    for (const auto& w : writes) out += w;
    return out;
  }
};

const SessionTime t0 = SessionTime{} + std::chrono::hours(1);

HostSetup setup(std::string durl, ConnectionKind kind = ConnectionKind::telnet) {
  HostSetup s;
  s.kind = kind;
  s.remote_addr = "127.0.0.1";
  s.durl = std::move(durl);
  s.accepted_at = 1795354383;
  s.pin = "6654";
  s.clock = ClockSettings{seconds(600), true, kind == ConnectionKind::ws};
  s.directory.entries.push_back({"DEMO", kService, "Demo"});
  return s;
}

ServiceResult reply(std::string body) { return {false, std::move(body), std::nullopt}; }

std::string screen_of(const std::string& written) {
  videotex::Decoder decoder;
  decoder.feed(written);
  return videotex::text_dump(decoder.screen());
}

TEST(SessionHost, FirstPageComesWithTheBanner) {  // C-097, C-098, Example A
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  EXPECT_EQ(host.unique_id(), "17953543836654");
  ASSERT_EQ(io.calls.size(), 1u);
  EXPECT_EQ(io.calls.front().request.fctn, "CNX");
  EXPECT_EQ(io.calls.front().request.typesocket, "TELN");
  EXPECT_TRUE(io.writes.empty());  // the banner waits for the first response (§2.3)
  host.on_service_result(reply(R"({"content":"DB9BQUhlbGxv"})"), t0);
  ASSERT_EQ(io.writes.size(), 1u);
  EXPECT_EQ(io.writes[0].substr(0, 7), bytes("1B 39 7B 0C 1F 40 41"));
  EXPECT_NE(io.writes[0].find("PIN:6654"), std::string::npos);
  EXPECT_EQ(io.writes[0].substr(io.writes[0].size() - 9), bytes(R"(0C 1F 41 41 "Hello")"));
}

TEST(SessionHost, WelcomeServiceIsServedInProcessAndHandsOver) {
  RecordingIo io;
  SessionHost host(setup("internal:"), io);
  host.start(t0);
  EXPECT_TRUE(io.calls.empty());
  EXPECT_NE(screen_of(io.all_written()).find("Code du service"), std::string::npos);
  host.on_terminal_data("DEMO" + videotex::key_bytes(FunctionKey::envoi), t0 + seconds(5));
  ASSERT_EQ(io.calls.size(), 1u);
  EXPECT_EQ(io.calls.front().url, kService);
  EXPECT_EQ(io.calls.front().request.fctn, "DIRECTCNX");
}

TEST(SessionHost, InactivityMessageThenFinThenClose) {  // C-112, C-113
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  host.on_service_result(reply(R"({"content":"QQ==","COMMAND":{"name":"InputTxt","param":{"x":1,"y":1,"l":9,"validwith":128}}})"), t0);
  io.take_call();
  host.on_terminal_data("abc", t0 + seconds(300));  // typing is not an action
  EXPECT_EQ(io.timer, t0 + seconds(420));            // the screensaver comes first ("???" terminal)
  host.on_timer(t0 + seconds(600));
  EXPECT_EQ(io.writes.back(), bytes(R"(1F 40 41 "Deconnexion pour inactivit" 19 42 65 "..." 18)"));
  ASSERT_EQ(io.calls.size(), 1u);
  EXPECT_EQ(io.calls.back().request.fctn, "FIN");
  EXPECT_TRUE(io.calls.back().fire_and_forget);
  EXPECT_TRUE(io.closed);
  EXPECT_TRUE(host.closed());
}

TEST(SessionHost, SetParamTimeoutShortensTheLimit) {  // C-069
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  host.on_service_result(reply(R"({"content":"QQ==","COMMAND":{"name":"setParam","param":{"paramName":"timeout","params":{"minutes":1}}}})"), t0);
  host.on_terminal_data(bytes("01 43 75 3B 04"), t0);  // an ENQROM answer: a Minitel 1B, so screensaver at 120 s
  EXPECT_EQ(io.timer, t0 + seconds(60));
  host.on_timer(t0 + seconds(60));
  EXPECT_TRUE(io.closed);
}

TEST(SessionHost, ScreensaverThenWakeUpRestoresThePageAndHandlesTheKey) {  // C-117, C-118
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  host.on_service_result(reply(R"({"content":"DB9BQVBBR0U=","COMMAND":{"name":"InputTxt","param":{"x":1,"y":5,"l":9,"validwith":128}}})"), t0);
  io.take_call();
  const std::size_t before = io.writes.size();
  host.on_timer(t0 + seconds(120));
  ASSERT_EQ(io.writes.size(), before + 1);
  EXPECT_EQ(io.writes.back().substr(0, 6), bytes("14 1F 40 41 18 0C"));
  EXPECT_EQ(io.timer, t0 + seconds(126));
  host.on_terminal_data(videotex::key_bytes(FunctionKey::envoi), t0 + seconds(130));
  ASSERT_GE(io.writes.size(), before + 2);
  EXPECT_EQ(io.writes[before + 1][0], '\x0c');
  EXPECT_NE(screen_of(io.writes[before + 1]).find("PAGE"), std::string::npos);
  ASSERT_EQ(io.calls.size(), 1u);
  EXPECT_EQ(io.calls.back().request.fctn, "ENVOI");  // the waking key was not swallowed
}

TEST(SessionHost, WebSocketPingsAndLosesSilentClients) {  // C-114, C-115
  RecordingIo io;
  SessionHost host(setup(kService, ConnectionKind::ws), io);
  host.start(t0);
  host.on_service_result(reply(R"({"content":"QQ=="})"), t0);
  EXPECT_EQ(io.timer, t0 + seconds(3));
  host.on_timer(t0 + seconds(3));
  EXPECT_EQ(io.pings, 1);
  host.on_timer(t0 + seconds(18));
  EXPECT_TRUE(io.closed);
  EXPECT_EQ(io.all_written().find("Deconnexion"), std::string::npos);
}

TEST(SessionHost, PushMessagesAreWrittenAsGiven) {  // C-060
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  host.push_message("Salut à toi");
  EXPECT_EQ(io.writes.back(), "\x1f\x40\x41Salut à toi\x18\x0a");
}

TEST(SessionHost, SimulatedInputAndItsCancellation) {  // C-065, C-066
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  host.on_service_result(reply(R"({"content":"QQ==","COMMAND":{"name":"InputTxt","param":{"x":1,"y":1,"l":9,"validwith":128}}})"), t0);
  host.schedule_simulated_input(t0 + seconds(2), "data-for-B");
  EXPECT_EQ(io.timer, t0 + seconds(2));
  host.on_timer(t0 + seconds(2));
  ASSERT_EQ(io.calls.size(), 2u);
  EXPECT_EQ(io.calls.back().request.fctn, "BGCALL-SIMU");
  EXPECT_EQ(io.calls.back().request.content.front(), "data-for-B");
  host.on_service_result(reply(""), t0 + seconds(3));
  host.schedule_simulated_input(t0 + seconds(10), "later");
  host.on_terminal_data(videotex::key_bytes(FunctionKey::envoi), t0 + seconds(4));
  EXPECT_EQ(io.calls.back().request.fctn, "ENVOI");
  host.on_service_result(reply(""), t0 + seconds(5));
  host.on_timer(t0 + seconds(10));
  EXPECT_EQ(io.calls.size(), 3u);  // cancelled by the key
}

TEST(SessionHost, DisconnectionSendsFinAndWritesNothing) {
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  host.on_service_result(reply(R"({"content":"QQ=="})"), t0);
  const std::size_t writes = io.writes.size();
  host.on_disconnected(t0 + seconds(1));
  EXPECT_EQ(io.calls.back().request.fctn, "FIN");
  EXPECT_EQ(io.writes.size(), writes);
  host.on_terminal_data("x", t0 + seconds(2));
  host.on_timer(t0 + seconds(1000));
  EXPECT_EQ(io.writes.size(), writes);
}

constexpr const char* kTelnetBridge =
    R"({"content":"QUZURVI=","COMMAND":{"name":"connectToTln","param":{"host":"127.0.0.1:9","key":"","echo":"on",)"
    R"("case":"lower","startseq":"hi"}}})";

TEST(SessionHost, RefusedBridgeReadsAsEnded) {  // §3.5: a refusal gives DIRECTCALLENDED
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  io.take_call();
  host.on_service_result(reply(R"({"content":"QUZURVI=","COMMAND":{"name":"connectToWs","param":{"host":"elsewhere.example:80","key":"nope"}}})"), t0);
  EXPECT_TRUE(io.bridges.empty());
  ASSERT_EQ(io.calls.size(), 1u);
  EXPECT_EQ(io.calls.back().request.fctn, "DIRECTCALLENDED");
  EXPECT_NE(io.all_written().find("AFTER"), std::string::npos);  // the content follows the (refused) bridge
}

TEST(SessionHost, BridgeThatCannotConnectIsDirectCallFailed) {  // C-071
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  io.take_call();
  host.on_service_result(reply(kTelnetBridge), t0);  // same host as the service: no key needed (C-074)
  ASSERT_EQ(io.bridges.size(), 1u);
  EXPECT_EQ(io.bridges[0].host, "127.0.0.1");
  EXPECT_EQ(io.bridges[0].port, "9");
  EXPECT_EQ(io.bridges[0].startseq, "hi");
  EXPECT_FALSE(io.bridges[0].websocket);
  EXPECT_NE(io.all_written().find(bytes("1B 3A 69 45")), std::string::npos);  // case "lower"
  EXPECT_EQ(io.all_written().find("AFTER"), std::string::npos);  // not before the bridge ends
  host.on_bridge_opened(false, t0 + seconds(5));
  EXPECT_EQ(io.calls.back().request.fctn, "DIRECTCALLFAILED");
  EXPECT_NE(io.all_written().find("AFTER"), std::string::npos);
}

TEST(SessionHost, BridgeRelaysBothWaysUntilTheEndKeys) {
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  io.take_call();
  host.on_service_result(reply(kTelnetBridge), t0);
  host.on_bridge_opened(true, t0 + seconds(1));
  host.on_terminal_data("ab\x0d", t0 + seconds(2));
  EXPECT_EQ(io.to_bridge, "ab");
  EXPECT_NE(io.all_written().find("ab"), std::string::npos);  // echo on
  host.on_bridge_data("WELCOME", t0 + seconds(2));
  EXPECT_EQ(io.timer, t0 + seconds(2) + std::chrono::milliseconds(250));  // batched on telnet
  host.on_timer(t0 + seconds(2) + std::chrono::milliseconds(250));
  EXPECT_NE(io.all_written().find("WELCOME"), std::string::npos);
  EXPECT_TRUE(io.calls.empty());
  host.on_timer(t0 + seconds(1000));  // no inactivity timeout during a bridge, but the bridge's own 30 s rule
  EXPECT_TRUE(io.bridge_closed);
  EXPECT_EQ(io.calls.back().request.fctn, "DIRECTCALLENDED");
}

TEST(SessionHost, EndKeysCloseTheBridgeAndTheServiceGoesOn) {
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  io.take_call();
  host.on_service_result(reply(kTelnetBridge), t0);
  host.on_bridge_opened(true, t0);
  host.on_bridge_data(std::string(300, 'x'), t0);
  host.on_terminal_data(bytes(R"("***" 13 46)"), t0 + seconds(1));
  EXPECT_EQ(io.to_bridge, bytes(R"("***" 13 46)"));  // still forwarded
  EXPECT_TRUE(io.bridge_closed);
  ASSERT_EQ(io.calls.size(), 1u);
  EXPECT_EQ(io.calls.back().request.fctn, "DIRECTCALLENDED");
  host.on_service_result(reply(R"({"content":"QkFDSw=="})"), t0 + seconds(2));
  EXPECT_NE(io.all_written().find("BACK"), std::string::npos);
}

TEST(SessionHost, HangingUpDuringABridgeClosesItAndSendsFin) {
  RecordingIo io;
  SessionHost host(setup(kService), io);
  host.start(t0);
  io.take_call();
  host.on_service_result(reply(kTelnetBridge), t0);
  host.on_bridge_opened(true, t0);
  host.on_disconnected(t0 + seconds(3));
  EXPECT_TRUE(io.bridge_closed);
  EXPECT_EQ(io.calls.back().request.fctn, "FIN");
}

constexpr const char* kWatch =
    R"({"content":"QUZURVI=","COMMAND":{"name":"duplicateStream","param":{"uniqueid":" 17953543831234 ","key":"k"}}})";

TEST(SessionHost, DuplicateStreamNeedsTheVisukeyThenMirrorsUntilTheWatchedLeaves) {  // C-075, C-128
  RecordingIo refused_io;
  HostSetup no_section = setup(kService);  // no <connecttocmd>: every key is refused
  SessionHost refused(no_section, refused_io);
  refused.start(t0);
  refused_io.take_call();
  refused.on_service_result(reply(kWatch), t0);
  EXPECT_TRUE(refused_io.bridges.empty());
  EXPECT_EQ(refused_io.calls.back().request.fctn, "DIRECTCALLENDED");

  RecordingIo io;
  HostSetup with_key = setup(kService);
  with_key.visukey = "k";
  SessionHost host(with_key, io);
  host.start(t0);
  io.take_call();
  host.on_service_result(reply(kWatch), t0);
  ASSERT_EQ(io.bridges.size(), 1u);
  EXPECT_EQ(io.bridges[0].watched, "17953543831234");
  EXPECT_EQ(io.all_written().find(bytes("1B 3A")), std::string::npos);  // no keyboard case command
  host.on_bridge_opened(true, t0);
  host.on_terminal_data("typed", t0 + seconds(1));
  EXPECT_EQ(io.to_bridge, "");
  host.on_bridge_data("the watched user's page, long enough to go", t0 + seconds(2));
  EXPECT_NE(io.all_written().find("the watched user's page"), std::string::npos);
  EXPECT_TRUE(io.calls.empty());
  host.on_timer(t0 + seconds(4000));  // no time limit, and no inactivity timeout while watching
  EXPECT_TRUE(io.calls.empty());
  EXPECT_FALSE(io.closed);
  host.on_bridge_closed(t0 + seconds(4001));
  ASSERT_FALSE(io.calls.empty());
  EXPECT_EQ(io.calls.back().request.fctn, "DIRECTCALLENDED");
  EXPECT_NE(io.all_written().find("AFTER"), std::string::npos);
}

TEST(SessionHost, ConnectToExtIsRefusedWithoutAsteriskOrWithoutTheKey) {  // C-076
  constexpr const char* kCall =
      R"({"content":"QUZURVI=","COMMAND":{"name":"connectToExt","param":{"number":"0836","RX":-35,"TX":-18,"key":"s"}}})";
  RecordingIo io;
  HostSetup keyed = setup(kService);
  keyed.bridge_keys = {"s"};
  SessionHost host(keyed, io);
  host.start(t0);
  io.take_call();
  host.on_service_result(reply(kCall), t0);
  EXPECT_TRUE(io.commands.empty());
  EXPECT_EQ(io.calls.back().request.fctn, "DIRECTCALLENDED");

  RecordingIo asterisk_io;
  HostSetup with_asterisk = keyed;
  with_asterisk.asterisk_configured = true;
  with_asterisk.bridge_keys = {"other"};
  SessionHost wrong_key(with_asterisk, asterisk_io);
  wrong_key.start(t0);
  asterisk_io.take_call();
  wrong_key.on_service_result(reply(kCall), t0);
  EXPECT_EQ(asterisk_io.calls.back().request.fctn, "DIRECTCALLENDED");

  RecordingIo accepted_io;
  with_asterisk.bridge_keys = {"s"};
  SessionHost accepted(with_asterisk, accepted_io);
  accepted.start(t0);
  accepted_io.take_call();
  accepted.on_service_result(reply(kCall), t0);
  ASSERT_EQ(accepted_io.commands.size(), 1u);  // handed to the gateway, which places the call
  EXPECT_TRUE(accepted_io.calls.empty());
}

TEST(SessionHost, TheCaptureKeyKeepsTheScreenUpToMaxThenSaysSo) {  // gateway-behaviour.md §4.3, §13
  RecordingIo io;
  HostSetup capturing = setup(kService);
  capturing.capture = CaptureSettings{'P', "Capturé", "Plus de place", 2};
  SessionHost host(capturing, io);
  host.start(t0);
  io.take_call();
  host.on_service_result(reply(R"({"content":"DFBBR0U="})"), t0);  // 0C "PAGE"
  host.on_terminal_data("\x0dp", t0 + seconds(1));  // CR + the key, in lower case
  ASSERT_EQ(io.captures.size(), 1u);
  EXPECT_EQ(io.captures[0], "PAGE");  // the bytes since the last clear
  EXPECT_NE(io.all_written().find(bytes(R"(1F 40 41 "Captur" 19 42 "e" 18 0A)")), std::string::npos);
  host.on_terminal_data("\x0dx\x0d", t0 + seconds(2));  // another secondary key, then a CR held back
  host.on_terminal_data("P", t0 + seconds(2));
  EXPECT_EQ(io.captures.size(), 2u);
  host.on_terminal_data("\x0dP", t0 + seconds(3));
  EXPECT_EQ(io.captures.size(), 2u);
  EXPECT_NE(io.all_written().find("Plus de place"), std::string::npos);
  EXPECT_TRUE(io.calls.empty());  // nothing reaches the service

  RecordingIo bridged_io;  // the key works during a bridge too, and is not sent to the server
  SessionHost bridged(capturing, bridged_io);
  bridged.start(t0);
  bridged_io.take_call();
  bridged.on_service_result(reply(kTelnetBridge), t0);
  bridged.on_bridge_opened(true, t0);
  bridged.on_bridge_data("BBS PAGE", t0);
  bridged.on_timer(t0 + std::chrono::milliseconds(250));  // the batch goes out
  bridged.on_terminal_data("x\x0dP", t0 + seconds(1));
  ASSERT_EQ(bridged_io.captures.size(), 1u);
  EXPECT_NE(bridged_io.captures[0].find("BBS PAGE"), std::string::npos);
  EXPECT_EQ(bridged_io.to_bridge, "x");

  RecordingIo failing_io;
  failing_io.capture_works = false;
  SessionHost failing(capturing, failing_io);
  failing.start(t0);
  failing_io.take_call();
  failing.on_service_result(reply(R"({"content":"DFBBR0U="})"), t0);
  failing.on_terminal_data("\x0dP", t0 + seconds(1));
  EXPECT_NE(failing_io.all_written().find("Capture KO"), std::string::npos);

  RecordingIo off_io;  // no <capture>: CR + P is dropped, as any CR pair
  SessionHost off(setup(kService), off_io);
  off.start(t0);
  off_io.take_call();
  off.on_service_result(reply(R"({"content":"DFBBR0U="})"), t0);
  off.on_terminal_data("\x0dP", t0 + seconds(1));
  EXPECT_TRUE(off_io.captures.empty());
}

}  // namespace
}  // namespace pavi::gateway
