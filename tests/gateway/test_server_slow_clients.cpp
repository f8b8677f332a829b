// Clients that stop reading while the service keeps sending pages, through the real gateway on real sockets:
// the gateway's pending output per connection is capped (ConnectionLimits::max_pending_output; past it the
// session ends as a hang-up, FIN to the service), and a closing session waits a bounded time for its last bytes
// (ConnectionLimits::close_drain). Deviations from the original, which had neither (docs/COMPATIBILITY.md).
#include <gtest/gtest.h>

#include <fstream>

#include "gateway/service_protocol/reply_builder.hpp"
#include "gateway/service_protocol/response.hpp"
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
constexpr const char* kCalmUrl = "http://127.0.0.1:1/calm";
constexpr const char* kHeavyUrl = "http://127.0.0.1:1/heavy";
constexpr std::size_t kHeavyPage = 200000;

// The heavy service answers every request with a page of kHeavyPage bytes (or `heavy_size` when set); the calm
// one with a short page and a one-minute session timeout (setParam).
class Pages {
 public:
  explicit Pages(std::size_t heavy_size = kHeavyPage) : heavy_(bytes("0C") + std::string(heavy_size, 'A')) {}
  ServiceResult operator()(const ServiceCall& call) const {
    service::ServiceReply reply;
    if (call.url == kCalmUrl) {
      reply.content = bytes(R"(0C 1F 41 41 "PAGE ")") + call.request.fctn;
      service::SetParam timeout;
      timeout.kind = service::SetParam::Kind::timeout;
      timeout.name = "timeout";
      timeout.timeout_minutes = 1;
      reply.command = service::command_to_json(timeout);
    } else {
      reply.content = heavy_;
    }
    return body(service::reply_body(reply));
  }

 private:
  std::string heavy_;
};

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

GatewayConfig heavy_config() {
  GatewayConfig config = test::test_config();
  config.durl = kHeavyUrl;
  return config;
}

ServerOptions options_with(ConnectionLimits limits) {
  ServerOptions options = test::local_options({{ConnectionKind::telnet, 0}, {ConnectionKind::ws, 0}});
  options.limits = limits;
  return options;
}

bool calm_user_served(sim::Terminal& calm, const GatewayServer& server) {
  if (!calm.connected()) {
    const std::string url = "ws://127.0.0.1:" + std::to_string(server.port(ConnectionKind::ws)) + "/?url=" + kCalmUrl;
    if (!calm.connect(url)) return false;
    if (!calm.wait_for_text("PAGE CNX", kTimeout)) return false;
  }
  calm.press(FunctionKey::sommaire);
  return static_cast<bool>(calm.wait_for_text("PAGE SOMMAIRE", kTimeout));
}

// Presses Envoi (`key`, as the client sends it) until the service hears the session's FIN, waiting each time for
// the request the key makes, so that each key adds one heavy page to what the client does not read. True once
// the FIN came; false if `max_keys` went out without it (or a key made no request).
bool keys_until_fin(RawClient& client, const ScriptedService& service, const std::string& key, int max_keys) {
  const auto fin = [&] { return calls_to(service, kHeavyUrl, "FIN") == 1; };
  for (int sent = 1; sent <= max_keys && !fin(); ++sent) {
    if (!client.send(key)) break;  // the gateway has already closed the socket
    const auto requested = [&] { return calls_to(service, kHeavyUrl, "ENVOI") >= static_cast<std::size_t>(sent); };
    if (!eventually([&] { return fin() || requested(); })) return false;
  }
  return eventually(fin, 2s);
}

TEST(ConnectionLimits, DefaultsAreDocumented) {  // docs/COMPATIBILITY.md
  const ConnectionLimits limits;
  EXPECT_EQ(limits.max_pending_output, 1024u * 1024u);
  EXPECT_EQ(limits.close_drain, 5000ms);
  EXPECT_GT(limits.max_pending_output, service::kMaxResponseBytes);  // one whole page always fits
}

TEST(ServerSlowClients, TelnetClientThatNeverReadsIsCutOffPastTheCap) {
  ScriptedService service(Pages{});
  ConnectionLimits limits;
  limits.max_pending_output = 512 * 1024;
  GatewayServer server(heavy_config(), service.caller(), options_with(limits));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal calm;
  ASSERT_TRUE(calm_user_served(calm, server));
  RawClient stalled;
  ASSERT_TRUE(stalled.connect(server.port(ConnectionKind::telnet), 4096));
  ASSERT_TRUE(eventually([&] { return calls_to(service, kHeavyUrl, "CNX") == 1; }));
  // The kernel's buffers take a few MB first (tcp_wmem); 400 pages of 200 kB is far more than they can hold.
  EXPECT_TRUE(keys_until_fin(stalled, service, bytes("13 41"), 400))
      << "the gateway kept queueing pages for a client that never reads";
  EXPECT_TRUE(eventually([&] { return server.live_connections() == 1; }));
  EXPECT_TRUE(calm_user_served(calm, server));
}

TEST(ServerSlowClients, WebSocketClientThatNeverReadsIsCutOffPastTheCap) {
  ScriptedService service(Pages{});
  ConnectionLimits limits;
  limits.max_pending_output = 512 * 1024;
  GatewayServer server(heavy_config(), service.caller(), options_with(limits));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal calm;
  ASSERT_TRUE(calm_user_served(calm, server));
  RawClient stalled;
  ASSERT_TRUE(stalled.connect(server.port(ConnectionKind::ws), 4096));
  ASSERT_TRUE(stalled.upgrade("/"));
  ASSERT_TRUE(eventually([&] { return calls_to(service, kHeavyUrl, "CNX") == 1; }));
  EXPECT_TRUE(keys_until_fin(stalled, service, websocket_frame(0x1, bytes("13 41")), 400))
      << "the gateway kept queueing pages for a client that never reads";
  EXPECT_TRUE(eventually([&] { return server.live_connections() == 1; }));
  EXPECT_TRUE(calm_user_served(calm, server));
}

TEST(ServerSlowClients, AReadingClientGetsPagesFarBeyondTheCap) {  // the cap is about stalls, not volume
  ScriptedService service(Pages{});
  ConnectionLimits limits;
  limits.max_pending_output = 512 * 1024;
  GatewayServer server(heavy_config(), service.caller(), options_with(limits));
  ASSERT_TRUE(server.start().empty());
  RawClient reader;
  ASSERT_TRUE(reader.connect(server.port(ConnectionKind::telnet)));
  std::size_t received = reader.receive_at_least(kHeavyPage, kTimeout);
  for (int page = 0; page < 10; ++page) {
    ASSERT_TRUE(reader.send(bytes("13 41")));
    received += reader.receive_at_least(kHeavyPage, kTimeout);
  }
  EXPECT_GE(received, 11 * kHeavyPage);  // 2.2 MB, four times the cap
  EXPECT_FALSE(reader.closed());
  EXPECT_EQ(calls_to(service, kHeavyUrl, "FIN"), 0u);
}

// How many bytes the kernel may hold for a peer that does not read: the send buffer's autotuning limit.
std::size_t kernel_send_buffer_limit() {
  std::ifstream wmem("/proc/sys/net/ipv4/tcp_wmem");
  std::size_t low = 0, initial = 0, max = 0;
  if (wmem >> low >> initial >> max) return max;
  return 4 * 1024 * 1024;
}

TEST(ServerSlowClients, ClosingSessionDoesNotWaitForeverForAClientThatNeverReads) {  // §8.1 with a stalled client
  // One page bigger than the kernel can hold, under the cap: the inactivity timeout ends the session while its
  // page is still being written, and the drain limit closes the socket anyway.
  ScriptedService service(Pages{kernel_send_buffer_limit() + 512 * 1024});
  ConnectionLimits limits;
  limits.max_pending_output = 256 * 1024 * 1024;
  limits.close_drain = 300ms;
  GatewayConfig config = heavy_config();
  config.timeout = 1;
  GatewayServer server(config, service.caller(), options_with(limits));
  ASSERT_TRUE(server.start().empty());
  sim::Terminal calm;
  ASSERT_TRUE(calm_user_served(calm, server));
  RawClient stalled;
  ASSERT_TRUE(stalled.connect(server.port(ConnectionKind::telnet), 4096));
  // The inactivity timeout's FIN (a few MB to build and parse first: slow under sanitizers on a busy machine).
  ASSERT_TRUE(eventually([&] { return calls_to(service, kHeavyUrl, "FIN") == 1; }, 20s));
  EXPECT_TRUE(eventually([&] { return server.live_connections() == 1; }))
      << "the connection waits for a client that never reads";
  EXPECT_TRUE(calm_user_served(calm, server));
}

}  // namespace
}  // namespace pavi::gateway
