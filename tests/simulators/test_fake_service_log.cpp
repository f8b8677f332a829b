// The request log on its own: ordering, waiting across threads, clearing.
#include <gtest/gtest.h>

#include <thread>

#include "simulators/fake_service/request_log.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

TEST(RequestLog, IndexesInArrivalOrder) {
  RequestLog log;
  RecordedRequest a;
  a.path = "/a";
  RecordedRequest b;
  b.path = "/b";
  EXPECT_EQ(log.add(a), 0u);
  EXPECT_EQ(log.add(b), 1u);
  EXPECT_EQ(log.size(), 2u);
  EXPECT_EQ(log.at(1)->path, "/b");
  EXPECT_EQ(log.last()->path, "/b");
  EXPECT_FALSE(log.at(7));
}

TEST(RequestLog, WaitsForRequestsFromAnotherThread) {
  RequestLog log;
  std::thread producer([&] {
    for (int i = 0; i < 5; ++i) log.add(RecordedRequest{});
  });
  EXPECT_TRUE(log.wait_for(5, 10s));
  producer.join();
  EXPECT_FALSE(log.wait_for(6, 10ms));
}

TEST(RequestLog, ClearKeepsIndexesGrowing) {
  RequestLog log;
  log.add(RecordedRequest{});
  log.clear();
  EXPECT_EQ(log.size(), 0u);
  EXPECT_FALSE(log.last());
  EXPECT_EQ(log.add(RecordedRequest{}), 1u);
}

TEST(RecordedRequestHeaders, CaseInsensitiveLookup) {
  RecordedRequest request;
  request.headers = {{"User-Agent", "MiniPAVI/1.6"}, {"Content-Type", "application/json"}};
  EXPECT_EQ(request.header("user-agent"), "MiniPAVI/1.6");
  EXPECT_EQ(request.header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(request.header("Accept"), "");
}

}  // namespace
}  // namespace pavi::sim
