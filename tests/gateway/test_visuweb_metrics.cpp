// The Prometheus endpoint's registry and text (PaviKit, not in the original).
#include <gtest/gtest.h>

#include "gateway/service_protocol/error_page.hpp"
#include "gateway/visuweb/gateway_metrics.hpp"

namespace pavi::gateway {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.starts_with(line + "\n");
}

TEST(GatewayMetrics, SessionsByTypeAreAGaugeAndACounter) {
  GatewayMetrics metrics;
  metrics.session_started("WS");
  metrics.session_started("WS");
  metrics.session_started("TELN");
  metrics.session_ended("WS");
  const std::string text = metrics.prometheus_text();
  EXPECT_TRUE(has_line(text, "pavikit_sessions{type=\"WS\"} 1"));
  EXPECT_TRUE(has_line(text, "pavikit_sessions{type=\"TELN\"} 1"));
  EXPECT_TRUE(has_line(text, "pavikit_sessions{type=\"WSS\"} 0"));
  EXPECT_TRUE(has_line(text, "pavikit_sessions_started_total{type=\"WS\"} 2"));
  EXPECT_TRUE(has_line(text, "# TYPE pavikit_sessions gauge"));
}

TEST(GatewayMetrics, RoundTripHistogramIsCumulative) {
  GatewayMetrics metrics;
  metrics.service_round_trip(std::chrono::milliseconds(3));
  metrics.service_round_trip(std::chrono::milliseconds(40));
  metrics.service_round_trip(std::chrono::milliseconds(50));  // on a bound: counted in it (le)
  metrics.service_round_trip(std::chrono::seconds(30));
  const std::string text = metrics.prometheus_text();
  EXPECT_TRUE(has_line(text, "pavikit_service_round_trip_seconds_bucket{le=\"0.005\"} 1"));
  EXPECT_TRUE(has_line(text, "pavikit_service_round_trip_seconds_bucket{le=\"0.025\"} 1"));
  EXPECT_TRUE(has_line(text, "pavikit_service_round_trip_seconds_bucket{le=\"0.05\"} 3"));
  EXPECT_TRUE(has_line(text, "pavikit_service_round_trip_seconds_bucket{le=\"10\"} 3"));
  EXPECT_TRUE(has_line(text, "pavikit_service_round_trip_seconds_bucket{le=\"+Inf\"} 4"));
  EXPECT_TRUE(has_line(text, "pavikit_service_round_trip_seconds_count 4"));
  EXPECT_TRUE(has_line(text, "pavikit_service_round_trip_seconds_sum 30.093"));
}

TEST(GatewayMetrics, ErrorPagesAreCountedByCodeFromTheBytesSent) {
  const std::string page = service::service_unavailable_page("http://x/", "17953543836654");  // ERR#09
  EXPECT_EQ(error_page_codes("text " + page + page), (std::vector<int>{9, 9}));
  EXPECT_TRUE(error_page_codes(" ERR #09 typed by a user").empty());
  EXPECT_TRUE(error_page_codes(page.substr(0, 14)).empty());  // cut before the digits: nothing
  GatewayMetrics metrics;
  metrics.error_pages_in(page);
  metrics.error_page(3);
  metrics.error_page(100);  // out of range: ignored
  const std::string text = metrics.prometheus_text();
  EXPECT_TRUE(has_line(text, "pavikit_error_pages_total{code=\"09\"} 1"));
  EXPECT_TRUE(has_line(text, "pavikit_error_pages_total{code=\"03\"} 1"));
  EXPECT_EQ(text.find("code=\"100\""), std::string::npos);
}

TEST(GatewayMetrics, BytesAndPceRetransmissions) {
  GatewayMetrics metrics;
  metrics.bytes_in(10);
  metrics.bytes_out(1000);
  metrics.bytes_out(24);
  metrics.pce_retransmissions(2);
  const std::string text = metrics.prometheus_text();
  EXPECT_TRUE(has_line(text, "pavikit_bytes_received_total 10"));
  EXPECT_TRUE(has_line(text, "pavikit_bytes_sent_total 1024"));
  EXPECT_TRUE(has_line(text, "pavikit_pce_retransmissions_total 2"));
  EXPECT_TRUE(text.ends_with("\n"));
}

}  // namespace
}  // namespace pavi::gateway
