// Observation helpers and the message formatting judges share.
#include "simulators/conformance/observation.hpp"

#include <cstdio>

#include "gateway/service_protocol/request.hpp"

namespace pavi::conformance {

std::string Observation::segment(std::size_t i) const {
  if (i >= marks.size()) return {};
  const std::size_t begin = std::min(marks[i], received.size());
  const std::size_t end = i + 1 < marks.size() ? std::min(marks[i + 1], received.size()) : received.size();
  return end > begin ? received.substr(begin, end - begin) : std::string();
}

std::vector<const sim::RecordedRequest*> Observation::with_fctn(std::string_view fctn) const {
  std::vector<const sim::RecordedRequest*> out;
  for (const auto& r : requests) {
    if (r.fctn() == fctn) out.push_back(&r);
  }
  return out;
}

std::vector<std::string> Observation::fctns() const {
  std::vector<std::string> out;
  for (const auto& r : requests) out.push_back(r.method == "POST" ? r.fctn() : r.method);
  return out;
}

std::string Observation::fact(const std::string& name) const {
  const auto it = facts.find(name);
  return it == facts.end() ? std::string() : it->second;
}

sim::RecordedRequest recorded_request(std::string body, std::string target, std::string method,
                                      std::vector<std::pair<std::string, std::string>> headers) {
  sim::RecordedRequest r;
  r.method = std::move(method);
  r.target = target;
  const auto q = target.find('?');
  r.path = target.substr(0, q);
  r.query = q == std::string::npos ? std::string() : target.substr(q + 1);
  r.headers = std::move(headers);
  r.body = std::move(body);
  if (!r.body.empty()) {
    auto parsed = service::parse_request(r.body);
    r.request = std::move(parsed.request);
    r.warnings = std::move(parsed.warnings);
    r.parse_error = std::move(parsed.error);
  }
  return r;
}

std::string hex(std::string_view bytes) {
  std::string out;
  char buf[4];
  for (const unsigned char c : bytes) {
    std::snprintf(buf, sizeof buf, "%02X", c);
    if (!out.empty()) out += ' ';
    out += buf;
  }
  return out;
}

std::string printable(std::string_view bytes, std::size_t max) {
  std::string out = "\"";
  std::size_t n = 0;
  char buf[8];
  for (const unsigned char c : bytes) {
    if (n++ == max) {
      out += "...";
      break;
    }
    if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out + "\"";
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string describe_fctns(const Observation& observation) {
  std::string out = "requests: [";
  bool first = true;
  for (const auto& r : observation.requests) {
    if (!first) out += ", ";
    first = false;
    out += (r.method == "POST" ? r.fctn() : r.method) + " " + r.path;
  }
  return out + "]";
}

}  // namespace pavi::conformance
