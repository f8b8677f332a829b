// Every fault mode of the fake service, seen by a client configured like the original gateway.
#include <gtest/gtest.h>

#include "tests/simulators/fake_service_client.hpp"
#include "gateway/service_protocol/response.hpp"
#include "gateway/service_protocol/xml_reply.hpp"
#include "simulators/fake_service/fake_service.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using test::CurlClient;

constexpr std::string_view kBody = R"({"PAVI":{"fctn":"ENVOI"}})";

class FakeServiceFaults : public ::testing::Test {
 protected:
  void reply_with(FakeReply reply) {
    service_.set_handler([reply](const RecordedRequest&) { return std::optional<FakeReply>(reply); });
  }
  FakeService service_;
  CurlClient client_;
};

TEST_F(FakeServiceFaults, InvalidJson) {  // C-078
  reply_with(FakeReply::invalid_json());
  const auto result = client_.post(service_.url("/"), kBody);
  ASSERT_TRUE(result.ok());
  const auto parse = service::parse_response(result.body);
  EXPECT_EQ(parse.status, service::ResponseStatus::not_json);
  EXPECT_EQ(parse.json_error, "Syntax error");
}

TEST_F(FakeServiceFaults, EmptyBody) {  // C-011
  reply_with(FakeReply::empty());
  const auto result = client_.post(service_.url("/"), kBody);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.body, "");
  EXPECT_EQ(service::parse_response(result.body).status, service::ResponseStatus::no_response);
}

TEST_F(FakeServiceFaults, OversizedBodyIsValidJsonOverTheLimit) {  // C-008
  reply_with(FakeReply::oversized());
  const auto whole = client_.post(service_.url("/"), kBody);
  ASSERT_TRUE(whole.ok());
  EXPECT_GE(whole.body.size(), 149990u);
  EXPECT_GT(whole.body.size(), service::kMaxResponseBytes);
  EXPECT_EQ(service::parse_response(whole.body).status, service::ResponseStatus::ok);
  client_.set_download_limit(static_cast<curl_off_t>(service::kMaxResponseBytes));
  EXPECT_EQ(client_.post(service_.url("/"), kBody).code, CURLE_ABORTED_BY_CALLBACK);
}

TEST_F(FakeServiceFaults, SlowReply) {  // C-005: what a timeout sees
  service::ServiceReply reply;
  reply.content = "late";
  reply_with(FakeReply::json(reply).after(2000ms));
  client_.set_timeout_ms(200);
  EXPECT_EQ(client_.post(service_.url("/"), kBody).code, CURLE_OPERATION_TIMEDOUT);
  reply_with(FakeReply::json(reply).after(300ms));
  client_.set_timeout_ms(20000);
  const auto result = client_.post(service_.url("/"), kBody);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(service::parse_response(result.body).response.content, "late");
}

TEST_F(FakeServiceFaults, ConnectionReset) {
  reply_with(FakeReply::connection_reset());
  const auto result = client_.post(service_.url("/"), kBody);
  EXPECT_TRUE(result.code == CURLE_RECV_ERROR || result.code == CURLE_GOT_NOTHING) << curl_easy_strerror(result.code);
  EXPECT_EQ(service_.request_count(), 1u);  // the request was read and recorded first
}

TEST_F(FakeServiceFaults, ConnectionClosedWithoutAnswer) {
  reply_with(FakeReply::connection_close());
  EXPECT_EQ(client_.post(service_.url("/"), kBody).code, CURLE_GOT_NOTHING);
}

TEST_F(FakeServiceFaults, Http500WithHtmlBody) {  // C-007
  reply_with(FakeReply::http500_html());
  const auto result = client_.post(service_.url("/"), kBody);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.status, 500);
  EXPECT_EQ(result.content_type, "text/html; charset=UTF-8");
  const auto parse = service::parse_response(result.body);
  ASSERT_EQ(parse.status, service::ResponseStatus::not_json);
  EXPECT_EQ(parse.body_excerpt,
            "500 Internal Server ErrorInternal Server ErrorThe fake service failed & said so.\r\nSecond line");
}

TEST_F(FakeServiceFaults, RedirectsAsCurlFollowsThem) {  // C-006
  service_.set_handler([this](const RecordedRequest& request) -> std::optional<FakeReply> {
    if (request.path == "/301") return FakeReply::redirect(301, "/new");
    if (request.path == "/302") return FakeReply::redirect(302, service_.url("/new"));
    if (request.path == "/307") return FakeReply::redirect(307, "/new");
    return std::nullopt;
  });
  const std::string body(kBody);
  const auto after = [&](const std::string& path) {
    service_.clear_requests();
    const auto result = client_.post(service_.url(path), body);
    EXPECT_TRUE(result.ok()) << path;
    EXPECT_EQ(result.redirects, 1) << path;
    const auto requests = service_.requests();
    EXPECT_EQ(requests.size(), 2u) << path;
    return requests.size() == 2 ? requests[1] : RecordedRequest{};
  };
  const auto moved = after("/301");
  EXPECT_EQ(moved.method, "POST");
  EXPECT_EQ(moved.path, "/new");
  EXPECT_EQ(moved.body, body);
  const auto found = after("/302");
  EXPECT_EQ(found.method, "GET");
  EXPECT_EQ(found.body, "");
  const auto temporary = after("/307");
  EXPECT_EQ(temporary.method, "POST");
  EXPECT_EQ(temporary.body, body);
}

TEST_F(FakeServiceFaults, XmlInterpreter) {  // C-009, C-010
  reply_with(FakeReply::xml_interpreter("http://127.0.0.1:1/xmlint?a=1&url="));
  const auto result = client_.post(service_.url("/"), kBody);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.content_type, "text/xml");
  const auto xml = service::classify_xml_reply(result.body);
  EXPECT_EQ(xml.kind, service::XmlReplyKind::interpreter);
  EXPECT_EQ(xml.interpreter_url, "http://127.0.0.1:1/xmlint?a=1&url=");
}

TEST_F(FakeServiceFaults, PostFailsThenTheFallbackGetFindsXml) {  // C-009: the "forced XML" path
  service_.set_handler([](const RecordedRequest& request) -> std::optional<FakeReply> {
    if (request.method == "POST") return FakeReply::connection_reset();
    return FakeReply::xml_interpreter("http://127.0.0.1:1/xmlint?url=");
  });
  EXPECT_FALSE(client_.post(service_.url("/page.xml"), kBody).ok());
  const auto get = client_.get(service_.url("/page.xml"));
  ASSERT_TRUE(get.ok());
  EXPECT_EQ(service::classify_xml_reply(get.body).kind, service::XmlReplyKind::interpreter);
}

}  // namespace
}  // namespace pavi::sim
