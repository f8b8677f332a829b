// The line channel's impairments, each measured on simple signals, and its determinism (same seed, same audio,
// however the stream is cut into blocks).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "modem/line_channel.hpp"
#include "modem/line_levels.hpp"
#include "tests/modem/test_v23_support.hpp"

namespace pavi::line {
namespace {

std::vector<std::int16_t> sine(double hz, double dbm0, double seconds) {
  std::vector<std::int16_t> out(static_cast<std::size_t>(seconds * kSampleRate));
  const double peak = dbm0_to_peak(dbm0);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::int16_t>(std::lround(peak * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / kSampleRate)));
  }
  return out;
}

std::vector<std::int16_t> run(std::string_view text, std::vector<std::int16_t> audio, ChannelContext context = {}) {
  const auto parsed = parse_channel(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error;
  LineChannel line(parsed.config, context);
  line.process(audio);
  return audio;
}

TEST(LineLevels, Dbm0ScaleMatchesSpandsp) {
  EXPECT_NEAR(dbm0_to_rms(-28.0), 642.0, 5.0);  // fsk_tx_power(-28) -> RMS 642 (v23-modem.md §5)
  EXPECT_NEAR(dbm0_to_peak(3.14), 32767.0, 1e-6);
  EXPECT_NEAR(rms_to_dbm0(dbm0_to_rms(-17.5)), -17.5, 1e-9);
  EXPECT_NEAR(snr_for_ebn0(10.0, 1200.0), 10.0 - 5.229, 0.001);
  EXPECT_NEAR(snr_for_ebn0(10.0, 75.0), 10.0 - 17.27, 0.01);
}

TEST(LineChannel, CleanLineChangesNothing) {
  const auto in = sine(1300, -22, 0.5);
  EXPECT_EQ(run("clean", in), in);
}

TEST(LineChannel, AttenuationAndGain) {
  const auto in = sine(1000, -20, 1.0);
  EXPECT_NEAR(test::rms(run("atten=6dB", in)) / test::rms(in), 0.501, 0.002);
  EXPECT_NEAR(test::rms(run("gain=6dB", in)) / test::rms(in), 1.995, 0.005);
}

TEST(LineChannel, GainBeyondFullScaleClipsAndCounts) {
  const auto parsed = parse_channel("gain=20dB");
  LineChannel line(parsed.config, {});
  auto audio = sine(1000, -3, 0.1);
  line.process(audio);
  EXPECT_GT(line.clipped_samples(), 0u);
  EXPECT_EQ(line.samples_processed(), audio.size());
}

TEST(LineChannel, AwgnIsSetAgainstTheNominalSignalLevel) {
  const std::vector<std::int16_t> silence(80000, 0);
  EXPECT_NEAR(test::rms(run("awgn=20dB", silence, {-22.0, 1200.0})), dbm0_to_rms(-42.0), 0.02 * dbm0_to_rms(-42.0));
  // The nominal level follows the gains before the noise.
  EXPECT_NEAR(test::rms(run("atten=10dB,awgn=20dB", silence, {-22.0, 1200.0})), dbm0_to_rms(-52.0), 0.03 * dbm0_to_rms(-52.0));
  EXPECT_NEAR(test::rms(run("noise=-50dBm0", silence)), dbm0_to_rms(-50.0), 0.03 * dbm0_to_rms(-50.0));
}

TEST(LineChannel, EbN0DependsOnTheBitRate) {
  const std::vector<std::int16_t> silence(80000, 0);
  // Eb/N0 = S/N * 4000/R: 10 dB is an SNR of 4.77 dB at 1200 bit/s and of -7.27 dB at 75 bit/s.
  EXPECT_NEAR(rms_to_dbm0(test::rms(run("ebn0=10dB", silence, {-22.0, 1200.0}))), -22.0 - 4.771, 0.1);
  EXPECT_NEAR(rms_to_dbm0(test::rms(run("ebn0=10dB", silence, {-22.0, 75.0}))), -22.0 + 7.270, 0.1);
}

TEST(LineChannel, NoiseIsWhiteAndCentred) {
  const std::vector<std::int16_t> silence(160000, 0);
  const auto noise = run("noise=-20dBm0", silence);
  double mean = 0.0;
  for (const auto s : noise) mean += s;
  mean /= static_cast<double>(noise.size());
  EXPECT_NEAR(mean, 0.0, 0.02 * dbm0_to_rms(-20.0));
  // Equal power at low and high frequencies.
  const double low = test::tone_rms(noise, 500.0);
  const double high = test::tone_rms(noise, 3000.0);
  EXPECT_NEAR(low / high, 1.0, 0.5);
}

TEST(LineChannel, FrequencyOffsetMovesEveryComponent) {
  for (const double hz : {390.0, 1300.0, 2100.0}) {
    const auto out = run("offset=10Hz", sine(hz, -20, 2.0));
    const auto tail = std::span(out).subspan(800);  // past the filter's start-up
    EXPECT_NEAR(test::tone_rms(tail, hz + 10) / dbm0_to_rms(-20), 1.0, 0.05) << hz;
    EXPECT_LT(test::tone_rms(tail, hz - 10) / dbm0_to_rms(-20), 0.03) << hz;  // no image
  }
  const auto down = run("offset=-7Hz", sine(1300, -20, 2.0));
  EXPECT_NEAR(test::tone_rms(std::span(down).subspan(800), 1293.0) / dbm0_to_rms(-20), 1.0, 0.05);
}

TEST(LineChannel, G711RoundTripQuantisesLikeTheCodec) {
  const auto in = sine(1000, -22, 1.0);
  for (const char* law : {"g711u", "g711a"}) {
    const auto out = run(law, in);
    EXPECT_NE(out, in);
    double error = 0.0;
    for (std::size_t i = 0; i < in.size(); ++i) error += std::pow(out[i] - in[i], 2);
    const double sqnr_db = 10 * std::log10(std::pow(test::rms(in), 2) / (error / static_cast<double>(in.size())));
    EXPECT_GT(sqnr_db, 30.0) << law;
    EXPECT_LT(sqnr_db, 45.0) << law;
    EXPECT_EQ(run(law, out), out) << law;  // decoded values are exact codec levels
  }
}

TEST(LineChannel, ImpulsesArriveAtTheMeanRate) {
  const std::vector<std::int16_t> silence(kSampleRate * 20, 0);
  const auto out = run("impulse=5/s:0dBm0", silence);
  int clicks = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (std::abs(out[i]) > dbm0_to_peak(0.0) * 0.9) ++clicks;
  }
  EXPECT_GT(clicks, 60);   // 100 expected (Poisson, 20 s at 5/s)
  EXPECT_LT(clicks, 140);
}

TEST(LineChannel, BurstOnceCoversExactlyItsInterval) {
  const std::vector<std::int16_t> silence(kSampleRate * 2, 0);
  const auto out = run("burst=50ms@1s:-10dBm0", silence);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i < 8000 || i >= 8400) {
      ASSERT_EQ(out[i], 0) << i;
    }
  }
  EXPECT_NEAR(test::rms(std::span(out).subspan(8000, 400)), dbm0_to_rms(-10.0), 0.1 * dbm0_to_rms(-10.0));
}

TEST(LineChannel, RandomBurstsAndDropoutsHappenAtTheirMeanInterval) {
  const std::vector<std::int16_t> silence(kSampleRate * 60, 0);
  const auto bursts = run("burst=50ms/1s", silence);
  const double busy = static_cast<double>(std::count_if(bursts.begin(), bursts.end(), [](auto s) { return s != 0; })) /
                      static_cast<double>(bursts.size());
  EXPECT_GT(busy, 0.03);  // about 5%
  EXPECT_LT(busy, 0.07);

  const auto tone = sine(1000, -10, 60.0);
  const auto gaps = run("dropout=20ms/200ms", tone);
  std::size_t silent = 0;
  for (std::size_t i = 0; i < gaps.size(); ++i) {
    if (gaps[i] == 0 && tone[i] != 0) ++silent;
  }
  EXPECT_GT(static_cast<double>(silent) / static_cast<double>(gaps.size()), 0.07);  // about 10%
  EXPECT_LT(static_cast<double>(silent) / static_cast<double>(gaps.size()), 0.13);
}

TEST(LineChannel, DropoutSilencesExactlyItsInterval) {
  const auto in = sine(1300, -20, 1.0);
  const auto out = run("dropout=100ms@0.5s", in);
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (i >= 4000 && i < 4800) {
      ASSERT_EQ(out[i], 0) << i;
    } else {
      ASSERT_EQ(out[i], in[i]) << i;
    }
  }
}

TEST(LineChannel, EchoAddsADelayedAttenuatedCopy) {
  std::vector<std::int16_t> click(1000, 0);
  click[100] = 10000;
  const auto out = run("echo=-6dB@10ms", click);
  EXPECT_EQ(out[100], 10000);
  EXPECT_EQ(out[180], static_cast<std::int16_t>(std::lround(10000 * db_to_amplitude(-6.0))));
  EXPECT_EQ(std::count_if(out.begin(), out.end(), [](auto s) { return s != 0; }), 2);
}

constexpr std::string_view kEverything =
    "atten=3dB,offset=4Hz,g711a,awgn=15dB,impulse=3/s,burst=30ms/1s,dropout=20ms/700ms,echo=-12dB@7ms,g711u,seed=9";

TEST(LineChannel, SameSeedSameAudio) {
  const auto in = sine(1700, -22, 3.0);
  EXPECT_EQ(run(kEverything, in), run(kEverything, in));
}

TEST(LineChannel, DifferentSeedDifferentAudio) {
  const auto in = sine(1700, -22, 3.0);
  std::string other(kEverything);
  other.replace(other.find("seed=9"), 6, "seed=10");
  EXPECT_NE(run(kEverything, in), run(other, in));
}

TEST(LineChannel, BlockSizeDoesNotChangeTheResult) {
  const auto in = sine(1700, -22, 3.0);
  const auto whole = run(kEverything, in);
  for (const std::size_t block : {1u, 7u, 160u, 4001u}) {
    LineChannel line(parse_channel(kEverything).config, {});
    auto audio = in;
    for (std::size_t at = 0; at < audio.size(); at += block) {
      line.process(std::span(audio).subspan(at, std::min(block, audio.size() - at)));
    }
    EXPECT_EQ(audio, whole) << block;
  }
}

TEST(LineChannel, EachRandomStageHasItsOwnStream) {
  // Two equal noise stages add in power (+3 dB), not in amplitude (+6 dB): their streams are independent.
  const std::vector<std::int16_t> silence(80000, 0);
  const double one = test::rms(run("noise=-30dBm0", silence));
  const double two = test::rms(run("noise=-30dBm0,noise=-30dBm0", silence));
  EXPECT_NEAR(two / one, std::sqrt(2.0), 0.03);
}

}  // namespace
}  // namespace pavi::line
