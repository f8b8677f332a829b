// The session loop of gateway-behaviour.md §2.4, turned inside out: each event runs the steps it causes.
#include "gateway/session/session_host.hpp"

#include <algorithm>
#include <cctype>
#include <utility>
#include <variant>

#include "videotex/g2.hpp"

namespace pavi::gateway {

namespace {

std::string resolved_durl(const std::string& durl) {
  return durl.empty() || durl == "internal:" ? std::string(kWelcomeUrl) : durl;
}

// "host:port" or "ssl://host:port" (service-protocol.md §5.7); an IPv6 address may be in brackets.
BridgeTarget parse_bridge_host(std::string_view text) {
  BridgeTarget target;
  if (text.substr(0, 6) == "ssl://") {
    target.tls = true;
    text.remove_prefix(6);
  }
  const auto colon = text.rfind(':');
  std::string_view host = colon == std::string_view::npos ? text : text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  target.host = std::string(host);
  target.port = colon == std::string_view::npos ? std::string() : std::string(text.substr(colon + 1));
  return target;
}

bool is_function_key_request(const Step& step) {
  if (!step.call) return false;
  const auto fctn = service::parse_fctn(step.call->request.fctn);
  return fctn && service::key_for_fctn(*fctn).has_value();
}

}  // namespace

SessionHost::SessionHost(HostSetup setup, SessionIo& io)
    : setup_(std::move(setup)),
      io_(io),
      unique_id_(gateway::unique_id(setup_.accepted_at, setup_.pin)),
      session_(SessionSetup{unique_id_, setup_.remote_addr, std::string(typesocket_of(setup_.kind)),
                            resolved_durl(setup_.durl), setup_.start_url,
                            connection_banner(setup_.kind, banner_time(setup_.accepted_at), setup_.pin)}),
      clock_(SessionTime{}, setup_.clock),
      random_(setup_.seed) {}

void SessionHost::start(SessionTime now) {
  clock_ = SessionClock(now, setup_.clock);
  run(session_.start(), now);
}

void SessionHost::on_terminal_data(std::string_view bytes, SessionTime now) {
  if (closed_) return;
  clock_.on_data_received(now);
  if (bridge_) {
    relay(bridge_->from_terminal(bytes, now), now);
    return;
  }
  if (bridge_opening_) return;  // the original reads nothing while it connects
  if (screensaver_shown_) {  // C-118: the page comes back, then the key is handled as usual
    screensaver_shown_ = false;
    io_.write(screen_.restore());
  }
  Step step = session_.on_terminal(bytes);
  if (is_function_key_request(step)) {
    note_action(now);
    clock_.cancel_simulated_input();  // C-066
    webmedia_event_.reset();
  }
  run(std::move(step), now);
}

void SessionHost::on_service_result(const ServiceResult& result, SessionTime now) {
  if (closed_) return;
  note_action(now);  // the original reports the URL to the main process after each response
  run(session_.on_result(result), now);
}

void SessionHost::on_command_done(service::Fctn fctn, std::optional<service::Json> datas, SessionTime now) {
  if (closed_) return;
  clock_.set_bridge_active(false);
  note_action(now);
  run(session_.on_command_done(fctn, std::move(datas)), now);
}

void SessionHost::on_timer(SessionTime now) {
  if (closed_) return;
  if (bridge_) {
    relay(bridge_->on_timer(now), now);
    if (bridge_ || closed_) {
      reschedule();
      return;
    }
  }
  DueActions due = clock_.check(now);
  if (due.inactivity_expired) {
    io_.write(inactivity_message());  // C-112
    finish(session_.end());
    return;
  }
  if (due.ping_lost) {  // C-115: no message
    finish(session_.end());
    return;
  }
  if (due.send_ping) io_.ping();
  if (due.simulated_input) {
    if (session_.waiting()) {
      clock_.schedule_simulated_input(now + seconds(1), std::move(*due.simulated_input));
    } else {
      screensaver_shown_ = false;
      if (auto event = std::exchange(webmedia_event_, std::nullopt)) {
        run(webmedia_event_step(*event), now);
      } else {
        run(session_.on_simulated_input(std::move(*due.simulated_input)), now);
      }
      return;
    }
  }
  if (due.screensaver_frame) {
    const int type = session_.params().screensaver_type;
    // Frames go to the terminal only: the screen buffer keeps the page to restore (§6).
    io_.write(screensaver_frame(type, session_.params().screensaver_text, random_));
    screensaver_shown_ = screensaver_shown_ || screensaver_hides_page(type);
  }
  reschedule();
}

void SessionHost::on_pong(SessionTime now) { clock_.on_pong(now); }

void SessionHost::on_bridge_opened(bool connected, SessionTime now) {
  if (closed_ || !bridge_opening_) return;
  BridgeSettings settings = std::move(*bridge_opening_);
  bridge_opening_.reset();
  if (!connected) {
    end_bridge(service::Fctn::directcallfailed, now);
    return;
  }
  bridge_.emplace(std::move(settings), now);
  note_action(now);
  reschedule();
}

void SessionHost::on_bridge_data(std::string_view bytes, SessionTime now) {
  if (closed_ || !bridge_) return;
  io_.report_action();  // bridge activity is an action (§8.1); the inactivity clock is off during bridges
  relay(bridge_->from_server(bytes, now), now);
}

void SessionHost::on_bridge_closed(SessionTime now) {
  if (closed_ || !bridge_) return;
  relay(bridge_->on_timer(now), now);  // what was batched still goes out
  if (bridge_) end_bridge(service::Fctn::directcallended, now);
}

std::optional<Step> SessionHost::start_bridge(const service::Command& command) {
  BridgeTarget target;
  service::Json key;
  bool echo = false;
  bool lower_case = false;
  if (const auto* ws = std::get_if<service::ConnectToWs>(&command)) {
    target = parse_bridge_host(ws->host);
    target.websocket = true;
    target.path = ws->request_path();
    target.proto = ws->proto;
    target.origin = setup_.gateway_host;
    key = ws->key;
    echo = ws->echo;
    lower_case = ws->lower_case;
  } else if (const auto* tln = std::get_if<service::ConnectToTln>(&command)) {
    target = parse_bridge_host(tln->host);
    target.tls = false;
    target.startseq = tln->startseq;
    key = tln->key;
    echo = tln->echo;
    lower_case = tln->lower_case;
  }
  const std::string& host = std::holds_alternative<service::ConnectToWs>(command)
                                ? std::get<service::ConnectToWs>(command).host
                                : std::get<service::ConnectToTln>(command).host;
  const bool allowed = service::bridge_key_exempt(last_call_url_, host) ||
                       service::bridge_key_accepted(key, setup_.bridge_keys);
  if (host.empty() || !allowed) {  // refused: reads as "ended" (§3.5, a quirk services rely on)
    return session_.on_command_done(service::Fctn::directcallended);
  }
  write(BridgeRelay::case_command(lower_case));
  bridge_opening_ = BridgeSettings{target.websocket, echo, setup_.remote_addr, false, setup_.capture.key};
  clock_.set_bridge_active(true);
  io_.report_infos(target.websocket ? "WSTO " + target.host + " " + target.path : "TELNETO " + target.host);
  io_.open_bridge(std::move(target));
  return std::nullopt;
}

std::optional<Step> SessionHost::start_watching(const service::DuplicateStream& command) {
  if (!setup_.visukey || !service::duplicate_key_accepted(command.key, *setup_.visukey)) {  // C-075
    return session_.on_command_done(service::Fctn::directcallended);
  }
  BridgeTarget target;
  target.watched = command.uniqueid;
  BridgeSettings settings;
  settings.mirror = true;
  settings.capture_key = setup_.capture.key;
  bridge_opening_ = std::move(settings);
  clock_.set_bridge_active(true);
  io_.report_infos("DUPL " + command.uniqueid);
  io_.open_bridge(std::move(target));
  return std::nullopt;
}

void SessionHost::relay(const BridgeOutput& out, SessionTime now) {
  if (!out.to_server.empty()) io_.bridge_send(out.to_server);
  if (!out.to_terminal.empty()) write(out.to_terminal);
  capture_keys(std::string(static_cast<std::size_t>(out.captures), setup_.capture.key));
  if (out.ended) {
    io_.close_bridge();
    end_bridge(service::Fctn::directcallended, now);
    return;
  }
  reschedule();
}

void SessionHost::end_bridge(service::Fctn result, SessionTime now) {
  io_.report_infos("");
  bridge_.reset();
  bridge_opening_.reset();
  clock_.set_bridge_active(false);
  note_action(now);
  run(session_.on_command_done(result), now);
}

void SessionHost::on_disconnected(SessionTime) {
  if (closed_) return;
  drop_bridge();
  Step fin = session_.end();
  closed_ = true;
  if (fin.call) io_.call_service(std::move(*fin.call));
  io_.schedule(SessionTime::max());
}

void SessionHost::shut_down(SessionTime) {
  if (closed_) return;
  finish(session_.end());
}

void SessionHost::push_message(std::string_view message) {
  if (closed_) return;
  io_.write("\x1f\x40\x41" + std::string(message) + "\x18\x0a");  // C-060: bytes as given
}

void SessionHost::schedule_simulated_input(SessionTime when, std::string data) {
  if (closed_) return;
  clock_.schedule_simulated_input(when, std::move(data));
  webmedia_event_.reset();
  reschedule();
}

WebMediaPoll SessionHost::on_webmedia_poll(std::string_view last_event, SessionTime now) {
  WebMediaPoll poll = webmedia_.poll(now);
  if (!closed_ && !last_event.empty()) {
    clock_.on_action(now);  // a WebMedia event is activity (gateway-behaviour.md §8.1)
    io_.report_action();
    clock_.schedule_simulated_input(now, {});  // the original's single slot: it replaces a pending BGCALL-SIMU
    webmedia_event_ = std::string(last_event);
    reschedule();
  }
  return poll;
}

// BGCALL-WM-<event> through the simulated-input path with the input buffer untouched (§6): the request goes out
// with the buffer as it was, and its reply's COMMAND is gated like BGCALL-SIMU's (C-035).
Step SessionHost::webmedia_event_step(const std::string& event) {
  std::vector<std::string> content = session_.content();
  Step step = session_.on_simulated_input(content.empty() ? std::string() : content.front());
  if (step.call) {
    step.call->request.fctn = service::bgcall_wm_fctn(event);
    step.call->request.content = std::move(content);
  }
  return step;
}

void SessionHost::run(Step step, SessionTime now) {
  for (;;) {
    write(std::exchange(step.output, {}));
    capture_keys(std::exchange(step.secondary_keys, {}));
    sync_params();
    std::optional<Step> after_refusal;
    for (auto& command : step.host_commands) {
      if (std::holds_alternative<service::ConnectToWs>(command) ||
          std::holds_alternative<service::ConnectToTln>(command)) {
        after_refusal = start_bridge(command);
      } else if (const auto* watch = std::get_if<service::DuplicateStream>(&command)) {
        after_refusal = start_watching(*watch);
      } else if (const auto* call = std::get_if<service::ConnectToExt>(&command);
                 call && (!setup_.asterisk_configured || call->number.empty() ||
                          !service::bridge_key_accepted(call->key, setup_.bridge_keys))) {
        after_refusal = session_.on_command_done(service::Fctn::directcallended);  // C-076: no same-host exemption
      } else {
        io_.run_host_command(std::move(command));
      }
    }
    if (step.close) {
      finish(std::move(step));
      return;
    }
    if (after_refusal) {
      step = std::move(*after_refusal);
      continue;
    }
    if (!step.call) break;
    last_call_url_ = step.call->url;
    step.call->request.webmedia = webmedia_.active(now);  // C-025
    if (!is_internal_url(step.call->url)) {
      io_.call_service(std::move(*step.call));
      break;
    }
    // The embedded welcome service answers at once, on this thread.
    const std::string body = welcome_reply(step.call->request, setup_.directory, setup_.welcome);
    note_action(now);
    step = session_.on_result(ServiceResult{false, body, std::nullopt});
  }
  io_.report_url(session_.url());
  reschedule();
}

void SessionHost::note_action(SessionTime now) {
  clock_.on_action(now);
  io_.report_action();
}

void SessionHost::write(std::string bytes) {
  if (bytes.empty()) return;
  webmedia_.on_output(bytes);  // C-130: forwarded unchanged, and queued
  screen_.append(bytes);
  io_.write(std::move(bytes));
}

// The session ends: last output, the FIN (not for internal URLs: nobody listens), then the close.
void SessionHost::capture_keys(std::string_view secondary_keys) {
  const CaptureSettings& capture = setup_.capture;
  for (const char typed : secondary_keys) {
    if (capture.key == 0 || std::toupper(static_cast<unsigned char>(typed)) != capture.key) continue;
    std::string message;
    if (captures_ >= capture.max) {
      message = capture.messagemax;
    } else if (io_.save_capture(screen_.contents())) {
      ++captures_;
      message = capture.message;
    } else {
      message = "Capture KO";
    }
    io_.write("\x1f\x40\x41" + videotex::g2::encode(message) + "\x18\x0a");  // row 0, as a push message
  }
}

void SessionHost::drop_bridge() {
  if (!bridge_ && !bridge_opening_) return;
  bridge_.reset();
  bridge_opening_.reset();
  io_.close_bridge();
}

void SessionHost::finish(Step step) {
  drop_bridge();
  write(std::move(step.output));
  closed_ = true;
  if (step.call && !is_internal_url(step.call->url)) {
    step.call->fire_and_forget = true;
    io_.call_service(std::move(*step.call));
  }
  io_.close();
  io_.schedule(SessionTime::max());
}

void SessionHost::sync_params() {
  const SessionParams& params = session_.params();
  clock_.set_screensaver_type(params.screensaver_type);
  clock_.set_session_timeout_minutes(params.timeout_minutes);
  clock_.set_terminal_type(session_.terminal_type());
}

void SessionHost::reschedule() {
  if (closed_) return;
  SessionTime next = clock_.next_check();
  if (bridge_) next = std::min(next, bridge_->next_check());
  io_.schedule(next);
}

}  // namespace pavi::gateway
