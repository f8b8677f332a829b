// WebMedia inside a session (service-protocol.md §6): sequences in service content reach the terminal unchanged
// and are queued (C-130), a poll takes them and makes requests carry webmedia:1 for 5 s (C-025), and a poll's
// lastevent sends BGCALL-WM-<event> with the input buffer untouched (C-134).
#include <gtest/gtest.h>

#include <deque>

#include "gateway/service_protocol/base64.hpp"
#include "gateway/session/session_host.hpp"
#include "videotex/keys.hpp"

namespace pavi::gateway {
namespace {

using videotex::FunctionKey;

constexpr const char* kService = "http://127.0.0.1:8090/wm.php";
const SessionTime t0 = SessionTime{} + std::chrono::hours(1);

struct Io : SessionIo {
  std::string written;
  std::vector<ServiceCall> calls;
  SessionTime timer = SessionTime::max();
  int actions = 0;
  void write(std::string bytes) override { written += bytes; }
  void ping() override {}
  void close() override {}
  void call_service(ServiceCall call) override { calls.push_back(std::move(call)); }
  void run_host_command(service::Command) override {}
  void schedule(SessionTime when) override { timer = when; }
  void open_bridge(BridgeTarget) override {}
  void bridge_send(std::string) override {}
  void close_bridge() override {}
  bool save_capture(std::string) override { return false; }
  void report_action() override { ++actions; }
};

HostSetup setup() {
  HostSetup s;
  s.kind = ConnectionKind::telnet;
  s.remote_addr = "127.0.0.1";
  s.durl = kService;
  s.accepted_at = 1795354383;
  s.pin = "6654";
  s.clock = ClockSettings{seconds(600), false, false};
  return s;
}

ServiceResult page(const std::string& bytes, bool input = true) {
  std::string body = "{\"content\":\"" + service::base64_encode(bytes) + "\"";
  if (input) body += R"(,"COMMAND":{"name":"InputTxt","param":{"x":1,"y":1,"l":9,"validwith":128}})";
  return {false, body + "}", std::nullopt};
}

const std::string kYoutube = "\x1f\x40\x41\x1b\x40\x14#DYT:abc123\x14#F\x18\x0a";

TEST(SessionWebMedia, SequencesAreForwardedUnchangedAndQueued) {  // C-130, C-131
  Io io;
  SessionHost host(setup(), io);
  host.start(t0);
  host.on_service_result(page("\x0c" "Video" + kYoutube), t0);
  EXPECT_NE(io.written.find(kYoutube), std::string::npos);
  const WebMediaPoll first = host.on_webmedia_poll("", t0 + seconds(1));
  EXPECT_EQ(first.media, (MediaRequest{"YT", "abc123"}));
  EXPECT_EQ(host.on_webmedia_poll("", t0 + seconds(2)).media, std::nullopt);
}

TEST(SessionWebMedia, RequestsCarryWebmediaForFiveSecondsAfterAPoll) {  // C-025
  Io io;
  SessionHost host(setup(), io);
  host.start(t0);
  ASSERT_EQ(io.calls.size(), 1u);
  EXPECT_EQ(io.calls[0].request.webmedia, 0);
  host.on_service_result(page("\x0cHello"), t0);
  host.on_webmedia_poll("", t0 + seconds(10));
  host.on_terminal_data(videotex::key_bytes(FunctionKey::envoi), t0 + seconds(14));
  ASSERT_EQ(io.calls.size(), 2u);
  EXPECT_EQ(io.calls[1].request.webmedia, 1);
  host.on_service_result(page("\x0cHello"), t0 + seconds(14));
  host.on_terminal_data(videotex::key_bytes(FunctionKey::envoi), t0 + seconds(16));
  ASSERT_EQ(io.calls.size(), 3u);
  EXPECT_EQ(io.calls[2].request.webmedia, 0);
}

TEST(SessionWebMedia, LastEventSendsBgcallWmWithTheBufferUntouched) {  // C-134
  Io io;
  SessionHost host(setup(), io);
  host.start(t0);
  host.on_service_result(page("\x0cType"), t0);
  host.on_terminal_data("ab", t0);
  host.on_terminal_data(videotex::key_bytes(FunctionKey::envoi), t0 + seconds(1));
  ASSERT_EQ(io.calls.size(), 2u);
  host.on_service_result(page("\x0cNext", false), t0 + seconds(1));  // no new input: the buffer stays
  const int actions = io.actions;
  host.on_webmedia_poll("STOP", t0 + seconds(2));
  EXPECT_GT(io.actions, actions);  // a WebMedia event is activity
  EXPECT_EQ(io.timer, t0 + seconds(2));
  host.on_timer(t0 + seconds(2));
  ASSERT_EQ(io.calls.size(), 3u);
  EXPECT_EQ(io.calls[2].request.fctn, "BGCALL-WM-STOP");
  EXPECT_EQ(io.calls[2].request.content, std::vector<std::string>{"ab"});
  EXPECT_EQ(io.calls[2].request.webmedia, 1);
  EXPECT_EQ(io.calls[2].url, kService);
}

TEST(SessionWebMedia, AWebMediaEventReplacesAPendingSimulatedInputAndAKeyCancelsIt) {
  Io io;
  SessionHost host(setup(), io);
  host.start(t0);
  host.on_service_result(page("\x0cType"), t0);
  host.schedule_simulated_input(t0 + seconds(30), "simu");
  host.on_webmedia_poll("START", t0 + seconds(1));
  host.on_timer(t0 + seconds(1));
  ASSERT_EQ(io.calls.size(), 2u);
  EXPECT_EQ(io.calls[1].request.fctn, "BGCALL-WM-START");
  host.on_service_result(page("", false), t0 + seconds(1));
  host.on_timer(t0 + seconds(30));
  EXPECT_EQ(io.calls.size(), 2u);  // the BGCALL-SIMU was replaced
  host.on_webmedia_poll("START", t0 + seconds(31));
  host.schedule_simulated_input(t0 + seconds(32), "simu");  // and a newer simulated input replaces the event
  host.on_timer(t0 + seconds(32));
  ASSERT_EQ(io.calls.size(), 3u);
  EXPECT_EQ(io.calls[2].request.fctn, "BGCALL-SIMU");
}

}  // namespace
}  // namespace pavi::gateway
