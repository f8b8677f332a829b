// Shared bits of the ServiceClient tests: a request as a session would make it, and a fake service answering
// by HTTP method.
#pragma once

#include <optional>
#include <string>

#include "gateway/service_client/service_client.hpp"
#include "gateway/service_protocol/urlparams.hpp"
#include "simulators/fake_service/fake_service.hpp"

namespace pavi::test {

inline gateway::ServiceCall make_call(const std::string& url, const std::string& fctn = "ENVOI",
                                      const std::string& typed = "") {
  gateway::ServiceCall call;
  call.url = url;
  call.request.unique_id = "17000000001234";
  call.request.remote_addr = "127.0.0.1";
  call.request.typesocket = "WS";
  call.request.fctn = fctn;
  call.request.content = {typed};
  call.request.urlparams = service::urlparams_from_url(url);
  return call;
}

inline service::ServiceReply page(const std::string& content) {
  service::ServiceReply reply;
  reply.content = content;
  return reply;
}

// Fast timeouts so that the timeout tests stay short.
inline gateway::ServiceClientOptions quick_options() {
  gateway::ServiceClientOptions options;
  options.connect_timeout = std::chrono::milliseconds(1000);
  options.total_timeout = std::chrono::milliseconds(300);
  return options;
}

}  // namespace pavi::test
