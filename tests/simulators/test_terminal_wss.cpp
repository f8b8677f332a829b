// The terminal over wss:// against a fake server with a certificate made at test time: verification is on by
// default, an untrusted or misnamed certificate is refused, `insecure` skips the checks, a trusted test CA passes.
#include <gtest/gtest.h>

#include "simulators/net/test_certificates.hpp"
#include "simulators/servers/fake_server.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using test::bytes;

constexpr auto kTimeout = 10s;

class TerminalWss : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certificates_ = new TestCertificates(make_test_certificates({"localhost", "127.0.0.1"}));
    other_ca_ = new TestCertificates(make_test_certificates({"localhost", "127.0.0.1"}));
  }
  static void TearDownTestSuite() {
    delete certificates_;
    delete other_ca_;
  }

  static FakeServerOptions tls_options(const TestCertificates& certificates) {
    FakeServerOptions options;
    options.tls_certificate_pem = certificates.server_certificate_pem;
    options.tls_key_pem = certificates.server_key_pem;
    return options;
  }

  static TestCertificates* certificates_;
  static TestCertificates* other_ca_;
};

TestCertificates* TerminalWss::certificates_ = nullptr;
TestCertificates* TerminalWss::other_ca_ = nullptr;

TEST_F(TerminalWss, UntrustedCertificateIsRefusedByDefault) {
  FakeWebSocketServer server(ServerScript{}.send("SECRET"), tls_options(*certificates_));
  EXPECT_EQ(server.url().rfind("wss://localhost:", 0), 0u);
  Terminal terminal;
  const auto result = terminal.connect(server.url());
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("certificate verify failed"), std::string::npos) << result.error;
  EXPECT_FALSE(terminal.connected());
  EXPECT_TRUE(terminal.received_bytes().empty());
  ASSERT_TRUE(server.wait_for_connections(1, kTimeout));
  EXPECT_TRUE(server.connection(0)->handshake_failed);
}

TEST_F(TerminalWss, InsecureSkipsTheChecks) {
  FakeWebSocketServer server(ServerScript{}.send(bytes(R"(1B 39 7B 0C "SECURE")")), tls_options(*certificates_));
  Terminal terminal;
  ConnectOptions options;
  options.insecure = true;
  const auto connected = terminal.connect(server.url(), options);
  ASSERT_TRUE(connected) << connected.error;
  EXPECT_TRUE(terminal.wait_for_text("SECURE", kTimeout)) << terminal.text();
  EXPECT_TRUE(server.wait_for_received(bytes("01 43 75 3B 04"), kTimeout));
}

TEST_F(TerminalWss, TrustedTestCaIsAccepted) {
  FakeWebSocketServer server(ServerScript{}.send("SECURE").on("PING", "PONG"), tls_options(*certificates_));
  Terminal terminal;
  ConnectOptions options;
  options.ca_pem = certificates_->ca_certificate_pem;
  const auto connected = terminal.connect(server.url("/service?x=1"), options);
  ASSERT_TRUE(connected) << connected.error;
  ASSERT_TRUE(terminal.wait_for_text("SECURE", kTimeout));
  ASSERT_TRUE(terminal.type("ping"));
  EXPECT_TRUE(terminal.wait_for_text("PONG", kTimeout)) << terminal.text();
  EXPECT_EQ(server.connection(0)->target, "/service?x=1");
}

TEST_F(TerminalWss, IpAddressIsCheckedAgainstTheCertificate) {
  FakeWebSocketServer server(ServerScript{}.send("BY IP"), tls_options(*certificates_));
  Terminal terminal;
  ConnectOptions options;
  options.ca_pem = certificates_->ca_certificate_pem;
  const auto connected = terminal.connect("wss://127.0.0.1:" + std::to_string(server.port()) + "/", options);
  ASSERT_TRUE(connected) << connected.error;
  EXPECT_TRUE(terminal.wait_for_text("BY IP", kTimeout));
}

TEST_F(TerminalWss, AnotherCaIsNotTrusted) {
  FakeWebSocketServer server(ServerScript{}.send("SECRET"), tls_options(*certificates_));
  Terminal terminal;
  ConnectOptions options;
  options.ca_pem = other_ca_->ca_certificate_pem;
  const auto result = terminal.connect(server.url(), options);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("certificate verify failed"), std::string::npos) << result.error;
}

TEST_F(TerminalWss, NameMismatchIsRefused) {
  const TestCertificates elsewhere = make_test_certificates({"minitel.example"});
  FakeWebSocketServer server(ServerScript{}.send("SECRET"), tls_options(elsewhere));
  Terminal terminal;
  ConnectOptions options;
  options.ca_pem = elsewhere.ca_certificate_pem;
  const auto result = terminal.connect("wss://127.0.0.1:" + std::to_string(server.port()) + "/", options);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("mismatch"), std::string::npos) << result.error;
}

TEST_F(TerminalWss, PlainClientOnATlsServerFailsCleanly) {
  FakeWebSocketServer server(ServerScript{}.send("SECRET"), tls_options(*certificates_));
  Terminal terminal;
  ConnectOptions options;
  options.timeout = 3s;
  const auto result = terminal.connect("ws://127.0.0.1:" + std::to_string(server.port()) + "/", options);
  EXPECT_FALSE(result);
  EXPECT_FALSE(result.error.empty());
}

TEST_F(TerminalWss, BadCaPemIsAClearError) {
  FakeWebSocketServer server(ServerScript{}, tls_options(*certificates_));
  Terminal terminal;
  ConnectOptions options;
  options.ca_pem = "not a certificate";
  const auto result = terminal.connect(server.url(), options);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error.find("TLS client set-up failed"), std::string::npos) << result.error;
}

TEST(TerminalWssServer, UnusableKeyIsReportedAtConstruction) {
  FakeServerOptions options;
  options.tls_certificate_pem = "garbage";
  options.tls_key_pem = "garbage";
  EXPECT_THROW(FakeWebSocketServer(ServerScript{}, options), std::runtime_error);
}

}  // namespace
}  // namespace pavi::sim
