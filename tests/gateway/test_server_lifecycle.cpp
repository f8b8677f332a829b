// Admission, floods, port clashes and the graceful stop of the gateway (section A; gateway-behaviour.md §1, §16).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gateway/server/admission.hpp"
#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/test_server_support.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using pavi::test::bytes;
using test::body;
using test::ScriptedService;

constexpr auto kTimeout = 10s;

ServiceResult hello(const ServiceCall&) {
  service::ServiceReply reply;
  reply.content = bytes(R"(0C "HELLO")");
  return body(service::reply_body(reply));
}

std::string url_of(const GatewayServer& server) {
  return "ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/";
}

TEST(ServerLifecycle, MaxcRefusesSilentlyAndTheOthersAreServed) {  // gateway-behaviour.md §1
  ScriptedService service(hello);
  GatewayServer server(test::test_config(2), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal first, second, third;
  ASSERT_TRUE(first.connect(url_of(server)));
  ASSERT_TRUE(second.connect(url_of(server)));
  ASSERT_TRUE(first.wait_for_text("HELLO", kTimeout));
  ASSERT_TRUE(second.wait_for_text("HELLO", kTimeout));
  EXPECT_FALSE(third.connect(url_of(server)));  // closed before the WebSocket handshake
  EXPECT_EQ(server.live_connections(), 2u);
  first.disconnect();
  ASSERT_TRUE(service.wait_for_fctn("FIN", kTimeout));
  sim::Terminal fourth;
  bool admitted = false;
  for (int attempt = 0; attempt < 50 && !admitted; ++attempt) {  // the freed place is released asynchronously
    admitted = static_cast<bool>(fourth.connect(url_of(server)));
    if (!admitted) std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(admitted);
  EXPECT_TRUE(fourth.wait_for_text("HELLO", kTimeout));
}

TEST(ServerLifecycle, AConnectFloodBeyondMaxcLeavesTheServedUsersAlone) {
  ScriptedService service(hello);
  GatewayServer server(test::test_config(5), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(url_of(server)));
  ASSERT_TRUE(user.wait_for_text("HELLO", kTimeout));
  std::vector<std::unique_ptr<sim::Terminal>> flood;
  for (int i = 0; i < 40; ++i) {
    flood.push_back(std::make_unique<sim::Terminal>());
    sim::ConnectOptions quick;
    quick.timeout = 2000ms;
    flood.back()->connect(url_of(server), quick);
  }
  EXPECT_LE(server.live_connections(), 5u);
  user.press(videotex::FunctionKey::envoi);
  EXPECT_TRUE(service.wait_for_fctn("ENVOI", kTimeout));
  EXPECT_TRUE(user.connected());
}

TEST(ServerLifecycle, BusyPortIsOneClearLine) {
  ScriptedService service(hello);
  GatewayServer first(test::test_config(), service.caller(), test::local_options({{ConnectionKind::telnet, 0}}));
  ASSERT_TRUE(first.start().empty());
  GatewayServer second(test::test_config(), service.caller(),
                       test::local_options({{ConnectionKind::telnet, first.port(ConnectionKind::telnet)}}));
  const auto problems = second.start();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "telnport " + std::to_string(first.port(ConnectionKind::telnet)) + ": Address already in use");
}

TEST(ServerLifecycle, StopSendsFinForEverySessionAndCloses) {  // gateway-behaviour.md §16
  ScriptedService service(hello);
  GatewayServer server(test::test_config(), service.caller(), test::local_options({{ConnectionKind::ws, 0}}));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal a, b;
  ASSERT_TRUE(a.connect(url_of(server)));
  ASSERT_TRUE(b.connect(url_of(server)));
  ASSERT_TRUE(a.wait_for_text("HELLO", kTimeout));
  ASSERT_TRUE(b.wait_for_text("HELLO", kTimeout));
  server.stop();
  EXPECT_TRUE(service.wait_for_fctn("FIN", kTimeout, 2));
  EXPECT_TRUE(a.wait_for_disconnect(kTimeout));
  EXPECT_TRUE(b.wait_for_disconnect(kTimeout));
}

TEST(Admission, MaxcMaxcipAndTheBlacklist) {
  const auto list = std::filesystem::temp_directory_path() / ("pavikit-blacklist-" + std::to_string(::getpid()));
  std::ofstream(list) << "10.0.0.9\n  10.0.0.8  \n";
  Admission admission({3, 2, "10.0.0.5", list.string()});
  EXPECT_EQ(admission.admit("10.0.0.1"), AdmissionVerdict::admitted);
  EXPECT_EQ(admission.admit("10.0.0.1"), AdmissionVerdict::admitted);
  EXPECT_EQ(admission.admit("10.0.0.1"), AdmissionVerdict::too_many_from_address);
  EXPECT_EQ(admission.admit("10.0.0.8"), AdmissionVerdict::blacklisted);
  EXPECT_EQ(admission.admit("10.0.0.5"), AdmissionVerdict::admitted);  // the Asterisk server is exempt from maxcip
  EXPECT_EQ(admission.admit("10.0.0.2"), AdmissionVerdict::too_many);
  admission.release("10.0.0.1");
  EXPECT_EQ(admission.live(), 2u);
  EXPECT_EQ(admission.admit("10.0.0.2"), AdmissionVerdict::admitted);
  std::filesystem::remove(list);
}

}  // namespace
}  // namespace pavi::gateway
