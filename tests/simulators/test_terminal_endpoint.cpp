// URLs the terminal connects to: schemes, default ports, IPv6, targets, and clear errors.
#include <gtest/gtest.h>

#include "simulators/net/endpoint.hpp"

namespace pavi::sim {
namespace {

TEST(TerminalEndpoint, WebSocketWithPortAndQuery) {
  const auto parsed = parse_endpoint("ws://127.0.0.1:8182/?url=http%3A%2F%2Fx");
  ASSERT_TRUE(parsed.endpoint) << parsed.error;
  EXPECT_EQ(parsed.endpoint->scheme, Scheme::ws);
  EXPECT_EQ(parsed.endpoint->host, "127.0.0.1");
  EXPECT_EQ(parsed.endpoint->port, 8182);
  EXPECT_EQ(parsed.endpoint->target, "/?url=http%3A%2F%2Fx");
}

TEST(TerminalEndpoint, DefaultPortsAndTargets) {
  EXPECT_EQ(parse_endpoint("ws://example.org").endpoint->port, 80);
  EXPECT_EQ(parse_endpoint("ws://example.org").endpoint->target, "/");
  EXPECT_EQ(parse_endpoint("WSS://example.org/path").endpoint->port, 443);
  EXPECT_EQ(parse_endpoint("wss://example.org?x=1").endpoint->target, "/?x=1");
  EXPECT_EQ(parse_endpoint("telnet://example.org").endpoint->port, 23);
}

TEST(TerminalEndpoint, Ipv6Host) {
  const auto parsed = parse_endpoint("telnet://[::1]:2323");
  ASSERT_TRUE(parsed.endpoint) << parsed.error;
  EXPECT_EQ(parsed.endpoint->host, "::1");
  EXPECT_EQ(parsed.endpoint->port, 2323);
  EXPECT_EQ(to_url(*parsed.endpoint), "telnet://[::1]:2323");
}

TEST(TerminalEndpoint, HostHeaderOmitsTheDefaultPort) {
  EXPECT_EQ(host_header(*parse_endpoint("ws://h.example/").endpoint), "h.example");
  EXPECT_EQ(host_header(*parse_endpoint("ws://h.example:81/").endpoint), "h.example:81");
}

TEST(TerminalEndpoint, ErrorsSayWhatIsWrong) {
  EXPECT_NE(parse_endpoint("127.0.0.1:8182").error.find("expected ws://"), std::string::npos);
  EXPECT_NE(parse_endpoint("http://x/").error.find("unknown scheme"), std::string::npos);
  EXPECT_NE(parse_endpoint("tcp://x").error.find("port is required"), std::string::npos);
  EXPECT_NE(parse_endpoint("ws://x:99999/").error.find("bad port"), std::string::npos);
  EXPECT_NE(parse_endpoint("ws://x:12a/").error.find("bad port"), std::string::npos);
  EXPECT_NE(parse_endpoint("ws://:80/").error.find("no host"), std::string::npos);
  EXPECT_NE(parse_endpoint("telnet://x:23/path").error.find("no path"), std::string::npos);
  EXPECT_NE(parse_endpoint("ws://[::1/").error.find("unclosed"), std::string::npos);
}

}  // namespace
}  // namespace pavi::sim
