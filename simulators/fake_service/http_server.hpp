// A small HTTP/1.1 server for the simulators: keep-alive, "Expect: 100-continue", delayed answers, and the two
// ways of not answering (TCP reset, clean close). Requests are handed to a callback on the I/O thread. Beast and
// Asio stay inside http_server.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "simulators/net/io_runner.hpp"

namespace pavi::sim {

struct HttpRequestData {
  std::string method;
  std::string target;
  unsigned version = 11;  // 10 or 11
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::uint64_t connection_id = 0;
  std::size_t request_on_connection = 0;
};

struct HttpResponseData {
  enum class Action { respond, reset, close };
  Action action = Action::respond;
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds delay{0};
};

class HttpServer {
 public:
  using Handler = std::function<HttpResponseData(const HttpRequestData&)>;

  struct Options {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0;                    // 0: any free port
    bool keep_alive = true;                    // false: "Connection: close" on every response
    std::size_t max_body_bytes = 8 * 1024 * 1024;
  };

  // Binds and starts accepting on `runner`. Throws std::system_error when the address cannot be bound.
  HttpServer(IoRunner& runner, Options options, Handler handler);
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  std::size_t connections_accepted() const;
  // Closes the listener and every connection; pending delayed answers are dropped. Idempotent.
  void stop();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace pavi::sim
