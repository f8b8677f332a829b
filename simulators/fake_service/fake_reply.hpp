// What the fake service answers to one HTTP request: a body with a status and headers, or one of the fault modes
// of the Simulators issue (invalid JSON, empty body, >100 kB body, slow reply, connection reset, HTTP 500 with an
// HTML body, redirects, XML <service><interpreteur>).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "gateway/service_protocol/reply_builder.hpp"

namespace pavi::sim {

struct FakeReply {
  enum class Transport {
    respond,  // send the HTTP response
    reset,    // read the request, then drop the connection with a TCP RST (no response)
    close,    // read the request, then close the connection cleanly without a response
  };

  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Location...)
  std::chrono::milliseconds delay{0};                        // wait this long before acting (slow reply)
  Transport transport = Transport::respond;

  // A protocol reply (service::ServiceReply -> compact JSON).
  static FakeReply json(const service::ServiceReply& reply);
  // Any body, as is.
  static FakeReply raw(std::string body, std::string content_type = "application/json", int status = 200);
  // "this is not JSON {": the gateway shows ERR#03 "Syntax error" (C-078).
  static FakeReply invalid_json();
  // An empty body: "no response" (C-011).
  static FakeReply empty();
  // A valid JSON reply of `total_bytes` bytes (default 150 000): the gateway must treat it as a transport error (C-008).
  static FakeReply oversized(std::size_t total_bytes = 150000);
  // HTTP 500 with an HTML body (C-007: the status is ignored, the body gives ERR#03).
  static FakeReply http500_html();
  // 301/302/303/307/308 to a path or URL (C-006).
  static FakeReply redirect(int status, std::string location);
  // <service><interpreteur url="..."/></service> (C-009, C-010).
  static FakeReply xml_interpreter(const std::string& interpreter_url);
  static FakeReply connection_reset();
  static FakeReply connection_close();

  // The same reply, sent after `wait`.
  FakeReply& after(std::chrono::milliseconds wait) {
    delay = wait;
    return *this;
  }
};

}  // namespace pavi::sim
