// The fake AMI's sessions: one greeting, then blocks of `Key: Value` lines, each action answered in Asterisk's
// words. Its own small parser (not the gateway's), so the two are checked against each other in tests.
#include "simulators/asterisk/fake_ami.hpp"

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>

#include "simulators/net/io_runner.hpp"

namespace pavi::sim {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

using Block = std::vector<std::pair<std::string, std::string>>;

// As Asterisk's astman_get_header: the name, then the colon at once, then spaces skipped.
std::string header(const Block& block, std::string_view name) {
  for (const auto& [key, value] : block) {
    if (same(key, name)) return value;
  }
  return {};
}

std::string reply(std::string_view response, const std::string& action_id, std::string_view message) {
  std::string out = "Response: " + std::string(response) + "\r\n";
  if (!action_id.empty()) out += "ActionID: " + action_id + "\r\n";
  return out + "Message: " + std::string(message) + "\r\n\r\n";
}

std::string newchannel_event(const std::string& channel, const std::string& unique_id, const std::string& exten) {
  return "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: " + channel +
         "\r\nChannelState: 0\r\nChannelStateDesc: Down\r\nCallerIDNum: <unknown>\r\nCallerIDName: MiniPavi\r\n"
         "ConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>\r\nLanguage: en\r\nAccountCode: \r\n"
         "Context: default\r\nExten: " + exten + "\r\nPriority: 1\r\nUniqueid: " + unique_id +
         "\r\nLinkedid: " + unique_id + "\r\n\r\n";
}

}  // namespace

std::string OriginateRequest::variable(const std::string& name) const {
  const auto it = variables.find(name);
  return it == variables.end() ? std::string() : it->second;
}

std::chrono::milliseconds OriginateRequest::ring_timeout() const {
  return std::chrono::milliseconds(timeout_ms && *timeout_ms > 0 ? *timeout_ms : 30000);
}

std::string outcome_name(OriginateOutcome outcome) {
  switch (outcome) {
    case OriginateOutcome::answered: return "answered";
    case OriginateOutcome::busy: return "busy";
    case OriginateOutcome::no_answer: return "no answer";
    case OriginateOutcome::closed_mid_call: return "AMI closed mid-call";
    case OriginateOutcome::closed_after_answer: return "AMI closed after the answer";
    case OriginateOutcome::silent: return "no response";
  }
  return "";
}

std::string AnsweredCall::modem_leg_header() const {
  return "CALLTO " + request.number() + "\nPID " + request.pid() + "\n\n";
}

struct FakeAmi::State : std::enable_shared_from_this<FakeAmi::State> {
  class Session;

  State(FakeAmiOptions options_in, IoRunner& runner_in)
      : options(std::move(options_in)), runner(runner_in), acceptor(runner.context()) {}

  void accept() {
    acceptor.async_accept([self = shared_from_this()](boost::system::error_code error, tcp::socket socket) {
      if (error || !self->acceptor.is_open()) return;
      self->start_session(std::move(socket));
      self->accept();
    });
  }

  void start_session(tcp::socket socket);
  OriginateScript script_for(const OriginateRequest& request) {
    std::lock_guard lock(mutex);
    if (fixed_script) return *fixed_script;
    if (options.on_originate) return options.on_originate(request);
    return {};
  }
  template <class Change>
  void record(Change change) {
    {
      std::lock_guard lock(mutex);
      change();
    }
    changed.notify_all();
  }
  template <class Predicate>
  bool wait(std::chrono::milliseconds timeout, Predicate predicate) const {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, predicate);
  }

  FakeAmiOptions options;
  IoRunner& runner;
  tcp::acceptor acceptor;
  std::uint16_t port = 0;
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::optional<OriginateScript> fixed_script;
  std::size_t connections = 0;
  std::size_t open = 0;
  std::size_t logins = 0;
  std::size_t failed_logins = 0;
  std::size_t logoffs = 0;
  std::size_t next_channel = 0x2a;
  std::vector<OriginateRequest> originates;
  std::vector<AnsweredCall> answered;
  std::vector<std::string> hangups;
  std::string transcript;
  std::vector<std::weak_ptr<Session>> sessions;
};

class FakeAmi::State::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(std::shared_ptr<State> state, tcp::socket socket)
      : state_(std::move(state)), socket_(std::move(socket)), timer_(socket_.get_executor()) {}

  void start() {
    send("Asterisk Call Manager/" + state_->options.version + "\r\n");
    read();
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    timer_.cancel();
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    state_->record([this] { --state_->open; });
  }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(buffer_), [self = shared_from_this()](boost::system::error_code error,
                                                                               std::size_t size) {
      if (self->closed_) return;
      if (error) return self->close();
      const std::string_view data(self->buffer_.data(), size);
      self->state_->record([&] { self->state_->transcript.append(data); });
      self->pending_.append(data);
      self->parse();
      self->run_blocks();
      if (!self->closed_) self->read();
    });
  }

  void parse() {
    for (;;) {
      const auto lf = pending_.find('\n');
      if (lf == std::string::npos) return;
      std::string line = pending_.substr(0, lf);
      pending_.erase(0, lf + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) {
        if (!block_.empty()) blocks_.push_back(std::exchange(block_, {}));
        continue;
      }
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      block_.emplace_back(line.substr(0, colon), std::move(value));
    }
  }

  void run_blocks() {
    while (!busy_ && !closed_ && !blocks_.empty()) {
      Block block = std::move(blocks_.front());
      blocks_.pop_front();
      act(block);
    }
  }

  void act(const Block& block) {
    const std::string action = header(block, "Action");
    const std::string id = header(block, "ActionID");
    if (same(action, "Login")) return login(block, id);
    if (!logged_in_) return send(reply("Error", id, "Permission denied"));
    if (same(action, "Originate")) return originate(block, id);
    if (same(action, "Hangup")) {
      const std::string channel = header(block, "Channel");
      state_->record([&] { state_->hangups.push_back(channel); });
      if (channel.empty()) return send(reply("Error", id, "No channel specified"));
      return send(reply("Success", id, "Channel Hungup"));
    }
    if (same(action, "Logoff")) {
      state_->record([&] { ++state_->logoffs; });
      send(reply("Goodbye", id, "Thanks for all the fish."));
      return close_after_writes();
    }
    send(reply("Error", id, "Invalid/unknown command"));
  }

  void login(const Block& block, const std::string& id) {
    const bool good = header(block, "Username") == state_->options.username &&
                      header(block, "Secret") == state_->options.secret;
    if (good) {
      logged_in_ = true;
      state_->record([&] { ++state_->logins; });
      send(reply("Success", id, "Authentication accepted"));
      if (state_->options.fully_booted_after_login) {
        send("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 12\r\nLastReload: 12\r\nStatus: Fully Booted\r\n\r\n");
      }
      return;
    }
    state_->record([&] { ++state_->failed_logins; });
    busy_ = true;
    later(state_->options.login_failure_delay, [self = shared_from_this(), id] {
      self->send(reply("Error", id, "Authentication failed"));
      self->close_after_writes();
    });
  }

  void originate(const Block& block, const std::string& id) {
    OriginateRequest request;
    request.action_id = id;
    request.channel = header(block, "Channel");
    request.context = header(block, "Context");
    request.exten = header(block, "Exten");
    request.priority = header(block, "Priority");
    request.caller_id = header(block, "CallerID");
    request.async = same(header(block, "Async"), "true") || same(header(block, "Async"), "yes");
    request.headers = block;
    for (const auto& [key, value] : block) {
      if (same(key, "Timeout")) {
        try {
          request.timeout_ms = std::stoi(value);
        } catch (const std::exception&) {
        }
      }
      if (!same(key, "Variable")) continue;
      std::size_t start = 0;
      while (start <= value.size()) {
        const auto comma = std::min(value.find(',', start), value.size());
        const std::string pair = value.substr(start, comma - start);
        if (const auto eq = pair.find('='); eq != std::string::npos) {
          request.variables[pair.substr(0, eq)] = pair.substr(eq + 1);
        }
        start = comma + 1;
      }
    }
    state_->record([&] { state_->originates.push_back(request); });
    const OriginateScript script = state_->script_for(request);
    busy_ = true;
    auto self = shared_from_this();
    switch (script.outcome) {
      case OriginateOutcome::answered:
      case OriginateOutcome::closed_after_answer:
        return later(script.ring_time, [self, request, script] { self->answer(request, script); });
      case OriginateOutcome::busy:
        return later(script.ring_time, [self, id] { self->fail(id); });
      case OriginateOutcome::no_answer:
        return later(std::min(request.ring_timeout(), state_->options.max_ring), [self, id] { self->fail(id); });
      case OriginateOutcome::closed_mid_call:
        return later(script.ring_time, [self] { self->close(); });
      case OriginateOutcome::silent: return;
    }
  }

  void fail(const std::string& id) {
    busy_ = false;
    send(reply("Error", id, "Originate failed"));
    run_blocks();
  }

  void answer(const OriginateRequest& request, const OriginateScript& script) {
    busy_ = false;
    send(reply("Success", request.action_id, "Originate successfully queued"));
    if (script.outcome == OriginateOutcome::closed_after_answer) return close_after_writes();
    AnsweredCall call;
    call.request = request;
    std::size_t serial = 0;
    state_->record([&] { serial = state_->next_channel++; });
    std::string hex = "00000000";
    static constexpr char kDigits[] = "0123456789abcdef";
    for (std::size_t i = 0, value = serial; i < 8; ++i, value >>= 4) hex[7 - i] = kDigits[value & 15];
    if (!script.channel_name.empty()) {
      call.channel_name = script.channel_name;
    } else {
      const auto slash = request.channel.find('/');
      const auto second = slash == std::string::npos ? slash : request.channel.find('/', slash + 1);
      call.channel_name = request.channel.substr(0, second) + "-" + hex;
    }
    call.unique_id = "1795354383." + std::to_string(serial);
    if (script.foreign_event_first) {
      send(newchannel_event("PJSIP/other-" + hex, "1795354383.9" + std::to_string(serial), "3615"));
    }
    if (script.newchannel && script.newchannel_delay.count() > 0) {
      later(script.newchannel_delay, [self = shared_from_this(), call] {
        self->send(newchannel_event(call.channel_name, call.unique_id, call.request.exten));
      });
    } else if (script.newchannel) {
      send(newchannel_event(call.channel_name, call.unique_id, request.exten));
    }
    state_->record([&] { state_->answered.push_back(call); });
    if (state_->options.on_answered) state_->options.on_answered(call);
    run_blocks();
  }

  template <class Action>
  void later(std::chrono::milliseconds delay, Action action) {
    timer_.expires_after(delay);
    timer_.async_wait([self = shared_from_this(), action](boost::system::error_code error) {
      if (!error && !self->closed_) action();
    });
  }

  void send(std::string bytes) {
    if (closed_) return;
    queue_.push_back(std::move(bytes));
    if (queue_.size() == 1) write_front();
  }

  void write_front() {
    asio::async_write(socket_, asio::buffer(queue_.front()), [self = shared_from_this()](boost::system::error_code error,
                                                                                         std::size_t) {
      if (self->closed_) return;
      self->queue_.pop_front();
      if (error) return self->close();
      if (!self->queue_.empty()) return self->write_front();
      if (self->close_when_written_) self->close();
    });
  }

  void close_after_writes() {
    busy_ = true;  // nothing more is answered
    if (queue_.empty()) return close();
    close_when_written_ = true;
  }

  std::shared_ptr<State> state_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::array<char, 4096> buffer_{};
  std::string pending_;
  Block block_;
  std::deque<Block> blocks_;
  std::deque<std::string> queue_;
  bool logged_in_ = false;
  bool busy_ = false;
  bool closed_ = false;
  bool close_when_written_ = false;
};

void FakeAmi::State::start_session(tcp::socket socket) {
  auto session = std::make_shared<Session>(shared_from_this(), std::move(socket));
  record([&] {
    ++connections;
    ++open;
    sessions.push_back(session);
  });
  session->start();
}

FakeAmi::FakeAmi(FakeAmiOptions options)
    : runner_(std::make_unique<IoRunner>()), state_(std::make_shared<State>(std::move(options), *runner_)) {
  State& state = *state_;
  std::string problem;
  state.runner.run_sync([&] {
    boost::system::error_code error;
    const tcp::endpoint endpoint(asio::ip::make_address(state.options.host, error), state.options.port);
    if (!error) state.acceptor.open(endpoint.protocol(), error);
    if (!error) state.acceptor.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) state.acceptor.bind(endpoint, error);
    if (!error) state.acceptor.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      problem = error.message();
      return;
    }
    state.port = state.acceptor.local_endpoint(error).port();
    state.accept();
  });
  if (!problem.empty()) throw std::runtime_error("fake AMI cannot listen on " + state.options.host + ": " + problem);
}

FakeAmi::~FakeAmi() {
  stop();
  state_.reset();
  runner_.reset();  // joins the thread; handlers still queued release the last references here
}

void FakeAmi::stop() {
  auto state = state_;
  state->runner.run_sync([state] {
    boost::system::error_code ignored;
    state->acceptor.close(ignored);
    std::vector<std::weak_ptr<State::Session>> sessions;
    {
      std::lock_guard lock(state->mutex);
      sessions = state->sessions;
    }
    for (auto& weak : sessions) {
      if (auto session = weak.lock()) session->close();
    }
  });
}

std::uint16_t FakeAmi::port() const { return state_->port; }
const std::string& FakeAmi::host() const { return state_->options.host; }

void FakeAmi::set_script(OriginateScript script) {
  std::lock_guard lock(state_->mutex);
  state_->fixed_script = std::move(script);
}

std::size_t FakeAmi::connection_count() const {
  std::lock_guard lock(state_->mutex);
  return state_->connections;
}
std::size_t FakeAmi::login_count() const {
  std::lock_guard lock(state_->mutex);
  return state_->logins;
}
std::size_t FakeAmi::failed_login_count() const {
  std::lock_guard lock(state_->mutex);
  return state_->failed_logins;
}
std::vector<OriginateRequest> FakeAmi::originates() const {
  std::lock_guard lock(state_->mutex);
  return state_->originates;
}
std::vector<AnsweredCall> FakeAmi::answered_calls() const {
  std::lock_guard lock(state_->mutex);
  return state_->answered;
}
std::vector<std::string> FakeAmi::hangups() const {
  std::lock_guard lock(state_->mutex);
  return state_->hangups;
}
std::size_t FakeAmi::logoff_count() const {
  std::lock_guard lock(state_->mutex);
  return state_->logoffs;
}
std::size_t FakeAmi::open_connections() const {
  std::lock_guard lock(state_->mutex);
  return state_->open;
}
std::string FakeAmi::transcript() const {
  std::lock_guard lock(state_->mutex);
  return state_->transcript;
}

bool FakeAmi::wait_for_originates(std::size_t count, std::chrono::milliseconds timeout) const {
  return state_->wait(timeout, [&] { return state_->originates.size() >= count; });
}
bool FakeAmi::wait_for_hangups(std::size_t count, std::chrono::milliseconds timeout) const {
  return state_->wait(timeout, [&] { return state_->hangups.size() >= count; });
}
bool FakeAmi::wait_for_no_open_connections(std::chrono::milliseconds timeout) const {
  return state_->wait(timeout, [&] { return state_->open == 0; });
}

}  // namespace pavi::sim
