// Every request the fake service received, raw and parsed, for assertions. Thread-safe: the server appends on its
// I/O thread while tests read and wait from theirs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/service_protocol/request.hpp"

namespace pavi::sim {

struct RecordedRequest {
  std::size_t index = 0;                 // 0-based arrival order
  std::uint64_t connection_id = 0;       // which TCP connection carried it (keep-alive shows as a repeated id)
  std::size_t request_on_connection = 0; // 0 for the first request of its connection
  std::string method;
  std::string target;                    // as sent: path plus any query
  std::string path;
  std::string query;                     // without '?'; the gateway should send none (C-003)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;                      // raw bytes
  std::optional<service::Request> request;  // the parsed service request, when the body is one
  std::vector<std::string> warnings;        // deviations parse_request tolerated
  std::string parse_error;                  // why `request` is empty
  std::chrono::steady_clock::time_point received_at;

  // First header of that name, case-insensitive; "" when absent.
  std::string header(std::string_view name) const;
  // The request's fctn, "" when unparsed.
  std::string fctn() const { return request ? request->fctn : std::string(); }
};

class RequestLog {
 public:
  // Stores the request with its index and returns that index.
  std::size_t add(RecordedRequest request);
  std::vector<RecordedRequest> snapshot() const;
  std::optional<RecordedRequest> at(std::size_t index) const;
  std::optional<RecordedRequest> last() const;
  std::size_t size() const;
  void clear();
  // Waits until at least `count` requests were recorded; false on timeout.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<RecordedRequest> requests_;
  std::size_t next_index_ = 0;
};

}  // namespace pavi::sim
