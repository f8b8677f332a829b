// Load statistics: lock-free counters and histogram on the hot path; only error kinds take a lock.
#include "simulators/load/load_stats.hpp"

#include <bit>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace pavi::sim {

int LatencyHistogram::bucket_of(std::uint64_t micros) {
  if (micros < static_cast<std::uint64_t>(kSub)) return static_cast<int>(micros);
  const int exponent = std::bit_width(micros) - 1;  // >= kSubBits
  const int shift = exponent - kSubBits;
  const int sub = static_cast<int>((micros >> shift) & (kSub - 1));
  return kSub + shift * kSub + sub;
}

std::uint64_t LatencyHistogram::bucket_upper(int bucket) {
  if (bucket < kSub) return static_cast<std::uint64_t>(bucket);
  const int shift = (bucket - kSub) / kSub;
  const auto sub = static_cast<std::uint64_t>((bucket - kSub) % kSub);
  const std::uint64_t lower = (static_cast<std::uint64_t>(kSub) + sub) << shift;
  return lower + ((std::uint64_t{1} << shift) - 1);
}

void LatencyHistogram::record(std::uint64_t micros) {
  buckets_[static_cast<std::size_t>(bucket_of(micros))].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  auto seen = max_.load(std::memory_order_relaxed);
  while (micros > seen && !max_.compare_exchange_weak(seen, micros, std::memory_order_relaxed)) {
  }
}

std::uint64_t LatencyHistogram::count() const { return count_.load(std::memory_order_relaxed); }
std::uint64_t LatencyHistogram::max() const { return max_.load(std::memory_order_relaxed); }

std::uint64_t LatencyHistogram::percentile(double q) const {
  // Counted from the buckets themselves, so that a sample recorded meanwhile cannot push the rank past the end.
  std::uint64_t total = 0;
  for (const auto& b : buckets_) total += b.load(std::memory_order_relaxed);
  if (total == 0) return 0;
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total))));
  std::uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += buckets_[static_cast<std::size_t>(i)].load(std::memory_order_relaxed);
    if (seen >= rank) return std::min(bucket_upper(i), max());
  }
  return max();
}

double LoadSnapshot::visits_per_second() const {
  const auto seconds = elapsed.count();
  return seconds > 0 ? static_cast<double>(sessions_completed + sessions_failed) / seconds : 0.0;
}

double LoadSnapshot::requests_per_second() const {
  const auto seconds = elapsed.count() - warm_up.count() - cool_down.count();
  return seconds > 0 ? static_cast<double>(requests) / seconds : 0.0;
}

LoadStats::LoadStats() : start_(std::chrono::steady_clock::now()) {}

void LoadStats::set_warm_up(std::chrono::milliseconds warm_up) { warm_up_ = std::max(warm_up, {}); }

void LoadStats::end_measuring() {
  const auto now = std::max<std::chrono::steady_clock::rep>(1, (std::chrono::steady_clock::now() - start_).count());
  std::chrono::steady_clock::rep unset = 0;
  measured_until_.compare_exchange_strong(unset, now, std::memory_order_relaxed);
}

void LoadStats::session_started() { started_.fetch_add(1, std::memory_order_relaxed); }
void LoadStats::session_completed() { completed_.fetch_add(1, std::memory_order_relaxed); }
void LoadStats::session_failed(const std::string& error_kind) {
  failed_.fetch_add(1, std::memory_order_relaxed);
  if (!error_kind.empty()) error(error_kind);
}
void LoadStats::session_aborted() { aborted_.fetch_add(1, std::memory_order_relaxed); }
void LoadStats::request(std::chrono::microseconds latency, std::uint64_t transfers) {
  if (warm_up_.count() > 0 && std::chrono::steady_clock::now() - start_ < warm_up_) return;
  if (measured_until_.load(std::memory_order_relaxed) != 0) return;
  requests_.fetch_add(transfers, std::memory_order_relaxed);
  latency_.record(static_cast<std::uint64_t>(std::max<std::int64_t>(0, latency.count())));
}
void LoadStats::error(const std::string& kind) {
  const std::lock_guard lock(errors_mutex_);
  ++errors_[kind.empty() ? "unknown" : kind];
}
void LoadStats::user_active(bool active) { active_.fetch_add(active ? 1 : -1, std::memory_order_relaxed); }
void LoadStats::session_held(bool held) {
  const auto now = held_.fetch_add(held ? 1 : -1, std::memory_order_relaxed) + (held ? 1 : -1);
  const auto count = static_cast<std::uint64_t>(std::max<std::int64_t>(0, now));
  auto peak = held_peak_.load(std::memory_order_relaxed);
  while (count > peak && !held_peak_.compare_exchange_weak(peak, count, std::memory_order_relaxed)) {
  }
}

LoadSnapshot LoadStats::snapshot() const {
  LoadSnapshot s;
  s.elapsed = std::chrono::steady_clock::now() - start_;
  s.warm_up = std::min<std::chrono::duration<double>>(s.elapsed, warm_up_);
  if (const auto until = measured_until_.load(std::memory_order_relaxed); until != 0) {
    const std::chrono::duration<double> measured_end = std::chrono::steady_clock::duration(until);
    s.cool_down = s.elapsed - std::max(measured_end, s.warm_up);
  }
  s.sessions_started = started_.load(std::memory_order_relaxed);
  s.sessions_completed = completed_.load(std::memory_order_relaxed);
  s.sessions_failed = failed_.load(std::memory_order_relaxed);
  s.sessions_aborted = aborted_.load(std::memory_order_relaxed);
  s.requests = requests_.load(std::memory_order_relaxed);
  s.active_users = static_cast<std::uint64_t>(std::max<std::int64_t>(0, active_.load(std::memory_order_relaxed)));
  s.sessions_held = static_cast<std::uint64_t>(std::max<std::int64_t>(0, held_.load(std::memory_order_relaxed)));
  s.sessions_held_peak = held_peak_.load(std::memory_order_relaxed);
  s.latency_count = latency_.count();
  s.p50_us = latency_.percentile(0.50);
  s.p90_us = latency_.percentile(0.90);
  s.p99_us = latency_.percentile(0.99);
  s.max_us = latency_.max();
  const std::lock_guard lock(errors_mutex_);
  s.errors = errors_;
  return s;
}

namespace {

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string ms(std::uint64_t micros) { return fixed(static_cast<double>(micros) / 1000.0, 1) + " ms"; }

double ms_value(std::uint64_t micros) { return std::round(static_cast<double>(micros) / 10.0) / 100.0; }

}  // namespace

std::string progress_line(const LoadSnapshot& s) {
  std::ostringstream out;
  out << fixed(s.elapsed.count(), 1) << " s  users " << s.active_users << "  visits " << s.sessions_completed
      << " ok / " << s.sessions_failed << " failed  requests " << s.requests << " ("
      << fixed(s.requests_per_second(), 1) << "/s)  p50 " << ms(s.p50_us) << "  p99 " << ms(s.p99_us);
  if (s.warm_up.count() > 0 && s.warm_up >= s.elapsed) out << "  (warm-up)";
  if (s.sessions_held_peak > 0) out << "  held " << s.sessions_held;
  return out.str();
}

std::string text_report(const LoadSnapshot& s, const std::string& title) {
  std::ostringstream out;
  out << title << '\n'
      << "  duration        " << fixed(s.elapsed.count(), 2) << " s\n";
  if (s.warm_up.count() > 0 || s.cool_down.count() > 0) {
    out << "  left out        the first " << fixed(s.warm_up.count(), 2) << " s and the last "
        << fixed(s.cool_down.count(), 2) << " s (warm-up, hang-ups), from requests, throughput and latency\n";
  }
  out << "  sessions        " << s.sessions_started << " started, " << s.sessions_completed << " completed, "
      << s.sessions_failed << " failed";
  if (s.sessions_aborted > 0) out << ", " << s.sessions_aborted << " cut short by the end of the run";
  out << '\n';
  if (s.sessions_held_peak > 0) {
    out << "  held            " << s.sessions_held_peak << " lines open and idle at once at most\n";
  }
  out << "  throughput      " << fixed(s.visits_per_second(), 2) << " visits/s, " << fixed(s.requests_per_second(), 1)
      << " requests/s\n"
      << "  requests        " << s.requests << '\n'
      << "  latency         p50 " << ms(s.p50_us) << "  p90 " << ms(s.p90_us) << "  p99 " << ms(s.p99_us) << "  max "
      << ms(s.max_us) << '\n'
      << "  errors          ";
  if (s.errors.empty()) out << "none";
  bool first = true;
  for (const auto& [kind, count] : s.errors) {
    out << (first ? "" : ", ") << kind << " " << count;
    first = false;
  }
  out << '\n';
  return out.str();
}

std::string json_report(const LoadSnapshot& s, const std::string& mode) {
  nlohmann::ordered_json report;
  report["mode"] = mode;
  report["duration_s"] = std::round(s.elapsed.count() * 1000.0) / 1000.0;
  if (s.warm_up.count() > 0 || s.cool_down.count() > 0) {
    report["warm_up_s"] = std::round(s.warm_up.count() * 1000.0) / 1000.0;
    report["cool_down_s"] = std::round(s.cool_down.count() * 1000.0) / 1000.0;
  }
  report["sessions"] = {{"started", s.sessions_started},
                        {"completed", s.sessions_completed},
                        {"failed", s.sessions_failed},
                        {"aborted", s.sessions_aborted},
                        {"held_peak", s.sessions_held_peak}};
  report["requests"] = {{"count", s.requests}, {"per_second", std::round(s.requests_per_second() * 10.0) / 10.0}};
  report["visits_per_second"] = std::round(s.visits_per_second() * 100.0) / 100.0;
  report["latency_ms"] = {{"samples", s.latency_count}, {"p50", ms_value(s.p50_us)}, {"p90", ms_value(s.p90_us)},
                          {"p99", ms_value(s.p99_us)},  {"max", ms_value(s.max_us)}};
  nlohmann::ordered_json errors = nlohmann::ordered_json::object();
  for (const auto& [kind, count] : s.errors) errors[kind] = count;
  report["errors"] = errors;
  return report.dump(2) + "\n";
}

}  // namespace pavi::sim
