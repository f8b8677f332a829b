// Counters are monotonic and labelled the Prometheus way (pavikit_ prefix, _total suffix, le buckets cumulative).
#include "gateway/visuweb/gateway_metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace pavi::gateway {

namespace {

constexpr std::string_view kErrorPagePrefix = "\x0C\x0F\x1F\x42\x41\x1B\x4D\x1B\x47\x1B\x51 ERR #";

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

}  // namespace

std::size_t GatewayMetrics::type_index(std::string_view typesocket) {
  for (std::size_t i = 0; i < kTypes.size(); ++i) {
    if (kTypes[i] == typesocket) return i;
  }
  return kTypes.size();
}

void GatewayMetrics::session_started(std::string_view typesocket) {
  const std::size_t index = type_index(typesocket);
  live_[index].fetch_add(1, std::memory_order_relaxed);
  started_[index].fetch_add(1, std::memory_order_relaxed);
}

void GatewayMetrics::session_ended(std::string_view typesocket) {
  live_[type_index(typesocket)].fetch_sub(1, std::memory_order_relaxed);
}

void GatewayMetrics::service_round_trip(std::chrono::nanoseconds elapsed) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t bucket = 0;
  while (bucket < kLatencyBounds.size() && seconds > kLatencyBounds[bucket]) ++bucket;
  latency_buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  latency_count_.fetch_add(1, std::memory_order_relaxed);
  latency_sum_ns_.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(elapsed.count(), 0)),
                            std::memory_order_relaxed);
}

void GatewayMetrics::error_page(int code) {
  if (code >= 0 && code < static_cast<int>(errors_.size())) {
    errors_[static_cast<std::size_t>(code)].fetch_add(1, std::memory_order_relaxed);
  }
}

void GatewayMetrics::error_pages_in(std::string_view bytes) {
  if (bytes.find(kErrorPagePrefix) == std::string_view::npos) return;
  for (const int code : error_page_codes(bytes)) error_page(code);
}

std::vector<int> error_page_codes(std::string_view bytes) {
  std::vector<int> codes;
  for (auto at = bytes.find(kErrorPagePrefix); at != std::string_view::npos;
       at = bytes.find(kErrorPagePrefix, at + 1)) {
    const std::size_t digits = at + kErrorPagePrefix.size();
    if (digits + 2 > bytes.size()) break;
    const char tens = bytes[digits];
    const char units = bytes[digits + 1];
    if (tens < '0' || tens > '9' || units < '0' || units > '9') continue;
    codes.push_back((tens - '0') * 10 + (units - '0'));
  }
  return codes;
}

std::string GatewayMetrics::prometheus_text() const {
  std::string text;
  text += "# HELP pavikit_sessions Live sessions by connection type.\n# TYPE pavikit_sessions gauge\n";
  for (std::size_t i = 0; i < kTypes.size(); ++i) {
    text += "pavikit_sessions{type=\"" + std::string(kTypes[i]) + "\"} " +
            std::to_string(std::max<std::int64_t>(live_[i].load(std::memory_order_relaxed), 0)) + "\n";
  }
  text += "# HELP pavikit_sessions_started_total Sessions started by connection type.\n"
          "# TYPE pavikit_sessions_started_total counter\n";
  for (std::size_t i = 0; i < kTypes.size(); ++i) {
    text += "pavikit_sessions_started_total{type=\"" + std::string(kTypes[i]) + "\"} " +
            std::to_string(started_[i].load(std::memory_order_relaxed)) + "\n";
  }
  text += "# HELP pavikit_service_round_trip_seconds Time from sending a service request to its result.\n"
          "# TYPE pavikit_service_round_trip_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= kLatencyBounds.size(); ++i) {
    cumulative += latency_buckets_[i].load(std::memory_order_relaxed);
    const std::string bound = i < kLatencyBounds.size() ? number(kLatencyBounds[i]) : "+Inf";
    text += "pavikit_service_round_trip_seconds_bucket{le=\"" + bound + "\"} " + std::to_string(cumulative) + "\n";
  }
  text += "pavikit_service_round_trip_seconds_sum " +
          number(static_cast<double>(latency_sum_ns_.load(std::memory_order_relaxed)) / 1e9) + "\n";
  text += "pavikit_service_round_trip_seconds_count " + std::to_string(latency_count_.load(std::memory_order_relaxed)) +
          "\n";
  text += "# HELP pavikit_error_pages_total ERR#nn pages sent to terminals, by code.\n"
          "# TYPE pavikit_error_pages_total counter\n";
  for (std::size_t code = 0; code < errors_.size(); ++code) {
    const std::uint64_t count = errors_[code].load(std::memory_order_relaxed);
    if (count == 0) continue;
    const std::string label = (code < 10 ? "0" : "") + std::to_string(code);
    text += "pavikit_error_pages_total{code=\"" + label + "\"} " + std::to_string(count) + "\n";
  }
  text += "# HELP pavikit_pce_retransmissions_total PCE blocks sent again after a NACK.\n"
          "# TYPE pavikit_pce_retransmissions_total counter\n"
          "pavikit_pce_retransmissions_total " +
          std::to_string(pce_retransmissions_.load(std::memory_order_relaxed)) + "\n";
  text += "# HELP pavikit_bytes_received_total Bytes received from terminals.\n"
          "# TYPE pavikit_bytes_received_total counter\n"
          "pavikit_bytes_received_total " + std::to_string(bytes_in_.load(std::memory_order_relaxed)) + "\n";
  text += "# HELP pavikit_bytes_sent_total Bytes sent to terminals.\n"
          "# TYPE pavikit_bytes_sent_total counter\n"
          "pavikit_bytes_sent_total " + std::to_string(bytes_out_.load(std::memory_order_relaxed)) + "\n";
  return text;
}

}  // namespace pavi::gateway
