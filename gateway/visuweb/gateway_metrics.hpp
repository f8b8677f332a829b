// PaviKit's Prometheus endpoint (`/metrics` on httpport, not in the original): sessions by type, the service
// round-trip latency histogram, ERR pages by code, PCE retransmissions, and bytes in and out. Connections update
// it from any thread with relaxed atomics; rendering reads a consistent-enough view.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pavi::gateway {

class GatewayMetrics {
 public:
  // Upper bounds of the round-trip histogram buckets, in seconds (the last bucket, +Inf, is implicit).
  static constexpr std::array<double, 11> kLatencyBounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                         0.5,   1.0,  2.5,   5.0,  10.0};
  static constexpr std::array<std::string_view, 4> kTypes{"WS", "WSS", "TELN", "AST"};

  // A session of `typesocket` ("WS", "WSS", "TELN", "AST") began or ended.
  void session_started(std::string_view typesocket);
  void session_ended(std::string_view typesocket);
  void bytes_in(std::uint64_t count) { bytes_in_.fetch_add(count, std::memory_order_relaxed); }
  void bytes_out(std::uint64_t count) { bytes_out_.fetch_add(count, std::memory_order_relaxed); }
  void service_round_trip(std::chrono::nanoseconds elapsed);
  // An ERR#nn page went to a terminal (codes 0-99; others are ignored).
  void error_page(int code);
  // Every ERR page in bytes written to a terminal.
  void error_pages_in(std::string_view bytes);
  void pce_retransmissions(std::uint64_t count) { pce_retransmissions_.fetch_add(count, std::memory_order_relaxed); }

  // The Prometheus text exposition format (version 0.0.4).
  std::string prometheus_text() const;

 private:
  static std::size_t type_index(std::string_view typesocket);  // kTypes.size() for others

  std::array<std::atomic<std::int64_t>, kTypes.size() + 1> live_{};
  std::array<std::atomic<std::uint64_t>, kTypes.size() + 1> started_{};
  std::array<std::atomic<std::uint64_t>, kLatencyBounds.size() + 1> latency_buckets_{};
  std::atomic<std::uint64_t> latency_count_{0};
  std::atomic<std::uint64_t> latency_sum_ns_{0};
  std::array<std::atomic<std::uint64_t>, 100> errors_{};
  std::atomic<std::uint64_t> pce_retransmissions_{0};
  std::atomic<std::uint64_t> bytes_in_{0};
  std::atomic<std::uint64_t> bytes_out_{0};
};

// The ERR codes of the error pages (service-protocol.md §7.1) found in bytes written to a terminal.
std::vector<int> error_page_codes(std::string_view bytes);

}  // namespace pavi::gateway
