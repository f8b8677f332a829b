// Clients that misbehave at the transport level, through the real gateway on real sockets: half-open clients
// (connected, then silent; or gone without a FIN), WebSocket and TLS handshakes that never finish, and WebSocket
// garbage after the upgrade. Each time the bad session ends (or the bad input is ignored), the gateway lets go
// of the connection, and a well-behaved user on the same gateway is served meanwhile.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/net/test_certificates.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/raw_client.hpp"
#include "tests/gateway/test_server_support.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using pavi::test::bytes;
using test::body;
using test::RawClient;
using test::ScriptedService;
using test::websocket_frame;
using videotex::FunctionKey;

constexpr auto kTimeout = 10s;
constexpr const char* kCalmUrl = "http://127.0.0.1:1/calm";      // the well-behaved user's service
constexpr const char* kVictimUrl = "http://127.0.0.1:1/victim";  // the misbehaving client's service

// Every session gets "PAGE <fctn>". The well-behaved user's service also sets a one-minute timeout (setParam),
// so that the short global timeout of the half-open tests only ever ends the bad sessions.
ServiceResult page(const ServiceCall& call) {
  service::ServiceReply reply;
  reply.content = bytes(R"(0C 1F 41 41 "PAGE ")") + call.request.fctn;
  if (call.url == kCalmUrl) {
    service::SetParam timeout;
    timeout.kind = service::SetParam::Kind::timeout;
    timeout.name = "timeout";
    timeout.timeout_minutes = 1;
    reply.command = service::command_to_json(timeout);
  }
  return body(service::reply_body(reply));
}

std::size_t calls_to(const ScriptedService& service, std::string_view url, std::string_view fctn) {
  std::size_t count = 0;
  for (const auto& call : service.calls()) count += call.url == url && call.request.fctn == fctn ? 1 : 0;
  return count;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = kTimeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

std::string ws_url(const GatewayServer& server, std::string_view service_url) {
  return "ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/?url=" + std::string(service_url);
}

// The well-behaved user: connected, served, and served again after whatever the test did.
class CalmUser {
 public:
  explicit CalmUser(const GatewayServer& server) {
    connected_ = static_cast<bool>(terminal_.connect(ws_url(server, kCalmUrl)));
    served_ = connected_ && static_cast<bool>(terminal_.wait_for_text("PAGE CNX", kTimeout));
  }
  bool ready() const { return served_; }
  // One more round trip: a key, a request, a page.
  bool still_served() {
    terminal_.press(FunctionKey::sommaire);
    const bool shown = static_cast<bool>(terminal_.wait_for_text("PAGE SOMMAIRE", kTimeout));
    terminal_.press(FunctionKey::envoi);
    return shown && static_cast<bool>(terminal_.wait_for_text("PAGE ENVOI", kTimeout)) && terminal_.connected();
  }

 private:
  sim::Terminal terminal_;
  bool connected_ = false;
  bool served_ = false;
};

GatewayConfig short_timeout_config() {
  GatewayConfig config = test::test_config();
  config.durl = kVictimUrl;
  config.timeout = 2;  // seconds of inactivity (§8.1); the calm user's setParam raises its own to a minute
  return config;
}

// --- Half-open clients ------------------------------------------------------------------------------------

TEST(ServerRobustness, SilentTelnetClientIsEndedByTheInactivityTimeout) {  // §8.1, C-112
  ScriptedService service(page);
  GatewayServer server(short_timeout_config(), service.caller(),
                       test::local_options({{ConnectionKind::telnet, 0}, {ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  CalmUser calm(server);
  ASSERT_TRUE(calm.ready());
  RawClient silent;  // connects, then neither sends nor reads: a client whose line dropped without a FIN
  ASSERT_TRUE(silent.connect(server.port(ConnectionKind::telnet)));
  ASSERT_TRUE(eventually([&] { return calls_to(service, kVictimUrl, "CNX") == 1; }));
  ASSERT_TRUE(eventually([&] { return calls_to(service, kVictimUrl, "FIN") == 1; }));
  EXPECT_TRUE(eventually([&] { return server.live_connections() == 1; }));
  ASSERT_TRUE(silent.wait_closed(kTimeout));
  EXPECT_NE(silent.received_while_waiting().find("PAGE CNX"), std::string::npos);
  EXPECT_NE(silent.received_while_waiting().find("Deconnexion pour inactivit"), std::string::npos);
  EXPECT_TRUE(calm.still_served());
}

TEST(ServerRobustness, WebSocketClientSilentAfterTheUpgradeIsEndedByTheInactivityTimeout) {  // §8.1, §8.2
  ScriptedService service(page);
  GatewayServer server(short_timeout_config(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  CalmUser calm(server);
  ASSERT_TRUE(calm.ready());
  RawClient silent;  // upgrades, then never reads (so never answers a ping) and never writes
  ASSERT_TRUE(silent.connect(server.port(ConnectionKind::ws)));
  ASSERT_TRUE(silent.upgrade("/?url=" + std::string(kVictimUrl)));
  ASSERT_TRUE(eventually([&] { return calls_to(service, kVictimUrl, "FIN") == 1; }));
  EXPECT_TRUE(eventually([&] { return server.live_connections() == 1; }));
  EXPECT_TRUE(silent.wait_closed(kTimeout));
  EXPECT_TRUE(calm.still_served());
}

// --- Handshakes that never finish (§2.1: one read of the upgrade, 2 s) -------------------------------------

TEST(ServerRobustness, WebSocketClientThatNeverSendsItsUpgradeIsDropped) {
  ScriptedService service(page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  CalmUser calm(server);
  ASSERT_TRUE(calm.ready());
  RawClient silent;
  ASSERT_TRUE(silent.connect(server.port(ConnectionKind::ws)));
  ASSERT_TRUE(silent.wait_closed(kTimeout));
  EXPECT_TRUE(silent.received_while_waiting().empty());  // no 101, no page: there never was a session
  EXPECT_TRUE(eventually([&] { return server.live_connections() == 1; }));
  EXPECT_EQ(calls_to(service, test::test_config().durl, "CNX"), 0u);
  EXPECT_TRUE(calm.still_served());
}

TEST(ServerRobustness, UpgradeTrickledByteByByteIsDroppedAtTheDeadline) {  // a slow-loris client
  ScriptedService service(page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  CalmUser calm(server);
  ASSERT_TRUE(calm.ready());
  RawClient trickle;
  ASSERT_TRUE(trickle.connect(server.port(ConnectionKind::ws)));
  // A request that would be a fine upgrade if it ever ended; one byte every 100 ms keeps the line busy for 8 s,
  // four times the deadline.
  const std::string endless = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + std::string(45, 'a');
  bool dropped = false;
  for (std::size_t i = 0; i < endless.size() && !dropped; ++i) {
    dropped = !trickle.send(endless.substr(i, 1));
    trickle.receive(100ms);
    dropped = dropped || trickle.closed();
  }
  EXPECT_TRUE(dropped) << "still connected after " << endless.size() / 10 << " s of trickling";
  EXPECT_TRUE(eventually([&] { return server.live_connections() == 1; }));
  EXPECT_TRUE(calm.still_served());
}

TEST(ServerRobustness, SecureClientThatNeverStartsTlsIsDropped) {
  const auto certificates = sim::make_test_certificates({"localhost", "127.0.0.1"});
  const auto dir = std::filesystem::temp_directory_path() / ("pavikit-robust-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cert.pem") << certificates.server_certificate_pem;
  std::ofstream(dir / "key.pem") << certificates.server_key_pem;
  GatewayConfig config = test::test_config();
  config.ssl = (dir / "cert.pem").string();
  config.sslkey = (dir / "key.pem").string();
  ScriptedService service(page);
  GatewayServer server(config, service.caller(),
                       test::local_options({{ConnectionKind::wss, 0}, {ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  CalmUser calm(server);
  ASSERT_TRUE(calm.ready());
  RawClient silent;
  ASSERT_TRUE(silent.connect(server.port(ConnectionKind::wss)));
  EXPECT_TRUE(silent.wait_closed(kTimeout));
  RawClient half;  // TLS would be next, but what comes is not a ClientHello
  ASSERT_TRUE(half.connect(server.port(ConnectionKind::wss)));
  half.send("GET / HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(half.wait_closed(kTimeout));
  EXPECT_TRUE(eventually([&] { return server.live_connections() == 1; }));
  EXPECT_TRUE(calm.still_served());
  std::filesystem::remove_all(dir);
}

// --- WebSocket garbage after the upgrade (§14) -------------------------------------------------------------

struct Garbage {
  const char* name;
  std::string bytes;
};

std::string random_bytes(std::size_t count) {
  std::mt19937 generator(20240611);
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += static_cast<char>(generator() & 0xFF);
  return out;
}

std::vector<Garbage> garbage_cases() {
  return {
      {"UnmaskedFrame", websocket_frame(0x1, bytes("13 41"), false)},
      {"ReservedOpcode", websocket_frame(0x3, "xx")},
      {"ContinuationWithoutStart", websocket_frame(0x0, bytes("13 41"))},
      {"ReservedBitsSet", std::string(1, '\xC1') + websocket_frame(0x1, "ab").substr(1)},
      {"FrameOverTheMessageLimit", websocket_frame(0x2, std::string(70000, 'A'))},
      {"FrameClaimingAHugeLength", websocket_frame(0x2, "", true, std::uint64_t{1} << 40)},
      {"FrameClaimingANegativeLength", websocket_frame(0x2, "", true, std::uint64_t{1} << 63)},
      {"FragmentedControlFrame", std::string(1, '\x09') + websocket_frame(0x9, "").substr(1)},
      {"TextFrameNotUtf8", websocket_frame(0x1, bytes("13 41 FF FE"))},  // the original took any bytes
      {"BinaryNoise", random_bytes(4096)},
  };
}

class ServerWebSocketGarbage : public testing::TestWithParam<Garbage> {};

// The gateway fails the connection with a close frame (its WebSocket library's protocol error handling); the
// client, as clients do on a close, hangs up, and the session ends as a hang-up. (A client that keeps its TCP
// end open after that is ended by the session's ping rule, §8.2, within about 20 s.)
TEST_P(ServerWebSocketGarbage, EndsTheBadSessionAndNobodyElses) {
  ScriptedService service(page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  CalmUser calm(server);
  ASSERT_TRUE(calm.ready());
  RawClient bad;
  ASSERT_TRUE(bad.connect(server.port(ConnectionKind::ws)));
  ASSERT_TRUE(bad.upgrade("/?url=" + std::string(kVictimUrl)));
  ASSERT_TRUE(eventually([&] { return calls_to(service, kVictimUrl, "CNX") == 1; }));
  std::string stream = bad.receive(kTimeout, "PAGE CNX");
  bad.send(GetParam().bytes);
  std::vector<int> opcodes;
  const auto closed_by_gateway = [&] {
    stream += bad.receive(100ms);
    opcodes = test::websocket_opcodes(stream);
    return !opcodes.empty() && opcodes.back() == 0x8;
  };
  EXPECT_TRUE(eventually(closed_by_gateway)) << "frames received: " << opcodes.size();
  bad.close();
  EXPECT_TRUE(eventually([&] { return calls_to(service, kVictimUrl, "FIN") == 1; }));  // ended as a hang-up
  EXPECT_TRUE(eventually([&] { return server.live_connections() == 1; }));
  EXPECT_TRUE(calm.still_served());
}

INSTANTIATE_TEST_SUITE_P(Frames, ServerWebSocketGarbage, testing::ValuesIn(garbage_cases()),
                         [](const testing::TestParamInfo<Garbage>& info) { return std::string(info.param.name); });

// Unusual but valid client frames are input, as in the original (§14: binary frames and pings are accepted).
TEST(ServerRobustness, BinaryFragmentedAndPingFramesFromTheClientAreAccepted) {
  ScriptedService service(page);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  RawClient client;
  ASSERT_TRUE(client.connect(server.port(ConnectionKind::ws)));
  ASSERT_TRUE(client.upgrade("/?url=" + std::string(kVictimUrl)));
  ASSERT_TRUE(eventually([&] { return calls_to(service, kVictimUrl, "CNX") == 1; }));
  client.receive(300ms);

  client.send(websocket_frame(0x2, bytes("13 41")));  // Envoi in a binary frame
  EXPECT_TRUE(eventually([&] { return calls_to(service, kVictimUrl, "ENVOI") == 1; }));

  std::string first = websocket_frame(0x1, bytes("13"));  // Sommaire split over a text frame and a continuation
  first[0] = '\x01';                                       // FIN clear
  client.send(first + websocket_frame(0x0, bytes("46")));
  EXPECT_TRUE(eventually([&] { return calls_to(service, kVictimUrl, "SOMMAIRE") == 1; }));

  client.receive(300ms);
  client.send(websocket_frame(0x9, "hi"));  // a ping gets an unmasked pong with the same payload
  EXPECT_NE(client.receive(kTimeout, "\x8A\x02hi").find("\x8A\x02hi"), std::string::npos);
  EXPECT_FALSE(client.closed());
  EXPECT_EQ(calls_to(service, kVictimUrl, "FIN"), 0u);
}

}  // namespace
}  // namespace pavi::gateway
