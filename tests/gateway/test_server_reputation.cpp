// IP reputation on real sockets (gateway-behaviour.md §1 step 3): the server, the libcurl AbuseIPDB client and
// the fake AbuseIPDB endpoint of simulators/reputation. Every connection comes from 127.0.0.1, so each test has
// its own server (and cache).
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "gateway/server/admission.hpp"
#include "gateway/service_client/abuseipdb_client.hpp"
#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/reputation/fake_abuseipdb.hpp"
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
constexpr const char* kClient = "127.0.0.1";

ServiceResult hello(const ServiceCall&) {
  service::ServiceReply reply;
  reply.content = bytes(R"(0C "HELLO")");
  return body(service::reply_body(reply));
}

std::string list_file(std::string_view name, std::string_view content) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("pavikit-server-" + std::string(name) + "-" + std::to_string(::getpid()));
  std::ofstream(file) << content;
  return file.string();
}

// A gateway with AbuseIPDB lookups against the fake, the way pavi-gateway wires them.
struct ReputationGateway {
  explicit ReputationGateway(std::chrono::milliseconds wait = 5000ms, std::string blacklist = {},
                             std::string whitelist = {}, std::string key = "fake-ipdb-key")
      : client(client_options()) {
    GatewayConfig config = test::test_config();
    config.ipdbkey = std::move(key);
    config.ipblacklist = std::move(blacklist);
    config.ipwhitelist = std::move(whitelist);
    ServerOptions options = test::local_options({{ConnectionKind::ws, 0}});
    options.reputation_lookup = client.as_lookup();
    options.reputation_wait = wait;
    server = std::make_unique<GatewayServer>(config, service.caller(), std::move(options));
  }
  ~ReputationGateway() { server.reset(); }  // before the client

  AbuseIpdbOptions client_options() {
    AbuseIpdbOptions options;
    options.endpoint = fake.endpoint();
    options.key = "fake-ipdb-key";
    return options;
  }
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(server->port(ConnectionKind::ws)) + "/"; }
  // Admitted: the service's page arrives. Refused: closed before the WebSocket handshake (§1).
  bool admitted() const {
    sim::Terminal terminal;
    if (!terminal.connect(url())) return false;
    return static_cast<bool>(terminal.wait_for_text("HELLO", kTimeout));
  }

  sim::FakeAbuseIpdb fake;
  ScriptedService service{hello};
  AbuseIpdbClient client;
  std::unique_ptr<GatewayServer> server;
};

TEST(ServerReputation, ABlacklistedAddressIsRefusedWithoutALookup) {  // C-089
  const auto black = list_file("black", "127.0.0.1\n");
  const auto white = list_file("white", "127.0.0.1\n");  // the black list is checked first (config.md)
  ReputationGateway gateway(5000ms, black, white);
  ASSERT_TRUE(gateway.server->start().empty());
  EXPECT_FALSE(gateway.admitted());
  EXPECT_EQ(gateway.fake.lookups(), 0u);
  EXPECT_EQ(gateway.server->live_connections(), 0u);
  std::filesystem::remove(black);
  std::filesystem::remove(white);
}

TEST(ServerReputation, AWhitelistedAddressIsAdmittedWithoutALookup) {  // C-089
  const auto white = list_file("white-only", "127.0.0.1\n");
  ReputationGateway gateway(5000ms, {}, white);
  gateway.fake.set_score(kClient, 100);
  ASSERT_TRUE(gateway.server->start().empty());
  EXPECT_TRUE(gateway.admitted());
  EXPECT_EQ(gateway.fake.lookups(), 0u);
  std::filesystem::remove(white);
}

TEST(ServerReputation, AScoreOf31IsRefused) {  // gateway-behaviour.md §1: > 30 → close
  ReputationGateway gateway;
  gateway.fake.set_score(kClient, 31);
  ASSERT_TRUE(gateway.server->start().empty());
  EXPECT_FALSE(gateway.admitted());
  EXPECT_FALSE(gateway.admitted());  // from the cache this time
  EXPECT_EQ(gateway.fake.lookups(), 1u);
  const auto requests = gateway.fake.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].address, kClient);
  EXPECT_EQ(requests[0].key, "fake-ipdb-key");
  EXPECT_EQ(requests[0].accept, "application/json");
  EXPECT_EQ(gateway.server->live_connections(), 0u);  // the place held during the lookup was given back
}

TEST(ServerReputation, AScoreOf30IsAdmittedAndTheNextConnectionHitsTheCache) {
  ReputationGateway gateway;
  gateway.fake.set_score(kClient, 30);
  ASSERT_TRUE(gateway.server->start().empty());
  EXPECT_TRUE(gateway.admitted());
  EXPECT_TRUE(gateway.admitted());
  EXPECT_EQ(gateway.fake.lookups(), 1u);
}

TEST(ServerReputation, WithoutAnIpdbKeyNoLookupIsMade) {  // config.md: empty ipdbkey → no lookup
  ReputationGateway gateway(5000ms, {}, {}, "");
  gateway.fake.set_score(kClient, 100);
  ASSERT_TRUE(gateway.server->start().empty());
  EXPECT_TRUE(gateway.admitted());
  EXPECT_EQ(gateway.fake.lookups(), 0u);
}

TEST(ServerReputation, ALookupThatDoesNotAnswerAdmitsAfterTheWaitLimit) {
  ReputationGateway gateway(300ms);
  gateway.fake.set_score(kClient, 100);
  gateway.fake.set_delay(60s);  // far beyond the test: the page can only come from the wait limit
  ASSERT_TRUE(gateway.server->start().empty());
  EXPECT_TRUE(gateway.admitted());
  EXPECT_EQ(gateway.fake.lookups(), 1u);
}

TEST(ServerReputation, AnEndpointThatIsDownAdmits) {
  ReputationGateway gateway;
  gateway.fake.set_score(kClient, 100);
  gateway.fake.stop();
  ASSERT_TRUE(gateway.server->start().empty());
  EXPECT_TRUE(gateway.admitted());
  EXPECT_TRUE(gateway.admitted());  // the failure is remembered for a while: no second attempt at once
}

TEST(ServerReputation, AGarbageReplyAdmitsAndIsAskedOnce) {
  ReputationGateway gateway;
  gateway.fake.set_mode(sim::FakeAbuseIpdbMode::garbage);
  ASSERT_TRUE(gateway.server->start().empty());
  EXPECT_TRUE(gateway.admitted());
  EXPECT_TRUE(gateway.admitted());
  EXPECT_EQ(gateway.fake.lookups(), 1u);
}

TEST(ServerReputation, AFloodFromOneAddressMakesOneLookup) {
  ReputationGateway gateway;
  gateway.fake.set_score(kClient, 0);
  gateway.fake.set_delay(500ms);  // every connection arrives while the first lookup is under way
  ASSERT_TRUE(gateway.server->start().empty());
  std::atomic<int> admitted{0};
  std::vector<std::thread> users;
  for (int i = 0; i < 12; ++i) {
    users.emplace_back([&] { admitted += gateway.admitted() ? 1 : 0; });
  }
  for (auto& user : users) user.join();
  EXPECT_EQ(admitted.load(), 12);
  EXPECT_EQ(gateway.fake.lookups(), 1u);
}

TEST(ServerReputation, AFloodOfBadConnectionsIsRefusedAfterOneLookup) {
  ReputationGateway gateway;
  gateway.fake.set_score(kClient, 95);
  gateway.fake.set_delay(300ms);
  ASSERT_TRUE(gateway.server->start().empty());
  std::atomic<int> admitted{0};
  std::vector<std::thread> users;
  for (int i = 0; i < 12; ++i) {
    users.emplace_back([&] { admitted += gateway.admitted() ? 1 : 0; });
  }
  for (auto& user : users) user.join();
  EXPECT_EQ(admitted.load(), 0);
  EXPECT_EQ(gateway.fake.lookups(), 1u);
  EXPECT_EQ(gateway.server->live_connections(), 0u);
}

// The call the VisuWeb listener makes: the same check with its own threshold (visuweb-stats-recordings.md §1).
TEST(AdmissionScreen, VisuWebIsClosedAbove50AndUsersAbove30) {
  sim::FakeAbuseIpdb fake;
  fake.set_score("192.0.2.40", 40);
  fake.set_score("192.0.2.51", 51);
  AbuseIpdbOptions options;
  options.endpoint = fake.endpoint();
  options.key = "fake-ipdb-key";
  AbuseIpdbClient client(options);
  Admission admission({50, 0, "", ""});
  admission.use_lookups(client.as_lookup(), {}, "");
  const auto screen = [&](const std::string& address, reputation::Audience audience) {
    std::promise<std::pair<bool, int>> answer;
    admission.screen(address, audience, [&answer](bool allowed, const reputation::ReputationDecision& decision) {
      answer.set_value({allowed, decision.score});
    });
    return answer.get_future().get();
  };
  EXPECT_EQ(screen("192.0.2.40", reputation::Audience::visuweb), std::make_pair(true, 40));
  EXPECT_EQ(screen("192.0.2.40", reputation::Audience::user), std::make_pair(false, 40));
  EXPECT_EQ(screen("192.0.2.51", reputation::Audience::visuweb), std::make_pair(false, 51));
  EXPECT_EQ(fake.lookups(), 2u);
  EXPECT_EQ(admission.live(), 0u);  // screening takes no place
}

TEST(AdmissionScreen, AdmitAsyncGivesThePlaceBackWhenRefused) {
  sim::FakeAbuseIpdb fake;
  fake.set_score("192.0.2.31", 31);
  AbuseIpdbOptions options;
  options.endpoint = fake.endpoint();
  options.key = "fake-ipdb-key";
  AbuseIpdbClient client(options);
  Admission admission({1, 0, "", ""});
  admission.use_lookups(client.as_lookup(), {}, "");
  std::promise<AdmissionVerdict> first;
  admission.admit_async("192.0.2.31", [&first](AdmissionVerdict verdict, const reputation::ReputationDecision&) {
    first.set_value(verdict);
  });
  EXPECT_EQ(first.get_future().get(), AdmissionVerdict::bad_reputation);
  EXPECT_EQ(admission.live(), 0u);
  std::promise<AdmissionVerdict> second;
  admission.admit_async("192.0.2.30", [&second](AdmissionVerdict verdict, const reputation::ReputationDecision&) {
    second.set_value(verdict);
  });
  EXPECT_EQ(second.get_future().get(), AdmissionVerdict::admitted);
  EXPECT_EQ(admission.live(), 1u);
}

}  // namespace
}  // namespace pavi::gateway
