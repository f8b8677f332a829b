// The in-memory duplex byte pipe: line rates, latency, pacing, per-direction faults and the cut.
#include <gtest/gtest.h>

#include "modem/byte_link.hpp"

using namespace std::chrono_literals;
using pavi::modem::ByteLink;
using pavi::modem::ByteLinkConfig;
using pavi::modem::LinkEnd;
using pavi::modem::parse_fault_config;
using pavi::modem::SimTime;

TEST(ByteLink, ACharacterArrivesOneCharacterTimeLater) {
  ByteLink link;
  link.send(LinkEnd::a, 0x41, SimTime{});
  EXPECT_EQ(link.read(LinkEnd::b, SimTime{8332us}), "");
  EXPECT_EQ(link.next_arrival(LinkEnd::b), SimTime{8333us});
  EXPECT_EQ(link.read(LinkEnd::b, SimTime{8333us}), "A");
  EXPECT_EQ(link.read(LinkEnd::a, SimTime{1s}), "") << "nothing comes back";
}

TEST(ByteLink, TransmitterIsBusyForOneCharacter) {
  ByteLink link;
  EXPECT_TRUE(link.ready(LinkEnd::a, SimTime{}));
  link.send(LinkEnd::a, 0x41, SimTime{});
  EXPECT_FALSE(link.ready(LinkEnd::a, SimTime{8332us}));
  EXPECT_TRUE(link.ready(LinkEnd::a, SimTime{8333us}));
  EXPECT_TRUE(link.ready(LinkEnd::b, SimTime{})) << "the other direction is independent";
}

TEST(ByteLink, WritesDrainAt120CharactersPerSecond) {
  ByteLink link;
  link.write(LinkEnd::a, std::string(240, 'x'), SimTime{});
  EXPECT_FALSE(link.ready(LinkEnd::a, SimTime{}));
  EXPECT_EQ(link.read(LinkEnd::b, SimTime{1s}).size(), 120U);
  EXPECT_EQ(link.read(LinkEnd::b, SimTime{2s}).size(), 120U);
  EXPECT_TRUE(link.ready(LinkEnd::a, SimTime{2s}));
}

TEST(ByteLink, ReturnChannelRunsAt75BitsPerSecond) {
  ByteLink link;
  link.write(LinkEnd::b, "NA", SimTime{});
  EXPECT_EQ(link.read(LinkEnd::a, SimTime{133332us}), "");
  EXPECT_EQ(link.read(LinkEnd::a, SimTime{133333us}), "N");
  EXPECT_EQ(link.read(LinkEnd::a, SimTime{266666us}), "A");
}

TEST(ByteLink, LatencyIsAddedToEachDirection) {
  ByteLinkConfig config;
  config.a_to_b.latency = 40ms;
  ByteLink link(config);
  link.send(LinkEnd::a, 0x41, SimTime{});
  EXPECT_EQ(link.read(LinkEnd::b, SimTime{48332us}), "");
  EXPECT_EQ(link.read(LinkEnd::b, SimTime{48333us}), "A");
}

TEST(ByteLink, FaultsApplyOnlyToTheirDirection) {
  ByteLinkConfig config;
  config.a_to_b.faults = *parse_fault_config("ber=0.05,seed=2").config;
  config.a_to_b.bit_rate = 75;
  ByteLink link(config);
  const std::string data(500, 'U');
  link.write(LinkEnd::a, data, SimTime{});
  link.write(LinkEnd::b, data, SimTime{});
  EXPECT_NE(link.read(LinkEnd::b, SimTime{100s}), data);
  EXPECT_EQ(link.read(LinkEnd::a, SimTime{100s}), data);
  EXPECT_GT(link.fault_stats(LinkEnd::a).bits_flipped, 100U);
  EXPECT_EQ(link.fault_stats(LinkEnd::b).bits_flipped, 0U);
}

TEST(ByteLink, SameConfigurationSameBytes) {
  ByteLinkConfig config;
  config.a_to_b.faults = *parse_fault_config("ber=1e-2,drop=1e-2,garbage=1e-2,seed=5").config;
  std::string outputs[2];
  for (auto& output : outputs) {
    ByteLink link(config);
    link.write(LinkEnd::a, std::string(5000, 'k'), SimTime{});
    output = link.read(LinkEnd::b, SimTime{100s});
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  EXPECT_NE(outputs[0], std::string(5000, 'k'));
}

TEST(ByteLink, CutClosesTheDirectionLikeAFailCount) {
  ByteLinkConfig config;
  config.a_to_b.faults = *parse_fault_config("cut=3").config;
  ByteLink link(config);
  link.write(LinkEnd::a, "abcdef", SimTime{});
  EXPECT_EQ(link.read(LinkEnd::b, SimTime{1s}), "abc");
  EXPECT_TRUE(link.closed(LinkEnd::a));
  EXPECT_FALSE(link.closed(LinkEnd::b));
  link.close(LinkEnd::b);
  link.send(LinkEnd::b, 0x41, SimTime{2s});
  EXPECT_EQ(link.read(LinkEnd::a, SimTime{3s}), "");
}
