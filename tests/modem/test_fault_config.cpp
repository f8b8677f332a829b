// The one-line description of a byte fault channel: parsing, errors, and printing back.
#include <gtest/gtest.h>

#include "modem/fault_config.hpp"

using namespace std::chrono_literals;
using pavi::modem::FaultConfig;
using pavi::modem::format_duration;
using pavi::modem::parse_duration;
using pavi::modem::parse_fault_config;
using pavi::modem::SimDuration;
using pavi::modem::SimTime;

namespace {

void expect_same(const FaultConfig& a, const FaultConfig& b) {
  EXPECT_EQ(a.ber, b.ber);
  EXPECT_EQ(a.burst_length, b.burst_length);
  EXPECT_EQ(a.burst_every, b.burst_every);
  EXPECT_EQ(a.drop, b.drop);
  EXPECT_EQ(a.garbage, b.garbage);
  EXPECT_EQ(a.dropout_length, b.dropout_length);
  EXPECT_EQ(a.dropout_every, b.dropout_every);
  ASSERT_EQ(a.dropouts_at.size(), b.dropouts_at.size());
  for (std::size_t i = 0; i < a.dropouts_at.size(); ++i) {
    EXPECT_EQ(a.dropouts_at[i].start, b.dropouts_at[i].start);
    EXPECT_EQ(a.dropouts_at[i].length, b.dropouts_at[i].length);
  }
  EXPECT_EQ(a.cut_after, b.cut_after);
  EXPECT_EQ(a.seed, b.seed);
}

}  // namespace

TEST(FaultConfig, ParsesTheUsualDescription) {
  const auto parsed = parse_fault_config("ber=1e-4,burst=8@2000,drop=1e-5,garbage=1e-5,seed=7");
  ASSERT_TRUE(parsed.config) << parsed.error;
  EXPECT_DOUBLE_EQ(parsed.config->ber, 1e-4);
  EXPECT_EQ(parsed.config->burst_length, 8);
  EXPECT_DOUBLE_EQ(parsed.config->burst_every, 2000.0);
  EXPECT_DOUBLE_EQ(parsed.config->drop, 1e-5);
  EXPECT_DOUBLE_EQ(parsed.config->garbage, 1e-5);
  EXPECT_EQ(parsed.config->seed, 7U);
  EXPECT_FALSE(parsed.config->clean());
}

TEST(FaultConfig, ParsesDropoutsAndTheCut) {
  const auto parsed = parse_fault_config(" dropout=1s@30s , dropout_at=5s:1s,dropout_at=1.5s:250ms, cut=100000 ");
  ASSERT_TRUE(parsed.config) << parsed.error;
  EXPECT_EQ(parsed.config->dropout_length, 1s);
  EXPECT_EQ(parsed.config->dropout_every, 30s);
  ASSERT_EQ(parsed.config->dropouts_at.size(), 2U);
  EXPECT_EQ(parsed.config->dropouts_at[0].start, SimTime{5s});
  EXPECT_EQ(parsed.config->dropouts_at[0].length, 1s);
  EXPECT_EQ(parsed.config->dropouts_at[1].start, SimTime{1500ms});
  EXPECT_EQ(parsed.config->dropouts_at[1].length, 250ms);
  EXPECT_EQ(parsed.config->cut_after, 100000U);
}

TEST(FaultConfig, EmptyAndNoneAreClean) {
  for (const char* text : {"", "none", "  "}) {
    const auto parsed = parse_fault_config(text);
    ASSERT_TRUE(parsed.config) << text;
    EXPECT_TRUE(parsed.config->clean());
  }
}

TEST(FaultConfig, BadDescriptionsGiveAnErrorInsteadOfThrowing) {
  for (const char* text :
       {"ber", "ber=2", "ber=abc", "ber=-1e-3", "burst=8", "burst=0@10", "burst=8@0.5", "dropout=1s", "dropout=1x@2s",
        "dropout=1s@0s", "dropout_at=5s", "seed=-1", "cut=x", "loss=1e-3", "ber=1e-3,,drop=1e-4"}) {
    const auto parsed = parse_fault_config(text);
    EXPECT_FALSE(parsed.config) << text;
    EXPECT_FALSE(parsed.error.empty()) << text;
  }
  EXPECT_NE(parse_fault_config("loss=1e-3").error.find("loss"), std::string::npos);
}

TEST(FaultConfig, PrintsBackToAnEquivalentDescription) {
  for (const char* text : {"ber=1e-4,burst=8@2000,drop=1e-5,garbage=1e-5,seed=7",
                           "dropout=1500ms@30s,dropout_at=5s:1s,cut=42,seed=3", "ber=0.003", "seed=9", "none"}) {
    const auto first = parse_fault_config(text);
    ASSERT_TRUE(first.config) << text;
    const std::string printed = to_string(*first.config);
    const auto second = parse_fault_config(printed);
    ASSERT_TRUE(second.config) << printed;
    expect_same(*first.config, *second.config);
  }
  EXPECT_EQ(to_string(FaultConfig{}), "none");
}

TEST(FaultConfig, Durations) {
  EXPECT_EQ(parse_duration("1s"), SimDuration{1s});
  EXPECT_EQ(parse_duration("250ms"), SimDuration{250ms});
  EXPECT_EQ(parse_duration("40us"), SimDuration{40us});
  EXPECT_EQ(parse_duration("1.5s"), SimDuration{1500ms});
  EXPECT_FALSE(parse_duration("1"));
  EXPECT_FALSE(parse_duration("s"));
  EXPECT_FALSE(parse_duration("-1s"));
  EXPECT_EQ(format_duration(1s), "1s");
  EXPECT_EQ(format_duration(1500ms), "1500ms");
  EXPECT_EQ(format_duration(40us), "40us");
}
