// What a connection is before any service speaks: its kind (and `typesocket`), its uniqueId with the WebMedia
// PIN, and the banner that goes out with the first response (gateway-behaviour.md §2.3, service-protocol.md §2.2).
#pragma once

#include <cstdint>
#include <ctime>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <string_view>

namespace pavi::gateway {

enum class ConnectionKind { ws, wss, telnet, asterisk, asterisk_pce };

// "WS", "WSS", "TELN", "AST" (C-014).
std::string_view typesocket_of(ConnectionKind kind);

// The banner bytes for a connection accepted at `local_time` ("dd/mm/YYYY HH:MM", local time) with `pin`.
std::string connection_banner(ConnectionKind kind, std::string_view local_time, std::string_view pin);
// "22/11/2026 13:33" for a Unix time, in the machine's local time zone as the original prints it.
std::string banner_time(std::time_t when);

// The row-0 message sent before an inactivity disconnection (C-112).
std::string inactivity_message();

// PINs of live connections, drawn at random from 2000-9999. Unlike the original (whose uniqueness loop lets
// duplicates slip through), a PIN is never given to two live connections while any is free. Thread-safe.
class PinAllocator {
 public:
  explicit PinAllocator(std::uint32_t seed = std::random_device{}());
  // "6654"; when all 8000 PINs are live, a random one is shared (the WebMedia page then finds two sessions).
  std::string acquire();
  void release(std::string_view pin);
  std::size_t live() const;

 private:
  mutable std::mutex mutex_;
  std::mt19937 random_;
  std::set<int> live_;
};

// "1795354383" + "6654": the accept time followed by the PIN (C-012).
std::string unique_id(std::time_t accepted_at, std::string_view pin);

}  // namespace pavi::gateway
