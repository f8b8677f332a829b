// Load statistics: histogram buckets and percentiles, counters under concurrent updates, and the reports.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "simulators/load/load_stats.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

TEST(LatencyHistogram, BucketsCoverEveryValueWithinThreePercent) {
  std::uint64_t previous_upper = 0;
  for (int b = 0; b < LatencyHistogram::kBuckets; ++b) {
    const auto upper = LatencyHistogram::bucket_upper(b);
    if (b > 0) {
      EXPECT_GT(upper, previous_upper) << b;
    }
    previous_upper = upper;
  }
  for (const std::uint64_t v : {0ull, 1ull, 31ull, 32ull, 33ull, 63ull, 64ull, 1000ull, 123456ull, 1ull << 40,
                                ~0ull}) {
    const int b = LatencyHistogram::bucket_of(v);
    ASSERT_GE(b, 0);
    ASSERT_LT(b, LatencyHistogram::kBuckets);
    const auto upper = LatencyHistogram::bucket_upper(b);
    const auto lower = b == 0 ? 0 : LatencyHistogram::bucket_upper(b - 1) + 1;
    EXPECT_LE(lower, v);
    EXPECT_GE(upper, v);
    EXPECT_LE(static_cast<double>(upper - lower), static_cast<double>(v) / 31.0 + 1.0) << v;
  }
}

TEST(LatencyHistogram, Percentiles) {
  LatencyHistogram h;
  EXPECT_EQ(h.percentile(0.5), 0u);
  for (std::uint64_t v = 1; v <= 1000; ++v) h.record(v * 100);  // 100 us .. 100 ms, evenly
  EXPECT_EQ(h.count(), 1000u);
  EXPECT_EQ(h.max(), 100000u);
  EXPECT_NEAR(static_cast<double>(h.percentile(0.50)), 50000.0, 50000.0 * 0.035);
  EXPECT_NEAR(static_cast<double>(h.percentile(0.90)), 90000.0, 90000.0 * 0.035);
  EXPECT_NEAR(static_cast<double>(h.percentile(0.99)), 99000.0, 99000.0 * 0.035);
  EXPECT_EQ(h.percentile(1.0), 100000u);  // never above the max
  EXPECT_GE(h.percentile(0.0), 100u);
}

TEST(LoadStats, ConcurrentUpdatesAreAllCounted) {
  LoadStats stats;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&stats, t] {
      for (int i = 0; i < 1000; ++i) {
        stats.session_started();
        stats.request(std::chrono::microseconds(t * 1000 + i), 2);
        if (i % 10 == 0) {
          stats.session_failed(t % 2 ? "timeout" : "http_500");
        } else {
          stats.session_completed();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto s = stats.snapshot();
  EXPECT_EQ(s.sessions_started, 8000u);
  EXPECT_EQ(s.sessions_completed, 7200u);
  EXPECT_EQ(s.sessions_failed, 800u);
  EXPECT_EQ(s.requests, 16000u);
  EXPECT_EQ(s.latency_count, 8000u);
  EXPECT_EQ(s.max_us, 7999u);
  EXPECT_EQ(s.errors, (std::map<std::string, std::uint64_t>{{"http_500", 400}, {"timeout", 400}}));
}

TEST(LoadStats, AFailureAlreadyCountedAddsNoErrorKind) {
  LoadStats stats;
  stats.error("reset");
  stats.session_failed("");
  stats.session_aborted();
  const auto s = stats.snapshot();
  EXPECT_EQ(s.sessions_failed, 1u);
  EXPECT_EQ(s.sessions_aborted, 1u);
  EXPECT_EQ(s.errors, (std::map<std::string, std::uint64_t>{{"reset", 1}}));
}

TEST(LoadReport, JsonHoldsEveryFigure) {
  LoadSnapshot s;
  s.elapsed = 2s;
  s.sessions_started = 12;
  s.sessions_completed = 10;
  s.sessions_failed = 1;
  s.sessions_aborted = 1;
  s.requests = 50;
  s.latency_count = 40;
  s.p50_us = 1500;
  s.p90_us = 2500;
  s.p99_us = 9000;
  s.max_us = 12345;
  s.errors = {{"timeout", 1}, {"http_500", 3}};
  const auto json = nlohmann::json::parse(json_report(s, "service"));
  EXPECT_EQ(json["mode"], "service");
  EXPECT_EQ(json["duration_s"], 2.0);
  EXPECT_EQ(json["sessions"]["completed"], 10);
  EXPECT_EQ(json["sessions"]["failed"], 1);
  EXPECT_EQ(json["sessions"]["aborted"], 1);
  EXPECT_EQ(json["requests"]["count"], 50);
  EXPECT_EQ(json["requests"]["per_second"], 25.0);
  EXPECT_EQ(json["visits_per_second"], 5.5);
  EXPECT_EQ(json["latency_ms"]["p50"], 1.5);
  EXPECT_EQ(json["latency_ms"]["p99"], 9.0);
  EXPECT_EQ(json["latency_ms"]["max"], 12.35);
  EXPECT_EQ(json["errors"]["http_500"], 3);

  const auto text = text_report(s, "title");
  EXPECT_NE(text.find("10 completed, 1 failed, 1 cut short"), std::string::npos) << text;
  EXPECT_NE(text.find("5.50 visits/s, 25.0 requests/s"), std::string::npos) << text;
  EXPECT_NE(text.find("p50 1.5 ms  p90 2.5 ms  p99 9.0 ms  max 12.3 ms"), std::string::npos) << text;
  EXPECT_NE(text.find("http_500 3, timeout 1"), std::string::npos) << text;
  EXPECT_EQ(progress_line(s).find('\n'), std::string::npos);
}

}  // namespace
}  // namespace pavi::sim
