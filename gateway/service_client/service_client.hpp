// The HTTP client that calls services (service-protocol.md §1 and §7.3): the POST of the JSON request to the
// service URL without its query, the retries on timeout, the GET fallback after a transport error, the 100 kB
// limit, redirects, and the XML <service><interpreteur> hand-over. Asynchronous and shared: one worker thread
// drives every transfer with libcurl's multi interface, so thousands of sessions cost one thread and a pool of
// reused connections. The gateway and `pavi stress` both use it. libcurl stays inside service_client.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "gateway/service_protocol/php_json.hpp"
#include "gateway/service_protocol/request.hpp"
#include "gateway/service_protocol/response.hpp"
#include "gateway/session/service_session.hpp"

namespace pavi::gateway {

struct ServiceClientOptions {
  std::chrono::milliseconds connect_timeout{4000};  // §1, C-005
  std::chrono::milliseconds total_timeout{25000};   // per attempt (§1, C-005)
  int max_attempts = 3;                             // attempts per method, counted on timeouts only (§7.3)
  std::size_t max_body_bytes = service::kMaxResponseBytes;  // more is a transport error (§1, C-008)
  std::string user_agent{service::kUserAgent};      // must contain "MiniPAVI" (C-002)
  long max_redirects = 20;                          // PHP-curl's limit (§1)
  // Not in the original, which follows interpreter replies without end: a service that keeps answering with
  // <interpreteur> would hold the session forever. Past this many hand-overs the XML body is the reply (ERR#03).
  int max_interpreter_hops = 5;
  service::JsonStyle json_style = service::JsonStyle::php;
  bool verify_tls = true;       // curl defaults, as the original (§1 TLS)
  long max_connections = 0;     // CURLMOPT_MAX_TOTAL_CONNECTIONS; 0: no limit (idle ones are kept for reuse)
  long max_host_connections = 0;  // CURLMOPT_MAX_HOST_CONNECTIONS; 0: no limit
  // CURLMOPT_MAXCONNECTS: idle connections kept for reuse. libcurl's default (4 x the calls in flight) closes
  // and reopens connections under load, filling the ports with TIME_WAIT.
  long connection_cache = 1000;
};

// What one call cost and how it ended, for logs and the stress report.
struct CallStats {
  std::chrono::microseconds latency{0};  // from call() to the callback
  long http_status = 0;                  // of the last HTTP response received (0: none)
  std::size_t bytes_sent = 0;            // request bodies, every attempt
  std::size_t bytes_received = 0;        // the final body
  int attempts = 0;                      // HTTP transfers made (POSTs, GETs, interpreter hand-overs)
  bool get_fallback = false;             // the §7.3 step 4 GET was tried
  int interpreter_hops = 0;
  // "" for a usable JSON reply (or an empty one). Failures (ServiceResult::failed): "timeout", "connect",
  // "dns", "reset", "tls", "too_large", "redirects", "bad_url", "encode", "cancelled", "curl_<code>".
  // Replies that reach the session but show an error page: "http_<status>" (status >= 400), "not_json".
  std::string error;
};

using ServiceCallback = std::function<void(gateway::ServiceResult, CallStats)>;

class ServiceClient {
 public:
  explicit ServiceClient(ServiceClientOptions options = {});
  // Stops the worker: calls still under way end with failed = true and error "cancelled" (their callbacks run
  // on the worker thread before the destructor returns).
  ~ServiceClient();
  ServiceClient(const ServiceClient&) = delete;
  ServiceClient& operator=(const ServiceClient&) = delete;

  // Starts a call; `done` runs once, on the client's worker thread (keep it short; it may call call() again).
  // A call made while the client is being destroyed completes at once, cancelled, on the calling thread.
  void call(const gateway::ServiceCall& call, ServiceCallback done);
  // Blocks until the call completes. Not from a callback (the worker thread would wait on itself).
  gateway::ServiceResult call_sync(const gateway::ServiceCall& call, CallStats* stats = nullptr);

  std::size_t in_flight() const;  // calls started and not yet completed
  const ServiceClientOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pavi::gateway
