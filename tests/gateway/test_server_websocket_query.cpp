// WebSocket start parameters read as the original reads them (gateway-behaviour.md §14).
#include <gtest/gtest.h>

#include "gateway/server/websocket_query.hpp"

namespace pavi::gateway {
namespace {

TEST(WebSocketQuery, UrlDecodedValuesFromSlashQuestionMarkOnly) {
  const auto query = websocket_query("/?url=http%3A%2F%2Fa.example%2Fx+y&seq=3");
  EXPECT_EQ(query.at("url"), "http://a.example/x y");
  EXPECT_EQ(query.at("seq"), "3");
  EXPECT_TRUE(websocket_query("/path?url=http%3A%2F%2Fa").empty());  // "GET /path?url=" gives no parameters
  EXPECT_TRUE(websocket_query("/").empty());
}

TEST(WebSocketQuery, PairsThatDoNotSplitInTwoAreDropped) {
  const auto query = websocket_query("/?url=http://a.example/?x=1&flag&empty=&Url=keep");
  EXPECT_EQ(query.count("url"), 0u);  // a raw '=' in the value loses the parameter
  EXPECT_EQ(query.count("flag"), 0u);
  EXPECT_EQ(query.at("empty"), "");
  EXPECT_EQ(query.at("Url"), "keep");  // names are not changed
}

}  // namespace
}  // namespace pavi::gateway
