// ServiceLoadUser: CallStats -> LoadStats, and a drained FIN at the end of each visit.
#include "simulators/load/service_load_user.hpp"

namespace pavi::sim {

ServiceLoadUser::ServiceLoadUser(std::string service_url, gateway::ServiceClient& client, LoadStats& stats,
                                 ServiceUserOptions options)
    : url_(std::move(service_url)),
      stats_(stats),
      options_(std::move(options)),
      user_(std::make_unique<ServiceUser>(client)) {
  options_.on_request = [this](const gateway::CallStats& call) {
    stats_.request(call.latency, static_cast<std::uint64_t>(std::max(1, call.attempts)));
    if (!call.error.empty()) {
      stats_.error(call.error);
      request_failed_ = true;
    }
  };
}

std::optional<std::string> ServiceLoadUser::begin_visit() {
  request_failed_ = false;
  if (user_->connect(url_, options_)) return std::nullopt;
  return std::string("connect");
}

void ServiceLoadUser::end_visit() {
  user_->disconnect();
  // Bounded by the client's own timeouts; a generous cap keeps a stuck call from holding the user forever. A
  // sleep, not a poll: at the end of a run every user hangs up at once, and thousands polling would starve the
  // client's thread that completes their FINs.
  user_->wait_for_no_request_in_flight(std::chrono::seconds(120));
}

std::string ServiceLoadUser::failure_kind(const VisitResult& result) {
  return request_failed_ ? std::string() : result.error_kind;
}

LoadUserFactory service_user_factory(std::string service_url, gateway::ServiceClient& client) {
  return [url = std::move(service_url), &client](std::size_t, LoadStats& stats) -> std::unique_ptr<LoadUser> {
    return std::make_unique<ServiceLoadUser>(url, client, stats);
  };
}

}  // namespace pavi::sim
