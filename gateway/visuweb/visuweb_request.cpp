// Line by line, as the original's reading loop: the request line is not special, any header line may be it.
#include "gateway/visuweb/visuweb_request.hpp"

#include <algorithm>
#include <cctype>

#include "gateway/service_protocol/php_strings.hpp"
#include "gateway/service_protocol/php_url.hpp"

namespace pavi::gateway::visuweb {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> values;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    std::string name = service::php_url_decode(pair.substr(0, equals));
    if (name.empty()) continue;
    values[std::move(name)] =
        equals == std::string_view::npos ? std::string() : service::php_url_decode(pair.substr(equals + 1));
  }
  return values;
}

VisuRequest parse_visuweb_request(std::string_view head) {
  VisuRequest request;
  while (!head.empty()) {
    const auto newline = head.find('\n');
    std::string_view line = head.substr(0, newline);
    head = newline == std::string_view::npos ? std::string_view() : head.substr(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // end of the headers; a body is never read
    request.lines.emplace_back(line);
    constexpr std::string_view kGet = "GET /";
    constexpr std::string_view kVersion = " HTTP/1.1";
    if (!request.has_get_line && line.size() >= kGet.size() + kVersion.size() - 1 && line.starts_with(kGet) &&
        line.ends_with(kVersion)) {
      request.has_get_line = true;
      request.target = std::string(line.substr(4, line.size() - 4 - kVersion.size()));
      std::string query = request.target.substr(1);
      std::erase(query, '?');
      request.query = parse_query(query);
    }
  }
  return request;
}

std::string VisuRequest::param(std::string_view name) const {
  const auto it = query.find(std::string(name));
  return it == query.end() ? std::string() : it->second;
}

bool VisuRequest::has_param(std::string_view name) const { return query.count(std::string(name)) != 0; }

std::string VisuRequest::header(std::string_view name) const {
  for (const auto& line : lines) {
    const auto colon = line.find(':');
    if (colon == std::string::npos || !iequals(std::string_view(line).substr(0, colon), name)) continue;
    return std::string(service::php_trim(std::string_view(line).substr(colon + 1)));
  }
  return {};
}

std::string VisuRequest::path() const {
  std::string_view line;
  for (const auto& candidate : lines) {
    if (candidate.starts_with("GET /")) {
      line = candidate;
      break;
    }
  }
  if (line.empty()) return {};
  std::string_view target = line.substr(4);
  target = target.substr(0, target.find(' '));
  return std::string(target.substr(0, target.find('?')));
}

}  // namespace pavi::gateway::visuweb
