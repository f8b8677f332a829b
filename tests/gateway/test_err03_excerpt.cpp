// The ERR#03 body excerpt: htmlspecialchars_decode, <br> -> CR LF, strip_tags, trim, 400 bytes (C-078).
#include <gtest/gtest.h>

#include "gateway/service_protocol/html_excerpt.hpp"

namespace pavi::service {
namespace {

TEST(HtmlSpecialCharsDecode, OnlyTheFiveSpecialCharacters) {
  EXPECT_EQ(php_htmlspecialchars_decode("&lt;a&gt; &amp; &quot;q&quot; &#039;s&#39; &#x27;"), "<a> & \"q\" 's' '");
  EXPECT_EQ(php_htmlspecialchars_decode("&eacute; &nbsp; &apos; &#233;"), "&eacute; &nbsp; &apos; &#233;");
  EXPECT_EQ(php_htmlspecialchars_decode("a&lt"), "a&lt");
}

TEST(StripTags, RemovesTagsCommentsAndCode) {
  EXPECT_EQ(php_strip_tags("<p class=\"a>b\">Hi</p>"), "Hi");
  EXPECT_EQ(php_strip_tags("a < b and c > d"), "a < b and c > d");
  EXPECT_EQ(php_strip_tags("x<!-- <p>hidden</p> -->y"), "xy");
  EXPECT_EQ(php_strip_tags("x<?php echo '>'; ?>y"), "xy");
  EXPECT_EQ(php_strip_tags("<!DOCTYPE html><html>t</html>"), "t");
  EXPECT_EQ(php_strip_tags("open <b"), "open ");
}

TEST(Err03Excerpt, WholePipeline) {
  EXPECT_EQ(err03_body_excerpt("  <h1>Error</h1>&lt;b&gt;bold&lt;/b&gt;<BR />next  "), "Errorbold\r\nnext");
  const std::string long_body(1000, 'x');
  EXPECT_EQ(err03_body_excerpt(long_body).size(), 400u);
  // A byte cut, as PHP substr: it may split a UTF-8 sequence.
  std::string accents(399, 'a');
  accents += "é";
  EXPECT_EQ(err03_body_excerpt(accents), std::string(399, 'a') + "\xC3");
}

}  // namespace
}  // namespace pavi::service
