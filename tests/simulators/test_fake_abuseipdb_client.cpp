// The fake AbuseIPDB endpoint and the gateway's AbuseIPDB client together: what the client sends, what each fault
// mode of the fake looks like to it, and that a lookup always ends (timeout, endpoint down, cancelled).
#include <gtest/gtest.h>

#include <future>

#include "gateway/reputation/abuseipdb_reply.hpp"
#include "gateway/service_client/abuseipdb_client.hpp"
#include "simulators/reputation/fake_abuseipdb.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using gateway::AbuseIpdbClient;
using gateway::AbuseIpdbOptions;
using gateway::reputation::LookupOutcome;

AbuseIpdbOptions options_for(const FakeAbuseIpdb& fake, std::string key = "fake-ipdb-key") {
  AbuseIpdbOptions options;
  options.endpoint = fake.endpoint();
  options.key = std::move(key);
  return options;
}

LookupOutcome lookup(AbuseIpdbClient& client, const std::string& address) {
  std::promise<LookupOutcome> outcome;
  client.lookup(address, [&outcome](LookupOutcome result) { outcome.set_value(std::move(result)); });
  return outcome.get_future().get();
}

TEST(FakeAbuseIpdb, TheReplyHasTheRealApiShape) {
  const std::string body = abuseipdb_reply_body("192.0.2.1", 31);
  EXPECT_EQ(gateway::reputation::abuseipdb_score(body), 31);
  EXPECT_NE(body.find(R"("ipAddress":"192.0.2.1")"), std::string::npos);
  EXPECT_NE(body.find(R"("ipVersion":4)"), std::string::npos);
  EXPECT_NE(abuseipdb_reply_body("2001:db8::1", 0).find(R"("ipVersion":6)"), std::string::npos);
}

TEST(FakeAbuseIpdb, TheClientGetsTheScoreOfEachAddress) {
  FakeAbuseIpdb fake({"fake-ipdb-key", 3, 0});
  fake.set_score("192.0.2.31", 31);
  fake.set_score("2001:db8::31", 64);
  AbuseIpdbClient client(options_for(fake));
  EXPECT_EQ(lookup(client, "192.0.2.31").score, 31);
  EXPECT_EQ(lookup(client, "2001:db8::31").score, 64);
  EXPECT_EQ(lookup(client, "192.0.2.99").score, 3);  // the default score
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].address, "192.0.2.31");
  EXPECT_EQ(requests[0].key, "fake-ipdb-key");
  EXPECT_EQ(requests[0].accept, "application/json");
  EXPECT_EQ(requests[0].max_age, "90");
  EXPECT_EQ(requests[1].address, "2001:db8::31");
  EXPECT_EQ(fake.lookups_of("192.0.2.31"), 1u);
}

TEST(FakeAbuseIpdb, AWrongKeyIs401) {
  FakeAbuseIpdb fake;
  AbuseIpdbClient client(options_for(fake, "wrong"));
  const auto outcome = lookup(client, "192.0.2.1");
  EXPECT_FALSE(outcome.score.has_value());
  EXPECT_EQ(outcome.error, "http_401");
}

TEST(FakeAbuseIpdb, FaultModesAreFailuresNeverScores) {
  FakeAbuseIpdb fake;
  fake.set_score("192.0.2.1", 99);
  AbuseIpdbClient client(options_for(fake));
  fake.set_mode(FakeAbuseIpdbMode::error_status, 429);
  EXPECT_EQ(lookup(client, "192.0.2.1").error, "http_429");
  fake.set_mode(FakeAbuseIpdbMode::garbage);
  const auto garbage = lookup(client, "192.0.2.1");
  EXPECT_FALSE(garbage.score.has_value());
  EXPECT_EQ(garbage.error, "bad_reply");
  fake.set_mode(FakeAbuseIpdbMode::reset);
  const auto reset = lookup(client, "192.0.2.1");
  EXPECT_FALSE(reset.score.has_value());
  EXPECT_FALSE(reset.error.empty());
  fake.set_mode(FakeAbuseIpdbMode::normal);
  EXPECT_EQ(lookup(client, "192.0.2.1").score, 99);
}

TEST(FakeAbuseIpdb, ALateAnswerIsATimeout) {
  FakeAbuseIpdb fake;
  fake.set_delay(30s);
  AbuseIpdbOptions options = options_for(fake);
  options.total_timeout = 300ms;
  AbuseIpdbClient client(options);
  const auto outcome = lookup(client, "192.0.2.1");
  EXPECT_FALSE(outcome.score.has_value());
  EXPECT_EQ(outcome.error, "timeout");
}

TEST(FakeAbuseIpdb, AStoppedEndpointIsAConnectError) {
  FakeAbuseIpdb fake;
  const auto options = options_for(fake);
  fake.stop();
  AbuseIpdbClient client(options);
  EXPECT_EQ(lookup(client, "192.0.2.1").error, "connect");
}

TEST(FakeAbuseIpdb, OtherPathsAre404AndNotCounted) {
  FakeAbuseIpdb fake;
  AbuseIpdbOptions options = options_for(fake);
  options.endpoint = "http://127.0.0.1:" + std::to_string(fake.port()) + "/api/v2/report";
  AbuseIpdbClient client(options);
  EXPECT_EQ(lookup(client, "192.0.2.1").error, "http_404");
  EXPECT_EQ(fake.lookups(), 0u);
}

TEST(FakeAbuseIpdb, DestroyingTheClientCancelsWhatIsUnderWay) {
  FakeAbuseIpdb fake;
  fake.set_delay(30s);
  std::promise<LookupOutcome> outcome;
  {
    AbuseIpdbClient client(options_for(fake));
    client.lookup("192.0.2.1", [&outcome](LookupOutcome result) { outcome.set_value(std::move(result)); });
    EXPECT_EQ(client.in_flight(), 1u);
  }
  auto future = outcome.get_future();
  ASSERT_EQ(future.wait_for(0s), std::future_status::ready);
  EXPECT_EQ(future.get().error, "cancelled");
}

}  // namespace
}  // namespace pavi::sim
