// Counters of a load run, updated from many user threads at once: sessions (visits) started, completed and
// failed, requests, a latency histogram (log-linear buckets, ~3% wide, so memory does not grow with the run) and
// errors by kind. snapshot() gives a consistent-enough copy for the progress line and the final report.
// A steady-state window can be set: the warm-up (the first seconds: users connecting) and the cool-down (after
// the run's end: the hang-ups of the visits cut short) are then left out of the requests, their latency and their
// rate.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace pavi::sim {

// Latencies in microseconds: exact below 32 us, then 32 sub-buckets per power of two.
class LatencyHistogram {
 public:
  static constexpr int kSubBits = 5;
  static constexpr int kSub = 1 << kSubBits;
  static constexpr int kBuckets = kSub + (64 - kSubBits) * kSub;

  void record(std::uint64_t micros);
  std::uint64_t count() const;
  std::uint64_t max() const;
  // The smallest recorded-bucket upper bound below which a fraction `q` (0..1) of the samples lie; 0 when empty.
  // Never above max().
  std::uint64_t percentile(double q) const;

  static int bucket_of(std::uint64_t micros);
  static std::uint64_t bucket_upper(int bucket);  // the largest value the bucket holds

 private:
  std::array<std::atomic<std::uint64_t>, kBuckets> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> max_{0};
};

struct LoadSnapshot {
  std::chrono::duration<double> elapsed{0};
  std::chrono::duration<double> warm_up{0};    // the start of the run left out of requests and latency
  std::chrono::duration<double> cool_down{0};  // the end of the run (after end_measuring()) left out too
  std::uint64_t sessions_started = 0;
  std::uint64_t sessions_completed = 0;  // every step held
  std::uint64_t sessions_failed = 0;     // a step failed or the connection could not be made
  std::uint64_t sessions_aborted = 0;    // cut short by the end of the run (neither completed nor failed)
  std::uint64_t sessions_held = 0;       // --hold: lines open and idle after a completed visit, now
  std::uint64_t sessions_held_peak = 0;  // ... and the most at once
  std::uint64_t requests = 0;            // service mode: HTTP requests; gateway mode: waits on a screen
  std::uint64_t active_users = 0;
  std::uint64_t latency_count = 0;  // calls (or screens) timed
  std::uint64_t p50_us = 0, p90_us = 0, p99_us = 0, max_us = 0;
  std::map<std::string, std::uint64_t> errors;  // kind -> count

  double visits_per_second() const;
  double requests_per_second() const;  // over the time between the warm-up and the cool-down
};

class LoadStats {
 public:
  LoadStats();

  // Requests completed in the first `warm_up` after construction are not counted, nor their latency. Call it
  // before the users start.
  void set_warm_up(std::chrono::milliseconds warm_up);
  // From now on requests are not counted (the cool-down). Idempotent.
  void end_measuring();

  void session_started();
  void session_completed();
  // Counts `error_kind` among the errors too, unless it is empty (the cause was already counted).
  void session_failed(const std::string& error_kind);
  void session_aborted();
  // One call answered after `latency` (ignored outside the window); `transfers` HTTP requests made for it
  // (retries, GET fallback, redirects followed count too: the service saw each of them).
  void request(std::chrono::microseconds latency, std::uint64_t transfers = 1);
  // A request or step that failed, whether or not its session goes on.
  void error(const std::string& kind);
  void user_active(bool active);
  // A user starts (true) or stops (false) holding its line open after a completed visit.
  void session_held(bool held);

  LoadSnapshot snapshot() const;

 private:
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::duration warm_up_{0};
  std::atomic<std::chrono::steady_clock::rep> measured_until_{0};  // since start_; 0: still measuring
  std::atomic<std::uint64_t> started_{0}, completed_{0}, failed_{0}, aborted_{0}, requests_{0};
  std::atomic<std::int64_t> active_{0};
  std::atomic<std::int64_t> held_{0};
  std::atomic<std::uint64_t> held_peak_{0};
  LatencyHistogram latency_;
  mutable std::mutex errors_mutex_;
  std::map<std::string, std::uint64_t> errors_;
};

// "12.3 s  users 50  visits 120 ok / 3 failed  requests 1234 (100.2/s)  p50 4.1 ms  p99 12.0 ms", then
// "  held 50" once lines have been held.
std::string progress_line(const LoadSnapshot& snapshot);
// The final report, for people.
std::string text_report(const LoadSnapshot& snapshot, const std::string& title);
// The final report, for CI: {"mode":...,"duration_s":..,"sessions":{...},"requests":{...},"latency_ms":{...},
// "errors":{...}}; sessions holds "held_peak" too.
std::string json_report(const LoadSnapshot& snapshot, const std::string& mode);

}  // namespace pavi::sim
