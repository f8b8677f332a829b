// Constants of AstAMI::linkToCallerProc's caller loop (ami.md §5).
#include "gateway/telephony/phone_relay.hpp"

#include <algorithm>
#include <utility>

namespace pavi::gateway::telephony {

namespace {
using std::chrono::seconds;
constexpr std::size_t kBatch = 25;
constexpr std::uint64_t kLittleData = 200;
constexpr seconds kFirstWakeup{30};
constexpr seconds kWakeupPeriod{5};
constexpr seconds kLittleDataLimit{60};
constexpr seconds kNoInput{180};
constexpr std::string_view kGetIp = "#*#GETIP*#*";
constexpr std::string_view kWakeup = "\x13\x53";  // what a Minitel sends when its modem connects
}  // namespace

PhoneRelay::PhoneRelay(PhoneRelaySettings settings, RelayTime started)
    : settings_(std::move(settings)), started_(started), last_input_(started), last_server_data_(started) {}

void PhoneRelay::end(PhoneRelayOutput& out, std::string reason) {
  out.to_terminal += std::exchange(batch_, {});
  out.ended = true;
  out.end_reason = std::move(reason);
  ended_ = true;
}

PhoneRelayOutput PhoneRelay::from_terminal(std::string_view bytes, RelayTime now) {
  PhoneRelayOutput out;
  if (ended_) return out;
  last_input_ = now;
  out.to_server.assign(bytes);  // forwarded as typed, end keys included
  end_window_.append(bytes);
  const bool end_key = end_window_.find("***\x13\x46") != std::string::npos ||
                       end_window_.find("\x13\x49") != std::string::npos;
  if (end_window_.size() > 4) end_window_.erase(0, end_window_.size() - 4);
  if (end_key) {
    end(out, "end key");
    return out;
  }
  check_limits(out, now);
  return out;
}

PhoneRelayOutput PhoneRelay::from_server(std::string_view bytes, RelayTime now) {
  PhoneRelayOutput out;
  if (ended_) return out;
  server_bytes_ += bytes.size();
  last_server_data_ = now;
  batch_.append(bytes);
  getip_window_.append(bytes);
  if (getip_window_.find(kGetIp) != std::string::npos) {
    out.to_server = "#*#" + settings_.client_ip + "*#*\x13\x41";
    getip_window_.clear();
  }
  if (getip_window_.size() > 20) getip_window_.erase(0, getip_window_.size() - 20);
  if (batch_.size() >= kBatch) out.to_terminal = std::exchange(batch_, {});
  check_limits(out, now);
  return out;
}

PhoneRelayOutput PhoneRelay::on_timer(RelayTime now) {
  PhoneRelayOutput out;
  if (ended_) return out;
  if (!batch_.empty() && now >= last_server_data_ + settings_.idle_flush) out.to_terminal = std::exchange(batch_, {});
  check_limits(out, now);
  return out;
}

std::string PhoneRelay::flush() { return std::exchange(batch_, {}); }

void PhoneRelay::check_limits(PhoneRelayOutput& out, RelayTime now) {
  const auto elapsed = now - started_;
  if (elapsed >= settings_.maxtime) return end(out, "maxtime");
  if (now - last_input_ >= kNoInput) return end(out, "no input for 180 s");
  if (server_bytes_ < kLittleData) {
    if (elapsed >= kLittleDataLimit) return end(out, "less than 200 bytes after 60 s");
    if (elapsed >= kFirstWakeup) {
      const int window = static_cast<int>((elapsed - kFirstWakeup) / kWakeupPeriod);  // 0 for 30-35 s, ...
      if (window >= wakeups_sent_) {
        out.to_server += kWakeup;
        wakeups_sent_ = window + 1;
      }
    }
  }
}

RelayTime PhoneRelay::next_wakeup() const {
  if (server_bytes_ >= kLittleData) return RelayTime::max();
  const RelayTime next = started_ + kFirstWakeup + kWakeupPeriod * wakeups_sent_;
  return std::min(next, started_ + kLittleDataLimit);
}

RelayTime PhoneRelay::next_check() const {
  if (ended_) return RelayTime::max();
  RelayTime next = std::min({started_ + settings_.maxtime, last_input_ + kNoInput, next_wakeup()});
  if (!batch_.empty()) next = std::min(next, last_server_data_ + settings_.idle_flush);
  return next;
}

}  // namespace pavi::gateway::telephony
