// ServiceUser: a headless user playing the gateway's side against the fake service (what the service receives,
// what the screen shows, failures, bridges, and many users on one shared client).
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "simulators/fake_service/fake_service.hpp"
#include "simulators/load/service_user.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using videotex::FunctionKey;

constexpr auto kWait = 10s;

// Home page with a 5-character field validated by Envoi; "1" leads to page one, whose next is home again,
// where Suite leads to page two. The context set by each page comes back in the next request. Pages begin with
// a clear screen, as real ones do: the WS banner leaves the terminal in G1 (its 0E, C-098).
constexpr std::string_view kScript = R"({
  "start": "home",
  "pages": {
    "home": {"path": "/", "bytes": "0C", "text": "Bonjour", "context": "c1", "echo": "on",
             "COMMAND": {"name": "InputTxt", "param": {"x": 1, "y": 5, "l": 5, "validwith": 128}},
             "routes": [{"fctn": "ENVOI", "content": "1", "goto": "one"},
                        {"fctn": "SUITE", "goto": "two"},
                        {"fctn": "DIRECTCALLFAILED", "goto": "after_bridge"}]},
    "one":  {"bytes": "0C", "text": "Page un ctx={context}", "context": "c2", "next": "home"},
    "two":  {"bytes": "0C", "text": "Page deux ctx={context}", "next": "home"},
    "bridge": {"path": "/bridge", "bytes": "0C", "text": "Pont",
               "COMMAND": {"name": "connectToTln", "param": {"host": "127.0.0.1:9", "echo": "off", "case": "upper"}},
               "next": "home"},
    "after_bridge": {"bytes": "0C", "text": "Pont impossible", "next": "home"}
  }
})";

class ServiceUserVisit : public ::testing::Test {
 protected:
  void SetUp() override {
    auto load = FakeScript::parse(kScript);
    ASSERT_TRUE(load.script) << load.error;
    service_.set_script(std::move(*load.script));
  }
  ServiceUserOptions counting_options() {
    ServiceUserOptions options;
    options.on_request = [this](const gateway::CallStats& stats) {
      std::lock_guard lock(stats_mutex_);
      stats_.push_back(stats);
    };
    return options;
  }
  std::vector<gateway::CallStats> stats() {
    std::lock_guard lock(stats_mutex_);
    return stats_;
  }

  FakeService service_;
  gateway::ServiceClient client_;
  std::mutex stats_mutex_;
  std::vector<gateway::CallStats> stats_;
};

TEST_F(ServiceUserVisit, VisitsPagesWithInputNextAndContext) {
  ServiceUser user(client_);
  ASSERT_TRUE(user.connect(service_.url("/"), counting_options()));
  EXPECT_FALSE(user.connect(service_.url("/")));  // already connected
  ASSERT_TRUE(user.wait_for_text("Bonjour", kWait)) << user.text();
  ASSERT_TRUE(user.wait_until_quiet(50ms, kWait));

  ASSERT_TRUE(user.type("1"));
  ASSERT_TRUE(user.press(FunctionKey::envoi));
  const WaitResult one = user.wait_for_text("Page un ctx=c1", kWait);
  ASSERT_TRUE(one) << one.describe();
  EXPECT_EQ(user.context(), "c2");

  ASSERT_TRUE(user.press(FunctionKey::suite));
  const WaitResult two = user.wait_for_text("Page deux ctx=c2", kWait);  // the context of page one came back
  ASSERT_TRUE(two) << two.describe();
  ASSERT_TRUE(user.wait_until_quiet(50ms, kWait));
  EXPECT_EQ(user.url(), service_.url("/"));

  user.disconnect();
  EXPECT_FALSE(user.connected());
  EXPECT_FALSE(user.type("x"));
  ASSERT_TRUE(service_.wait_for_requests(4, kWait));

  const auto requests = service_.requests();
  ASSERT_EQ(requests.size(), 4u);
  std::vector<std::string> fctns;
  for (const auto& r : requests) fctns.push_back(r.fctn());
  EXPECT_EQ(fctns, (std::vector<std::string>{"CNX", "ENVOI", "SUITE", "FIN"}));
  ASSERT_TRUE(requests[1].request);
  EXPECT_EQ(requests[0].request->versionminitel, "???");  // before the terminal answered ENQROM
  EXPECT_EQ(requests[1].request->versionminitel, "Cu;");  // the decoder's ENQROM answer reached the session
  EXPECT_EQ(requests[1].request->content, std::vector<std::string>{"1"});
  EXPECT_EQ(requests[1].request->context, "c1");
  EXPECT_EQ(requests[2].request->context, "c2");
  EXPECT_EQ(requests[0].request->typesocket, "WS");
  EXPECT_EQ(requests[0].request->unique_id.size(), 14u);  // accept time + PIN (C-012)

  ASSERT_TRUE(user.wait_until_quiet(10ms, kWait));  // the FIN's reply is in
  const auto seen = stats();
  ASSERT_EQ(seen.size(), 4u);
  for (const auto& s : seen) {
    EXPECT_EQ(s.error, "");
    EXPECT_EQ(s.http_status, 200);
  }
}

TEST_F(ServiceUserVisit, ReconnectStartsAFreshSession) {
  ServiceUser user(client_);
  ASSERT_TRUE(user.connect(service_.url("/")));
  ASSERT_TRUE(user.wait_for_text("Bonjour", kWait));
  user.disconnect();
  ASSERT_TRUE(user.connect(service_.url("/")));
  ASSERT_TRUE(user.wait_for_text("Bonjour", kWait));
  ASSERT_TRUE(service_.wait_for_requests(3, kWait));
  const auto requests = service_.requests();
  EXPECT_EQ(requests[2].fctn(), "CNX");
  EXPECT_EQ(requests[2].request->context, "");  // nothing carried over from the first session
}

TEST_F(ServiceUserVisit, BridgeIsAnsweredDirectCallFailed) {  // bridges are not run (service_user.hpp)
  ServiceUser user(client_);
  ASSERT_TRUE(user.connect(service_.url("/bridge")));
  const WaitResult shown = user.wait_for_text("Pont impossible", kWait);
  ASSERT_TRUE(shown) << shown.describe();
  ASSERT_TRUE(service_.wait_for_requests(2, kWait));
  const RecordedRequest after = service_.requests()[1];
  EXPECT_EQ(after.fctn(), "DIRECTCALLFAILED");
  EXPECT_EQ(after.path, "/");  // to the bridge page's `next`
}

TEST_F(ServiceUserVisit, ServiceFailureShowsErr09AndReportsTheErrorKind) {  // §7.3, §7.2 ERR#09
  service_.set_handler([](const RecordedRequest&) { return std::optional<FakeReply>(FakeReply::connection_reset()); });
  ServiceUser user(client_);
  ASSERT_TRUE(user.connect(service_.url("/"), counting_options()));
  const WaitResult page = user.wait_for_text("ERR #09", kWait);
  ASSERT_TRUE(page) << page.describe();
  EXPECT_NE(user.text().find("Service indisponible"), std::string::npos) << user.text();
  ASSERT_TRUE(user.wait_for_disconnect(kWait));
  ASSERT_TRUE(user.wait_until_quiet(10ms, kWait));
  // CNX failed, the fallback CNX to the default service (the same URL here) failed, then the FIN.
  const auto seen = stats();
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen[0].error, "reset");
  EXPECT_TRUE(seen[0].get_fallback);
  EXPECT_EQ(seen[1].error, "reset");
}

TEST_F(ServiceUserVisit, FiftyUsersShareOneClient) {
  constexpr int kUsers = 50;
  std::atomic<int> completed{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int i = 0; i < kUsers; ++i) {
    threads.emplace_back([&] {
      ServiceUser user(client_);
      auto fail = [&](const std::string& why) {
        std::lock_guard lock(failures_mutex);
        failures.push_back(why);
      };
      if (!user.connect(service_.url("/"))) return fail("connect");
      if (auto r = user.wait_for_text("Bonjour", 30s); !r) return fail(r.describe());
      user.type("1");
      user.press(FunctionKey::envoi);
      if (auto r = user.wait_for_text("Page un ctx=c1", 30s); !r) return fail(r.describe());
      user.disconnect();
      ++completed;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  EXPECT_EQ(completed.load(), kUsers);
  ASSERT_TRUE(service_.wait_for_requests(3 * kUsers, 30s));
  std::map<std::string, int> by_fctn;
  for (const auto& r : service_.requests()) ++by_fctn[r.fctn()];
  EXPECT_EQ(by_fctn["CNX"], kUsers);
  EXPECT_EQ(by_fctn["ENVOI"], kUsers);
  EXPECT_EQ(by_fctn["FIN"], kUsers);
}

}  // namespace
}  // namespace pavi::sim
