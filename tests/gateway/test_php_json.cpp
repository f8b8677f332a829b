// PHP-compatible JSON: json_decode verdicts and error messages (shown on ERR#03, C-078), json_encode bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "gateway/service_protocol/php_json.hpp"

namespace pavi::service {
namespace {

std::string error_of(std::string_view text, int depth = 512) {
  const auto result = php_json_decode(text, depth);
  return result.ok() ? "ok" : result.error;
}

TEST(PhpJsonDecode, AcceptsStrictJsonAndKeepsKeyOrder) {
  const auto result = php_json_decode(R"( {"b":1,"a":[true,false,null],"c":{"x":"y"}} )");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value->dump(), R"({"b":1,"a":[true,false,null],"c":{"x":"y"}})");
}

TEST(PhpJsonDecode, ScalarsAtTopLevelAreValid) {
  EXPECT_EQ(error_of("123"), "ok");
  EXPECT_EQ(error_of("\"text\""), "ok");
  EXPECT_EQ(error_of("null"), "ok");
}

TEST(PhpJsonDecode, SyntaxErrors) {
  for (const char* text : {"", "abc", "{\"a\":1,}", "[1,]", "{'a':1}", "01", "1.", "-", "TRUE", "{\"a\" 1}",
                           "[1 2]", "<html>Not found</html>", "Not found page", "\xEF\xBB\xBF{}"}) {
    EXPECT_EQ(error_of(text), php_json_error::syntax) << text;
  }
}

TEST(PhpJsonDecode, BadEscapeIsASyntaxError) { EXPECT_EQ(error_of(R"(["\q"])"), php_json_error::syntax); }

TEST(PhpJsonDecode, ControlCharactersAndUnterminatedStrings) {
  EXPECT_EQ(error_of("[\"a\nb\"]"), php_json_error::control_character);
  EXPECT_EQ(error_of("\"abc"), php_json_error::control_character);  // PHP reads its terminating NUL
  EXPECT_EQ(error_of(std::string_view("[1]\0", 4)), php_json_error::control_character);
}

TEST(PhpJsonDecode, Utf8AndSurrogates) {
  EXPECT_EQ(error_of("[\"\xC3\x28\"]"), php_json_error::malformed_utf8);
  EXPECT_EQ(error_of("[\"\xED\xA0\x80\"]"), php_json_error::malformed_utf8);  // an encoded surrogate
  EXPECT_EQ(error_of(R"(["\uD800"])"), php_json_error::unpaired_surrogate);
  EXPECT_EQ(error_of(R"(["\uDC00"])"), php_json_error::unpaired_surrogate);
  EXPECT_EQ(error_of(R"(["\u12G4"])"), php_json_error::unpaired_surrogate);  // any bad \u, as in PHP's scanner
  const auto pair = php_json_decode(R"(["\ud83d\ude00 \u00e9"])");
  ASSERT_TRUE(pair.ok());
  EXPECT_EQ((*pair.value)[0].get<std::string>(), "\xF0\x9F\x98\x80 \xC3\xA9");
}

TEST(PhpJsonDecode, DepthLimitCountsContainers) {
  std::string fifty(50, '[');
  fifty += std::string(50, ']');
  EXPECT_EQ(error_of(fifty, kResponseMaxDepth), "ok");
  std::string fifty_one(51, '[');
  fifty_one += std::string(51, ']');
  EXPECT_EQ(error_of(fifty_one, kResponseMaxDepth), php_json_error::depth);
}

TEST(PhpJsonDecode, PropertyNameStartingWithNulIsRefused) {
  EXPECT_EQ(error_of(R"({"\u0000a":1})"), php_json_error::property_name);
  EXPECT_EQ(error_of(R"({"a\u0000":1})"), "ok");
}

TEST(PhpJsonDecode, NumbersBecomeIntsOrFloatsAsInPhp) {
  const auto result = php_json_decode(R"([9223372036854775807, 9223372036854775808, -0, 1.5, 1e400])");
  ASSERT_TRUE(result.ok());
  const Json& v = *result.value;
  EXPECT_TRUE(v[0].is_number_integer());
  EXPECT_TRUE(v[1].is_number_float());  // too big for a PHP int
  EXPECT_TRUE(v[2].is_number_integer());
  EXPECT_DOUBLE_EQ(v[3].get<double>(), 1.5);
  EXPECT_TRUE(std::isinf(v[4].get<double>()));
}

TEST(PhpJsonDecode, RepeatedKeyKeepsItsPlaceAndTakesTheLastValue) {
  const auto result = php_json_decode(R"({"a":1,"b":2,"a":3})");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value->dump(), R"({"a":3,"b":2})");
}

TEST(PhpJsonEncode, PhpStyleEscapesSlashesAndNonAscii) {
  Json value = Json::object();
  value["url"] = "http://h/x";
  value["text"] = "é€😀";
  value["ctl"] = std::string("\x01\t\"\\", 4);
  const auto encoded = php_json_encode(value);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(*encoded.text,
            R"({"url":"http:\/\/h\/x","text":"\u00e9\u20ac\ud83d\ude00","ctl":"\u0001\t\"\\"})");
}

TEST(PhpJsonEncode, CompactStyleKeepsUtf8AndSlashes) {
  Json value = Json::array({"http://h/x", "é"});
  EXPECT_EQ(*php_json_encode(value, JsonStyle::compact).text, "[\"http://h/x\",\"é\"]");
}

TEST(PhpJsonEncode, InvalidUtf8FailsAsInPhp) {
  Json value = Json::object();
  value["k"] = std::string("\xFF");
  const auto encoded = php_json_encode(value);
  EXPECT_FALSE(encoded.ok());
  EXPECT_EQ(encoded.error, php_json_error::malformed_utf8);
}

TEST(PhpJsonEncode, FloatsUseShortestDigitsWithoutZeroFraction) {
  EXPECT_EQ(*php_json_encode(Json(1.0)).text, "1");
  EXPECT_EQ(*php_json_encode(Json(0.1)).text, "0.1");
  EXPECT_EQ(*php_json_encode(Json(-2.5)).text, "-2.5");
  EXPECT_EQ(*php_json_encode(Json(1e25)).text, "1.0e+25");
  EXPECT_EQ(*php_json_encode(Json(0.00001)).text, "1.0e-5");
  EXPECT_FALSE(php_json_encode(Json(std::numeric_limits<double>::infinity())).ok());
}

}  // namespace
}  // namespace pavi::service
