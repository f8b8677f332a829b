// PHP serialize() reading and writing, as the statistics files need it (visuweb-stats-recordings.md §4).
#include <gtest/gtest.h>

#include "gateway/operations/php_serialize.hpp"

namespace pavi::gateway::php {
namespace {

TEST(OperationsPhpSerialize, RoundTripsTheOriginalsExample) {
  const std::string text = R"(a:1:{i:22;a:1:{s:4:"TELN";a:2:{s:5:"count";i:2;s:8:"duration";i:24;}}})";
  const auto value = unserialize(text);
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(serialize(*value), text);
}

TEST(OperationsPhpSerialize, ReadsEveryScalar) {
  const auto value = unserialize(R"(a:6:{i:0;N;i:1;b:1;i:2;i:-7;i:3;d:1.5;i:4;s:3:"a"b";s:1:"k";a:0:{}})");
  ASSERT_TRUE(value.has_value());
  const auto& items = std::get<Array>(value->data);
  ASSERT_EQ(items.size(), 6u);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(items[0].second.data));
  EXPECT_EQ(std::get<bool>(items[1].second.data), true);
  EXPECT_EQ(std::get<long>(items[2].second.data), -7);
  EXPECT_DOUBLE_EQ(std::get<double>(items[3].second.data), 1.5);
  EXPECT_EQ(std::get<std::string>(items[4].second.data), "a\"b");  // lengths, not quotes, delimit strings
  EXPECT_EQ(std::get<std::string>(items[5].first), "k");
}

TEST(OperationsPhpSerialize, StringKeysFollowPhpsIntegerRule) {
  EXPECT_EQ(array_key("22"), Key(22L));
  EXPECT_EQ(array_key("-3"), Key(-3L));
  EXPECT_EQ(array_key("05"), Key(std::string("05")));
  EXPECT_EQ(array_key("0"), Key(0L));
  EXPECT_EQ(array_key("-0"), Key(std::string("-0")));
  EXPECT_EQ(array_key("+1"), Key(std::string("+1")));
  EXPECT_EQ(array_key("WS"), Key(std::string("WS")));
  const auto value = unserialize(R"(a:1:{s:2:"22";i:1;})");
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(std::get<Array>(value->data)[0].first, Key(22L));
}

TEST(OperationsPhpSerialize, RefusesBadInputWithoutThrowing) {
  for (const char* bad : {"", "a:1:{", "a:2:{i:1;i:2;}", "s:5:\"abc\";", "i:12", "i:1;junk", "O:8:\"stdClass\":0:{}",
                          "a:-1:{}", "b:2;", "d:x;", "a:1:{d:1.5;i:1;}", "s:-1:\"\";", "i:99999999999999999999;"}) {
    EXPECT_FALSE(unserialize(bad).has_value()) << bad;
  }
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "a:1:{i:0;";
  deep += "N;";
  for (int i = 0; i < 100; ++i) deep += "}";
  EXPECT_FALSE(unserialize(deep).has_value());
}

}  // namespace
}  // namespace pavi::gateway::php
