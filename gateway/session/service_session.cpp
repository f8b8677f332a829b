// The service conversation of one session (see service_session.hpp).
#include "gateway/session/service_session.hpp"

#include <utility>

#include "gateway/service_protocol/php_url.hpp"
#include "gateway/service_protocol/response.hpp"
#include "gateway/service_protocol/urlparams.hpp"
#include "videotex/g2.hpp"

namespace pavi::gateway {
namespace {

using service::Fctn;

// C-021 fixed: typed ï and ↓ reach services as themselves (docs/COMPATIBILITY.md).
std::vector<std::string> decoded(const std::vector<std::string>& typed) {
  std::vector<std::string> out;
  out.reserve(typed.size());
  for (const auto& element : typed) out.push_back(videotex::g2::decode_content(element, videotex::g2::ContentTable::corrected));
  return out;
}

void append(Step& into, Step&& from) {
  into.output += from.output;
  if (from.call) into.call = std::move(from.call);
  for (auto& c : from.host_commands) into.host_commands.push_back(std::move(c));
  into.close = into.close || from.close;
  into.secondary_keys += from.secondary_keys;
}

}  // namespace

ServiceSession::ServiceSession(SessionSetup setup) : setup_(std::move(setup)) {
  from_default_ = setup_.start_url.empty();
  url_ = from_default_ ? setup_.durl : setup_.start_url;
  pending_output_ = setup_.banner;
}

Step ServiceSession::start() {
  if (!from_default_ && !service::php_validate_url(url_)) {  // ERR#02: banner, page, close; no request
    closed_ = true;
    return {take_pending() + service::bad_start_url_page(url_, setup_.unique_id), {}, {}, true, {}};
  }
  return send(Fctn::cnx);
}

ServiceCall ServiceSession::make_call(const std::string& fctn) {
  service::Request r;
  r.unique_id = setup_.unique_id;
  r.remote_addr = setup_.remote_addr;
  r.typesocket = setup_.typesocket;
  r.versionminitel = keyboard_.terminal_type();
  r.content = content_;
  r.datas = datas_;
  r.context = context_;
  r.fctn = fctn;
  r.urlparams = service::urlparams_from_url(url_);
  return {url_, std::move(r), false};
}

ServiceCall ServiceSession::make_call(Fctn fctn) { return make_call(std::string(service::fctn_name(fctn))); }

Step ServiceSession::send(Fctn fctn, Flight flight) {
  Step step;
  step.call = make_call(fctn);
  in_flight_ = step.call->request.fctn;
  flight_ = flight;
  return step;
}

Step ServiceSession::end() {
  Step step;
  if (closed_) return step;
  closed_ = true;
  step.call = make_call(Fctn::fin);
  step.call->fire_and_forget = true;
  step.close = true;
  return step;
}

// Connexion/Fin or libCnx (gateway-behaviour.md §7): back to the default service when the session started there
// and is elsewhere (C-107), otherwise the session ends and the FIN is sent on the way out (C-108).
Step ServiceSession::press_fin() {
  if (from_default_ && url_.find(setup_.durl) == std::string::npos) return send(Fctn::fin, Flight::fin_return_home);
  Step step = end();
  step.output = take_pending();
  return step;
}

Step ServiceSession::on_terminal(std::string_view chunk) {
  if (closed_) return {};
  if (in_flight_) {
    queued_reads_.emplace_back(chunk);
    return {};
  }
  return handle_tokens(chunk);
}

Step ServiceSession::handle_tokens(std::string_view chunk) {
  Step step;
  for (const KeyToken& token : keyboard_.feed(chunk)) {
    if (token.kind == KeyToken::Kind::byte) {
      if (field_) step.output += field_->type(token.byte, echo_);  // no armed input: ignored (C-059)
      continue;
    }
    if (token.kind == KeyToken::Kind::secondary) {
      step.secondary_keys += static_cast<char>(token.byte);
      continue;
    }
    if (token.kind != KeyToken::Kind::function_key) continue;  // unknown keys
    if (field_) {
      InputField::KeyResult result = field_->press(token.key);
      step.output += result.output;
      if (result.outcome == InputField::Outcome::local) continue;
      keyboard_.drop_held();  // C-101: the rest of the read is dropped, refused or not
      if (result.outcome == InputField::Outcome::refused) return step;
      content_ = decoded(field_->content());
      field_.reset();
    } else {
      keyboard_.drop_held();
    }
    direct_calls_ = 0;
    Step next = token.key == videotex::FunctionKey::connexion_fin ? press_fin() : send(service::fctn_for_key(token.key));
    append(step, std::move(next));
    return step;
  }
  return step;
}

Step ServiceSession::on_result(const ServiceResult& result) {
  if (!in_flight_ || closed_) return {};
  const std::string fctn = *std::exchange(in_flight_, std::nullopt);
  const Flight flight = std::exchange(flight_, Flight::normal);
  if (result.interpreter_url) url_ = *result.interpreter_url;
  const bool is_fin = fctn == service::fctn_name(Fctn::fin);

  if (result.failed && !is_fin) {
    if (from_default_ && flight != Flight::fallback_cnx) {  // §7.3: back home without an error page
      url_ = setup_.durl;
      return send(Fctn::cnx, Flight::fallback_cnx);
    }
    Step step = end();
    step.output = take_pending() + service::service_unavailable_page(url_, setup_.unique_id);  // ERR#09
    return step;
  }

  Step step = result.failed ? Step{} : apply_reply(result.body, is_fin);
  if (flight == Flight::fin_return_home) {  // C-107: the FIN output goes out with the CNX output
    pending_output_ += std::exchange(step.output, {});
    url_ = setup_.durl;
    Step cnx = send(Fctn::cnx);
    cnx.host_commands = std::move(step.host_commands);
    return cnx;
  }
  return continue_after(std::move(step));
}

// After a reply: if it asked for nothing more, the reads that waited are handled now.
Step ServiceSession::continue_after(Step step) {
  while (!step.call && !step.close && !closed_ && !queued_reads_.empty() && step.host_commands.empty()) {
    const std::string chunk = std::move(queued_reads_.front());
    queued_reads_.pop_front();
    append(step, handle_tokens(chunk));
  }
  return step;
}

Step ServiceSession::apply_reply(std::string_view body, bool is_fin) {
  const service::ResponseParse parse = service::parse_response(body);
  const service::ReplyPlan plan = service::plan_reply(parse, field_.has_value());
  Step step;
  step.output = take_pending();
  if (plan.no_response) return step;
  if (plan.new_url) url_ = *plan.new_url;
  if (plan.new_context) context_ = *plan.new_context;
  if (plan.echo) echo_ = *plan.echo;
  if (plan.error) {
    if (!is_fin) step.output += plan.error_page(setup_.unique_id);  // errors of a FIN reply are not shown
    return step;
  }

  std::string drawing;
  std::optional<Fctn> follow_up;
  if (plan.command) {
    const service::Command& command = *plan.command;
    if (const auto* txt = std::get_if<service::InputTxt>(&command)) {
      field_.emplace(*txt);
    } else if (const auto* msg = std::get_if<service::InputMsg>(&command)) {
      field_.emplace(*msg);
    } else if (const auto* form = std::get_if<service::InputForm>(&command)) {
      field_.emplace(*form);
    } else if (std::holds_alternative<service::LibCnx>(command)) {
      follow_up = Fctn::fin;
    } else if (const auto* set = std::get_if<service::SetParam>(&command)) {
      if (set->kind == service::SetParam::Kind::screensaver) {
        params_.screensaver_type = set->screensaver_type;
        params_.screensaver_text = set->screensaver_text;
      } else if (set->kind == service::SetParam::Kind::timeout) {
        params_.timeout_minutes = set->timeout_minutes;
      }
    } else {
      step.host_commands.push_back(command);
    }
    if (field_ && service::is_input_command(command)) {
      drawing = field_->draw();
      content_ = decoded(field_->content());  // a new input resets the buffer (C-022, C-023)
    }
  }

  const bool runs_bridge = plan.command && (service::is_bridge_command(*plan.command) ||
                                            std::holds_alternative<service::GetScreen>(*plan.command) ||
                                            std::holds_alternative<service::GetScreenList>(*plan.command));
  if (runs_bridge) {  // the content is written when the host reports the end (C-071)
    deferred_content_ = plan.content.value_or("") + drawing;
    return step;
  }
  step.output += plan.content.value_or("") + drawing;
  if (is_fin) return step;

  if (follow_up == Fctn::fin) {
    append(step, press_fin());
    return step;
  }
  if (plan.directcall != service::DirectCall::none && direct_calls_ < service::kMaxDirectCalls) {
    ++direct_calls_;
    field_.reset();  // C-034: drawn, but not armed for the DIRECT request
    append(step, send(plan.directcall == service::DirectCall::yes ? Fctn::direct : Fctn::directcnx));
    return step;
  }
  direct_calls_ = 0;
  return step;
}

Step ServiceSession::on_simulated_input(std::string data) {
  if (closed_ || in_flight_) return {};
  if (content_.empty()) {
    content_.push_back(std::move(data));
  } else {
    content_.front() = std::move(data);  // the other elements stay as they were (Example D)
  }
  return send(Fctn::bgcall_simu);
}

Step ServiceSession::on_command_done(Fctn fctn, std::optional<service::Json> datas) {
  if (closed_) return {};
  if (datas) datas_ = std::move(*datas);
  Step step;
  step.output = take_pending() + std::exchange(deferred_content_, {});
  append(step, send(fctn));
  return step;
}

}  // namespace pavi::gateway
