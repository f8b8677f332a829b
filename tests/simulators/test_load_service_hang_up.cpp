// The end of a service-mode visit: the user hangs up (FIN, fire and forget) and sleeps until the FIN's reply is
// in, so that it is counted with its visit, without polling (thousands of users hang up at once at the end of a
// run); a reply that does not come in time ends the wait with false.
#include <gtest/gtest.h>

#include "gateway/service_client/service_client.hpp"
#include "simulators/fake_service/fake_service.hpp"
#include "simulators/load/service_user.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

// The FIN's reply is late by `fin_delay`.
class LateFinService {
 public:
  explicit LateFinService(std::chrono::milliseconds fin_delay) {
    service.set_handler([fin_delay](const RecordedRequest& r) -> std::optional<FakeReply> {
      if (r.fctn() == "FIN") return FakeService::default_reply().after(fin_delay);
      service::ServiceReply home;
      home.content = "\x0c" "BIENVENUE";
      return FakeReply::json(home);
    });
  }
  FakeService service;
};

TEST(LoadServiceHangUp, WaitsUntilTheFinsReplyIsIn) {
  LateFinService fake(300ms);
  gateway::ServiceClient client;
  ServiceUser user(client);
  ASSERT_TRUE(user.connect(fake.service.url("/")));
  ASSERT_TRUE(user.wait_for_text("BIENVENUE", 10s).matched);
  user.disconnect();
  EXPECT_EQ(user.requests_in_flight(), 1u);  // the FIN
  EXPECT_TRUE(user.wait_for_no_request_in_flight(20s));
  EXPECT_EQ(user.requests_in_flight(), 0u);
  EXPECT_EQ(fake.service.request_count(), 2u);
  EXPECT_EQ(fake.service.last_request()->fctn(), "FIN");
}

TEST(LoadServiceHangUp, GivesUpWhenTheReplyIsLate) {
  LateFinService fake(5s);
  gateway::ServiceClient client;
  ServiceUser user(client);
  ASSERT_TRUE(user.connect(fake.service.url("/")));
  ASSERT_TRUE(user.wait_for_text("BIENVENUE", 10s).matched);
  user.disconnect();
  EXPECT_FALSE(user.wait_for_no_request_in_flight(50ms));
  EXPECT_EQ(user.requests_in_flight(), 1u);
}

TEST(LoadServiceHangUp, NothingInFlightReturnsAtOnce) {
  gateway::ServiceClient client;
  const ServiceUser user(client);
  EXPECT_TRUE(user.wait_for_no_request_in_flight(0ms));
}

}  // namespace
}  // namespace pavi::sim
