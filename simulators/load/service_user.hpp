// A headless Minitel user that plays the gateway's side of the protocol straight against a service, with no
// gateway in between: a gateway::ServiceSession, calls through a shared gateway::ServiceClient, and a decoder
// screen. What the session writes goes to the decoder; what the decoder answers (the ENQROM identity) goes back
// into the session, as a real Minitel's answer would. `pavi stress` runs thousands of them on one client.
//
// Host commands are not run: PushServiceMsg, BackgroundCall and the like are dropped; bridges
// (connectToWs/Tln/Ext, duplicateStream) are answered DIRECTCALLFAILED and getScreen/getScreenList DATAS with
// an empty object, so that the visit goes on as it would on a gateway whose bridge could not connect.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/service_client/service_client.hpp"
#include "simulators/load/visit_target.hpp"
#include "videotex/protocol.hpp"

namespace pavi::sim {

struct ServiceUserOptions {
  videotex::pro::Identity identity = videotex::pro::kMinitel1B;  // answered to the banner's ENQROM
  std::string typesocket = "WS";                                  // what the "gateway" reports (C-014)
  std::string remote_addr = "127.0.0.1";
  std::string unique_id;  // "" : the current time and a PIN, as a gateway makes it (C-012)
  // Called for every completed request (FIN included), on the client's thread. Not called after the
  // ServiceUser is destroyed.
  std::function<void(const gateway::CallStats&)> on_request;
};

class ServiceUser : public VisitTarget {
 public:
  // `client` must outlive the requests this user starts (destroying the client cancels them).
  explicit ServiceUser(gateway::ServiceClient& client);
  ~ServiceUser() override;  // disconnects (the FIN goes out)
  ServiceUser(const ServiceUser&) = delete;
  ServiceUser& operator=(const ServiceUser&) = delete;

  // A new connection with `service_url` as the gateway's default service (durl): a fresh session and screen,
  // the connection banner, then the CNX. False when already connected.
  bool connect(std::string service_url, ServiceUserOptions options = {});

  bool type(std::string_view utf8_text) override;
  bool press(videotex::FunctionKey key) override;
  WaitResult wait_for_text(std::string_view text, std::chrono::milliseconds timeout) override;
  WaitResult wait_for_regex(std::string_view pattern, std::chrono::milliseconds timeout,
                            std::optional<ScreenPosition> at) override;
  // No request in flight and nothing received (no output, no completed request) for `quiet`.
  WaitResult wait_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout) override;
  WaitResult wait_for_disconnect(std::chrono::milliseconds timeout) override;
  std::string text() const override;
  bool connected() const override;
  // Ends the session as a hang-up does: the FIN is sent, fire and forget.
  void disconnect() override;

  std::string url() const;      // the session's current service URL
  std::string context() const;  // the context the service last set
  std::size_t requests_in_flight() const;
  // Sleeps until no request is in flight (e.g. the FIN after disconnect()); false when `timeout` ran out first.
  bool wait_for_no_request_in_flight(std::chrono::milliseconds timeout) const;

 private:
  struct Core;
  std::shared_ptr<Core> core_;  // shared with the callbacks of calls still under way
};

}  // namespace pavi::sim
