// What the library's libcurl clients share (see curl_support.hpp).
#include "gateway/service_client/curl_support.hpp"

#include <mutex>

namespace pavi::gateway::detail {

void init_curl_once() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string curl_error_kind(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return "timeout";
    case CURLE_COULDNT_CONNECT: return "connect";
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return "dns";
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE: return "reset";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR: return "tls";
    case CURLE_TOO_MANY_REDIRECTS: return "redirects";
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT: return "bad_url";
    default: return "curl_" + std::to_string(static_cast<int>(code));
  }
}

std::size_t append_bounded(char* data, std::size_t size, std::size_t count, void* body) {
  auto* bounded = static_cast<BoundedBody*>(body);
  const std::size_t length = size * count;
  if (bounded->bytes.size() + length > bounded->limit) {
    bounded->too_large = true;
    return 0;  // CURLE_WRITE_ERROR
  }
  bounded->bytes.append(data, length);
  return length;
}

}  // namespace pavi::gateway::detail
