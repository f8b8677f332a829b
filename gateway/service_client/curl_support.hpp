// Private to gateway/service_client: what its two libcurl clients (the service client and the AbuseIPDB lookup)
// share. One global initialisation for the process (curl_global_init is not thread-safe, so two clients must not
// each run their own), the labels given to transport errors, and a response body with a size limit.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <string>

namespace pavi::gateway::detail {

void init_curl_once();

// "timeout", "connect", "dns", "reset", "tls", "redirects", "bad_url", or "curl_<code>".
std::string curl_error_kind(CURLcode code);

// A response body that stops the transfer once it would pass `limit` bytes (CURLE_WRITE_ERROR, too_large set).
struct BoundedBody {
  std::string bytes;
  std::size_t limit = 0;
  bool too_large = false;

  void reset(std::size_t new_limit) {
    bytes.clear();
    limit = new_limit;
    too_large = false;
  }
};

// CURLOPT_WRITEFUNCTION for CURLOPT_WRITEDATA = BoundedBody*.
std::size_t append_bounded(char* data, std::size_t size, std::size_t count, void* body);

}  // namespace pavi::gateway::detail
