// Every fault mode of the fake service, end to end through the real gateway and its real HTTP client
// (service-protocol.md §1, §3.4, §7): what the user sees, whether the session lives on as in the original, and
// that another user of the same gateway is served meanwhile. The conformance suite's C-006..C-011 and
// C-078..C-086 judge single sessions against a stand-in gateway; these run the production path with a bystander.
#include <gtest/gtest.h>

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

// Every test's service: "/calm" serves the bystander; `fault` answers the rest (nullopt: a plain page naming
// the path and fctn).
void serve(HttpGateway& gateway, std::function<std::optional<FakeReply>(const RecordedRequest&)> fault) {
  gateway.service.set_handler([fault = std::move(fault)](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path != "/calm") {
      if (auto reply = fault(r)) return reply;
    }
    return page_reply(r.path.substr(1) + " " + (r.method == "GET" ? std::string("GET") : r.fctn()));
  });
}

// The bystander: a user on "/calm" who gets each page promptly, whatever happens to the others.
class Bystander {
 public:
  explicit Bystander(const HttpGateway& gateway) {
    ready_ = terminal_.connect(gateway.start_url("/calm")) && terminal_.wait_for_text("calm CNX", kTimeout);
  }
  bool ready() const { return ready_; }
  bool served() {
    const FunctionKey key = ++rounds_ % 2 == 1 ? FunctionKey::sommaire : FunctionKey::suite;
    terminal_.press(key);
    return static_cast<bool>(terminal_.wait_for_text(rounds_ % 2 == 1 ? "calm SOMMAIRE" : "calm SUITE", kTimeout));
  }

 private:
  sim::Terminal terminal_;
  bool ready_ = false;
  int rounds_ = 0;
};

TEST(ServerServiceFaults, InvalidJsonShowsErr03AndTheSameUrlIsCalledAgain) {  // C-078, C-079
  HttpGateway gateway;
  std::atomic<bool> broken{true};
  serve(gateway, [&broken](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/bad" && broken) return FakeReply::invalid_json();
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/bad")));
  const auto error = user.wait_for_text("ERR #03", kTimeout);
  ASSERT_TRUE(error) << error.describe();
  EXPECT_NE(user.text().find("Syntax error"), std::string::npos) << user.text();
  EXPECT_NE(user.text().find("this is not JSO"), std::string::npos) << user.text();  // wraps at column 40
  EXPECT_TRUE(bystander.served());
  broken = false;
  user.press(FunctionKey::envoi);
  ASSERT_TRUE(user.wait_for_text("bad ENVOI", kTimeout)) << user.text();
  EXPECT_TRUE(user.connected());
  EXPECT_EQ(gateway.calls("/bad").front().stats.error, "not_json");
}

TEST(ServerServiceFaults, EmptyBodyShowsNothingAndTheNextKeyCallsAgain) {  // C-011, §3.4
  HttpGateway gateway;
  std::atomic<int> answered{0};
  serve(gateway, [&answered](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/empty" && answered++ == 0) return FakeReply::empty();
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/empty")));
  ASSERT_TRUE(gateway.service.wait_for_requests(2, kTimeout));  // the bystander's CNX and the user's
  ASSERT_TRUE(user.wait_until_quiet(300ms, kTimeout));
  EXPECT_EQ(user.text().find("empty"), std::string::npos) << user.text();
  EXPECT_EQ(user.text().find("ERR"), std::string::npos) << user.text();
  EXPECT_TRUE(bystander.served());
  user.press(FunctionKey::envoi);
  ASSERT_TRUE(user.wait_for_text("empty ENVOI", kTimeout)) << user.text();
  EXPECT_TRUE(user.connected());
}

TEST(ServerServiceFaults, OversizedReplyIsATransportFailure) {  // C-008: GET fallback, then ERR#09 and close
  HttpGateway gateway;
  serve(gateway, [](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/big") return FakeReply::oversized();
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/big")));
  ASSERT_TRUE(user.wait_for_disconnect(kTimeout));
  EXPECT_NE(user.text().find("ERR #09"), std::string::npos) << user.text();
  EXPECT_NE(user.text().find("Service indisponible"), std::string::npos) << user.text();
  const auto calls = gateway.calls("/big");
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.front().fctn, "CNX");
  EXPECT_EQ(calls.front().stats.error, "too_large");
  EXPECT_TRUE(calls.front().stats.get_fallback);
  EXPECT_TRUE(bystander.served());
}

// A transport failure (§7.3 step 4) whose GET fallback fails too: ERR#09 and close on an explicit start URL.
struct TransportFault {
  const char* name;
  FakeReply reply;
  const char* error;
};

class ServerTransportFaults : public testing::TestWithParam<TransportFault> {};

TEST_P(ServerTransportFaults, ExplicitStartUrlGivesErr09AndClose) {
  HttpGateway gateway;
  const FakeReply fault = GetParam().reply;
  serve(gateway, [fault](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/down") return fault;
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/down")));
  ASSERT_TRUE(user.wait_for_disconnect(kTimeout));
  EXPECT_NE(user.text().find("ERR #09"), std::string::npos) << user.text();
  // POSTs, then the one "forced XML" GET (§7.3 step 4). libcurl sends the POST a second time, on a fresh
  // connection, when a reused keep-alive connection dies without an answer; the original (no reuse) sends one.
  const auto requests = gateway.requests("/down");
  ASSERT_GE(requests.size(), 2u);
  std::size_t first_get = 0;
  while (first_get < requests.size() && requests[first_get].method == "POST") ++first_get;
  ASSERT_LT(first_get, requests.size());
  EXPECT_GE(first_get, 1u);
  EXPECT_LE(first_get, 2u);
  for (std::size_t i = 0; i < first_get; ++i) EXPECT_EQ(requests[i].fctn(), "CNX") << i;
  EXPECT_EQ(requests[first_get].method, "GET");
  const auto calls = gateway.calls("/down");
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.front().stats.error, GetParam().error);
  EXPECT_TRUE(bystander.served());
}

TEST_P(ServerTransportFaults, FromTheDefaultServiceTheUserLandsBackHome) {  // §7.3, C-085
  HttpGateway gateway;
  const FakeReply fault = GetParam().reply;
  const std::string down = gateway.service.url("/down");
  std::atomic<int> homes{0};
  serve(gateway, [fault, down, &homes](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/down") return fault;
    if (r.path == "/home") return page_reply("home " + r.fctn() + " " + std::to_string(++homes), down);
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.gateway_url()));
  ASSERT_TRUE(user.wait_for_text("home CNX 1", kTimeout));
  user.press(FunctionKey::envoi);  // next is "/down"
  ASSERT_TRUE(user.wait_for_text("home CNX 2", kTimeout)) << user.text();  // the fallback CNX to durl
  EXPECT_EQ(user.text().find("ERR"), std::string::npos) << user.text();
  ASSERT_GE(gateway.requests("/down").size(), 2u);
  EXPECT_EQ(gateway.requests("/down").front().fctn(), "ENVOI");
  EXPECT_TRUE(user.connected());
  EXPECT_TRUE(bystander.served());
  user.press(FunctionKey::envoi);  // the session goes on: its next is "/down" again
  EXPECT_TRUE(user.wait_for_text("home CNX 3", kTimeout)) << user.text();
}

INSTANTIATE_TEST_SUITE_P(Faults, ServerTransportFaults,
                         testing::Values(TransportFault{"ConnectionReset", FakeReply::connection_reset(), "reset"},
                                         TransportFault{"ClosedWithoutReply", FakeReply::connection_close(), "reset"},
                                         TransportFault{"Oversized", FakeReply::oversized(), "too_large"}),
                         [](const testing::TestParamInfo<TransportFault>& info) { return std::string(info.param.name); });

TEST(ServerServiceFaults, Http500WithHtmlShowsErr03WithItsTextAndTheSessionGoesOn) {  // C-007, §1
  HttpGateway gateway;
  serve(gateway, [](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/500" && r.fctn() == "CNX") return FakeReply::http500_html();
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/500")));
  ASSERT_TRUE(user.wait_for_text("ERR #03", kTimeout)) << user.text();
  EXPECT_NE(user.text().find("Internal Server Error"), std::string::npos) << user.text();
  EXPECT_NE(user.text().find("failed & said so"), std::string::npos) << user.text();  // entities decoded
  EXPECT_EQ(gateway.calls("/500").front().stats.http_status, 500);
  EXPECT_TRUE(bystander.served());
  user.press(FunctionKey::envoi);
  ASSERT_TRUE(user.wait_for_text("500 ENVOI", kTimeout)) << user.text();
}

// §1: a 301 keeps the POST, a 302 or 303 becomes a GET without body, a 307 or 308 keeps the POST (C-006).
class ServerRedirects : public testing::TestWithParam<std::pair<int, const char*>> {};

TEST_P(ServerRedirects, AreFollowedWithTheRightMethod) {
  HttpGateway gateway;
  const auto [status, method] = GetParam();
  const std::string target = gateway.service.url("/target");
  serve(gateway, [status = status, target](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/moved") return FakeReply::redirect(status, target);
    if (r.path == "/target") return page_reply("target " + r.method);
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/moved")));
  ASSERT_TRUE(user.wait_for_text(std::string("target ") + method, kTimeout)) << user.text();
  const auto arrived = gateway.requests("/target");
  ASSERT_EQ(arrived.size(), 1u);
  EXPECT_EQ(arrived[0].method, method);
  EXPECT_EQ(arrived[0].fctn(), std::string(method) == "POST" ? "CNX" : "");  // the body only follows a POST
  EXPECT_TRUE(bystander.served());
  EXPECT_TRUE(user.connected());
}

INSTANTIATE_TEST_SUITE_P(Statuses, ServerRedirects,
                         testing::Values(std::pair{301, "POST"}, std::pair{302, "GET"}, std::pair{303, "GET"},
                                         std::pair{307, "POST"}, std::pair{308, "POST"}),
                         [](const auto& info) { return std::to_string(info.param.first); });

TEST(ServerServiceFaults, EndlessRedirectsAreAFailure) {  // §1: at most 20, as PHP-curl
  HttpGateway gateway;
  const std::string loop = gateway.service.url("/loop");
  serve(gateway, [loop](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/loop") return FakeReply::redirect(301, loop);  // 301 keeps the POST and its body
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/loop")));
  ASSERT_TRUE(user.wait_for_disconnect(kTimeout));
  EXPECT_NE(user.text().find("ERR #09"), std::string::npos) << user.text();
  EXPECT_EQ(gateway.calls("/loop").front().stats.error, "redirects");
  std::size_t cnx_posts = 0;  // the FIN that follows loops too: count the CNX only
  for (const auto& r : gateway.requests("/loop")) cnx_posts += r.method == "POST" && r.fctn() == "CNX" ? 1 : 0;
  EXPECT_EQ(cnx_posts, 21u);  // the POST and 20 redirects; then the GET fallback loops as well
  EXPECT_TRUE(bystander.served());
}

TEST(ServerServiceFaults, XmlInterpreterGetsTheSameRequestAndKeepsTheSession) {  // C-010, §7.3 step 5
  HttpGateway gateway;
  const std::string interpreter = gateway.service.url("/interp?xurl=");
  serve(gateway, [interpreter](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/xml") return FakeReply::xml_interpreter(interpreter);
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/xml")));
  ASSERT_TRUE(user.wait_for_text("interp CNX", kTimeout)) << user.text();
  const auto handed = gateway.requests("/interp");
  ASSERT_EQ(handed.size(), 1u);
  ASSERT_TRUE(handed[0].request.has_value());
  ASSERT_TRUE(handed[0].request->urlparams.has_value());
  EXPECT_NE(handed[0].request->urlparams->dump().find("xml"), std::string::npos);  // xurl = the XML page's URL
  user.press(FunctionKey::envoi);  // the session's URL is now the interpreter's
  ASSERT_TRUE(user.wait_for_text("interp ENVOI", kTimeout)) << user.text();
  EXPECT_TRUE(bystander.served());
}

// Not in the original, which follows interpreter replies forever (ServiceClientOptions::max_interpreter_hops).
TEST(ServerServiceFaults, EndlessInterpreterChainStopsWithErr03) {
  HttpGateway gateway;
  const std::string again = gateway.service.url("/chain?x=");
  serve(gateway, [again](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/chain") return FakeReply::xml_interpreter(again);
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal user;
  ASSERT_TRUE(user.connect(gateway.start_url("/chain")));
  ASSERT_TRUE(user.wait_for_text("ERR #03", kTimeout)) << user.text();
  EXPECT_EQ(gateway.requests("/chain").size(), 1u + ServiceClientOptions{}.max_interpreter_hops);
  EXPECT_TRUE(user.connected());
  EXPECT_TRUE(bystander.served());
}

TEST(ServerServiceFaults, SlowReplyHoldsOnlyItsOwnSession) {
  HttpGateway gateway;
  serve(gateway, [](const RecordedRequest& r) -> std::optional<FakeReply> {
    if (r.path == "/slow") return page_reply("slow " + r.fctn()).after(1500ms);
    if (r.path == "/stuck") return page_reply("stuck " + r.fctn()).after(20s);  // within the 25 s total timeout
    return std::nullopt;
  });
  ASSERT_TRUE(gateway.start());
  Bystander bystander(gateway);
  ASSERT_TRUE(bystander.ready());
  sim::Terminal slow, stuck;
  ASSERT_TRUE(slow.connect(gateway.start_url("/slow")));
  ASSERT_TRUE(stuck.connect(gateway.start_url("/stuck")));
  ASSERT_TRUE(gateway.service.wait_for_requests(3, kTimeout));
  // While the stuck user's request is pending, the bystander is served, twice.
  EXPECT_TRUE(bystander.served());
  EXPECT_TRUE(bystander.served());
  ASSERT_TRUE(slow.wait_for_text("slow CNX", kTimeout)) << slow.text();
  EXPECT_TRUE(stuck.connected());
  EXPECT_EQ(stuck.text().find("stuck"), std::string::npos);
  EXPECT_TRUE(gateway.calls("/stuck").empty());
  slow.press(FunctionKey::envoi);
  EXPECT_TRUE(slow.wait_for_text("slow ENVOI", kTimeout)) << slow.text();
}

}  // namespace
}  // namespace pavi::gateway
