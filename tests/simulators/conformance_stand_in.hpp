// A minimal stand-in gateway for the conformance suite's end-to-end tests, until the reference gateway exists:
// WebSocket and raw-TCP listeners from simulators/net, gateway/session's ServiceSession for all protocol logic, and
// libcurl for the HTTP calls (POST, the GET fallback, XML interpreters, the 100 kB limit). One worker thread per
// connection. Timers, pings, bridges, background calls and VisuWeb are not implemented: the checks needing them
// are expected to fail against it.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "gateway/service_protocol/php_url.hpp"
#include "gateway/service_protocol/request.hpp"
#include "gateway/service_protocol/urlparams.hpp"
#include "gateway/service_protocol/xml_reply.hpp"
#include "gateway/session/service_session.hpp"
#include "simulators/net/io_runner.hpp"
#include "simulators/net/listener.hpp"
#include "simulators/net/tcp_transport.hpp"
#include "simulators/net/websocket_transport.hpp"

namespace pavi::test {

class StandInGateway {
 public:
  explicit StandInGateway(std::string durl) : durl_(std::move(durl)) {
    std::string error;
    ws_ = sim::TcpListener::open(runner_, "127.0.0.1", 0, [this](sim::AcceptedSocket socket) {
      sim::accept_websocket(runner_, std::move(socket), {}, [this](sim::WebSocketAccept accepted) {
        if (accepted.transport) add(std::move(accepted.transport), "WS", start_url(accepted.request.target));
      });
    }, error);
    telnet_ = sim::TcpListener::open(runner_, "127.0.0.1", 0, [this](sim::AcceptedSocket socket) {
      add(sim::make_tcp_transport(runner_, std::move(socket)), "TELN", "");
    }, error);
  }
  ~StandInGateway() {
    ws_.reset();
    telnet_.reset();
    std::list<std::shared_ptr<Connection>> all;
    {
      std::lock_guard lock(mutex_);
      all.swap(connections_);
    }
    for (auto& c : all) c->stop();
  }

  std::string ws_url() const { return "ws://127.0.0.1:" + std::to_string(ws_->port()); }
  std::string telnet_address() const { return "tcp://127.0.0.1:" + std::to_string(telnet_->port()); }

 private:
  struct Connection {
    std::unique_ptr<sim::Transport> transport;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> reads;
    bool closed = false;
    bool stopping = false;
    std::thread worker;

    void stop() {
      {
        std::lock_guard lock(mutex);
        stopping = true;
      }
      changed.notify_all();
      if (worker.joinable()) worker.join();
      transport.reset();
    }
  };

  static std::string start_url(const std::string& target) {
    if (target.rfind("/?", 0) != 0) return "";
    const std::string query = target.substr(2, target.find(' '));
    std::size_t at = 0;
    while (at <= query.size()) {
      const auto amp = std::min(query.find('&', at), query.size());
      const std::string pair = query.substr(at, amp - at);
      const auto eq = pair.find('=');
      if (eq != std::string::npos && pair.find('=', eq + 1) == std::string::npos && pair.substr(0, eq) == "url") {
        return service::php_url_decode(pair.substr(eq + 1));
      }
      at = amp + 1;
    }
    return "";
  }

  static std::string banner(const std::string& kind, const std::string& pin) {
    char date[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%d/%m/%Y %H:%M", std::localtime(&now));
    return std::string("\x1B\x39\x7B\x0C") + (kind == "TELN" ? "" : "\x0E") + "\x1F\x40\x41MiniPAVI 1.6" + kind + " " +
           date + "\x18\x1B\x40\x14PIN:" + pin + "\x14\x0A";
  }

  void add(std::unique_ptr<sim::Transport> transport, std::string kind, std::string start) {
    auto c = std::make_shared<Connection>();
    c->transport = std::move(transport);
    std::weak_ptr<Connection> weak = c;
    c->transport->start({[weak](std::string_view bytes) {
                           if (auto s = weak.lock()) {
                             std::lock_guard lock(s->mutex);
                             s->reads.emplace_back(bytes);
                             s->changed.notify_all();
                           }
                         },
                         [weak](const sim::CloseInfo&) {
                           if (auto s = weak.lock()) {
                             std::lock_guard lock(s->mutex);
                             s->closed = true;
                             s->changed.notify_all();
                           }
                         }});
    const int pin = 2000 + static_cast<int>(next_pin_++ % 8000);
    gateway::SessionSetup setup;
    setup.unique_id = std::to_string(std::time(nullptr)) + std::to_string(pin);
    setup.remote_addr = "127.0.0.1";
    setup.typesocket = kind;
    setup.durl = durl_;
    setup.start_url = start;
    setup.banner = banner(kind, std::to_string(pin));
    c->worker = std::thread([this, c = c.get(), setup, kind] { run(*c, setup, kind == "TELN"); });
    std::lock_guard lock(mutex_);
    connections_.push_back(std::move(c));
  }

  void run(Connection& c, const gateway::SessionSetup& setup, bool telnet) {
    gateway::ServiceSession session(setup);
    if (telnet) std::this_thread::sleep_for(std::chrono::seconds(1));  // C-094: the first second is discarded
    {
      std::lock_guard lock(c.mutex);
      c.reads.clear();
    }
    if (!perform(c, session, setup.unique_id, session.start())) return;
    while (true) {
      std::unique_lock lock(c.mutex);
      c.changed.wait(lock, [&] { return c.stopping || c.closed || !c.reads.empty(); });
      if (c.stopping) return;
      if (c.reads.empty() && c.closed) {
        lock.unlock();
        perform(c, session, setup.unique_id, session.end());
        return;
      }
      std::string chunk = std::move(c.reads.front());
      c.reads.pop_front();
      lock.unlock();
      if (!perform(c, session, setup.unique_id, session.on_terminal(chunk))) return;
    }
  }

  // Writes, calls and host commands of a step and of the steps they lead to; false once the session is over.
  bool perform(Connection& c, gateway::ServiceSession& session, const std::string& unique_id, gateway::Step step) {
    while (true) {
      if (!step.output.empty()) c.transport->send(step.output);
      if (step.call) {
        const auto call = *step.call;
        const auto result = http(call);
        if (call.fire_and_forget) {  // the FIN of a closing session
          if (step.close) c.transport->close();
          return false;
        }
        step = session.on_result(result);
        continue;
      }
      if (step.close) {
        c.transport->close();
        return false;
      }
      if (!step.host_commands.empty()) {
        const auto command = step.host_commands.front();
        if (std::holds_alternative<service::GetScreenList>(command)) {
          step = session.on_command_done(service::Fctn::datas,
                                         service::Json{{"item", "getscreenlist"}, {"result", true}, {"datas", service::Json::array()}});
          continue;
        }
        if (service::is_bridge_command(command)) {
          step = session.on_command_done(service::Fctn::directcallended);
          continue;
        }
        if (const auto* push = std::get_if<service::PushServiceMsg>(&command)) {
          for (std::size_t i = 0; i < push->uniqueids.size(); ++i) {
            if (push->uniqueids[i] == unique_id) {
              c.transport->send("\x1F\x40\x41" + (i < push->messages.size() ? push->messages[i] : "") + "\x18\x0A");
            }
          }
        }
        step.host_commands.erase(step.host_commands.begin());
        continue;
      }
      return true;
    }
  }

  static std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    body->append(data, size * count);
    return body->size() > 100000 ? 0 : size * count;  // C-008: a longer reply is a transport failure
  }

  static bool transfer(const std::string& url, const std::string* post, std::string& body) {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "MiniPAVI/1.6");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTREDIR, static_cast<long>(CURL_REDIR_POST_301));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 4000L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 25000L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    if (post != nullptr) {
      curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post->c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(post->size()));
    }
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return code == CURLE_OK;
  }

  static gateway::ServiceResult http(const gateway::ServiceCall& call) {
    gateway::ServiceResult result;
    std::string url = call.url.substr(0, call.url.find('?'));
    auto body_text = service::serialise_request(call.request, service::JsonStyle::compact);
    if (!body_text.ok()) {
      result.failed = true;
      return result;
    }
    std::string body;
    bool ok = transfer(url, &*body_text.text, body);
    if (!ok) {  // §7.3 step 4: one GET, which must be XML
      body.clear();
      ok = transfer(url, nullptr, body) && service::classify_xml_reply(body).kind != service::XmlReplyKind::not_xml;
    }
    if (!ok) {
      result.failed = true;
      return result;
    }
    const auto xml = service::classify_xml_reply(body);
    if (xml.kind == service::XmlReplyKind::interpreter) {  // §7.3 step 5: the same request to the interpreter
      const std::string target = service::interpreter_target(xml.interpreter_url, call.url);
      auto request = call.request;
      request.urlparams = service::urlparams_from_url(target);
      auto resent = service::serialise_request(request, service::JsonStyle::compact);
      body.clear();
      if (!resent.ok() || !transfer(target.substr(0, target.find('?')), &*resent.text, body)) {
        result.failed = true;
        return result;
      }
      result.interpreter_url = target;
    }
    result.body = body;
    return result;
  }

  std::string durl_;
  sim::IoRunner runner_;
  std::unique_ptr<sim::TcpListener> ws_;
  std::unique_ptr<sim::TcpListener> telnet_;
  std::mutex mutex_;
  std::list<std::shared_ptr<Connection>> connections_;
  std::atomic<unsigned> next_pin_{2000};
};

}  // namespace pavi::test
