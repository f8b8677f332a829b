// PHP coercions of reply values: (int) casts (§5 "Numbers are coerced like PHP (int)"), string conversion and
// loose comparisons (echo, directcall, COMMAND name).
#include <gtest/gtest.h>

#include "gateway/service_protocol/php_strings.hpp"
#include "gateway/service_protocol/php_values.hpp"

namespace pavi::service {
namespace {

TEST(PhpInt, CastsLikePhp) {
  EXPECT_EQ(php_int(Json("12abc")), 12);
  EXPECT_EQ(php_int(Json("x")), 0);
  EXPECT_EQ(php_int(Json(" 42")), 42);
  EXPECT_EQ(php_int(Json("1e3")), 1000);
  EXPECT_EQ(php_int(Json("-7.9")), -7);
  EXPECT_EQ(php_int(Json(3.9)), 3);
  EXPECT_EQ(php_int(Json(true)), 1);
  EXPECT_EQ(php_int(Json(nullptr)), 0);
  EXPECT_EQ(php_int(Json::array()), 0);
  EXPECT_EQ(php_int(Json::array({1})), 1);
  EXPECT_EQ(php_int(Json::object()), 1);
  EXPECT_EQ(php_int(Json("99999999999999999999")), std::numeric_limits<std::int64_t>::max());
}

TEST(PhpString, ConvertsScalarsAndRefusesContainers) {
  EXPECT_EQ(php_string(Json(nullptr)), "");
  EXPECT_EQ(php_string(Json(true)), "1");
  EXPECT_EQ(php_string(Json(false)), "");
  EXPECT_EQ(php_string(Json(5)), "5");
  EXPECT_EQ(php_string(Json(1.5)), "1.5");
  EXPECT_EQ(php_string(Json(1e25)), "1.0E+25");
  EXPECT_EQ(php_string(Json::array()), std::nullopt);
  EXPECT_EQ(php_string(Json::object()), std::nullopt);
}

TEST(PhpLooseEquals, Php8Rules) {
  EXPECT_TRUE(php_loose_equals(Json("on"), "on"));
  EXPECT_TRUE(php_loose_equals(Json(true), "on"));  // C-028: a JSON true means "on"
  EXPECT_FALSE(php_loose_equals(Json(false), "on"));
  EXPECT_FALSE(php_loose_equals(Json(0), "on"));    // PHP 8: no more 0 == "on"
  EXPECT_FALSE(php_loose_equals(Json("ON"), "on"));
  EXPECT_TRUE(php_loose_equals(Json(nullptr), ""));
  EXPECT_FALSE(php_loose_equals(Json(0), ""));
  EXPECT_TRUE(php_loose_equals(Json("1e1"), "10"));  // two numeric strings compare as numbers
  EXPECT_TRUE(php_loose_equals(Json(10), "10.0"));
  EXPECT_FALSE(php_loose_equals(Json::array(), ""));
}

TEST(PhpTruthy, BoolCast) {
  EXPECT_FALSE(php_truthy(Json("0")));
  EXPECT_FALSE(php_truthy(Json("")));
  EXPECT_TRUE(php_truthy(Json("false")));
  EXPECT_TRUE(php_truthy(Json(1)));
  EXPECT_FALSE(php_truthy(Json::array()));
}

TEST(PhpStrings, TrimAndMultibyteSubstr) {
  EXPECT_EQ(php_trim(std::string_view(" \t\n\r\0\x0Bx \0", 9)), "x");
  EXPECT_EQ(utf8_length("héllo"), 5u);
  EXPECT_EQ(utf8_substr("héllo", 1, 2), "él");
  EXPECT_EQ(utf8_substr("héllo", 3), "lo");
  EXPECT_EQ(utf8_substr("abc", 5), "");
}

TEST(PhpStrings, StripCSlashes) {
  EXPECT_EQ(php_stripcslashes(R"(\x13\x41hello)"), "\x13\x41hello");  // §5.8, as sent by the lab
  EXPECT_EQ(php_stripcslashes(R"(\101\n\\\q\x)"), "A\n\\qx");
}

}  // namespace
}  // namespace pavi::service
