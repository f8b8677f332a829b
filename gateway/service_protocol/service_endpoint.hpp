// Where a request for a service URL goes (service-protocol.md §1, C-003): scheme://host + path of the URL, with
// the port kept apart; the query (sent as URLPARAMS instead), user:password and fragment are dropped.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pavi::service {

struct ServiceEndpoint {
  std::string scheme;       // as written in the URL ("http", "HTTPS"...)
  std::string host;         // as written; an IPv6 address keeps its brackets
  std::optional<int> port;  // only when the URL names one
  std::string path;         // may be empty
  // What the original hands to curl: scheme + "://" + host + path (the port goes separately).
  std::string url() const { return scheme + "://" + host + path; }
  bool is_https() const;
  int effective_port() const;  // the explicit port, else 443 for https and 80 otherwise
  std::string target() const { return path.empty() ? "/" : path; }  // the HTTP request target
  std::string host_header() const;  // Host: host, plus ":port" when the port is explicit and not the default
};

// nullopt when the URL has no scheme or no host (PHP parse_url fails or finds none): the request then fails
// as a transport error would.
std::optional<ServiceEndpoint> service_endpoint(std::string_view service_url);

}  // namespace pavi::service
