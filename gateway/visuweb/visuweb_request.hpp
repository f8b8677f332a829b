// A VisuWeb request as the original reads it (visuweb-stats-recordings.md §1): header lines up to the first empty
// line, never a body; the parameters come from the first line of the form `GET /<anything> HTTP/1.1`, with every
// `?` removed, so `/?action=stats` and `/action=stats` are the same request. Never throws.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pavi::gateway::visuweb {

struct VisuRequest {
  bool has_get_line = false;              // a `GET /... HTTP/1.1` line was found
  std::string target;                     // what follows `GET ` on that line, as sent ("/?action=stats")
  std::map<std::string, std::string> query;  // from that line, PHP parse_str style (last value wins)
  std::vector<std::string> lines;          // every header line, without its line ending

  // The value of a parameter, "" when absent.
  std::string param(std::string_view name) const;
  bool has_param(std::string_view name) const;
  // The first header of this name (case-insensitive), trimmed; "" when absent.
  std::string header(std::string_view name) const;
  // The path before any '?': "/metrics" for `GET /metrics?x HTTP/1.x`, on any HTTP version.
  std::string path() const;
};

// `head` is what was read up to (and maybe past) the first empty line.
VisuRequest parse_visuweb_request(std::string_view head);

// PHP parse_str of a query string: '&'-separated `name=value`, both URL-decoded ('+' is a space).
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace pavi::gateway::visuweb
