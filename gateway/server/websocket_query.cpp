// PHP's explode('&') then explode('='), kept with its faults: a raw '=' in a url value loses the parameter.
#include "gateway/server/websocket_query.hpp"

#include "gateway/service_protocol/php_url.hpp"

namespace pavi::gateway {

std::map<std::string, std::string> websocket_query(std::string_view target) {
  std::map<std::string, std::string> parameters;
  if (target.substr(0, 2) != "/?") return parameters;
  std::string_view query = target.substr(2);
  while (true) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.find('=', eq + 1) == std::string_view::npos) {
      parameters[std::string(pair.substr(0, eq))] = service::php_url_decode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return parameters;
}

}  // namespace pavi::gateway
