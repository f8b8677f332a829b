// Bytes of gateway-behaviour.md §2.3 and §8.1.
#include "gateway/session/connection_banner.hpp"

#include <array>
#include <cstdio>

namespace pavi::gateway {

namespace {
constexpr std::string_view kEnqRom = "\x1b\x39\x7b";
// PRO2 "no acknowledgement" for keyboard, screen, modem and socket, sent to modem users only.
constexpr std::string_view kNoAcknowledgements = "\x1b\x3a\x64\x51\x1b\x3a\x64\x50\x1b\x3a\x64\x52\x1b\x3a\x64\x53";
constexpr int kFirstPin = 2000;
constexpr int kLastPin = 9999;
}  // namespace

std::string_view typesocket_of(ConnectionKind kind) {
  switch (kind) {
    case ConnectionKind::ws: return "WS";
    case ConnectionKind::wss: return "WSS";
    case ConnectionKind::telnet: return "TELN";
    case ConnectionKind::asterisk:
    case ConnectionKind::asterisk_pce: return "AST";
  }
  return "";
}

std::string connection_banner(ConnectionKind kind, std::string_view local_time, std::string_view pin) {
  std::string label;
  std::string banner(kEnqRom);
  switch (kind) {
    case ConnectionKind::ws: label = "WS"; break;
    case ConnectionKind::wss: label = "WSS"; break;
    case ConnectionKind::telnet: label = "TELN"; break;
    case ConnectionKind::asterisk: label = "RTC"; break;
    case ConnectionKind::asterisk_pce: label = "PCE"; break;
  }
  if (kind == ConnectionKind::asterisk || kind == ConnectionKind::asterisk_pce) banner += kNoAcknowledgements;
  banner += '\x0c';
  if (kind != ConnectionKind::telnet) banner += '\x0e';  // TELN has no 0E (C-098)
  banner += "\x1f\x40\x41";
  banner += "MiniPAVI 1.6" + label + " " + std::string(local_time);
  banner += '\x18';
  banner += "\x1b\x40\x14PIN:" + std::string(pin) + "\x14\x0a";
  return banner;
}

std::string banner_time(std::time_t when) {
  std::tm local{};
  localtime_r(&when, &local);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%d/%m/%Y %H:%M", &local);
  return text.data();
}

std::string inactivity_message() { return "\x1f\x40\x41" "Deconnexion pour inactivit\x19\x42\x65..." "\x18"; }

PinAllocator::PinAllocator(std::uint32_t seed) : random_(seed) {}

std::string PinAllocator::acquire() {
  std::lock_guard lock(mutex_);
  constexpr int kPins = kLastPin - kFirstPin + 1;
  int pin = std::uniform_int_distribution<int>(kFirstPin, kLastPin)(random_);
  if (static_cast<int>(live_.size()) < kPins) {
    // Walk to the next free PIN: a bounded search instead of the original's retry loop.
    while (live_.count(pin) != 0) pin = pin == kLastPin ? kFirstPin : pin + 1;
    live_.insert(pin);
  }
  return std::to_string(pin);
}

void PinAllocator::release(std::string_view pin) {
  std::lock_guard lock(mutex_);
  int value = 0;
  for (const char c : pin) value = value * 10 + (c - '0');
  live_.erase(value);
}

std::size_t PinAllocator::live() const {
  std::lock_guard lock(mutex_);
  return live_.size();
}

std::string unique_id(std::time_t accepted_at, std::string_view pin) {
  return std::to_string(static_cast<long long>(accepted_at)) + std::string(pin);
}

}  // namespace pavi::gateway
