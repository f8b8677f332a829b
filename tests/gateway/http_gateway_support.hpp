// The gateway as it runs in production for the server tests that need real HTTP: GatewayServer -> ServiceClient
// (libcurl) -> the fake service, on 127.0.0.1 with ephemeral ports. Records each call's CallStats, and tears down
// in the order that keeps every in-flight callback's strand alive.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gateway/server/gateway_server.hpp"
#include "gateway/service_client/service_client.hpp"
#include "gateway/service_protocol/php_url.hpp"
#include "gateway/service_protocol/reply_builder.hpp"
#include "simulators/fake_service/fake_service.hpp"
#include "tests/gateway/test_server_support.hpp"

namespace pavi::gateway::test {

struct CallRecord {
  std::string url;  // the session's URL for the call (before any interpreter hand-over)
  std::string fctn;
  CallStats stats;
};

class HttpGateway {
 public:
  // The gateway's durl is the fake service's `durl_path`.
  explicit HttpGateway(ServiceClientOptions client_options = {}, std::string durl_path = "/home")
      : client_(std::move(client_options)),
        server_(config(service.url(durl_path)), caller(), local_options({{ConnectionKind::ws, 0}})) {}

  // The server stops first (its sessions send their FINs), then the fake service, so that every call still
  // under way fails at once; the client's callbacks post to the server's strands, so they must all have run
  // before the server goes.
  ~HttpGateway() {
    server_.stop();
    service.stop();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (client_.in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  bool start() { return server_.start().empty(); }
  GatewayServer& server() { return server_; }

  // A ws:// URL that starts a session on the fake service's `path` (`?url=`, URL-encoded).
  std::string start_url(std::string_view path) const {
    return gateway_url() + "?url=" + service::php_urlencode(service.url(path));
  }
  // A ws:// URL that starts a session on the durl.
  std::string gateway_url() const {
    return "ws://127.0.0.1:" + std::to_string(server_.port(ConnectionKind::ws)) + "/";
  }

  // Completed calls whose session URL contains `url_part`.
  std::vector<CallRecord> calls(std::string_view url_part) const {
    std::lock_guard lock(mutex_);
    std::vector<CallRecord> found;
    for (const auto& record : records_) {
      if (record.url.find(url_part) != std::string::npos) found.push_back(record);
    }
    return found;
  }

  // The fake service's requests to `path`.
  std::vector<sim::RecordedRequest> requests(std::string_view path) const {
    std::vector<sim::RecordedRequest> found;
    for (auto& request : service.requests()) {
      if (request.path == path) found.push_back(std::move(request));
    }
    return found;
  }

  sim::FakeService service;  // first: the server's config needs its URL

 private:
  static GatewayConfig config(std::string durl) {
    GatewayConfig config = test_config();
    config.durl = std::move(durl);
    return config;
  }

  ServiceCaller caller() {
    return [this](ServiceCall call, std::function<void(ServiceResult)> done) {
      CallRecord record{call.url, call.request.fctn, {}};
      client_.call(call, [this, record = std::move(record), done = std::move(done)](ServiceResult result,
                                                                                   CallStats stats) mutable {
        record.stats = std::move(stats);
        {
          std::lock_guard lock(mutex_);
          records_.push_back(std::move(record));
        }
        done(std::move(result));
      });
    };
  }

  ServiceClient client_;
  mutable std::mutex mutex_;
  std::vector<CallRecord> records_;
  GatewayServer server_;
};

// A reply with just a page, videotex bytes at row 1.
inline sim::FakeReply page_reply(std::string_view text, std::optional<std::string> next = std::nullopt) {
  service::ServiceReply reply;
  reply.content = std::string("\x0c\x1f\x41\x41") + std::string(text);
  reply.next = std::move(next);
  return sim::FakeReply::json(reply);
}

}  // namespace pavi::gateway::test
