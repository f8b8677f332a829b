// URLPARAMS: PHP parse_str of the current URL's query (service-protocol.md §2.2, C-004).
#include <gtest/gtest.h>

#include "gateway/service_protocol/urlparams.hpp"

namespace pavi::service {
namespace {

std::string params(std::string_view query) {
  const auto decoded = urlparams_from_query(query);
  return decoded ? decoded->dump() : "absent";
}

TEST(UrlParams, PlainPairsAreUrlDecoded) {  // C-004
  EXPECT_EQ(params("sc=default&step=2"), R"({"sc":"default","step":"2"})");
  EXPECT_EQ(params("q=a+b%26c&e=%C3%A9"), R"({"q":"a b&c","e":"é"})");
}

TEST(UrlParams, ListsAndNestedObjects) {  // C-004
  EXPECT_EQ(params("a[]=1&a[]=2"), R"({"a":["1","2"]})");
  EXPECT_EQ(params("d[k]=v&d[j]=w"), R"({"d":{"k":"v","j":"w"}})");
  EXPECT_EQ(params("d[k][]=1&d[k][]=2&d[x][y]=z"), R"({"d":{"k":["1","2"],"x":{"y":"z"}}})");
}

TEST(UrlParams, DotsAndSpacesInNamesBecomeUnderscores) {  // C-004
  EXPECT_EQ(params("a.b=1&c+d=2&e%20f=3"), R"({"a_b":"1","c_d":"2","e_f":"3"})");
  EXPECT_EQ(params("a.b[c.d]=1"), R"({"a_b":{"c.d":"1"}})");  // only the top-level name is mangled
}

TEST(UrlParams, NameWithoutEqualsGetsEmptyString) {
  EXPECT_EQ(params("flag&x=1"), R"({"flag":"","x":"1"})");
  EXPECT_EQ(params("x="), R"({"x":""})");
}

TEST(UrlParams, SequentialNumericKeysGiveAJsonList) {
  EXPECT_EQ(params("0=a&1=b"), R"(["a","b"])");
  EXPECT_EQ(params("1=a&0=b"), R"({"1":"a","0":"b"})");  // not in order: an object
  EXPECT_EQ(params("0=a&2=b"), R"({"0":"a","2":"b"})");
  EXPECT_EQ(params("a[0]=x&a[1]=y"), R"({"a":["x","y"]})");
  EXPECT_EQ(params("a[01]=x"), R"({"a":{"01":"x"}})");  // a leading zero keeps the key a string
}

TEST(UrlParams, AbsentWhenTheQueryIsEmptyOrYieldsNothing) {  // C-004
  EXPECT_EQ(params(""), "absent");
  EXPECT_EQ(params("&&"), "absent");
  EXPECT_EQ(params("=x"), "absent");
  EXPECT_EQ(params("[a]=x"), "absent");
}

TEST(UrlParams, LaterValuesReplaceEarlierOnesInPlace) {
  EXPECT_EQ(params("a=1&b=2&a=3"), R"({"a":"3","b":"2"})");
  EXPECT_EQ(params("a[]=1&a=2"), R"({"a":"2"})");
  EXPECT_EQ(params("a=1&a[]=2"), R"({"a":["2"]})");
}

TEST(UrlParams, UnclosedBracketsAndTrailingText) {
  EXPECT_EQ(params("a[b=1"), R"({"a_b":"1"})");
  EXPECT_EQ(params("a[b][c=1"), R"({"a":{"b":"1"}})");
  EXPECT_EQ(params("a[b]c=1"), R"({"a":{"b":"1"}})");
  EXPECT_EQ(params("a[ ]=1"), R"({"a":["1"]})");
  EXPECT_EQ(params("  x=1"), R"({"x":"1"})");
}

TEST(UrlParams, ListIndexFollowsTheLargestIntegerKey) {
  EXPECT_EQ(params("a[5]=x&a[]=y"), R"({"a":{"5":"x","6":"y"}})");
  EXPECT_EQ(params("a[-3]=x&a[]=y"), R"({"a":{"-3":"x","-2":"y"}})");  // PHP >= 8.0
}

TEST(UrlParams, FromTheWholeUrl) {
  EXPECT_EQ(urlparams_from_url("http://127.0.0.1:8090/index.php?sc=default")->dump(), R"({"sc":"default"})");
  EXPECT_FALSE(urlparams_from_url("http://127.0.0.1:8090/index.php"));
  EXPECT_FALSE(urlparams_from_url("http://127.0.0.1:8090/index.php?"));
  EXPECT_EQ(urlparams_from_url("http://h/p?a=1#frag")->dump(), R"({"a":"1"})");
}

TEST(UrlParams, CookiePrefixesCannotBeForgedByMangling) {
  EXPECT_EQ(params("..Host-x=1&__Host-y=2"), R"({"__Host-y":"2"})");
}

}  // namespace
}  // namespace pavi::service
