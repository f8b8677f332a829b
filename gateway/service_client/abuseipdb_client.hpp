// The AbuseIPDB lookup of the gateway (gateway-behaviour.md §1 step 3): GET <endpoint>?ipAddress=..., with the
// ipdbkey in a "Key:" header, on libcurl's multi interface with one worker thread, so that no accept ever waits
// on the network. Bounded by connect and total timeouts. Plugged into the server as a reputation::Lookup by
// the app (gateway/server does not link libcurl). libcurl stays inside abuseipdb_client.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "gateway/reputation/abuseipdb_reply.hpp"
#include "gateway/reputation/reputation_checker.hpp"

namespace pavi::gateway {

struct AbuseIpdbOptions {
  std::string endpoint{reputation::kAbuseIpdbCheckUrl};  // the fake of simulators/reputation in tests
  std::string key;                                       // ipdbkey
  int max_age_days = reputation::kAbuseIpdbMaxAgeDays;
  // The original waited up to 3 s to connect and 5 s in all, once more after a timeout. One attempt here: the
  // admission waits less than this anyway (ServerOptions::reputation_wait), and a late answer still fills the cache.
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{5000};
  std::size_t max_body_bytes = 64 * 1024;  // a reply is a few hundred bytes; more is "too_large"
  bool verify_tls = true;
};

class AbuseIpdbClient {
 public:
  explicit AbuseIpdbClient(AbuseIpdbOptions options);
  // Lookups still under way end with error "cancelled"; their callbacks run before the destructor returns.
  ~AbuseIpdbClient();
  AbuseIpdbClient(const AbuseIpdbClient&) = delete;
  AbuseIpdbClient& operator=(const AbuseIpdbClient&) = delete;

  // `done` runs once, on the worker thread (or at once, cancelled, while the client is being destroyed). Errors:
  // "timeout", "connect", "dns", "reset", "tls", "too_large", "http_<status>", "bad_reply", "cancelled",
  // "curl_<code>".
  void lookup(const std::string& address, reputation::LookupDone done);
  // This client as the server's ServerOptions::reputation_lookup. The client must outlive the server's use.
  reputation::Lookup as_lookup();
  std::size_t in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pavi::gateway
