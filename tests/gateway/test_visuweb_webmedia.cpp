// WebMedia sequences in the terminal stream and the poll replies (service-protocol.md §6,
// visuweb-stats-recordings.md §2.2; C-130..C-133, C-135).
#include <gtest/gtest.h>

#include "gateway/session/webmedia.hpp"
#include "gateway/visuweb/visuweb_reply.hpp"

namespace pavi::gateway {
namespace {

std::string sequence(const std::string& body) { return "\x14#D" + body + "\x14#F"; }

TEST(WebMediaSequence, BodiesAreReadAsTheOriginalDoes) {  // C-130, C-135
  EXPECT_EQ(parse_media_body("YT:abc123"), (MediaRequest{"YT", "abc123"}));
  EXPECT_EQ(parse_media_body("YT: abc123 "), (MediaRequest{"YT", "abc123"}));
  EXPECT_EQ(parse_media_body("DM:x7tgad0"), (MediaRequest{"DM", "x7tgad0"}));
  EXPECT_EQ(parse_media_body("IMG:http://i/a.png"), (MediaRequest{"IMG", "http://i/a.png"}));
  EXPECT_EQ(parse_media_body("SND:https://s/a.mp3"), (MediaRequest{"SND", "https://s/a.mp3"}));
  EXPECT_EQ(parse_media_body("VID:not a url"), std::nullopt);
  EXPECT_EQ(parse_media_body("URL:nope"), std::nullopt);
  EXPECT_EQ(parse_media_body("IMG:"), std::nullopt);
  EXPECT_EQ(parse_media_body("XX:abc"), std::nullopt);
  EXPECT_EQ(parse_media_body("YT:a\nb"), std::nullopt);
  // URL is looked for first, anywhere in the body.
  EXPECT_EQ(parse_media_body("YT:abc URL:http://u/"), (MediaRequest{"URL", "http://u/"}));
}

TEST(WebMediaSequence, FoundAcrossWritesAndOnlyOnce) {
  MediaSequenceScanner scanner;
  const std::string seq = "\x1f\x40\x41\x1b\x40" + sequence("YT:abc123") + "\x18\x0a";
  EXPECT_EQ(scanner.feed(seq.substr(0, 6)), std::nullopt);
  EXPECT_EQ(scanner.feed(seq.substr(6, 5)), std::nullopt);
  EXPECT_EQ(scanner.feed(seq.substr(11)), (MediaRequest{"YT", "abc123"}));
  EXPECT_EQ(scanner.feed("x"), std::nullopt);  // the original could fire again here
  EXPECT_EQ(scanner.feed(""), std::nullopt);
  // A marker split right at the boundary.
  EXPECT_EQ(scanner.feed("abc\x14"), std::nullopt);
  EXPECT_EQ(scanner.feed("#DYT:z\x14#"), std::nullopt);
  EXPECT_EQ(scanner.feed("F"), (MediaRequest{"YT", "z"}));
}

TEST(WebMediaSequence, ANestedStartBeginsTheRealSequence) {
  MediaSequenceScanner scanner;
  EXPECT_EQ(scanner.feed(sequence("junk\x14#DYT:real")), (MediaRequest{"YT", "real"}));
  EXPECT_EQ(scanner.feed("\x14#D" + std::string(400, 'a')), std::nullopt);  // too long to be one
  EXPECT_EQ(scanner.feed("YT:q\x14#F"), std::nullopt);
  EXPECT_EQ(scanner.feed(sequence("DM:1") + sequence("DM:2")), (MediaRequest{"DM", "2"}));
}

TEST(WebMediaState, ANewerRequestReplacesAnUnfetchedOneAndAPollTakesIt) {  // C-131, C-135
  WebMediaState state;
  const SessionTime t0 = SessionTime{} + std::chrono::hours(1);
  EXPECT_TRUE(state.on_output(sequence("YT:first")));
  EXPECT_FALSE(state.on_output(sequence("VID:bad url")));  // invalid: the pending one stays
  EXPECT_TRUE(state.on_output(sequence("YT:second")));
  EXPECT_EQ(state.active(t0), 0);
  EXPECT_EQ(state.poll(t0).media, (MediaRequest{"YT", "second"}));
  EXPECT_EQ(state.poll(t0).media, std::nullopt);
  EXPECT_EQ(state.active(t0 + std::chrono::milliseconds(4999)), 1);  // C-025
  EXPECT_EQ(state.active(t0 + seconds(5)), 0);
}

TEST(WebMediaReply, BodiesAndHeadersAreTheOriginals) {  // C-131, C-132, C-133
  EXPECT_EQ(visuweb::webmedia_body(std::nullopt), "{\"result\":\"KO\"}");
  EXPECT_EQ(visuweb::webmedia_body(WebMediaPoll{}), "{\"result\":\"OK\",\"content\":\"0\"}");
  EXPECT_EQ(visuweb::webmedia_body(WebMediaPoll{MediaRequest{"YT", "abc123"}}),
            "{\"result\":\"OK\",\"content\":\"1\",\"type\":\"YT\",\"infos\":\"abc123\"}");
  EXPECT_EQ(visuweb::webmedia_body(WebMediaPoll{MediaRequest{"URL", "http://a/b"}}),
            "{\"result\":\"OK\",\"content\":\"1\",\"type\":\"URL\",\"infos\":\"http:\\/\\/a\\/b\"}");
  EXPECT_EQ(visuweb::webmedia_reply("http://emu", std::nullopt),
            "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: http://emu\r\nContent-Length: 15\r\n"
            "Content-Type: application/json; charset=utf-8\r\n\r\n{\"result\":\"KO\"}");
  EXPECT_TRUE(visuweb::webmedia_reply("", std::nullopt).starts_with("HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: \r\n"));
}

TEST(VisuWebReply, UnauthorizedHasTheBasicChallengeAndNoBody) {  // C-136
  EXPECT_EQ(visuweb::unauthorized_reply(),
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"insert realm\", charset=\"UTF-8\"\r\n\r\n");
  EXPECT_EQ(visuweb::ok_reply("text/html; charset=utf-8", "abc"),
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Type: text/html; charset=utf-8\r\n\r\nabc");
}

}  // namespace
}  // namespace pavi::gateway
