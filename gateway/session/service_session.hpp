// One user's conversation with services, without I/O (gateway-behaviour.md §2-§7, service-protocol.md §3-§4,
// §7): what to write to the terminal and which request to send, for each terminal read and each service result.
// The gateway drives it from sockets and libcurl; `pavi stress` drives it straight against a service.
// Timers (inactivity, screensaver, pings, simulated input) and the bridges belong to the host, which is handed
// the commands it must run (`Step::host_commands`) and reports their outcome back.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/service_protocol/commands.hpp"
#include "gateway/service_protocol/fctn.hpp"
#include "gateway/service_protocol/request.hpp"
#include "gateway/session/input_field.hpp"
#include "gateway/session/keyboard_input.hpp"

namespace pavi::gateway {

struct SessionSetup {
  std::string unique_id;
  std::string remote_addr;
  std::string typesocket;  // service::typesocket
  std::string durl;        // the default service
  std::string start_url;   // "" starts on durl (fromDefault)
  std::string banner;      // bytes written together with the first response (gateway-behaviour.md §2.3)
};

struct ServiceCall {
  std::string url;  // the full current URL (the host POSTs to it without its query)
  service::Request request;
  bool fire_and_forget = false;  // the FIN of a closing session: its result is not reported back
};

// What the host's HTTP layer made of a call (service-protocol.md §7.3 steps 1-5 are the host's).
struct ServiceResult {
  bool failed = false;                         // timeouts exhausted, transport error and failed GET fallback...
  std::string body;                            // the reply body when not failed
  std::optional<std::string> interpreter_url;  // §7.3 step 5: the session URL became this
};

// One step of the session: write `output` (in one write), then send `call`, run `host_commands`, or close.
struct Step {
  std::string output;
  std::optional<ServiceCall> call;
  std::vector<service::Command> host_commands;  // PushServiceMsg, BackgroundCall, bridges, duplicateStream, getScreen*
  bool close = false;
  std::string secondary_keys;  // the bytes typed after a CR (0D): the capture key is the host's (§4.3)
};

struct SessionParams {
  int screensaver_type = 2;
  std::string screensaver_text = "Not set";
  int timeout_minutes = 0;  // 0: the gateway's timeout
};

class ServiceSession {
 public:
  explicit ServiceSession(SessionSetup setup);

  // The first request (CNX), or the ERR#02 page for a start URL that is not a URL.
  Step start();
  // A read from the terminal. Reads that arrive while a request is under way wait for its result.
  Step on_terminal(std::string_view chunk);
  // The result of the call the last step asked for.
  Step on_result(const ServiceResult& result);
  // A host command finished: a bridge or duplicateStream (DIRECTCALLFAILED / DIRECTCALLENDED) or getScreen*
  // (DATAS, with its `datas`). The reply's content, held back during the bridge, is written now.
  Step on_command_done(service::Fctn fctn, std::optional<service::Json> datas = std::nullopt);
  // A BackgroundCall simulated input came due (service-protocol.md §5.6): BGCALL-SIMU to the current URL with
  // content[0] = data. An armed input stays armed, so the reply's COMMAND is ignored (§3.3). Nothing happens
  // while a request is under way: the host tries again later.
  Step on_simulated_input(std::string data);
  // The connection is gone (or the gateway stops): the FIN to send, not to be processed.
  Step end();

  const std::string& url() const { return url_; }
  const std::string& context() const { return context_; }
  const std::vector<std::string>& content() const { return content_; }
  const std::string& terminal_type() const { return keyboard_.terminal_type(); }
  bool from_default() const { return from_default_; }
  bool input_armed() const { return field_.has_value(); }
  bool waiting() const { return in_flight_.has_value(); }
  const SessionParams& params() const { return params_; }

 private:
  enum class Flight { normal, fin_return_home, fallback_cnx };

  ServiceCall make_call(service::Fctn fctn);
  ServiceCall make_call(const std::string& fctn);
  Step send(service::Fctn fctn, Flight flight = Flight::normal);
  Step press_fin();
  Step handle_tokens(std::string_view chunk);
  Step apply_reply(std::string_view body, bool is_fin);
  Step continue_after(Step step);
  std::string take_pending() { return std::exchange(pending_output_, {}); }

  SessionSetup setup_;
  std::string url_;
  bool from_default_ = true;
  std::string context_;
  std::vector<std::string> content_;
  service::Json datas_ = nullptr;
  bool echo_ = false;
  std::optional<InputField> field_;
  KeyboardInput keyboard_;
  SessionParams params_;

  std::optional<std::string> in_flight_;  // the fctn of the request under way
  Flight flight_ = Flight::normal;
  int direct_calls_ = 0;
  std::string pending_output_;            // banner, FIN output before the CNX home, deferred bridge content
  std::string deferred_content_;
  std::deque<std::string> queued_reads_;
  bool closed_ = false;
};

}  // namespace pavi::gateway
