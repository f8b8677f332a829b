// A service that never answers, end to end through the real gateway and HTTP client (service-protocol.md §1,
// §7.3 step 3, C-005): only timeouts are retried, 3 attempts, no GET fallback; then ERR#09 and close, or the
// way back to the default service. The spec's 4 s / 25 s would make each case last 75 s, so the client runs
// with shortened timeouts here; one test pins the defaults to the spec's values.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

#include "simulators/terminal/terminal.hpp"
#include "tests/gateway/http_gateway_support.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using sim::FakeReply;
using sim::RecordedRequest;
using test::HttpGateway;
using test::page_reply;
using videotex::FunctionKey;

constexpr auto kTimeout = 10s;

ServiceClientOptions quick_timeouts() {
  ServiceClientOptions options;
  options.connect_timeout = 300ms;
  options.total_timeout = 400ms;
  return options;
}

// "/never" holds every request far past the timeouts; "/home" leads there; anything else answers at once.
void serve_with_a_dead_end(HttpGateway& gateway) {
  const std::string never = gateway.service.url("/never");
  auto homes = std::make_shared<std::atomic<int>>(0);
  gateway.service.set_handler([never, homes](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/never") return page_reply("too late").after(60s);
    if (r.path == "/home") return page_reply("home " + std::to_string(++*homes), never);
    return page_reply(r.path.substr(1) + " " + r.fctn());
  });
}

TEST(ServerServiceTimeouts, DefaultsAreTheSpecValues) {  // C-005: 4 s connect, 25 s per attempt, 3 attempts
  const ServiceClientOptions defaults;
  EXPECT_EQ(defaults.connect_timeout, 4000ms);
  EXPECT_EQ(defaults.total_timeout, 25000ms);
  EXPECT_EQ(defaults.max_attempts, 3);
}

TEST(ServerServiceTimeouts, NoAnswerIsTriedThreeTimesThenErr09AndClose) {
  HttpGateway gateway(quick_timeouts());
  serve_with_a_dead_end(gateway);
  ASSERT_TRUE(gateway.start());
  sim::Terminal bystander;
  ASSERT_TRUE(bystander.connect(gateway.start_url("/calm")));
  ASSERT_TRUE(bystander.wait_for_text("calm CNX", kTimeout));
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/never")));
  ASSERT_TRUE(gateway.service.wait_for_requests(2, kTimeout));  // the user's first attempt is under way
  bystander.press(FunctionKey::envoi);
  EXPECT_TRUE(bystander.wait_for_text("calm ENVOI", kTimeout)) << bystander.text();
  ASSERT_TRUE(user.wait_for_disconnect(kTimeout));
  EXPECT_NE(user.text().find("ERR #09"), std::string::npos) << user.text();
  const auto requests = gateway.requests("/never");
  ASSERT_GE(requests.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(requests[i].method, "POST") << i;  // no GET fallback on timeouts
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(requests[i].fctn(), "CNX") << i;
  const auto calls = gateway.calls("/never");
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.front().stats.error, "timeout");
  EXPECT_EQ(calls.front().stats.attempts, 3);
  EXPECT_FALSE(calls.front().stats.get_fallback);
  EXPECT_TRUE(bystander.connected());
}

TEST(ServerServiceTimeouts, NoAnswerFromTheDefaultServicesDestinationLeadsBackHome) {  // §7.3: fromDefault
  HttpGateway gateway(quick_timeouts());
  serve_with_a_dead_end(gateway);
  ASSERT_TRUE(gateway.start());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.gateway_url()));
  ASSERT_TRUE(user.wait_for_text("home 1", kTimeout));
  user.press(FunctionKey::envoi);  // to "/never"
  ASSERT_TRUE(user.wait_for_text("home 2", kTimeout)) << user.text();
  EXPECT_EQ(gateway.requests("/never").size(), 3u);
  EXPECT_EQ(user.text().find("ERR"), std::string::npos) << user.text();
  EXPECT_TRUE(user.connected());
}

// A port whose accept queue is full: the kernel drops the SYNs, so connecting times out (not refused).
class UnreachablePort {
 public:
  UnreachablePort() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(listener_, 0) != 0) return;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    filler_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (::connect(filler_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) port_ = 0;
  }
  ~UnreachablePort() {
    ::close(filler_);
    ::close(listener_);
  }
  std::uint16_t port() const { return port_; }

 private:
  int listener_ = -1;
  int filler_ = -1;
  std::uint16_t port_ = 0;
};

TEST(ServerServiceTimeouts, ConnectTimeoutIsRetriedLikeAnyTimeout) {  // §1: curl error 28 covers connecting too
  UnreachablePort unreachable;
  ASSERT_NE(unreachable.port(), 0);
  ServiceClientOptions options = quick_timeouts();
  options.total_timeout = 5000ms;  // only the connect timeout can fire
  HttpGateway gateway(options);
  serve_with_a_dead_end(gateway);
  ASSERT_TRUE(gateway.start());
  const std::string url = "http://127.0.0.1:" + std::to_string(unreachable.port()) + "/svc";
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.gateway_url() + "?url=" + service::php_urlencode(url)));
  ASSERT_TRUE(user.wait_for_disconnect(kTimeout));
  EXPECT_NE(user.text().find("ERR #09"), std::string::npos) << user.text();
  const auto calls = gateway.calls("/svc");
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.front().stats.error, "timeout");
  EXPECT_EQ(calls.front().stats.attempts, 3);
  EXPECT_FALSE(calls.front().stats.get_fallback);
}

}  // namespace
}  // namespace pavi::gateway
