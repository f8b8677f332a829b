// The fake telnet (raw TCP) Minitel server seen from a raw client: scripts, echo, recording, control, stop.
#include <gtest/gtest.h>

#include "simulators/net/io_runner.hpp"
#include "simulators/servers/fake_server.hpp"
#include "simulators/servers/scripted_connection.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

constexpr auto kTimeout = 10s;

// A raw TCP client that records what it receives.
std::unique_ptr<ScriptedPeer> raw_client(IoRunner& runner, const FakeServer& server, ServerScript script = {}) {
  OpenResult opened = open_transport(runner, "tcp://127.0.0.1:" + std::to_string(server.port()));
  if (!opened) return nullptr;
  return std::make_unique<ScriptedPeer>(std::move(opened.transport), std::move(script), &runner);
}

TEST(FakeServerTelnet, BindsLoopbackOnAFreePort) {
  FakeTelnetServer server;
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.host(), "127.0.0.1");
  EXPECT_EQ(server.url(), "telnet://127.0.0.1:" + std::to_string(server.port()));
}

TEST(FakeServerTelnet, ABusyPortIsAClearError) {
  FakeTelnetServer first;
  FakeServerOptions options;
  options.port = first.port();
  try {
    FakeTelnetServer second({}, options);
    FAIL() << "bound twice";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos)
        << e.what();
  }
}

TEST(FakeServerTelnet, PlaysItsScriptAndRecords) {
  FakeTelnetServer server(ServerScript{}.send("WELCOME").expect("GO").send("DONE").close());
  IoRunner runner;
  auto client = raw_client(runner, server);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->wait_for_received("WELCOME", kTimeout));
  client->send("G");
  client->send("O");
  ASSERT_TRUE(client->wait_for_received("DONE", kTimeout));
  ASSERT_TRUE(client->wait_for_closed(kTimeout));
  EXPECT_EQ(client->received(), "WELCOMEDONE");
  ASSERT_TRUE(server.wait_for_closed(0, kTimeout));
  const auto record = server.connection(0);
  EXPECT_EQ(record->received, "GO");
  EXPECT_EQ(record->sent, "WELCOMEDONE");
  EXPECT_FALSE(record->closed_by_peer);
  EXPECT_NE(record->peer.find("127.0.0.1:"), std::string::npos);
}

TEST(FakeServerTelnet, EchoOnAndOff) {
  FakeTelnetServer echoing(ServerScript{}.with_echo());
  FakeTelnetServer silent(ServerScript{}.on("PING", "PONG"));
  IoRunner runner;
  auto a = raw_client(runner, echoing);
  auto b = raw_client(runner, silent);
  a->send("hello\x13\x41");
  b->send("hello PING");
  EXPECT_TRUE(a->wait_for_received("hello\x13\x41", kTimeout)) << a->received();
  ASSERT_TRUE(b->wait_for_received("PONG", kTimeout));
  EXPECT_EQ(b->received(), "PONG");
}

TEST(FakeServerTelnet, EveryConnectionPlaysTheScriptAndIsRecordedApart) {
  FakeTelnetServer server(ServerScript{}.send("HI"));
  IoRunner runner;
  auto first = raw_client(runner, server);
  auto second = raw_client(runner, server);
  ASSERT_TRUE(first->wait_for_received("HI", kTimeout));
  ASSERT_TRUE(second->wait_for_received("HI", kTimeout));
  ASSERT_TRUE(server.wait_for_connections(2, kTimeout));
  first->send("one");
  second->send("two");
  ASSERT_TRUE(server.wait_for_received("one", kTimeout));
  ASSERT_TRUE(server.wait_for_received("two", kTimeout));
  const auto records = server.connections();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_NE(records[0].received, records[1].received);
}

TEST(FakeServerTelnet, ProgrammaticSendAndClose) {
  FakeTelnetServer server;
  IoRunner runner;
  auto client = raw_client(runner, server);
  ASSERT_TRUE(server.wait_for_connections(1, kTimeout));
  server.send(0, "PUSHED");
  ASSERT_TRUE(client->wait_for_received("PUSHED", kTimeout));
  server.close(0);
  EXPECT_TRUE(client->wait_for_closed(kTimeout));
  EXPECT_EQ(client->record().close_reason, "closed by peer");
  server.send(7, "nobody");  // unknown connection: ignored
}

TEST(FakeServerTelnet, SetScriptAppliesToNewConnections) {
  FakeTelnetServer server(ServerScript{}.send("OLD"));
  server.set_script(ServerScript{}.send("NEW"));
  IoRunner runner;
  auto client = raw_client(runner, server);
  ASSERT_TRUE(client->wait_for_received("NEW", kTimeout));
  EXPECT_EQ(client->received(), "NEW");
}

TEST(FakeServerTelnet, StopClosesClientsAndRefusesNewOnes) {
  auto server = std::make_unique<FakeTelnetServer>();
  const std::uint16_t port = server->port();
  IoRunner runner;
  auto client = raw_client(runner, *server);
  ASSERT_TRUE(server->wait_for_connections(1, kTimeout));
  server->stop();
  server->stop();  // idempotent
  EXPECT_TRUE(client->wait_for_closed(kTimeout));
  server.reset();
  const auto refused = open_transport(runner, "tcp://127.0.0.1:" + std::to_string(port));
  EXPECT_FALSE(refused) << "still listening";
}

TEST(FakeServerTelnet, SharedRunner) {
  IoRunner runner;
  FakeServerOptions options;
  options.runner = &runner;
  FakeTelnetServer server(ServerScript{}.send("SHARED"), options);
  auto client = raw_client(runner, server);
  EXPECT_TRUE(client->wait_for_received("SHARED", kTimeout));
  client.reset();
}

}  // namespace
}  // namespace pavi::sim
