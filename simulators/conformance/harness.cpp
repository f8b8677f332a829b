// The conformance harness: terminal sessions against the gateway, the fake service's answers, a raw WebSocket-port
// client, and the bookkeeping that turns all of it into one Observation per check.
#include "simulators/conformance/harness.hpp"

#include <charconv>
#include <utility>
#include <ctime>
#include <thread>

#include "simulators/net/endpoint.hpp"
#include "simulators/net/io_runner.hpp"
#include "simulators/net/transport.hpp"

namespace pavi::conformance {

using namespace std::chrono_literals;

sim::FakeReply page(std::string content, std::optional<service::Json> command, std::optional<std::string> next,
                    std::optional<std::string> context, std::optional<std::string> echo,
                    std::optional<std::string> directcall) {
  service::ServiceReply reply;
  reply.content = std::move(content);
  reply.context = std::move(context);
  reply.echo = std::move(echo);
  reply.next = std::move(next);
  reply.directcall = std::move(directcall);
  reply.command = std::move(command);
  return sim::FakeReply::json(reply);
}

service::Json command(std::string name, service::Json param) {
  service::Json c = service::Json::object();
  c["name"] = std::move(name);
  c["param"] = std::move(param);
  return c;
}

Responder in_order(std::vector<sim::FakeReply> replies) {
  return [replies = std::move(replies)](const sim::RecordedRequest&, std::size_t n) -> std::optional<sim::FakeReply> {
    if (n < replies.size()) return replies[n];
    return std::nullopt;
  };
}

namespace {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// "/t12/rest" -> 12 and "/rest"; other paths -> nullopt.
std::optional<int> run_tag(std::string_view path, std::string_view& rest) {
  if (path.size() < 3 || path[0] != '/' || path[1] != 't') return std::nullopt;
  int value = 0;
  const auto [end, ec] = std::from_chars(path.data() + 2, path.data() + path.size(), value);
  if (ec != std::errc() || end == path.data() + 2) return std::nullopt;
  if (end != path.data() + path.size() && *end != '/') return std::nullopt;
  rest = std::string_view(end, path.data() + path.size() - end);
  if (rest.empty()) rest = "/";
  return value;
}

}  // namespace

struct Harness::Raw {
  std::mutex mutex;
  std::condition_variable changed;
  std::string received;
  bool closed = false;
  std::unique_ptr<sim::Transport> transport;
};

Harness::Harness(sim::FakeService& service, HarnessSettings settings)
    : service_(service), settings_(std::move(settings)), terminal_(std::make_unique<sim::Terminal>()),
      runner_(std::make_unique<sim::IoRunner>()) {
  settings_.gateway_ws = without_trailing_slash(settings_.gateway_ws);
  settings_.service_base = without_trailing_slash(settings_.service_base);
  service_.set_handler([this](const sim::RecordedRequest& request) { return on_request(request); });
}

Harness::~Harness() {
  service_.clear_handler();
  raw_close();
  terminal_->disconnect();
}

void Harness::begin(const std::string& check_key) {
  std::lock_guard lock(mutex_);
  ++run_;
  for (const auto& r : observation_.requests) {
    if (r.request) retired_ids_.insert(r.request->unique_id);
  }
  responder_ = nullptr;
  observation_ = Observation{};
  observation_.unix_time = static_cast<std::int64_t>(std::time(nullptr));
  observation_.facts["check"] = check_key;
  earlier_sessions_.clear();
  earlier_chunks_.clear();
  session_in_check_ = false;  // the terminal still holds the previous check's transcript
}

std::optional<sim::FakeReply> Harness::on_request(const sim::RecordedRequest& request) {
  Responder responder;
  sim::RecordedRequest copy = request;
  std::size_t n = 0;
  {
    std::lock_guard lock(mutex_);
    std::string_view rest;
    if (const auto tag = run_tag(request.path, rest)) {
      if (*tag != run_) return std::nullopt;  // a late request of an earlier check
      const std::string stripped(rest);
      copy.target = stripped + (request.query.empty() ? "" : "?" + request.query);
      copy.path = stripped;
    }
    // A late request (FIN) of an earlier check's session on the default service, which has no run tag.
    if (request.request && retired_ids_.count(request.request->unique_id) != 0) return std::nullopt;
    n = observation_.requests.size();
    observation_.requests.push_back(copy);
    observation_.received_at_request.push_back(earlier_sessions_.size() +
                                               (session_in_check_ ? terminal_->received_bytes().size() : 0));
    last_request_at_ = std::chrono::steady_clock::now();
    responder = responder_;
  }
  changed_.notify_all();
  if (!responder) return std::nullopt;
  return responder(copy, n);
}

Observation Harness::finish() {
  if (terminal_->connected()) terminal_->disconnect();
  // The session's FIN (C-111) belongs to this check: wait until the service has been quiet for a while.
  const auto deadline = std::chrono::steady_clock::now() + std::max(settings_.quiet * 4, 1200ms);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mutex_);
      if (std::chrono::steady_clock::now() - last_request_at_ > settings_.quiet * 2) break;
    }
    std::this_thread::sleep_for(50ms);
  }
  raw_close();
  keep_session_bytes();
  std::lock_guard lock(mutex_);
  responder_ = nullptr;
  Observation out = observation_;
  out.received = earlier_sessions_;
  out.chunks = earlier_chunks_;
  return out;
}

std::string Harness::url(std::string_view path_and_query) const {
  std::lock_guard lock(mutex_);
  std::string path(path_and_query);
  if (path.empty() || path[0] != '/') path.insert(0, "/");
  return settings_.service_base + "/t" + std::to_string(run_) + path;
}

void Harness::respond(Responder responder) {
  std::lock_guard lock(mutex_);
  responder_ = std::move(responder);
}

bool Harness::wait_requests(std::size_t count) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, settings_.timeout, [&] { return observation_.requests.size() >= count; });
}

std::size_t Harness::request_count() const {
  std::lock_guard lock(mutex_);
  return observation_.requests.size();
}

std::optional<sim::RecordedRequest> Harness::request(std::size_t index) const {
  std::lock_guard lock(mutex_);
  if (index >= observation_.requests.size()) return std::nullopt;
  return observation_.requests[index];
}

void Harness::keep_session_bytes() {
  const auto transcript = terminal_->transcript();
  std::lock_guard lock(mutex_);
  if (!std::exchange(session_in_check_, false)) return;
  for (const auto& e : transcript.entries) {
    if (e.kind != sim::TranscriptEntry::Kind::received) continue;
    earlier_sessions_ += e.bytes;
    earlier_chunks_.push_back(e.bytes);
  }
}

bool Harness::wait_for_cnx(std::size_t before) {
  bool arrived = false;
  {
    std::unique_lock lock(mutex_);
    arrived = changed_.wait_for(lock, settings_.timeout, [&] {
      for (std::size_t i = before; i < observation_.requests.size(); ++i) {
        if (observation_.requests[i].fctn() == "CNX") return true;
      }
      return false;
    });
  }
  if (!arrived) {
    scenario_error("the gateway sent no CNX to the fake service within " +
                   std::to_string(settings_.timeout.count()) + " ms of the connection");
    return false;
  }
  // The line may have been quiet since the connection (a telnet CNX comes about 1 s later, C-094): wait for the
  // first output before waiting for silence.
  const auto deadline = std::chrono::steady_clock::now() + settings_.timeout;
  while (terminal_->received_bytes().empty() && terminal_->connected() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  settle();
  return true;
}

std::string Harness::ws_url(std::string_view start_url) const {
  if (start_url.empty()) return settings_.gateway_ws + "/";
  return settings_.gateway_ws + "/?url=" + percent_encode(start_url);
}

bool Harness::connect_ws(std::string_view start_url, bool wait_cnx, sim::ConnectOptions options) {
  if (start_url.empty()) return connect_ws_query({}, wait_cnx, options);
  return connect_ws_query("url=" + percent_encode(start_url), wait_cnx, options);
}

bool Harness::connect_ws_query(std::string_view raw_query, bool wait_cnx, sim::ConnectOptions options) {
  if (terminal_->connected()) terminal_->disconnect();
  keep_session_bytes();
  const std::size_t before = request_count();
  std::string target = settings_.gateway_ws + "/";
  if (!raw_query.empty()) target += "?" + std::string(raw_query);
  options.timeout = settings_.timeout;
  const auto result = terminal_->connect(target, options);
  mark_session_started();
  if (!result) {
    scenario_error(result.error);
    return false;
  }
  return !wait_cnx || wait_for_cnx(before);
}

bool Harness::connect_telnet(bool wait_cnx) {
  if (terminal_->connected()) terminal_->disconnect();
  keep_session_bytes();
  const std::size_t before = request_count();
  sim::ConnectOptions options;
  options.timeout = settings_.timeout;
  // tcp://: MiniPavi's "telnet" is raw TCP (no option negotiation, C-014).
  std::string target = settings_.gateway_telnet;
  if (target.rfind("telnet://", 0) == 0) target = "tcp://" + target.substr(9);
  const auto result = terminal_->connect(target, options);
  mark_session_started();
  if (!result) {
    scenario_error(result.error);
    return false;
  }
  return !wait_cnx || wait_for_cnx(before);
}

void Harness::mark_session_started() {
  std::lock_guard lock(mutex_);
  session_in_check_ = true;
}

void Harness::send(std::string_view bytes) {
  terminal_->send_raw(bytes);
  settle();
}

void Harness::press(videotex::FunctionKey key) {
  terminal_->press(key);
  settle();
}

void Harness::settle() { terminal_->wait_until_quiet(settings_.quiet, settings_.timeout); }

void Harness::pause(std::chrono::milliseconds duration) { std::this_thread::sleep_for(duration); }

std::string Harness::received_now() const {
  const std::string now = terminal_->received_bytes();
  std::lock_guard lock(mutex_);
  return earlier_sessions_ + (session_in_check_ ? now : std::string());
}

void Harness::mark() {
  const std::size_t size = received_now().size();
  std::lock_guard lock(mutex_);
  observation_.marks.push_back(size);
}

void Harness::fact(const std::string& name, std::string value) {
  std::lock_guard lock(mutex_);
  observation_.facts[name] = std::move(value);
}

void Harness::scenario_error(std::string message) {
  std::lock_guard lock(mutex_);
  if (observation_.error.empty()) observation_.error = std::move(message);
}

bool Harness::gateway_closed() const {
  return !terminal_->connected() && terminal_->close_reason() != "disconnected by the terminal" &&
         !terminal_->close_reason().empty();
}

bool Harness::wait_closed(std::chrono::milliseconds timeout) {
  terminal_->wait_for_disconnect(timeout);
  const bool closed = gateway_closed();
  std::lock_guard lock(mutex_);
  observation_.closed = closed;
  return closed;
}

bool Harness::raw_open() {
  raw_close();
  const auto parsed = sim::parse_endpoint(settings_.gateway_ws);
  if (!parsed.endpoint) {
    scenario_error(parsed.error);
    return false;
  }
  sim::ConnectOptions options;
  options.timeout = settings_.timeout;
  auto opened = sim::open_transport(
      *runner_, "tcp://" + parsed.endpoint->host + ":" + std::to_string(parsed.endpoint->port), options);
  if (!opened) {
    scenario_error(opened.error);
    return false;
  }
  auto raw = std::make_shared<Raw>();
  raw->transport = std::move(opened.transport);
  std::weak_ptr<Raw> weak = raw;
  raw->transport->start({[weak](std::string_view bytes) {
                           if (auto r = weak.lock()) {
                             {
                               std::lock_guard lock(r->mutex);
                               r->received.append(bytes);
                             }
                             r->changed.notify_all();
                           }
                         },
                         [weak](const sim::CloseInfo&) {
                           if (auto r = weak.lock()) {
                             {
                               std::lock_guard lock(r->mutex);
                               r->closed = true;
                             }
                             r->changed.notify_all();
                           }
                         }});
  raw_ = raw;
  return true;
}

void Harness::raw_send(std::string bytes) {
  if (raw_) raw_->transport->send(std::move(bytes));
}

std::string Harness::raw_wait(const std::function<bool(std::string_view)>& done, std::chrono::milliseconds timeout) {
  if (!raw_) return {};
  std::unique_lock lock(raw_->mutex);
  raw_->changed.wait_for(lock, timeout, [&] { return raw_->closed || done(raw_->received); });
  return raw_->received;
}

std::string Harness::raw_received() const {
  if (!raw_) return {};
  std::lock_guard lock(raw_->mutex);
  return raw_->received;
}

bool Harness::raw_closed() const {
  if (!raw_) return true;
  std::lock_guard lock(raw_->mutex);
  return raw_->closed;
}

void Harness::raw_close() {
  if (!raw_) return;
  auto raw = std::move(raw_);
  raw->transport->close();
  raw->transport.reset();
}

}  // namespace pavi::conformance
