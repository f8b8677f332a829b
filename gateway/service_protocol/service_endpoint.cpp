// Service endpoint from a service URL (see service_endpoint.hpp).
#include "gateway/service_protocol/service_endpoint.hpp"

#include <cctype>

#include "gateway/service_protocol/php_url.hpp"

namespace pavi::service {

bool ServiceEndpoint::is_https() const {
  if (scheme.size() != 5) return false;
  std::string lower;
  for (char c : scheme) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "https";
}

int ServiceEndpoint::effective_port() const {
  if (port) return *port;
  return is_https() ? 443 : 80;
}

std::string ServiceEndpoint::host_header() const {
  if (!port || *port == (is_https() ? 443 : 80)) return host;
  return host + ":" + std::to_string(*port);
}

std::optional<ServiceEndpoint> service_endpoint(std::string_view service_url) {
  const auto parsed = php_parse_url(service_url);
  if (!parsed || !parsed->scheme || !parsed->host || parsed->scheme->empty()) return std::nullopt;
  ServiceEndpoint endpoint;
  endpoint.scheme = *parsed->scheme;
  endpoint.host = *parsed->host;
  endpoint.port = parsed->port;
  endpoint.path = parsed->path.value_or("");
  return endpoint;
}

}  // namespace pavi::service
