// The fake service over real HTTP: binding, the request log, programmatic handlers, keep-alive, 100-continue,
// concurrent clients and a clean stop.
#include <gtest/gtest.h>

#include <thread>

#include "tests/simulators/fake_service_client.hpp"
#include "gateway/service_protocol/request.hpp"
#include "gateway/service_protocol/response.hpp"
#include "gateway/service_protocol/urlparams.hpp"
#include "simulators/fake_service/fake_service.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using test::CurlClient;

std::string cnx_body(std::string unique_id = "17953543836654") {
  service::Request request;
  request.unique_id = std::move(unique_id);
  request.remote_addr = "127.0.0.1";
  request.typesocket = "TELN";
  request.fctn = "CNX";
  request.urlparams = service::urlparams_from_query("sc=default");
  return *service::serialise_request(request).text;
}

TEST(FakeServiceHttp, BindsLoopbackOnAFreePortAndReportsItsUrl) {
  FakeService service;
  EXPECT_NE(service.port(), 0);
  EXPECT_EQ(service.base_url(), "http://127.0.0.1:" + std::to_string(service.port()));
  EXPECT_EQ(service.url("/index.php"), service.base_url() + "/index.php");
  FakeService other;
  EXPECT_NE(other.port(), service.port());
}

TEST(FakeServiceHttp, AnswersUnscriptedRequestsWithAnEmptyPage) {
  FakeService service;
  CurlClient client;
  const auto result = client.post(service.url("/"), cnx_body());
  ASSERT_TRUE(result.ok()) << curl_easy_strerror(result.code);
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.content_type, "application/json");
  const auto plan = service::plan_reply(service::parse_response(result.body));
  EXPECT_FALSE(plan.error);
  EXPECT_EQ(plan.content, "");
  EXPECT_EQ(plan.echo, true);
}

TEST(FakeServiceHttp, RecordsEveryRequestRawAndParsed) {
  FakeService service;
  CurlClient client;
  const std::string body = cnx_body();
  ASSERT_TRUE(client.post(service.url("/index.php"), body).ok());
  ASSERT_TRUE(client.get(service.url("/page?x=1")).ok());
  ASSERT_TRUE(service.wait_for_requests(2, 5s));
  const auto requests = service.requests();
  ASSERT_EQ(requests.size(), 2u);
  const RecordedRequest& post = requests[0];
  EXPECT_EQ(post.index, 0u);
  EXPECT_EQ(post.method, "POST");
  EXPECT_EQ(post.target, "/index.php");
  EXPECT_EQ(post.path, "/index.php");
  EXPECT_EQ(post.query, "");  // C-003: the gateway must not send the query
  EXPECT_EQ(post.body, body);
  EXPECT_EQ(post.header("user-agent"), "MiniPAVI/1.6");  // C-002
  EXPECT_EQ(post.header("Content-Type"), "application/json");  // C-001
  ASSERT_TRUE(post.request) << post.parse_error;
  EXPECT_EQ(post.fctn(), "CNX");
  EXPECT_EQ(post.request->unique_id, "17953543836654");
  EXPECT_TRUE(post.warnings.empty());
  const RecordedRequest& get = requests[1];
  EXPECT_EQ(get.method, "GET");
  EXPECT_EQ(get.query, "x=1");
  EXPECT_FALSE(get.request);
  EXPECT_EQ(get.parse_error, "empty body");
  EXPECT_EQ(service.last_request()->index, 1u);
  service.clear_requests();
  EXPECT_EQ(service.request_count(), 0u);
}

TEST(FakeServiceHttp, HandlerSeesTheParsedRequestAndChoosesTheReply) {
  FakeService service;
  service.set_handler([](const RecordedRequest& request) -> std::optional<FakeReply> {
    if (request.fctn() != "CNX") return std::nullopt;
    service::ServiceReply reply;
    reply.content = "\x0C" "Bonjour " + request.request->unique_id;
    reply.context = "seen";
    return FakeReply::json(reply);
  });
  CurlClient client;
  const auto result = client.post(service.url("/"), cnx_body("12345"));
  ASSERT_TRUE(result.ok());
  const auto plan = service::plan_reply(service::parse_response(result.body));
  EXPECT_EQ(plan.content, "\x0C" "Bonjour 12345");
  EXPECT_EQ(plan.new_context, "seen");
  // nullopt falls through to the default reply.
  service::Request envoi;
  envoi.fctn = "ENVOI";
  const auto fallback = client.post(service.url("/"), *service::serialise_request(envoi).text);
  EXPECT_EQ(fallback.body, FakeService::default_reply().body);
  service.clear_handler();
  EXPECT_EQ(client.post(service.url("/"), cnx_body()).body, FakeService::default_reply().body);
}

TEST(FakeServiceHttp, KeepAliveReusesOneConnection) {
  FakeService service;
  CurlClient client;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.post(service.url("/"), cnx_body()).ok());
  EXPECT_EQ(service.connection_count(), 1u);
  const auto requests = service.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].connection_id, requests[0].connection_id);
    EXPECT_EQ(requests[i].request_on_connection, i);
  }
}

TEST(FakeServiceHttp, KeepAliveCanBeTurnedOff) {
  FakeServiceOptions options;
  options.keep_alive = false;
  FakeService service(options);
  CurlClient client;
  for (int i = 0; i < 3; ++i) {
    const auto result = client.post(service.url("/"), cnx_body());
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.new_connections, 1);
  }
  EXPECT_EQ(service.connection_count(), 3u);
}

TEST(FakeServiceHttp, AnswersExpect100Continue) {
  FakeService service;
  CurlClient client;
  const std::string big(200000, ' ');
  const auto result = client.post(service.url("/"), "{\"PAVI\":{}}" + big, {"Expect: 100-continue"});
  ASSERT_TRUE(result.ok()) << curl_easy_strerror(result.code);
  ASSERT_TRUE(service.last_request());
  EXPECT_EQ(service.last_request()->body.size(), 11 + big.size());
}

TEST(FakeServiceHttp, ConcurrentClientsAreAllRecorded) {
  FakeService service;
  constexpr int kThreads = 4;
  constexpr int kRequestsEach = 25;
  std::vector<std::unique_ptr<CurlClient>> clients;
  for (int t = 0; t < kThreads; ++t) clients.push_back(std::make_unique<CurlClient>());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRequestsEach; ++i) {
        if (!clients[static_cast<std::size_t>(t)]->post(service.url("/"), cnx_body(std::to_string(t))).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(service.request_count(), static_cast<std::size_t>(kThreads * kRequestsEach));
  std::vector<bool> seen(kThreads * kRequestsEach, false);
  for (const auto& request : service.requests()) seen.at(request.index) = true;
  EXPECT_EQ(std::count(seen.begin(), seen.end(), true), kThreads * kRequestsEach);
}

TEST(FakeServiceHttp, StopsCleanly) {
  std::string url;
  {
    FakeService service;
    url = service.url("/");
    CurlClient client;
    ASSERT_TRUE(client.post(url, cnx_body()).ok());
    service.stop();
    service.stop();  // idempotent
  }
  CurlClient client;
  EXPECT_EQ(client.post(url, cnx_body()).code, CURLE_COULDNT_CONNECT);
}

TEST(FakeServiceHttp, RunsOnASharedRunner) {
  IoRunner runner;
  FakeService first(runner);
  FakeService second(runner);
  CurlClient client;
  EXPECT_TRUE(client.post(first.url("/"), cnx_body()).ok());
  EXPECT_TRUE(client.post(second.url("/"), cnx_body()).ok());
  EXPECT_EQ(first.request_count(), 1u);
  EXPECT_EQ(second.request_count(), 1u);
}

}  // namespace
}  // namespace pavi::sim
