// URLs the PHP way: parse_url parts, FILTER_VALIDATE_URL (ERR#02/ERR#05 checks, C-080, C-083), urlencode.
#include <gtest/gtest.h>

#include "gateway/service_protocol/php_url.hpp"

namespace pavi::service {
namespace {

TEST(PhpParseUrl, FullUrl) {
  const auto url = php_parse_url("http://user:pw@h.example:8090/index.php?sc=a&step=2#frag");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->user, "user");
  EXPECT_EQ(url->pass, "pw");
  EXPECT_EQ(url->host, "h.example");
  EXPECT_EQ(url->port, 8090);
  EXPECT_EQ(url->path, "/index.php");
  EXPECT_EQ(url->query, "sc=a&step=2");
  EXPECT_EQ(url->fragment, "frag");
}

TEST(PhpParseUrl, HostAndPortWithoutScheme) {
  // The connectToTln form "host:port".
  const auto url = php_parse_url("localhost:9301");
  ASSERT_TRUE(url);
  EXPECT_FALSE(url->scheme);
  EXPECT_EQ(url->host, "localhost");
  EXPECT_EQ(url->port, 9301);
}

TEST(PhpParseUrl, Corners) {
  EXPECT_FALSE(php_parse_url("http://"));
  EXPECT_FALSE(php_parse_url("http:///path"));
  EXPECT_FALSE(php_parse_url("http://h:99999/"));
  const auto bare = php_parse_url("notaurl");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->path, "notaurl");
  EXPECT_FALSE(bare->host);
  const auto ipv6 = php_parse_url("http://[::1]:80/x");
  ASSERT_TRUE(ipv6);
  EXPECT_EQ(ipv6->host, "[::1]");
  EXPECT_EQ(ipv6->port, 80);
  const auto empty_query = php_parse_url("http://h/?");
  ASSERT_TRUE(empty_query);
  EXPECT_EQ(empty_query->query, "");
  const auto mailto = php_parse_url("mailto:a@b.c");
  ASSERT_TRUE(mailto);
  EXPECT_EQ(mailto->scheme, "mailto");
  EXPECT_EQ(mailto->path, "a@b.c");
}

TEST(PhpValidateUrl, AcceptsAbsoluteUrlsOfAnyScheme) {
  for (const char* url : {"http://127.0.0.1:8090/index.php?sc=default&step=2", "https://example.com",
                          "http://localhost/", "ftp://h/x", "mailto:a@b.c", "http://[::1]:8080/", "http://a-b.c./",
                          "HTTP://EXAMPLE.COM/"}) {
    EXPECT_TRUE(php_validate_url(url)) << url;
  }
}

TEST(PhpValidateUrl, RefusesWhatPhpRefuses) {
  for (const char* url : {"notaurl", "/relative/path", " http://h/", "http://h/ ", "http://my_host/", "http://-h/",
                          "http://h..x/", "http://h/é", "http:/x", "//h/x", "http://[::g]/", "",
                          "http://us er@h/"}) {
    EXPECT_FALSE(php_validate_url(url)) << url;
  }
}

TEST(PhpUrlCoding, EncodeAndDecode) {
  EXPECT_EQ(php_urlencode("http://127.0.0.1:8090/index.php?sc=ws&x=1 é"),
            "http%3A%2F%2F127.0.0.1%3A8090%2Findex.php%3Fsc%3Dws%26x%3D1+%C3%A9");
  EXPECT_EQ(php_url_decode("a+b%20c%zz%4"), "a b c%zz%4");
  EXPECT_EQ(php_url_decode("%C3%a9"), "é");
}

}  // namespace
}  // namespace pavi::service
