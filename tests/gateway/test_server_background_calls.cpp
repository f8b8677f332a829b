// Background calls (service-protocol.md §5.6): one at a time when due, up to 5 attempts, only PushServiceMsg
// of a reply has an effect (C-063, C-064).
#include <gtest/gtest.h>

#include "gateway/server/background_calls.hpp"

namespace pavi::gateway {
namespace {

struct Recorder {
  std::vector<ServiceCall> calls;
  std::vector<std::function<void(ServiceResult)>> pending;
  ServiceCaller caller() {
    return [this](ServiceCall call, std::function<void(ServiceResult)> done) {
      calls.push_back(std::move(call));
      pending.push_back(std::move(done));
    };
  }
  void answer(ServiceResult result) {
    auto done = std::move(pending.front());
    pending.erase(pending.begin());
    done(std::move(result));
  }
};

TEST(BackgroundCalls, DueCallsOneAtATimeWithTheBgcallRequest) {  // C-063
  Recorder service;
  std::vector<service::PushServiceMsg> pushed;
  BackgroundCalls calls(service.caller(), [&](const service::PushServiceMsg& push) { pushed.push_back(push); });
  calls.add(200, "http://127.0.0.1:8090/bg?k=1&u=2", "999");
  calls.add(100, "http://127.0.0.1:8090/first", "998");
  calls.add(0, "http://never/", "1");  // time <= 0 never runs
  calls.tick(99);
  EXPECT_TRUE(service.calls.empty());
  calls.tick(250);
  ASSERT_EQ(service.calls.size(), 1u);  // one at a time
  EXPECT_EQ(service.calls[0].url, "http://127.0.0.1:8090/first");
  const service::Request& request = service.calls[0].request;
  EXPECT_EQ(request.fctn, "BGCALL");
  EXPECT_EQ(request.unique_id, "998");
  EXPECT_EQ(request.typesocket, "");
  EXPECT_EQ(request.versionminitel, "");
  service.answer({false, R"({"content":"aWdub3JlZA==","COMMAND":{"name":"PushServiceMsg","param":{"uniqueids":["42"],"message":["hi"]}}})", std::nullopt});
  ASSERT_EQ(pushed.size(), 1u);  // C-064
  EXPECT_EQ(pushed[0].messages, std::vector<std::string>{"hi"});
  ASSERT_EQ(service.calls.size(), 2u);  // the next due one follows at once
  EXPECT_EQ(service.calls[1].request.unique_id, "999");
  service.answer({false, "", std::nullopt});
  EXPECT_EQ(calls.pending(), 0u);
}

TEST(BackgroundCalls, FailedCallsAreTriedFiveTimes) {
  Recorder service;
  BackgroundCalls calls(service.caller(), [](const service::PushServiceMsg&) {});
  calls.add(10, "http://127.0.0.1:9/", "1");
  calls.tick(10);
  for (int attempt = 1; attempt < 5; ++attempt) service.answer({true, "", std::nullopt});
  ASSERT_EQ(service.calls.size(), 5u);
  service.answer({true, "", std::nullopt});
  EXPECT_EQ(service.calls.size(), 5u);
  EXPECT_EQ(calls.pending(), 0u);
}

}  // namespace
}  // namespace pavi::gateway
