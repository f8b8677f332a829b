// A headless user straight on a service (see service_user.hpp). All state sits in a Core shared with the client's
// callbacks, so that a reply arriving after the user is gone finds live memory; calls are handed to the client
// outside the Core's lock, because a client that is shutting down completes them at once on this thread.
#include "simulators/load/service_user.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <vector>

#include "gateway/session/connection_banner.hpp"
#include "simulators/terminal/keyboard.hpp"
#include "simulators/terminal/screen_search.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace pavi::sim {
namespace {

using Clock = std::chrono::steady_clock;
using gateway::ServiceCall;
using gateway::Step;

gateway::ConnectionKind kind_of(std::string_view typesocket) {
  if (typesocket == service::typesocket::wss) return gateway::ConnectionKind::wss;
  if (typesocket == service::typesocket::telnet) return gateway::ConnectionKind::telnet;
  if (typesocket == service::typesocket::asterisk) return gateway::ConnectionKind::asterisk;
  return gateway::ConnectionKind::ws;
}

// PINs 2000-9999 as the gateway draws them; here in turn, which keeps concurrent users apart.
std::string next_pin() {
  static std::atomic<unsigned> counter{0};
  return std::to_string(2000 + counter++ % 8000);
}

std::string ms_text(std::chrono::milliseconds ms) { return std::to_string(ms.count()) + " ms"; }

}  // namespace

struct ServiceUser::Core : std::enable_shared_from_this<Core> {
  explicit Core(gateway::ServiceClient& c) : client(c) {}

  gateway::ServiceClient& client;

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  ServiceUserOptions options;
  std::unique_ptr<gateway::ServiceSession> session;
  std::unique_ptr<videotex::Decoder> decoder;
  bool connected = false;
  std::size_t in_flight = 0;
  Clock::time_point last_activity = Clock::now();
  std::uint64_t generation = 0;  // one per connect(): replies to an earlier session's calls are dropped

  std::mutex report_mutex;  // held while on_request runs, so that the destructor can wait it out
  std::function<void(const gateway::CallStats&)> on_request;  // guarded by report_mutex
  bool detached = false;

  // Applies a session step (lock held): output to the screen, the terminal's answers back to the session,
  // host commands answered as described in the header. The calls to start are appended to `calls`.
  void apply(Step step, std::vector<ServiceCall>& calls) {
    if (!step.output.empty()) {
      decoder->feed(step.output);
      last_activity = Clock::now();
    }
    if (step.call) {
      calls.push_back(std::move(*step.call));
      ++in_flight;
    }
    if (step.close) connected = false;
    for (const service::Command& command : step.host_commands) {
      if (!connected) break;
      // Bridges are not run: as if they could not connect (§3.5), so that the visit continues.
      if (service::is_bridge_command(command)) {
        apply(session->on_command_done(service::Fctn::directcallfailed), calls);
      } else if (std::holds_alternative<service::GetScreen>(command) ||
                 std::holds_alternative<service::GetScreenList>(command)) {
        apply(session->on_command_done(service::Fctn::datas, service::Json::object()), calls);
      }
      // PushServiceMsg, BackgroundCall...: need a gateway's other sessions and timers; dropped.
    }
    const std::string answers = decoder->take_replies();  // e.g. the ENQROM identity after the banner
    if (!answers.empty() && connected) apply(session->on_terminal(answers), calls);
  }

  // `for_generation`: the session the calls belong to, read under the lock that made them.
  void dispatch(std::vector<ServiceCall>& calls, std::uint64_t for_generation) {
    for (ServiceCall& call : calls) {
      const bool fire_and_forget = call.fire_and_forget;
      client.call(call, [self = shared_from_this(), for_generation, fire_and_forget](gateway::ServiceResult result,
                                                                                     gateway::CallStats stats) {
        self->on_done(for_generation, fire_and_forget, result, stats);
      });
    }
    calls.clear();
  }

  void on_done(std::uint64_t for_generation, bool fire_and_forget, const gateway::ServiceResult& result,
               const gateway::CallStats& stats) {
    {  // reported first, so that a user seen quiet has reported all its requests
      std::lock_guard lock(report_mutex);
      if (!detached && on_request) on_request(stats);
    }
    std::vector<ServiceCall> calls;
    {
      std::lock_guard lock(mutex);
      --in_flight;
      last_activity = Clock::now();
      if (!fire_and_forget && for_generation == generation && connected) apply(session->on_result(result), calls);
    }
    changed.notify_all();
    dispatch(calls, for_generation);
  }

  // Runs a session input under the lock and starts the calls it asks for. False when not connected.
  template <typename Input>
  bool input(Input&& produce) {
    std::vector<ServiceCall> calls;
    std::uint64_t for_generation = 0;
    {
      std::lock_guard lock(mutex);
      if (!connected) return false;
      last_activity = Clock::now();
      apply(produce(), calls);
      for_generation = generation;
    }
    changed.notify_all();
    dispatch(calls, for_generation);
    return true;
  }

  std::string screen_text() const {  // lock held
    return decoder ? videotex::text_dump(decoder->screen()) : std::string();
  }

  // Waits until `holds` (lock held; may lower `recheck` for time-based conditions).
  template <typename Condition>
  WaitResult wait(const std::string& what, std::chrono::milliseconds timeout, bool fails_when_closed,
                  Condition holds) {
    const auto start = Clock::now();
    const auto deadline = start + timeout;
    WaitResult result;
    std::unique_lock lock(mutex);
    while (true) {
      auto recheck = deadline;
      if (holds(result, recheck)) {
        result.matched = true;
        result.message = what;
        break;
      }
      if (fails_when_closed && !connected) {
        result.message = "connection closed while waiting for " + what;
        break;
      }
      if (Clock::now() >= deadline) {
        result.message = "timed out after " + ms_text(timeout) + " waiting for " + what +
                         (connected ? " (connection open)" : " (connection closed)");
        break;
      }
      changed.wait_until(lock, std::min(recheck, deadline));
    }
    result.screen = screen_text();
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return result;
  }
};

ServiceUser::ServiceUser(gateway::ServiceClient& client) : core_(std::make_shared<Core>(client)) {}

ServiceUser::~ServiceUser() {
  disconnect();
  std::lock_guard lock(core_->report_mutex);
  core_->detached = true;
}

bool ServiceUser::connect(std::string service_url, ServiceUserOptions options) {
  if (connected()) return false;
  {  // not under the main lock: on_request runs under report_mutex and may look at this user
    std::lock_guard report_lock(core_->report_mutex);
    core_->on_request = options.on_request;
  }
  std::vector<ServiceCall> calls;
  std::uint64_t for_generation = 0;
  {
    std::lock_guard lock(core_->mutex);
    if (core_->connected) return false;
    ++core_->generation;
    videotex::DecoderOptions decoder_options;
    decoder_options.identity = options.identity;
    core_->decoder = std::make_unique<videotex::Decoder>(decoder_options);
    const std::time_t now = std::time(nullptr);
    const std::string pin = next_pin();
    gateway::SessionSetup setup;
    setup.unique_id = options.unique_id.empty() ? gateway::unique_id(now, pin) : options.unique_id;
    setup.remote_addr = options.remote_addr;
    setup.typesocket = options.typesocket;
    setup.durl = std::move(service_url);  // like a gateway whose default service is this URL
    setup.banner = gateway::connection_banner(kind_of(options.typesocket), gateway::banner_time(now), pin);
    core_->options = std::move(options);
    core_->session = std::make_unique<gateway::ServiceSession>(std::move(setup));
    core_->connected = true;
    core_->last_activity = Clock::now();
    core_->apply(core_->session->start(), calls);
    for_generation = core_->generation;
  }
  core_->changed.notify_all();
  core_->dispatch(calls, for_generation);
  return true;
}

bool ServiceUser::type(std::string_view utf8_text) {
  return core_->input([&] {
    return core_->session->on_terminal(keyboard_bytes(utf8_text, core_->decoder->modes().lowercase));
  });
}

bool ServiceUser::press(videotex::FunctionKey key) {
  return core_->input([&] { return core_->session->on_terminal(videotex::key_bytes(key)); });
}

WaitResult ServiceUser::wait_for_text(std::string_view text, std::chrono::milliseconds timeout) {
  const std::string wanted(text);
  return core_->wait("text \"" + wanted + "\"", timeout, true, [&](WaitResult& result, Clock::time_point&) {
    if (!core_->decoder) return false;
    result.position = find_text(core_->decoder->screen(), wanted);
    return result.position.has_value();
  });
}

WaitResult ServiceUser::wait_for_regex(std::string_view pattern, std::chrono::milliseconds timeout,
                                       std::optional<ScreenPosition> at) {
  std::string error;
  const auto regex = ScreenRegex::compile(pattern, error);
  if (!regex) {
    WaitResult result;
    result.message = "invalid regex \"" + std::string(pattern) + "\": " + error;
    std::lock_guard lock(core_->mutex);
    result.screen = core_->screen_text();
    return result;
  }
  return core_->wait("regex \"" + std::string(pattern) + "\"", timeout, true,
                     [&](WaitResult& result, Clock::time_point&) {
                       if (!core_->decoder) return false;
                       const auto match = find_regex(core_->decoder->screen(), *regex, at);
                       if (!match) return false;
                       result.position = match->position;
                       result.groups = match->groups;
                       return true;
                     });
}

WaitResult ServiceUser::wait_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout) {
  return core_->wait("quiet for " + ms_text(quiet), timeout, false, [&](WaitResult&, Clock::time_point& recheck) {
    if (!core_->connected && core_->in_flight == 0) return true;  // a closed line is quiet at once
    if (core_->in_flight > 0) return false;                       // woken when the reply arrives
    const auto quiet_at = core_->last_activity + quiet;
    if (Clock::now() >= quiet_at) return true;
    recheck = quiet_at;
    return false;
  });
}

WaitResult ServiceUser::wait_for_disconnect(std::chrono::milliseconds timeout) {
  return core_->wait("disconnection", timeout, false,
                     [&](WaitResult&, Clock::time_point&) { return !core_->connected; });
}

std::string ServiceUser::text() const {
  std::lock_guard lock(core_->mutex);
  return core_->screen_text();
}

bool ServiceUser::connected() const {
  std::lock_guard lock(core_->mutex);
  return core_->connected;
}

void ServiceUser::disconnect() {
  std::vector<ServiceCall> calls;
  std::uint64_t for_generation = 0;
  {
    std::lock_guard lock(core_->mutex);
    if (!core_->connected) return;
    core_->apply(core_->session->end(), calls);  // the FIN, fire and forget; connected becomes false
    core_->connected = false;
    for_generation = core_->generation;
  }
  core_->changed.notify_all();
  core_->dispatch(calls, for_generation);
}

std::string ServiceUser::url() const {
  std::lock_guard lock(core_->mutex);
  return core_->session ? core_->session->url() : std::string();
}

std::string ServiceUser::context() const {
  std::lock_guard lock(core_->mutex);
  return core_->session ? core_->session->context() : std::string();
}

std::size_t ServiceUser::requests_in_flight() const {
  std::lock_guard lock(core_->mutex);
  return core_->in_flight;
}

bool ServiceUser::wait_for_no_request_in_flight(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(core_->mutex);
  return core_->changed.wait_for(lock, timeout, [this] { return core_->in_flight == 0; });
}

}  // namespace pavi::sim
