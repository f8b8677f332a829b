// The fake WebSocket Minitel server seen from raw clients: upgrade request recorded, frames both ways, failed
// upgrades recorded, wss with a test certificate.
#include <gtest/gtest.h>

#include "simulators/net/io_runner.hpp"
#include "simulators/net/test_certificates.hpp"
#include "simulators/servers/fake_server.hpp"
#include "simulators/servers/scripted_connection.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

constexpr auto kTimeout = 10s;

std::unique_ptr<ScriptedPeer> client(IoRunner& runner, const std::string& url, ServerScript script = {},
                                     ConnectOptions options = {}) {
  OpenResult opened = open_transport(runner, url, options);
  if (!opened) {
    ADD_FAILURE() << opened.error;
    return nullptr;
  }
  return std::make_unique<ScriptedPeer>(std::move(opened.transport), std::move(script), &runner);
}

TEST(FakeServerWebSocket, RecordsTheUpgradeRequest) {
  FakeWebSocketServer server(ServerScript{}.send("HELLO"));
  EXPECT_EQ(server.url("/a?b=c"), "ws://127.0.0.1:" + std::to_string(server.port()) + "/a?b=c");
  IoRunner runner;
  ConnectOptions options;
  options.ws_origin = "minipavi.example";
  auto peer = client(runner, server.url("/minitel?x=1"), {}, options);
  ASSERT_TRUE(peer);
  ASSERT_TRUE(peer->wait_for_received("HELLO", kTimeout));
  const auto record = server.connection(0);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->target, "/minitel?x=1");
  EXPECT_EQ(record->header("Origin"), "minipavi.example");
  EXPECT_EQ(record->header("sec-websocket-version"), "13");
  EXPECT_EQ(record->header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_TRUE(record->header("X-Absent").empty());
}

TEST(FakeServerWebSocket, EchoAndRules) {
  FakeWebSocketServer server(ServerScript{}.with_echo().on("\x13\x49", "BYE", true));
  IoRunner runner;
  auto peer = client(runner, server.url());
  ASSERT_TRUE(peer);
  peer->send("abc");
  ASSERT_TRUE(peer->wait_for_received("abc", kTimeout));
  peer->send("\x13\x49");
  ASSERT_TRUE(peer->wait_for_closed(kTimeout));
  EXPECT_EQ(peer->received(), "abc\x13\x49" "BYE");
  EXPECT_TRUE(server.wait_for_closed(0, kTimeout));
}

TEST(FakeServerWebSocket, PausesSpaceOutTheSteps) {
  FakeWebSocketServer server(ServerScript{}.send("1").pause(30ms).send("2").pause(30ms).send("3"));
  IoRunner runner;
  auto peer = client(runner, server.url());
  ASSERT_TRUE(peer);
  EXPECT_TRUE(peer->wait_for_received("123", kTimeout)) << peer->received();
}

TEST(FakeServerWebSocket, PlainHttpRequestIsRecordedAsAFailedUpgrade) {
  FakeWebSocketServer server;
  IoRunner runner;
  auto raw = client(runner, "tcp://127.0.0.1:" + std::to_string(server.port()));
  ASSERT_TRUE(raw);
  raw->send("GET /page HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(server.wait_for_connections(1, kTimeout));
  const auto record = server.connection(0);
  EXPECT_TRUE(record->handshake_failed);
  EXPECT_FALSE(record->open);
  EXPECT_EQ(record->target, "/page");
  EXPECT_NE(record->close_reason.find("WebSocket upgrade failed"), std::string::npos) << record->close_reason;
}

TEST(FakeServerWebSocket, GarbageInsteadOfAnUpgradeIsRecorded) {
  FakeWebSocketServer server;
  IoRunner runner;
  auto raw = client(runner, "tcp://127.0.0.1:" + std::to_string(server.port()));
  ASSERT_TRUE(raw);
  raw->send(std::string("\x00\xff\x13garbage\r\n\r\n", 14));
  ASSERT_TRUE(server.wait_for_connections(1, kTimeout));
  EXPECT_TRUE(server.connection(0)->handshake_failed);
  EXPECT_TRUE(raw->wait_for_closed(kTimeout));
}

TEST(FakeServerWebSocket, SilentClientTimesOut) {
  FakeServerOptions options;
  options.handshake_timeout = 200ms;
  FakeWebSocketServer server({}, options);
  IoRunner runner;
  auto raw = client(runner, "tcp://127.0.0.1:" + std::to_string(server.port()));
  ASSERT_TRUE(raw);
  ASSERT_TRUE(server.wait_for_connections(1, kTimeout));
  EXPECT_EQ(server.connection(0)->close_reason, "timed out reading the upgrade request");
}

TEST(FakeServerWebSocket, SecureServer) {
  const TestCertificates certificates = make_test_certificates();
  FakeServerOptions options;
  options.tls_certificate_pem = certificates.server_certificate_pem;
  options.tls_key_pem = certificates.server_key_pem;
  FakeWebSocketServer server(ServerScript{}.send("TLS OK").with_echo(), options);
  EXPECT_EQ(server.url(), "wss://localhost:" + std::to_string(server.port()) + "/");
  IoRunner runner;
  ConnectOptions trust;
  trust.ca_pem = certificates.ca_certificate_pem;
  auto peer = client(runner, server.url(), {}, trust);
  ASSERT_TRUE(peer);
  peer->send("echo me");
  EXPECT_TRUE(peer->wait_for_received("TLS OKecho me", kTimeout)) << peer->received();
}

}  // namespace
}  // namespace pavi::sim
