// WebMedia end to end on real sockets (visuweb-stats-recordings.md §2.2, service-protocol.md §6): a service page
// holding a YT sequence, the poll with the session's PIN (no authentication), the Origin echo, an unknown PIN, a
// PIN of the wrong length, and lastevent=STOP turning into BGCALL-WM-STOP (C-130..C-134).
#include <gtest/gtest.h>

#include "gateway/service_protocol/reply_builder.hpp"
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

constexpr auto kTimeout = 10s;
const std::string kSequence = "\x14#DYT:abc123\x14#F";

ServiceResult media_page(const ServiceCall& call) {
  service::ServiceReply reply;
  reply.content = bytes(R"(0C 1F 41 41 "PAGE ")") + call.request.fctn + "\x1f\x40\x41\x1b\x40" + kSequence + "\x18\x0a";
  if (call.request.fctn != "CNX") reply.content = bytes(R"(1F 42 41 "AGAIN ")") + call.request.fctn;
  return body(service::reply_body(reply));
}

std::string http(std::uint16_t port, const std::string& request) {
  RawClient client;
  if (!client.connect(port)) return "connect failed";
  client.send(request);
  std::string reply;
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (!client.closed() && std::chrono::steady_clock::now() < deadline) reply += client.receive(100ms);
  return client.closed() ? reply : reply + "<still open>";
}

std::string poll(std::uint16_t port, const std::string& query, const std::string& origin = "") {
  return http(port, "GET /?action=webmedia&" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                        (origin.empty() ? "" : "Origin: " + origin + "\r\n") + "\r\n");
}

std::string json_reply(const std::string& origin, const std::string& json) {
  return "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: " + origin + "\r\nContent-Length: " +
         std::to_string(json.size()) + "\r\nContent-Type: application/json; charset=utf-8\r\n\r\n" + json;
}

struct Gateway {
  Gateway() : service(media_page), server(config(), service.caller(), options()) {}
  static GatewayConfig config() {
    GatewayConfig c = test::test_config();
    c.httpport = 1;
    c.httpuser = "u";
    c.httppwd = "p";
    return c;
  }
  static ServerOptions options() {
    ServerOptions o = test::local_options({{ConnectionKind::telnet, 0}});
    o.visuweb_port = 0;
    return o;
  }
  ScriptedService service;
  GatewayServer server;
};

TEST(ServerWebMedia, APollTakesTheQueuedRequestOnceWithoutAuthentication) {  // C-130, C-131, C-133
  Gateway gateway;
  ASSERT_TRUE(gateway.server.start().empty());
  sim::Terminal user;
  ASSERT_TRUE(user.connect("tcp://127.0.0.1:" + std::to_string(gateway.server.port(ConnectionKind::telnet))));
  ASSERT_TRUE(user.wait_for_text("PAGE CNX", kTimeout));
  EXPECT_NE(user.received_bytes().find(kSequence), std::string::npos);  // forwarded unchanged
  const std::string uid = gateway.service.calls().at(0).request.unique_id;
  const std::string pin = uid.substr(uid.size() - 4);
  const std::uint16_t port = gateway.server.visuweb_port();
  EXPECT_EQ(poll(port, "pin=" + pin, "http://emu.example"),
            json_reply("http://emu.example", R"({"result":"OK","content":"1","type":"YT","infos":"abc123"})"));
  EXPECT_EQ(poll(port, "pin=" + pin), json_reply("", R"({"result":"OK","content":"0"})"));
}

TEST(ServerWebMedia, UnknownPinIsKoAndAPinOfAnotherLengthGetsNoReply) {  // C-132
  Gateway gateway;
  ASSERT_TRUE(gateway.server.start().empty());
  const std::uint16_t port = gateway.server.visuweb_port();
  EXPECT_EQ(poll(port, "pin=0001"), json_reply("", R"({"result":"KO"})"));  // PINs are 2000-9999
  EXPECT_EQ(poll(port, "pin=123"), "");
  EXPECT_EQ(poll(port, "pin=12345"), "");
}

TEST(ServerWebMedia, LastEventStopSendsBgcallWmStopWithWebmedia) {  // C-134, C-025
  Gateway gateway;
  ASSERT_TRUE(gateway.server.start().empty());
  sim::Terminal user;
  ASSERT_TRUE(user.connect("tcp://127.0.0.1:" + std::to_string(gateway.server.port(ConnectionKind::telnet))));
  ASSERT_TRUE(user.wait_for_text("PAGE CNX", kTimeout));
  const std::string uid = gateway.service.calls().at(0).request.unique_id;
  const std::string reply = poll(gateway.server.visuweb_port(), "pin=" + uid.substr(10) + "&lastevent=STOP");
  EXPECT_NE(reply.find(R"("result":"OK")"), std::string::npos) << reply;
  ASSERT_TRUE(gateway.service.wait_for_fctn("BGCALL-WM-STOP", kTimeout));
  const auto calls = gateway.service.calls();
  const auto stop = std::find_if(calls.begin(), calls.end(),
                                 [](const ServiceCall& call) { return call.request.fctn == "BGCALL-WM-STOP"; });
  ASSERT_NE(stop, calls.end());
  EXPECT_EQ(stop->request.webmedia, 1);
  EXPECT_EQ(stop->request.unique_id, uid);
  EXPECT_TRUE(user.wait_for_text("AGAIN BGCALL-WM-STOP", kTimeout));
}

}  // namespace
}  // namespace pavi::gateway
