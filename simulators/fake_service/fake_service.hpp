// The fake MiniPavi service: an HTTP server on 127.0.0.1 (port 0 by default) that answers the gateway's POSTs
// from a declarative FakeScript, a programmatic handler, or both (the handler first), records every request raw
// and parsed, and reports its URL. Usable in-process from tests; stops cleanly in its destructor.
//
//   pavi::sim::FakeService service;
//   service.set_handler([](const pavi::sim::RecordedRequest& r) -> std::optional<pavi::sim::FakeReply> {
//     if (r.fctn() == "CNX") return pavi::sim::FakeReply::json({.content = "\x0c" "Hello"});
//     return std::nullopt;  // fall through to the script, then to the default reply
//   });
//   // ... point a gateway at service.url("/index.php?sc=default") ...
//   service.wait_for_requests(1, std::chrono::seconds(5));
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulators/fake_service/fake_reply.hpp"
#include "simulators/fake_service/fake_script.hpp"
#include "simulators/fake_service/request_log.hpp"
#include "simulators/net/io_runner.hpp"

namespace pavi::sim {

class HttpServer;

struct FakeServiceOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;   // 0: any free port; see FakeService::port()
  bool keep_alive = true;   // HTTP/1.1 persistent connections; false answers every request with Connection: close
};

class FakeService {
 public:
  // Returns a reply, or nullopt to let the script (then the default reply) answer. Runs on the server's I/O
  // thread: keep it quick, and do not call back into this FakeService's stop() from it.
  using Handler = std::function<std::optional<FakeReply>(const RecordedRequest&)>;

  // Runs on its own IoRunner.
  explicit FakeService(FakeServiceOptions options = {});
  // Runs on `runner`, which must outlive this object.
  explicit FakeService(IoRunner& runner, FakeServiceOptions options = {});
  ~FakeService();
  FakeService(const FakeService&) = delete;
  FakeService& operator=(const FakeService&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:PORT"
  std::string base_url() const;
  // base_url() + path ("/index.php?sc=x").
  std::string url(std::string_view path = "/") const;
  // The URL of a script page (path and query), or base_url() + "/" if there is no such page.
  std::string page_url(std::string_view page) const;

  void set_script(FakeScript script);
  // Loads and installs a script file; returns the error ("" on success) and keeps the old script on error.
  std::string load_script(const std::filesystem::path& file);
  void set_handler(Handler handler);
  void clear_handler();

  // Every request since the last clear_requests(), in arrival order.
  std::vector<RecordedRequest> requests() const;
  std::optional<RecordedRequest> last_request() const;
  std::size_t request_count() const;
  bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const;
  void clear_requests();

  // TCP connections accepted so far (keep-alive shows as fewer connections than requests).
  std::size_t connection_count() const;

  // Stops listening and closes every connection. Idempotent; the destructor calls it.
  void stop();

  // What an unscripted service answers: an empty page with echo on, next unchanged.
  static FakeReply default_reply();

 private:
  struct State;
  void start(IoRunner& runner, const FakeServiceOptions& options);

  std::unique_ptr<IoRunner> own_runner_;  // declared first: destroyed after the server
  std::shared_ptr<State> state_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace pavi::sim
