// Limits and batching of gateway-behaviour.md §10 (WS and telnet bridges).
#include "gateway/session/bridge_relay.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace pavi::gateway {

namespace {
constexpr std::string_view kEndStars = "***\x13\x46";  // *** + Sommaire
constexpr std::string_view kEndFin = "\x13\x49";        // Connexion/Fin
constexpr std::string_view kGetIp = "#*#GETIP*#*";
constexpr std::size_t kBatchBytes = 25;
constexpr std::chrono::milliseconds kBatchIdle{250};
constexpr seconds kSilentServer{30};
constexpr std::uint64_t kSilentServerBytes = 200;
constexpr seconds kNoInput{180};
constexpr seconds kMaxDuration{3600};
constexpr std::size_t kGetIpWindow = 20;
}  // namespace

BridgeRelay::BridgeRelay(BridgeSettings settings, SessionTime started)
    : settings_(std::move(settings)), started_(started), last_input_(started), last_server_data_(started) {}

std::string BridgeRelay::case_command(bool lower_case) { return lower_case ? "\x1b\x3a\x69\x45" : "\x1b\x3a\x6a\x45"; }

BridgeOutput BridgeRelay::from_terminal(std::string_view bytes, SessionTime now) {
  BridgeOutput out;
  if (ended_) return out;
  last_input_ = now;
  std::string data = std::exchange(held_sep_, {});
  for (const char c : bytes) {
    const bool captured = after_cr_ && settings_.capture_key != 0 &&
                          std::toupper(static_cast<unsigned char>(c)) == settings_.capture_key;
    after_cr_ = c == '\x0d';
    if (captured) {
      ++out.captures;
    } else if (c != '\x0d') {  // CR is removed on WS and telnet bridges
      data += c;
    }
  }
  if (settings_.websocket && data == "\x13") {  // SEP and its code must not straddle two frames
    held_sep_ = data;
    return out;
  }
  if (!settings_.mirror) out.to_server = data;
  if (settings_.echo && !settings_.mirror) out.to_terminal = data;
  end_window_ += data;
  const bool end_key = end_window_.find(kEndStars) != std::string::npos || end_window_.find(kEndFin) != std::string::npos;
  if (end_window_.size() > kEndStars.size()) end_window_.erase(0, end_window_.size() - kEndStars.size());
  if (end_key) end(out, "end key");  // the keys were still forwarded (§10)
  return out;
}

BridgeOutput BridgeRelay::from_server(std::string_view bytes, SessionTime now) {
  BridgeOutput out;
  if (ended_) return out;
  last_server_data_ = now;
  server_bytes_ += bytes.size();
  batch_ += bytes;
  if (settings_.mirror) {
    if (batch_.size() >= kBatchBytes) flush(out);
    return out;
  }
  getip_window_ += bytes;
  if (getip_window_.find(kGetIp) != std::string::npos) {
    out.to_server = "#*#" + settings_.client_ip + "*#*";
    getip_window_.clear();
  } else if (getip_window_.size() > kGetIpWindow) {
    getip_window_.erase(0, getip_window_.size() - kGetIpWindow);
  }
  if (settings_.websocket || batch_.size() >= kBatchBytes) flush(out);
  return out;
}

BridgeOutput BridgeRelay::on_timer(SessionTime now) {
  BridgeOutput out;
  if (ended_) return out;
  if (!batch_.empty() && now >= last_server_data_ + kBatchIdle) flush(out);
  check_limits(out, now);
  return out;
}

SessionTime BridgeRelay::next_check() const {
  if (ended_) return SessionTime::max();
  if (settings_.mirror) return batch_.empty() ? SessionTime::max() : last_server_data_ + kBatchIdle;
  SessionTime next = std::min({last_input_ + kNoInput, started_ + kMaxDuration});
  if (server_bytes_ < kSilentServerBytes) next = std::min(next, started_ + kSilentServer);
  if (!batch_.empty()) next = std::min(next, last_server_data_ + kBatchIdle);
  return next;
}

void BridgeRelay::flush(BridgeOutput& out) { out.to_terminal += std::exchange(batch_, {}); }

void BridgeRelay::check_limits(BridgeOutput& out, SessionTime now) {
  if (settings_.mirror) return;  // a mirror has no time limit (§11)
  if (server_bytes_ < kSilentServerBytes && now >= started_ + kSilentServer) {
    end(out, "less than 200 bytes after 30 s");
  } else if (now >= last_input_ + kNoInput) {
    end(out, "no input for 180 s");
  } else if (now >= started_ + kMaxDuration) {
    end(out, "3600 s");
  }
}

void BridgeRelay::end(BridgeOutput& out, std::string reason) {
  flush(out);
  ended_ = true;
  out.ended = true;
  out.end_reason = std::move(reason);
}

}  // namespace pavi::gateway
