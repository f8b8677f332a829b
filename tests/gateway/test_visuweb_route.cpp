// Authentication and routing of the VisuWeb port (visuweb-stats-recordings.md §2.1, C-132, C-136).
#include <gtest/gtest.h>

#include "gateway/visuweb/visuweb_route.hpp"

namespace pavi::gateway::visuweb {
namespace {

// base64("minipavi:1234")
constexpr const char* kGoodAuth = "Authorization: Basic bWluaXBhdmk6MTIzNA==";

VisuAccess access() { return VisuAccess{"minipavi", "1234", {"10.0.0.7"}, false}; }

VisuRequest get(const std::string& target, const std::string& extra = "") {
  return parse_visuweb_request("GET " + target + " HTTP/1.1\r\nHost: h\r\n" + extra + "\r\n");
}

TEST(VisuWebRoute, TheExpectedAuthorizationLineIsBasicOfUserColonPassword) {
  EXPECT_EQ(expected_authorization("minipavi", "1234"), kGoodAuth);
}

TEST(VisuWebRoute, EveryPageButWebmediaNeedsAuthentication) {  // C-136
  for (const char* target : {"/", "/?action=visujson", "/action=stats", "/?action=nope", "/metrics"}) {
    EXPECT_EQ(route(get(target), access(), "127.0.0.1"), Page::unauthorized) << target;
  }
  EXPECT_EQ(route(get("/?action=webmedia&pin=1234"), access(), "127.0.0.1"), Page::webmedia);
}

TEST(VisuWebRoute, GoodCredentialsOpenEveryPage) {
  const std::string auth = std::string(kGoodAuth) + "\r\n";
  EXPECT_EQ(route(get("/", auth), access(), "127.0.0.1"), Page::live);
  EXPECT_EQ(route(get("/?action=", auth), access(), "127.0.0.1"), Page::live);
  EXPECT_EQ(route(get("/?action=visujson", auth), access(), "127.0.0.1"), Page::visujson);
  EXPECT_EQ(route(get("/action=stats", auth), access(), "127.0.0.1"), Page::stats);
  EXPECT_EQ(route(get("/metrics", auth), access(), "127.0.0.1"), Page::metrics);
  EXPECT_EQ(route(get("/?action=foo", auth), access(), "127.0.0.1"), Page::other);
}

TEST(VisuWebRoute, WrongOrDifferentlySpelledCredentialsAreRefused) {
  const VisuAccess a = access();
  EXPECT_EQ(route(get("/", "Authorization: Basic bWluaXBhdmk6MTIzNQ==\r\n"), a, "127.0.0.1"), Page::unauthorized);
  // The original compares the whole line as text: case and spacing matter.
  EXPECT_EQ(route(get("/", "authorization: Basic bWluaXBhdmk6MTIzNA==\r\n"), a, "127.0.0.1"), Page::unauthorized);
  EXPECT_EQ(route(get("/", "Authorization: Basic  bWluaXBhdmk6MTIzNA==\r\n"), a, "127.0.0.1"), Page::unauthorized);
  EXPECT_EQ(route(get("/", "Authorization: Basic bWluaXBhdmk6MTIzNA== \r\n"), a, "127.0.0.1"), Page::unauthorized);
}

TEST(VisuWebRoute, AllowipBypassesAuthenticationByExactText) {
  EXPECT_EQ(route(get("/?action=visujson"), access(), "10.0.0.7"), Page::visujson);
  EXPECT_EQ(route(get("/?action=visujson"), access(), "10.0.0.70"), Page::unauthorized);
}

TEST(VisuWebRoute, EmptyCredentialsNeverAuthenticate) {
  VisuAccess open = access();
  open.user.clear();
  open.password.clear();
  EXPECT_EQ(route(get("/", "Authorization: Basic Og==\r\n"), open, "127.0.0.1"), Page::unauthorized);
}

TEST(VisuWebRoute, AWebmediaPinMustBeExactlyFourCharacters) {  // C-132
  EXPECT_EQ(route(get("/?action=webmedia&pin=123"), access(), "1.2.3.4"), Page::webmedia_refused);
  EXPECT_EQ(route(get("/?action=webmedia&pin=12345"), access(), "1.2.3.4"), Page::webmedia_refused);
  EXPECT_EQ(route(get("/?action=webmedia"), access(), "1.2.3.4"), Page::webmedia_refused);
  EXPECT_EQ(route(get("/action=webmedia&pin=abcd"), access(), "1.2.3.4"), Page::webmedia);
}

TEST(VisuWebRoute, ProxyExistsOnlyWithSsl) {
  const std::string auth = std::string(kGoodAuth) + "\r\n";
  VisuAccess with_ssl = access();
  with_ssl.ssl = true;
  EXPECT_EQ(route(get("/?action=proxy&url=x", auth), access(), "1.2.3.4"), Page::other);
  EXPECT_EQ(route(get("/?action=proxy&url=x", auth), with_ssl, "1.2.3.4"), Page::proxy);
  EXPECT_EQ(route(get("/?action=proxy&url=x"), with_ssl, "1.2.3.4"), Page::unauthorized);
}

}  // namespace
}  // namespace pavi::gateway::visuweb
