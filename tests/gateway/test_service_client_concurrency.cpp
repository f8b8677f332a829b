// ServiceClient under load and at shutdown: many calls at once on one worker thread, callbacks that chain
// calls, and destruction with calls in flight.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "gateway/service_protocol/response.hpp"
#include "tests/gateway/service_client_support.hpp"

namespace pavi::gateway {
namespace {

using namespace std::chrono_literals;
using sim::FakeReply;
using sim::FakeService;
using sim::RecordedRequest;
using test::make_call;
using test::page;

// Counts callbacks and keeps what they saw.
struct Completions {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::pair<ServiceResult, CallStats>> results;

  ServiceCallback callback() {
    return [this](ServiceResult result, CallStats stats) {
      std::lock_guard lock(mutex);
      results.emplace_back(std::move(result), std::move(stats));
      changed.notify_all();
    };
  }
  bool wait_for(std::size_t count, std::chrono::seconds timeout) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return results.size() >= count; });
  }
};

// Each reply echoes what was typed, so that a mixed-up reply would show.
void echo_typed(FakeService& service, std::chrono::milliseconds delay = 0ms) {
  service.set_handler([delay](const RecordedRequest& r) {
    const std::string typed = r.request && !r.request->content.empty() ? r.request->content[0] : "?";
    return std::optional<FakeReply>(FakeReply::json(page("got " + typed)).after(delay));
  });
}

TEST(ServiceClientConcurrency, TwoHundredCallsAtOnceAllComplete) {
  FakeService service;
  echo_typed(service, 20ms);
  ServiceClient client;
  Completions done;
  constexpr int kCalls = 200;
  for (int i = 0; i < kCalls; ++i) client.call(make_call(service.url("/"), "ENVOI", std::to_string(i)), done.callback());
  ASSERT_TRUE(done.wait_for(kCalls, 60s));
  std::set<std::string> contents;
  for (const auto& [result, stats] : done.results) {
    ASSERT_FALSE(result.failed) << stats.error;
    EXPECT_EQ(stats.error, "");
    contents.insert(service::parse_response(result.body).response.content.value_or(""));
  }
  EXPECT_EQ(contents.size(), static_cast<std::size_t>(kCalls));
  EXPECT_TRUE(contents.count("got 0") && contents.count("got 199"));
  EXPECT_EQ(service.request_count(), static_cast<std::size_t>(kCalls));
  // A call leaves in_flight() just after its callback returns, so the last one may still count for a moment.
  for (int i = 0; i < 500 && client.in_flight() != 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(client.in_flight(), 0u);
}

TEST(ServiceClientConcurrency, CallbacksMayChainCalls) {  // what a session does: a reply leads to the next request
  FakeService service;
  echo_typed(service);
  ServiceClient client;
  Completions done;
  std::function<void(int)> chain = [&](int left) {
    client.call(make_call(service.url("/"), "ENVOI", std::to_string(left)), [&, left](ServiceResult r, CallStats s) {
      if (left > 0 && !r.failed) return chain(left - 1);
      done.callback()(std::move(r), std::move(s));
    });
  };
  chain(9);
  ASSERT_TRUE(done.wait_for(1, 30s));
  EXPECT_FALSE(done.results[0].first.failed);
  EXPECT_EQ(service.request_count(), 10u);
  EXPECT_EQ(service.connection_count(), 1u);
}

TEST(ServiceClientConcurrency, DestructionCancelsCallsInFlight) {
  FakeService service;
  echo_typed(service, 30s);  // never answers in time
  Completions done;
  constexpr int kCalls = 20;
  {
    ServiceClient client;
    for (int i = 0; i < kCalls; ++i) client.call(make_call(service.url("/")), done.callback());
    ASSERT_TRUE(service.wait_for_requests(kCalls, 10s));
  }  // every callback has run when the destructor returns
  ASSERT_EQ(done.results.size(), static_cast<std::size_t>(kCalls));
  for (const auto& [result, stats] : done.results) {
    EXPECT_TRUE(result.failed);
    EXPECT_EQ(stats.error, "cancelled");
  }
}

TEST(ServiceClientConcurrency, CallsFromCancelledCallbacksCompleteCancelled) {
  FakeService service;
  echo_typed(service, 30s);
  Completions done;
  {
    auto client = std::make_unique<ServiceClient>();
    ServiceClient& c = *client;
    c.call(make_call(service.url("/")), [&](ServiceResult, CallStats) {
      c.call(make_call(service.url("/")), done.callback());  // like a session's fallback CNX after a failure
    });
    ASSERT_TRUE(service.wait_for_requests(1, 10s));
    client.reset();
  }
  ASSERT_EQ(done.results.size(), 1u);
  EXPECT_EQ(done.results[0].second.error, "cancelled");
}

}  // namespace
}  // namespace pavi::gateway
