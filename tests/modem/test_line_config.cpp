// The one-line channel description: every item, the canonical form, and one clear error for each kind of mistake.
#include <gtest/gtest.h>

#include "modem/line_config.hpp"

namespace pavi::line {
namespace {

ChannelConfig parsed(std::string_view text) {
  const auto result = parse_channel(text);
  EXPECT_TRUE(result.ok()) << text << ": " << result.error;
  return result.config;
}

std::string error_of(std::string_view text) {
  const auto result = parse_channel(text);
  EXPECT_FALSE(result.ok()) << text;
  return result.error;
}

TEST(LineConfig, TheIssueExample) {
  const auto config = parsed("awgn=12dB,g711u,burst=50ms@2s");
  ASSERT_EQ(config.impairments.size(), 3u);
  EXPECT_EQ(std::get<Awgn>(config.impairments[0]).snr_db, 12.0);
  EXPECT_EQ(std::get<G711RoundTrip>(config.impairments[1]).law, G711RoundTrip::Law::mu);
  const auto burst = std::get<BurstNoise>(config.impairments[2]);
  EXPECT_DOUBLE_EQ(burst.duration_s, 0.05);
  EXPECT_EQ(burst.timing.kind, EventTiming::Kind::once);
  EXPECT_DOUBLE_EQ(burst.timing.seconds, 2.0);
  EXPECT_EQ(burst.level_dbm0, -10.0);
}

TEST(LineConfig, EveryItem) {
  const auto config = parsed(
      "atten=6dB, gain=3dB, ebn0=10.5dB, noise=-50dBm0, offset=-7Hz, g711a, impulse=2/s:-6dBm0, burst=20ms/5s:-12dBm0,"
      "dropout=1s@3s, echo=-10dB@20ms, seed=42");
  ASSERT_EQ(config.impairments.size(), 10u);
  EXPECT_EQ(std::get<Gain>(config.impairments[0]).db, -6.0);
  EXPECT_EQ(std::get<Gain>(config.impairments[1]).db, 3.0);
  EXPECT_EQ(std::get<EbN0Noise>(config.impairments[2]).ebn0_db, 10.5);
  EXPECT_EQ(std::get<NoiseFloor>(config.impairments[3]).dbm0, -50.0);
  EXPECT_EQ(std::get<FrequencyOffset>(config.impairments[4]).hz, -7.0);
  EXPECT_EQ(std::get<G711RoundTrip>(config.impairments[5]).law, G711RoundTrip::Law::a);
  EXPECT_EQ(std::get<ImpulseNoise>(config.impairments[6]), (ImpulseNoise{2.0, -6.0}));
  EXPECT_EQ(std::get<BurstNoise>(config.impairments[7]), (BurstNoise{0.02, {EventTiming::Kind::random, 5.0}, -12.0}));
  EXPECT_EQ(std::get<Dropout>(config.impairments[8]), (Dropout{1.0, {EventTiming::Kind::once, 3.0}}));
  EXPECT_EQ(std::get<Echo>(config.impairments[9]), (Echo{-10.0, 0.02}));
  EXPECT_EQ(config.seed, 42u);
}

TEST(LineConfig, CleanAndEmptyAreAPerfectLine) {
  EXPECT_TRUE(parsed("").impairments.empty());
  EXPECT_TRUE(parsed("clean").impairments.empty());
  EXPECT_TRUE(parsed("  ").impairments.empty());
}

TEST(LineConfig, UnitsAreCaseInsensitive) {
  EXPECT_EQ(parsed("awgn=12DB"), parsed("awgn=12dB"));
  EXPECT_EQ(parsed("offset=5hz"), parsed("offset=5Hz"));
  EXPECT_EQ(parsed("dropout=20MS@1S"), parsed("dropout=20ms@1s"));
}

TEST(LineConfig, CanonicalTextParsesBackToTheSameConfig) {
  for (const char* text : {"awgn=12dB,g711u,burst=50ms@2s", "atten=6dB,gain=1.5dB,ebn0=9.75dB,seed=7",
                           "impulse=0.5/s,offset=-3.25Hz,g711a,echo=-20dB@125ms", "dropout=20ms/2s,burst=1.25s/30s:-3dBm0",
                           "noise=-60dBm0,dropout=33ms@1.001s", "clean"}) {
    const auto config = parsed(text);
    const auto canonical = to_string(config);
    EXPECT_EQ(parsed(canonical), config) << text << " -> " << canonical;
  }
  EXPECT_EQ(to_string(parsed("awgn=12dB,g711u,burst=50ms@2s")), "awgn=12dB,g711u,burst=50ms@2s:-10dBm0");
  EXPECT_EQ(to_string(parsed("atten=6dB")), "atten=6dB");
  EXPECT_EQ(to_string(ChannelConfig{}), "clean");
}

TEST(LineConfig, ErrorsNameTheItemAndTheProblem) {
  EXPECT_EQ(error_of("awgn=12"), "awgn: '12' has no unit (write e.g. 12dB)");
  EXPECT_EQ(error_of("awgn"), "awgn: needs a value, e.g. awgn=12dB");
  EXPECT_EQ(error_of("awgn=loud"), "awgn: expected a number with a unit like 12dB, got 'loud'");
  EXPECT_EQ(error_of("awgn=12dBm0"), "awgn: unit 'dBm0' is not accepted here (write e.g. 12dB)");
  EXPECT_EQ(error_of("g711u=1"), "g711u: takes no value");
  EXPECT_EQ(error_of("reverb=3dB").rfind("reverb: unknown impairment (known: gain, atten,", 0), 0u);
  EXPECT_EQ(error_of("burst=50ms"), "burst: expected DURATION@TIME (once) or DURATION/INTERVAL (random), got '50ms'");
  EXPECT_EQ(error_of("burst=0ms@1s"), "burst: a duration must be positive, got '0ms'");
  EXPECT_EQ(error_of("burst=1s/100ms"), "burst: the mean interval must not be shorter than the duration");
  EXPECT_EQ(error_of("dropout=1s@2s:-10dBm0"), "dropout: a dropout is silence and takes no level");
  EXPECT_EQ(error_of("offset=500Hz"), "offset: the offset in Hz must be between -200 and 200");
  EXPECT_EQ(error_of("echo=-10dB"), "echo: expected LEVEL@DELAY, e.g. echo=-10dB@20ms");
  EXPECT_EQ(error_of("echo=3dB@20ms"), "echo: the echo level must be between -100 and 0");
  EXPECT_EQ(error_of("impulse=0/s"), "impulse: the rate must be above 0 and at most 1000/s");
  EXPECT_EQ(error_of("seed=abc"), "seed: expected a whole number, e.g. seed=42");
  EXPECT_EQ(error_of("awgn=12dB,,g711u"), "empty item in the channel description (two commas in a row?)");
  EXPECT_EQ(error_of("=3dB"), "'=3dB': missing the impairment's name before '='");
  EXPECT_EQ(error_of("burst=1e3s@1s"), "burst: unit 'e3s' is not accepted here (write e.g. 50ms or 2s)");
  EXPECT_EQ(error_of("dropout=5ms@-1s"), "dropout: a time must not be negative, got '-1s'");
}

TEST(LineConfig, ReportsTheFirstBadItemOnly) {
  EXPECT_EQ(error_of("awgn=12dB,offset=x,g711q"), "offset: expected a number with a unit like 5Hz, got 'x'");
}

TEST(LineConfig, NeverThrowsOnJunk) {
  for (const char* junk : {",", "=", "@", "a=b=c", "burst=@/", "echo=@", "impulse=:", "seed=", "seed=99999999999999999999999",
                           "awgn=-", "awgn=.dB", "offset=+Hz", "\x01\x02"}) {
    EXPECT_NO_THROW({
      const auto r = parse_channel(junk);
      EXPECT_FALSE(r.ok()) << junk;
    });
  }
}

TEST(LineConfig, SyntaxHelpListsEveryItem) {
  const auto help = channel_syntax_help();
  for (const char* name : {"atten=", "awgn=", "ebn0=", "noise=", "offset=", "g711u", "g711a", "impulse=", "burst=", "dropout=",
                           "echo=", "seed="}) {
    EXPECT_NE(help.find(name), std::string_view::npos) << name;
  }
}

}  // namespace
}  // namespace pavi::line
