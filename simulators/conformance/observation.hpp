// What a conformance scenario saw, as plain data: the requests the fake service received (with how many bytes the
// terminal had received when each one arrived), every byte the terminal received, the driver's step marks and a
// few named facts. Judges read only this, so tests can build one from the spec's recorded exchanges.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulators/fake_service/request_log.hpp"

namespace pavi::conformance {

struct Observation {
  std::vector<sim::RecordedRequest> requests;   // in arrival order, paths without the suite's run tag
  std::vector<std::size_t> received_at_request;  // received.size() when each request arrived
  std::string received;                          // every byte the terminal(s) received, sessions one after another
  std::vector<std::string> chunks;               // the same bytes as the reads (one per WebSocket frame)
  std::vector<std::size_t> marks;                // received.size() at each step of the scenario (driver-defined)
  bool closed = false;                           // the gateway closed the (last) connection
  std::int64_t unix_time = 0;                    // when the scenario started (C-012)
  std::map<std::string, std::string> facts;      // anything else a driver measured ("start_url", ...)
  std::string error;                             // the scenario could not be run (connection refused...)

  // The bytes received between mark i and mark i+1 (or the end).
  std::string segment(std::size_t i) const;
  // Requests whose fctn is `fctn`.
  std::vector<const sim::RecordedRequest*> with_fctn(std::string_view fctn) const;
  std::vector<std::string> fctns() const;
  std::string fact(const std::string& name) const;
};

// A recorded request built from a body (for tests and for the spec's examples): parsed with parse_request.
sim::RecordedRequest recorded_request(std::string body, std::string target = "/index.php",
                                      std::string method = "POST",
                                      std::vector<std::pair<std::string, std::string>> headers = {
                                          {"Content-Type", "application/json"}, {"User-Agent", "MiniPAVI/1.6"}});

// Small helpers shared by judges.
std::string hex(std::string_view bytes);                 // "1F 4A 45"
std::string printable(std::string_view bytes, std::size_t max = 120);  // bytes for a failure message
bool contains(std::string_view haystack, std::string_view needle);
// "fctn of request i was X" messages.
std::string describe_fctns(const Observation& observation);

}  // namespace pavi::conformance
