// The bit error rate tools: PRBS-15, the self-synchronising checker, the theoretical limit, measurements and the
// SVG chart. Short runs only; the full curve is a benchmark (bench/modem/bench_v23_ber.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "modem/line_random.hpp"
#include "modem/v23_ber.hpp"
#include "modem/v23_ber_plot.hpp"

namespace pavi::modem {
namespace {

TEST(V23Ber, PrbsHasPeriod32767AndBalancedBits) {
  PrbsGenerator prbs;
  std::uint32_t first = 0;
  for (int i = 0; i < 15; ++i) first = (first << 1) | static_cast<std::uint32_t>(prbs.next());
  int ones = 0;
  std::uint32_t window = first;
  int period = 0;
  for (int i = 1; i <= 40000; ++i) {
    const int bit = prbs.next();
    ones += bit;
    window = ((window << 1) | static_cast<std::uint32_t>(bit)) & 0x7FFF;
    if (window == first) {
      period = i;
      break;
    }
  }
  EXPECT_EQ(period, 32767);
  EXPECT_EQ(ones, 16384);
}

TEST(V23Ber, CheckerCountsNothingOnACleanStream) {
  PrbsGenerator prbs;
  PrbsChecker checker;
  for (int i = 0; i < 100000; ++i) checker.push(prbs.next());
  EXPECT_EQ(checker.mismatches(), 0u);
  EXPECT_EQ(checker.bits(), 100000u - 15u);
  EXPECT_EQ(checker.bit_error_rate(), 0.0);
}

TEST(V23Ber, CheckerRecoversTheInjectedErrorRate) {
  for (const double p : {1e-3, 1e-2, 0.1}) {
    PrbsGenerator prbs;
    PrbsChecker checker;
    line::Random random(42);
    for (int i = 0; i < 400000; ++i) checker.push(prbs.next() ^ (random.uniform() < p ? 1 : 0));
    EXPECT_NEAR(checker.bit_error_rate() / p, 1.0, 0.1) << p;
  }
}

TEST(V23Ber, CheckerResynchronisesAfterASlip) {
  PrbsGenerator prbs;
  PrbsChecker checker;
  for (int i = 0; i < 1000; ++i) checker.push(prbs.next());
  prbs.next();  // one bit lost on the line
  for (int i = 0; i < 1000; ++i) checker.push(prbs.next());
  EXPECT_GT(checker.mismatches(), 0u);
  EXPECT_LE(checker.mismatches(), 15u);
}

TEST(V23Ber, NoncoherentLimit) {
  EXPECT_NEAR(noncoherent_bfsk_limit(0.0), 0.5 * std::exp(-0.5), 1e-12);
  // 1e-3 is reached at 10.9 dB (the reference figure).
  EXPECT_NEAR(noncoherent_bfsk_limit(10.94), 1e-3, 0.02e-3);
}

TEST(V23Ber, MeasuredCurveFallsWithEbN0OnBothChannels) {
  for (const auto channel : {V23Channel::forward, V23Channel::backward}) {
    BerOptions options;
    options.channel = channel;
    options.max_bits = channel == V23Channel::forward ? 20000 : 4000;
    options.min_bits = options.max_bits / 2;
    const auto noisy = measure_ber(4.0, options);
    const auto middle = measure_ber(10.0, options);
    const auto clean = measure_ber(24.0, options);
    EXPECT_GT(noisy.ber, 0.1);
    EXPECT_LT(middle.ber, noisy.ber);
    EXPECT_GT(middle.ber, 0.0);
    EXPECT_EQ(clean.mismatches, 0u);
    EXPECT_GE(clean.bits, options.max_bits);
    // No receiver beats the theoretical limit.
    EXPECT_GT(middle.ber, middle.limit);
  }
}

TEST(V23Ber, MeasurementIsDeterministic) {
  BerOptions options;
  options.max_bits = 5000;
  options.min_bits = 5000;
  const auto a = measure_ber(9.0, options);
  const auto b = measure_ber(9.0, options);
  EXPECT_EQ(a.mismatches, b.mismatches);
  options.seed = 2;
  EXPECT_NE(measure_ber(9.0, options).mismatches, a.mismatches);
}

TEST(V23Ber, EbN0AtATargetIsInterpolated) {
  const std::vector<BerPoint> points{{8.0, 1, 1, 1e-2, 0, 0}, {10.0, 1, 1, 1e-4, 0, 0}, {12.0, 1, 0, 0.0, 0, 0}};
  EXPECT_NEAR(ebn0_at_ber(points, 1e-3), 9.0, 1e-9);
  EXPECT_TRUE(std::isnan(ebn0_at_ber(points, 1e-1)));
}

TEST(V23Ber, SvgChartHasTheLimitAndEveryCurve) {
  std::vector<BerCurve> curves{{"1200 bit/s", "#c00", {{4.0, 1, 1, 0.2, 0, 0}, {8.0, 1, 1, 0.01, 0, 0}, {20.0, 1, 0, 0.0, 0, 0}}},
                               {"75 bit/s <ch2>", "#06c", {{6.0, 1, 1, 0.1, 0, 0}}}};
  const auto svg = ber_plot_svg(curves);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_NE(svg.find("non-coherent BFSK limit"), std::string::npos);
  EXPECT_NE(svg.find("1200 bit/s"), std::string::npos);
  EXPECT_NE(svg.find("75 bit/s &lt;ch2&gt;"), std::string::npos);  // escaped
  EXPECT_NE(svg.find("stroke=\"#c00\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"white\" stroke=\"#c00\""), std::string::npos);  // the point without errors
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
}

}  // namespace
}  // namespace pavi::modem
