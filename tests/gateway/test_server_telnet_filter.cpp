// Telnet IAC handling, used by the gateway on its telnet input and by the simulated terminal on telnet://
// lines: commands removed, options refused once, IAC IAC kept.
#include <gtest/gtest.h>

#include "gateway/server/telnet_filter.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using test::bytes;

TEST(TelnetFilter, PlainDataPassesUnchanged) {
  TelnetFilter filter;
  std::string data, replies;
  filter.feed(bytes("0C \"HELLO\" 1B 39 7B"), data, replies);
  EXPECT_EQ(data, bytes("0C \"HELLO\" 1B 39 7B"));
  EXPECT_TRUE(replies.empty());
  EXPECT_EQ(filter.filtered_bytes(), 0u);
}

TEST(TelnetFilter, NegotiationIsRemovedAndRefused) {
  TelnetFilter filter;
  std::string data, replies;
  filter.feed(bytes("FF FD 01 \"A\" FF FB 03 \"B\" FF FC 22 FF FE 18"), data, replies);
  EXPECT_EQ(data, "AB");
  EXPECT_EQ(replies, bytes("FF FC 01 FF FE 03"));  // DO ECHO -> WONT; WILL SGA -> DONT; WONT/DONT unanswered
}

TEST(TelnetFilter, EachRequestIsAnsweredOnce) {
  TelnetFilter filter;
  std::string data, replies;
  filter.feed(bytes("FF FD 01 FF FD 01"), data, replies);
  EXPECT_EQ(replies, bytes("FF FC 01"));
}

TEST(TelnetFilter, NoAnswersWhenRefusalIsOff) {
  TelnetFilter filter(false);
  std::string data, replies;
  filter.feed(bytes("FF FD 01 \"A\""), data, replies);
  EXPECT_EQ(data, "A");
  EXPECT_TRUE(replies.empty());
}

TEST(TelnetFilter, SubnegotiationAndCommandsAreRemoved) {
  TelnetFilter filter;
  std::string data, replies;
  filter.feed(bytes("\"X\" FF FA 18 01 FF FF 41 FF F0 \"Y\" FF F1 \"Z\""), data, replies);
  EXPECT_EQ(data, "XYZ");
}

TEST(TelnetFilter, EscapedIacIsAData0xFF) {
  TelnetFilter filter;
  std::string data, replies;
  filter.feed(bytes("41 FF FF 42"), data, replies);
  EXPECT_EQ(data, bytes("41 FF 42"));
  EXPECT_EQ(TelnetFilter::escape(bytes("41 FF 42")), bytes("41 FF FF 42"));
}

TEST(TelnetFilter, SequencesSplitAcrossChunks) {
  TelnetFilter filter;
  std::string data, replies;
  for (const char byte : bytes("\"A\" FF FD 01 FF FA 18 FF F0 FF FF \"B\"")) filter.feed(std::string(1, byte), data, replies);
  EXPECT_EQ(data, bytes("\"A\" FF \"B\""));
  EXPECT_EQ(replies, bytes("FF FC 01"));
}

TEST(TelnetFilter, GarbageNeverThrowsAndEndsInPlainData) {
  TelnetFilter filter;
  std::string data, replies;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919 + 13) & 0xFF);
  filter.feed(garbage, data, replies);
  filter.feed(bytes("FF F0 FF F0"), data, replies);  // leaves any subnegotiation
  data.clear();
  filter.feed("OK", data, replies);
  EXPECT_EQ(data, "OK");
}

}  // namespace
}  // namespace pavi::gateway
