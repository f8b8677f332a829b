// Session events on the strand; requests of other threads posted to it; weak references in every handler that
// may outlive the connection (timers, service calls), so that a closed connection is freed at once.
#include "gateway/server/detail/connection.hpp"
#include "gateway/server/detail/connection_operations.hpp"

#include <boost/asio/post.hpp>
#include <chrono>
#include <variant>

namespace pavi::gateway::detail {

namespace asio = boost::asio;

namespace {

SessionTime now() { return std::chrono::steady_clock::now(); }

// A Unix time as a point on the steady clock, for simulated inputs (BackgroundCall times are Unix times).
SessionTime steady_from_unix(std::time_t when) {
  return now() + std::chrono::seconds(when - std::time(nullptr));
}

}  // namespace

Connection::Connection(ServerShared& shared, asio::any_io_executor strand, ConnectionKind kind, std::string address)
    : shared_(shared), strand_(std::move(strand)), address_(std::move(address)), kind_(kind), timer_(strand_) {
  ConnectionEntry entry;
  entry.typesocket = std::string(typesocket_of(kind_));
  entry.ip = address_;
  entry.connected_at = std::time(nullptr);
  activity_serial_ = shared_.activity.opened(std::move(entry));
  shared_.log.write("Connexion #" + std::to_string(activity_serial_), "accept",
                    {{"serial", std::to_string(activity_serial_)}, {"type", std::string(typesocket_of(kind_))},
                     {"ip", address_}});
}

Connection::~Connection() {
  if (bridge_) bridge_->close();
  end_viewers();
  if (captures_) captures_->remove_all();  // §13: captures live as long as their session
  finish_operations();  // before the admission slot goes: a graceful stop waits for it
  if (host_) shared_.registry.remove(host_->unique_id());
  if (host_) shared_.metrics.session_ended(typesocket_of(kind_));
  if (!pin_.empty()) shared_.pins.release(pin_);
  shared_.admission.release(address_);
}

template <class Action>
void Connection::on_strand(Action action) {
  asio::post(strand_, [weak = weak_from_this(), action = std::move(action)]() mutable {
    if (auto self = weak.lock(); self && self->host_) action(*self->host_);
  });
}

void Connection::begin_session(std::string start_url, std::optional<std::string> remote_addr) {
  if (shared_.stopping) {
    transport_close();
    return;
  }
  pin_ = shared_.pins.acquire();
  HostSetup setup;
  setup.kind = kind_;
  setup.remote_addr = remote_addr ? std::move(*remote_addr) : address_;
  setup.start_url = std::move(start_url);
  setup.durl = shared_.config.durl;
  setup.accepted_at = std::time(nullptr);
  setup.pin = pin_;
  setup.clock = ClockSettings{std::chrono::seconds(shared_.config.timeout), shared_.config.screensaver,
                              kind_ == ConnectionKind::ws || kind_ == ConnectionKind::wss};
  setup.directory = shared_.directory;
  setup.welcome = shared_.welcome;
  setup.seed = shared_.next_seed++;
  setup.bridge_keys = shared_.config.keys;
  setup.gateway_host = shared_.config.host;
  if (shared_.config.has_connecttocmd) setup.visukey = shared_.config.visukey;
  setup.asterisk_configured = shared_.config.asterisk.has_value();
  const CaptureConfig& capture = shared_.config.capture;
  const bool capturing = capture.enabled() && !shared_.config.rpath.empty();
  if (capturing) setup.capture = CaptureSettings{capture.key.front(), capture.message, capture.messagemax, capture.max};
  host_.emplace(std::move(setup), *this);
  if (capturing) captures_.emplace(shared_.config.rpath, host_->unique_id());
  if (!shared_.config.rpath.empty()) recorder_.emplace(shared_.config.rpath, host_->unique_id());
  shared_.activity.update(activity_serial_, [this](ConnectionEntry& entry) {
    entry.direction = Direction::in;
    entry.unique_id = host_->unique_id();
    entry.pin = pin_;
  });
  shared_.log.write("***CNX*** " + std::string(log_label(kind_)) + " from " + address_ + " UID=" + host_->unique_id(),
                    "cnx",
                    {{"serial", std::to_string(activity_serial_)}, {"uid", host_->unique_id()},
                     {"type", std::string(typesocket_of(kind_))}, {"ip", address_}});
  shared_.registry.add(host_->unique_id(), std::weak_ptr<LiveSession>(shared_from_this()));
  shared_.metrics.session_started(typesocket_of(kind_));
  host_->start(now());
}

void Connection::received(std::string_view data) {
  shared_.metrics.bytes_in(data.size());
  if (auto* call = dynamic_cast<PhoneBridge*>(bridge_.get())) {  // connectToExt: keys go to the remote server
    call->from_terminal(data);
    if (host_) host_->on_terminal_data({}, now());  // only the screensaver's idle clock (§9) sees them
    return;
  }
  if (host_) host_->on_terminal_data(data, now());
}

void Connection::pong_received() {
  if (host_) host_->on_pong(now());
}

void Connection::transport_ended() {
  end_viewers();
  timer_.cancel();
  timer_at_ = SessionTime::max();
  if (host_) host_->on_disconnected(now());
}

void Connection::push_message(std::string message) {
  on_strand([message = std::move(message)](SessionHost& host) { host.push_message(message); });
}

void Connection::simulate_input(std::time_t when, std::string data) {
  on_strand([when, data = std::move(data)](SessionHost& host) mutable {
    host.schedule_simulated_input(steady_from_unix(when), std::move(data));
  });
}

void Connection::shut_down() {
  on_strand([](SessionHost& host) { host.shut_down(now()); });
}

void Connection::add_viewer(std::weak_ptr<StreamViewer> viewer) {
  asio::post(strand_, [self = shared_from_this(), viewer = std::move(viewer)]() mutable {
    if (self->viewers_ended_) {
      if (auto live = viewer.lock()) live->watched_ended();
      return;
    }
    self->viewers_.push_back(std::move(viewer));
  });
}

void Connection::end_viewers() {
  viewers_ended_ = true;
  for (auto& weak : std::exchange(viewers_, {})) {
    if (auto viewer = weak.lock()) viewer->watched_ended();
  }
}

void Connection::write(std::string bytes) {
  if (recorder_) recorder_->append(bytes);  // C-140: every byte the terminal is sent, before any framing
  shared_.metrics.bytes_out(bytes.size());
  shared_.metrics.error_pages_in(bytes);
  if (!viewers_.empty()) {
    std::erase_if(viewers_, [&bytes](const std::weak_ptr<StreamViewer>& weak) {
      auto viewer = weak.lock();
      if (viewer) viewer->mirrored(bytes);
      return !viewer;
    });
  }
  transport_write(std::move(bytes));
}

void Connection::ping() { transport_ping(); }

void Connection::close() {
  end_viewers();
  transport_close();
}

void Connection::call_service(ServiceCall call) {
  log_service_call(shared_.log, call, shared_.stopping);
  if (call.fire_and_forget) {
    shared_.caller(std::move(call), [](ServiceResult) {});
    return;
  }
  // The callback holds no executor of the server's: a caller may still hold it (or call it) after the server and
  // its io_context are gone, and a strand outliving its io_context is a use after free.
  shared_.caller(std::move(call), [weak = weak_from_this(), sent = now()](ServiceResult result) {
    const auto owner = weak.lock();
    if (!owner) return;
    asio::post(owner->strand_, [weak, sent, result = std::move(result)] {
      if (auto self = weak.lock()) self->shared_.metrics.service_round_trip(now() - sent);
      if (auto self = weak.lock(); self && self->host_) self->host_->on_service_result(result, now());
    });
  });
}

void Connection::command_done(service::Fctn fctn, std::optional<service::Json> datas) {
  on_strand([fctn, datas = std::move(datas)](SessionHost& host) mutable {
    host.on_command_done(fctn, std::move(datas), now());
  });
}

void Connection::run_host_command(service::Command command) {
  if (const auto* push = std::get_if<service::PushServiceMsg>(&command)) {
    shared_.deliver(*push);
  } else if (const auto* background = std::get_if<service::BackgroundCall>(&command)) {
    // Entries paired by index as the service wrote them (the original mismatches mixed commands: COMPATIBILITY).
    for (const auto& entry : background->entries) {
      if (!entry.simulate) {
        shared_.background.add(entry.time, entry.url, entry.uniqueid);
      } else if (auto target = shared_.registry.find(entry.uniqueid); target && entry.time > 0) {
        target->simulate_input(entry.time, entry.url);
      }
    }
  } else if (std::holds_alternative<service::GetScreenList>(command)) {
    command_done(service::Fctn::datas,
                 service::Json{{"item", "getscreenlist"},
                               {"result", true},
                               {"datas", captures_ ? captures_->list() : service::Json::array()}});
  } else if (const auto* get = std::get_if<service::GetScreen>(&command)) {
    command_done(service::Fctn::datas,
                 captures_ ? captures_->screen_png(*get) : service::Json{{"item", "getscreen"}, {"result", false}});
  } else if (const auto* call = std::get_if<service::ConnectToExt>(&command)) {
    // connectToExt with an <asterisk> section and a good key (bridge_phone.cpp): AMI call, modem leg, relay.
    PhoneBridgeEvents events;
    const std::weak_ptr<Connection> weak = weak_from_this();
    events.to_terminal = [weak](std::string bytes) {
      if (auto self = weak.lock(); self && self->host_ && !self->host_->closed()) self->write(std::move(bytes));
    };
    events.infos = [weak](const std::string& infos) {
      if (auto self = weak.lock()) self->report_infos(infos);
    };
    events.ended = [weak, strand = strand_](service::Fctn result) {
      asio::post(strand, [weak, result] {
        auto self = weak.lock();
        if (!self) return;
        if (dynamic_cast<PhoneBridge*>(self->bridge_.get())) self->bridge_.reset();
        self->command_done(result, std::nullopt);
      });
    };
    bridge_ = open_phone_bridge(shared_, strand_, PhoneCallSetup{*call, address_, kind_ == ConnectionKind::asterisk_pce},
                                std::move(events));
  } else {
    command_done(service::Fctn::directcallfailed, std::nullopt);
  }
}

void Connection::open_bridge(BridgeTarget target) {
  BridgeEvents events;
  const std::weak_ptr<Connection> weak = weak_from_this();
  events.opened = [weak](bool connected) {
    if (auto self = weak.lock(); self && self->host_) self->host_->on_bridge_opened(connected, now());
  };
  events.data = [weak](std::string bytes) {
    if (auto self = weak.lock(); self && self->host_) self->host_->on_bridge_data(bytes, now());
  };
  events.closed = [weak] {
    if (auto self = weak.lock(); self && self->host_) self->host_->on_bridge_closed(now());
  };
  if (!target.watched.empty()) {
    auto watched = shared_.registry.find(target.watched);
    // Watching oneself would mirror one's own mirror forever: it fails as an unknown session would.
    if (watched.get() == static_cast<LiveSession*>(this)) watched.reset();
    bridge_ = open_mirror_bridge(strand_, std::move(watched), std::move(events));
  } else {
    bridge_ = target.websocket ? open_websocket_bridge(strand_, target, std::move(events))
                               : open_telnet_bridge(strand_, target, std::move(events));
  }
}

void Connection::bridge_send(std::string bytes) {
  if (bridge_) bridge_->send(std::move(bytes));
}

void Connection::close_bridge() {
  if (bridge_) bridge_->close();
  bridge_.reset();
}

bool Connection::save_capture(std::string screen) {
  return captures_ && captures_->save(screen, std::time(nullptr));
}

void Connection::schedule(SessionTime when) {
  if (when == timer_at_) return;
  timer_at_ = when;
  if (when == SessionTime::max()) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(when);
  timer_.async_wait([weak = weak_from_this(), when](const boost::system::error_code& error) {
    if (error) return;
    auto self = weak.lock();
    if (!self || !self->host_ || self->timer_at_ != when) return;
    self->timer_at_ = SessionTime::max();
    if (dynamic_cast<PhoneBridge*>(self->bridge_.get())) return;  // connectToExt: its own limits, the clock waits
    self->host_->on_timer(now());
  });
}

}  // namespace pavi::gateway::detail
