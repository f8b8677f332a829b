// VisuWeb request parsing with the original's quirks (visuweb-stats-recordings.md §1).
#include <gtest/gtest.h>

#include "gateway/visuweb/visuweb_request.hpp"

namespace pavi::gateway::visuweb {
namespace {

TEST(VisuWebRequest, QuestionMarksAreRemovedSoBothFormsMeanTheSame) {  // C-137
  const auto with = parse_visuweb_request("GET /?action=stats&m=3 HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto without = parse_visuweb_request("GET /action=stats&m=3 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(with.param("action"), "stats");
  EXPECT_EQ(with.query, without.query);
  EXPECT_EQ(with.param("m"), "3");
  const auto odd = parse_visuweb_request("GET /?act?ion=visu?json HTTP/1.1\r\n\r\n");
  EXPECT_EQ(odd.param("action"), "visujson");
}

TEST(VisuWebRequest, ValuesAreUrlDecoded) {
  const auto request = parse_visuweb_request("GET /?action=webmedia&pin=12%334&lastevent=S+T HTTP/1.1\r\n\r\n");
  EXPECT_EQ(request.param("pin"), "1234");
  EXPECT_EQ(request.param("lastevent"), "S T");
  EXPECT_TRUE(request.has_param("lastevent"));
  EXPECT_FALSE(request.has_param("other"));
}

TEST(VisuWebRequest, OtherMethodsAndHttp10GiveNoParameters) {
  EXPECT_TRUE(parse_visuweb_request("GET /?action=stats HTTP/1.0\r\n\r\n").query.empty());
  EXPECT_TRUE(parse_visuweb_request("POST /?action=stats HTTP/1.1\r\n\r\n").query.empty());
  EXPECT_FALSE(parse_visuweb_request("POST /?action=stats HTTP/1.1\r\n\r\n").has_get_line);
}

TEST(VisuWebRequest, TheGetLineMayBeAnyHeaderLineButNotInTheBody) {
  const auto later = parse_visuweb_request("FOO\r\nGET /?action=visujson HTTP/1.1\r\n\r\n");
  EXPECT_EQ(later.param("action"), "visujson");
  const auto body = parse_visuweb_request("POST / HTTP/1.1\r\n\r\nGET /?action=visujson HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(body.query.empty());
  const auto first_wins = parse_visuweb_request("GET /?a=1 HTTP/1.1\nGET /?a=2 HTTP/1.1\n\n");
  EXPECT_EQ(first_wins.param("a"), "1");  // bare LF line ends work too
}

TEST(VisuWebRequest, HeadersAreFoundCaseInsensitivelyAndKeptAsLines) {
  const auto request = parse_visuweb_request("GET / HTTP/1.1\r\norigin:  http://a.b \r\nX: y\r\n\r\n");
  EXPECT_EQ(request.header("Origin"), "http://a.b");
  EXPECT_EQ(request.header("Missing"), "");
  ASSERT_EQ(request.lines.size(), 3u);
  EXPECT_EQ(request.lines[2], "X: y");
}

TEST(VisuWebRequest, PathIsTheTargetBeforeItsQueryOnAnyVersion) {
  EXPECT_EQ(parse_visuweb_request("GET /metrics HTTP/1.1\r\n\r\n").path(), "/metrics");
  EXPECT_EQ(parse_visuweb_request("GET /metrics?x=1 HTTP/1.0\r\n\r\n").path(), "/metrics");
  EXPECT_EQ(parse_visuweb_request("GET /?action=stats HTTP/1.1\r\n\r\n").path(), "/");
  EXPECT_EQ(parse_visuweb_request("garbage").path(), "");
}

TEST(VisuWebRequest, GarbageNeverThrows) {
  EXPECT_NO_THROW(parse_visuweb_request(std::string("\0\r\n\r\n", 5)));
  EXPECT_NO_THROW(parse_visuweb_request("GET / HTTP/1.1"));
  EXPECT_NO_THROW(parse_visuweb_request("GET /%%%&&&==%zz HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(parse_query("=x&&a&b=1=2")["b"], "1=2");
}

}  // namespace
}  // namespace pavi::gateway::visuweb
