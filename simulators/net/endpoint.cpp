// Endpoint URL parsing for the simulators' clients.
#include "simulators/net/endpoint.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace pavi::sim {
namespace {

std::uint16_t default_port(Scheme scheme) {
  switch (scheme) {
    case Scheme::ws: return 80;
    case Scheme::wss: return 443;
    case Scheme::telnet: return 23;
    case Scheme::tcp: return 0;
  }
  return 0;
}

EndpointParse failure(std::string_view url, std::string_view why) {
  return {std::nullopt, "bad URL \"" + std::string(url) + "\": " + std::string(why)};
}

}  // namespace

std::string_view scheme_name(Scheme scheme) {
  switch (scheme) {
    case Scheme::ws: return "ws";
    case Scheme::wss: return "wss";
    case Scheme::telnet: return "telnet";
    case Scheme::tcp: return "tcp";
  }
  return "?";
}

EndpointParse parse_endpoint(std::string_view url) {
  const auto separator = url.find("://");
  if (separator == std::string_view::npos) return failure(url, "expected ws://, wss://, telnet:// or tcp://");
  std::string scheme_text(url.substr(0, separator));
  std::transform(scheme_text.begin(), scheme_text.end(), scheme_text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  Endpoint endpoint;
  if (scheme_text == "ws") {
    endpoint.scheme = Scheme::ws;
  } else if (scheme_text == "wss") {
    endpoint.scheme = Scheme::wss;
  } else if (scheme_text == "telnet") {
    endpoint.scheme = Scheme::telnet;
  } else if (scheme_text == "tcp") {
    endpoint.scheme = Scheme::tcp;
  } else {
    return failure(url, "unknown scheme \"" + scheme_text + "\" (ws, wss, telnet or tcp)");
  }

  std::string_view rest = url.substr(separator + 3);
  const auto authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (const auto fragment = target.find('#'); fragment != std::string_view::npos) target = target.substr(0, fragment);
  if (authority.find('@') != std::string_view::npos) return failure(url, "user information is not supported");

  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return failure(url, "unclosed '[' in the host");
    endpoint.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return failure(url, "unexpected text after the IPv6 address");
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    endpoint.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (endpoint.host.empty()) return failure(url, "no host");

  endpoint.port = default_port(endpoint.scheme);
  if (!port_text.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return failure(url, "bad port \"" + std::string(port_text) + "\"");
    }
    endpoint.port = static_cast<std::uint16_t>(value);
  }
  if (endpoint.port == 0) return failure(url, "a port is required");

  if (endpoint.scheme == Scheme::ws || endpoint.scheme == Scheme::wss) {
    endpoint.target = target.empty() ? "/" : (target.front() == '?' ? "/" + std::string(target) : std::string(target));
  } else {
    if (!target.empty() && target != "/") return failure(url, "telnet and tcp URLs take no path");
    endpoint.target.clear();
  }
  return {endpoint, {}};
}

std::string host_header(const Endpoint& endpoint) {
  std::string host = endpoint.host.find(':') != std::string::npos ? "[" + endpoint.host + "]" : endpoint.host;
  if (endpoint.port != default_port(endpoint.scheme)) host += ":" + std::to_string(endpoint.port);
  return host;
}

std::string to_url(const Endpoint& endpoint) {
  std::string host = endpoint.host.find(':') != std::string::npos ? "[" + endpoint.host + "]" : endpoint.host;
  return std::string(scheme_name(endpoint.scheme)) + "://" + host + ":" + std::to_string(endpoint.port) +
         endpoint.target;
}

}  // namespace pavi::sim
