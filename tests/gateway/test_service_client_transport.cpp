// ServiceClient against the in-process fake service: the POST itself (§1) and every fault mode of the fake
// (§7.3: retries on timeout, the GET fallback, the 100 kB limit, redirects, the XML interpreter).
#include <gtest/gtest.h>

#include "gateway/service_protocol/php_url.hpp"
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

class ServiceClientTransport : public ::testing::Test {
 protected:
  void reply_with(FakeReply reply) {
    service_.set_handler([reply](const RecordedRequest&) { return std::optional<FakeReply>(reply); });
  }
  // POSTs get `post`, GETs (the fallback) get `get`.
  void reply_by_method(FakeReply post, FakeReply get) {
    service_.set_handler([post, get](const RecordedRequest& r) {
      return std::optional<FakeReply>(r.method == "POST" ? post : get);
    });
  }
  ServiceResult call(const std::string& path, CallStats& stats, const std::string& fctn = "ENVOI") {
    return client_.call_sync(make_call(service_.url(path), fctn, "hello"), &stats);
  }

  FakeService service_;
  ServiceClient client_{test::quick_options()};
};

TEST_F(ServiceClientTransport, PostsTheJsonBodyToTheUrlWithoutItsQuery) {  // C-001, C-002, C-003, C-004
  reply_with(FakeReply::json(page("Bonjour")));
  CallStats stats;
  const ServiceResult result = call("/index.php?sc=a&step=2", stats, "CNX");
  ASSERT_FALSE(result.failed) << stats.error;
  EXPECT_EQ(service::parse_response(result.body).response.content, "Bonjour");
  EXPECT_FALSE(result.interpreter_url);
  EXPECT_EQ(stats.error, "");
  EXPECT_EQ(stats.http_status, 200);
  EXPECT_EQ(stats.attempts, 1);
  EXPECT_EQ(stats.bytes_received, result.body.size());
  EXPECT_GT(stats.bytes_sent, 0u);

  ASSERT_EQ(service_.request_count(), 1u);
  const RecordedRequest r = *service_.last_request();
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/index.php");
  EXPECT_EQ(r.header("User-Agent"), "MiniPAVI/1.6");
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.header("Accept"), "*/*");
  ASSERT_TRUE(r.request) << r.parse_error;
  EXPECT_EQ(r.request->fctn, "CNX");
  EXPECT_EQ(r.request->content, std::vector<std::string>{"hello"});
  ASSERT_TRUE(r.request->urlparams);
  EXPECT_EQ((*r.request->urlparams)["step"], "2");
}

TEST_F(ServiceClientTransport, ReusesItsConnection) {
  reply_with(FakeReply::json(page("x")));
  CallStats stats;
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(call("/", stats).failed);
  EXPECT_EQ(service_.request_count(), 5u);
  EXPECT_EQ(service_.connection_count(), 1u);
}

TEST_F(ServiceClientTransport, InvalidJsonIsAReplyMarkedNotJson) {  // C-078: the session shows ERR#03
  reply_with(FakeReply::invalid_json());
  CallStats stats;
  const ServiceResult result = call("/", stats);
  EXPECT_FALSE(result.failed);
  EXPECT_EQ(service::parse_response(result.body).status, service::ResponseStatus::not_json);
  EXPECT_EQ(stats.error, "not_json");
}

TEST_F(ServiceClientTransport, EmptyBodyIsNoResponse) {  // C-011
  reply_with(FakeReply::empty());
  CallStats stats;
  const ServiceResult result = call("/", stats);
  EXPECT_FALSE(result.failed);
  EXPECT_EQ(result.body, "");
  EXPECT_EQ(stats.error, "");
}

TEST_F(ServiceClientTransport, BodyOverTheLimitIsATransportError) {  // C-008, then the GET fallback (C-009)
  reply_with(FakeReply::oversized());
  CallStats stats;
  const ServiceResult result = call("/", stats);
  EXPECT_TRUE(result.failed);
  EXPECT_EQ(stats.error, "too_large");
  EXPECT_TRUE(stats.get_fallback);
  ASSERT_EQ(service_.request_count(), 2u);
  EXPECT_EQ(service_.requests()[1].method, "GET");
}

TEST_F(ServiceClientTransport, BodyOfExactlyTheLimitIsAccepted) {
  reply_with(FakeReply::oversized(service::kMaxResponseBytes));
  CallStats stats;
  const ServiceResult result = call("/", stats);
  ASSERT_FALSE(result.failed) << stats.error;
  EXPECT_EQ(result.body.size(), service::kMaxResponseBytes);
}

TEST_F(ServiceClientTransport, TimeoutIsRetriedThreeTimesWithoutFallback) {  // C-005, §7.3 step 3
  reply_with(FakeReply::json(page("late")).after(1500ms));
  CallStats stats;
  const ServiceResult result = call("/", stats);
  EXPECT_TRUE(result.failed);
  EXPECT_EQ(stats.error, "timeout");
  EXPECT_EQ(stats.attempts, 3);
  EXPECT_FALSE(stats.get_fallback);
  ASSERT_TRUE(service_.wait_for_requests(3, 5s));
  for (const auto& r : service_.requests()) EXPECT_EQ(r.method, "POST");
}

TEST_F(ServiceClientTransport, ATimeoutThenAReplySucceedsOnTheSecondAttempt) {
  std::atomic<int> seen{0};
  service_.set_handler([&seen](const RecordedRequest&) {
    return std::optional<FakeReply>(seen++ == 0 ? FakeReply::json(page("late")).after(1500ms)
                                                 : FakeReply::json(page("in time")));
  });
  CallStats stats;
  const ServiceResult result = call("/", stats);
  ASSERT_FALSE(result.failed) << stats.error;
  EXPECT_EQ(service::parse_response(result.body).response.content, "in time");
  EXPECT_EQ(stats.attempts, 2);
}

TEST_F(ServiceClientTransport, ResetThenNonXmlGetFails) {  // §7.3 step 4
  reply_by_method(FakeReply::connection_reset(), FakeReply::json(page("json, not XML")));
  CallStats stats;
  const ServiceResult result = call("/svc?x=1", stats);
  EXPECT_TRUE(result.failed);
  EXPECT_EQ(stats.error, "reset");
  EXPECT_TRUE(stats.get_fallback);
  ASSERT_EQ(service_.request_count(), 2u);
  const RecordedRequest get = service_.requests()[1];
  EXPECT_EQ(get.method, "GET");
  EXPECT_EQ(get.target, "/svc");
  EXPECT_EQ(get.body, "");
  EXPECT_EQ(get.header("User-Agent"),
            "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0");
  EXPECT_EQ(get.header("Accept"), "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
  EXPECT_EQ(get.header("Connection"), "keep-alive");
}

TEST_F(ServiceClientTransport, ClosedWithoutAnswerThenFailedGetFails) {
  reply_with(FakeReply::connection_close());
  CallStats stats;
  EXPECT_TRUE(call("/", stats).failed);
  EXPECT_EQ(stats.error, "reset");
  EXPECT_EQ(stats.attempts, 2);
}

TEST_F(ServiceClientTransport, ResetThenXmlGetIsTheReply) {  // C-009: other XML is processed (ERR#03 later)
  reply_by_method(FakeReply::connection_reset(), FakeReply::raw("<page>hi</page>", "text/xml"));
  CallStats stats;
  const ServiceResult result = call("/", stats);
  ASSERT_FALSE(result.failed) << stats.error;
  EXPECT_EQ(result.body, "<page>hi</page>");
  EXPECT_EQ(stats.error, "not_json");
}

TEST_F(ServiceClientTransport, ResetThenXmlInterpreterHandsOver) {  // C-009
  service_.set_handler([this](const RecordedRequest& r) {
    if (r.path == "/xmlint") return std::optional<FakeReply>(FakeReply::json(page("interpreted")));
    if (r.method == "POST") return std::optional<FakeReply>(FakeReply::connection_reset());
    return std::optional<FakeReply>(FakeReply::xml_interpreter(service_.url("/xmlint?url=")));
  });
  CallStats stats;
  const ServiceResult result = call("/page.xml", stats);
  ASSERT_FALSE(result.failed) << stats.error;
  EXPECT_EQ(service::parse_response(result.body).response.content, "interpreted");
  ASSERT_TRUE(result.interpreter_url);
  EXPECT_EQ(*result.interpreter_url, service_.url("/xmlint?url=") + service::php_urlencode(service_.url("/page.xml")));
  EXPECT_EQ(service_.request_count(), 3u);
}

TEST_F(ServiceClientTransport, Http500HtmlIsAReply) {  // C-007: the status is ignored
  reply_with(FakeReply::http500_html());
  CallStats stats;
  const ServiceResult result = call("/", stats);
  EXPECT_FALSE(result.failed);
  EXPECT_NE(result.body.find("<"), std::string::npos);
  EXPECT_EQ(stats.http_status, 500);
  EXPECT_EQ(stats.error, "http_500");
  EXPECT_EQ(service_.request_count(), 1u);
}

// C-006: 301 keeps the POST and its body, 302 and 303 turn into a GET without body, 307 and 308 keep the POST.
struct RedirectCase {
  int status;
  const char* method_after;
};

class ServiceClientRedirect : public ServiceClientTransport, public ::testing::WithParamInterface<RedirectCase> {};

TEST_P(ServiceClientRedirect, FollowsWithThePolicyOfTheOriginal) {
  const RedirectCase c = GetParam();
  service_.set_handler([c](const RecordedRequest& r) {
    if (r.path == "/moved") return std::optional<FakeReply>(FakeReply::redirect(c.status, "/there"));
    return std::optional<FakeReply>(FakeReply::json(page("arrived")));
  });
  CallStats stats;
  const ServiceResult result = call("/moved", stats);
  ASSERT_FALSE(result.failed) << stats.error;
  EXPECT_EQ(service::parse_response(result.body).response.content, "arrived");
  ASSERT_EQ(service_.request_count(), 2u);
  const RecordedRequest second = service_.requests()[1];
  EXPECT_EQ(second.path, "/there");
  EXPECT_EQ(second.method, c.method_after);
  if (std::string(c.method_after) == "POST") {
    ASSERT_TRUE(second.request) << second.parse_error;
    EXPECT_EQ(second.request->fctn, "ENVOI");
  } else {
    EXPECT_EQ(second.body, "");
  }
}

INSTANTIATE_TEST_SUITE_P(Statuses, ServiceClientRedirect,
                         ::testing::Values(RedirectCase{301, "POST"}, RedirectCase{302, "GET"},
                                           RedirectCase{303, "GET"}, RedirectCase{307, "POST"},
                                           RedirectCase{308, "POST"}),
                         [](const auto& info) { return std::to_string(info.param.status); });

TEST_F(ServiceClientTransport, RedirectLoopIsATransportError) {
  reply_with(FakeReply::redirect(302, "/loop"));
  CallStats stats;
  EXPECT_TRUE(call("/loop", stats).failed);
  EXPECT_EQ(stats.error, "redirects");
}

TEST_F(ServiceClientTransport, XmlInterpreterReplyResendsTheSameRequest) {  // C-010
  service_.set_handler([this](const RecordedRequest& r) {
    if (r.path == "/xmlint") return std::optional<FakeReply>(FakeReply::json(page("via XMLint")));
    return std::optional<FakeReply>(FakeReply::xml_interpreter(service_.url("/xmlint?url=")));
  });
  CallStats stats;
  const ServiceResult result = call("/page.xml?a=1", stats, "SUITE");
  ASSERT_FALSE(result.failed) << stats.error;
  EXPECT_EQ(service::parse_response(result.body).response.content, "via XMLint");
  EXPECT_EQ(stats.interpreter_hops, 1);
  ASSERT_EQ(service_.request_count(), 2u);
  const RecordedRequest second = service_.requests()[1];
  EXPECT_EQ(second.method, "POST");
  EXPECT_EQ(second.path, "/xmlint");
  ASSERT_TRUE(second.request);
  EXPECT_EQ(second.request->fctn, "SUITE");
  ASSERT_TRUE(second.request->urlparams);
  EXPECT_EQ((*second.request->urlparams)["url"], service_.url("/page.xml?a=1"));  // URLPARAMS of the new URL
  ASSERT_TRUE(result.interpreter_url);
  EXPECT_EQ(*result.interpreter_url, service_.url("/xmlint?url=") + service::php_urlencode(service_.url("/page.xml?a=1")));
}

TEST_F(ServiceClientTransport, EndlessInterpreterChainStopsAtTheCap) {
  reply_with(FakeReply::xml_interpreter(service_.url("/again?u=")));
  CallStats stats;
  const ServiceResult result = call("/", stats);
  EXPECT_FALSE(result.failed);
  EXPECT_EQ(stats.interpreter_hops, client_.options().max_interpreter_hops);
  EXPECT_EQ(stats.error, "not_json");
}

TEST_F(ServiceClientTransport, UrlWithoutHostFailsWithoutIo) {  // §7.3 step 1
  CallStats stats;
  EXPECT_TRUE(client_.call_sync(make_call(""), &stats).failed);
  EXPECT_EQ(stats.error, "bad_url");
  EXPECT_EQ(stats.attempts, 0);
}

TEST_F(ServiceClientTransport, UnencodableRequestFails) {  // §7.3 step 2: "%FF" in URLPARAMS is not UTF-8
  CallStats stats;
  EXPECT_TRUE(client_.call_sync(make_call(service_.url("/?v=%FF")), &stats).failed);
  EXPECT_EQ(stats.error, "encode");
  EXPECT_EQ(service_.request_count(), 0u);
}

TEST_F(ServiceClientTransport, RefusedConnectionFails) {
  std::string url;
  {
    FakeService gone;
    url = gone.url("/");
  }
  CallStats stats;
  EXPECT_TRUE(client_.call_sync(make_call(url), &stats).failed);
  EXPECT_EQ(stats.error, "connect");
  EXPECT_TRUE(stats.get_fallback);
}

}  // namespace
}  // namespace pavi::gateway
