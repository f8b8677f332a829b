// Endpoint URLs the simulators connect to: ws://, wss://, telnet:// and tcp://, parsed without throwing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pavi::sim {

enum class Scheme : std::uint8_t { ws, wss, telnet, tcp };

struct Endpoint {
  Scheme scheme = Scheme::ws;
  std::string host;         // without brackets for IPv6
  std::uint16_t port = 0;
  std::string target = "/";  // ws/wss: path and query as sent in the request line
};

struct EndpointParse {
  std::optional<Endpoint> endpoint;
  std::string error;  // set when endpoint is empty
};

// "ws://host[:port][/path][?query]" (default ports: ws 80, wss 443, telnet 23; tcp needs one).
EndpointParse parse_endpoint(std::string_view url);
std::string_view scheme_name(Scheme scheme);
// The URL again, normalised ("ws://127.0.0.1:8182/?url=x").
std::string to_url(const Endpoint& endpoint);
// Host with brackets for IPv6, and ":port" when it is not the scheme's default (the WebSocket Host header).
std::string host_header(const Endpoint& endpoint);

}  // namespace pavi::sim
