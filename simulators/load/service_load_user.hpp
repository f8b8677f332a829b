// A virtual user of `pavi stress` in service mode: a ServiceUser (the gateway's side of the protocol, no gateway)
// whose every HTTP call feeds the load statistics: latency, the requests the service saw, and errors by kind.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "gateway/service_client/service_client.hpp"
#include "simulators/load/load_driver.hpp"
#include "simulators/load/service_user.hpp"

namespace pavi::sim {

class ServiceLoadUser : public LoadUser {
 public:
  ServiceLoadUser(std::string service_url, gateway::ServiceClient& client, LoadStats& stats,
                  ServiceUserOptions options = {});

  std::optional<std::string> begin_visit() override;
  VisitTarget& target() override { return *user_; }
  // Hangs up and waits for the FIN's reply, so that it is counted with this visit.
  void end_visit() override;
  // "" when a request of this visit already counted its error kind.
  std::string failure_kind(const VisitResult& result) override;
  bool waits_are_requests() const override { return false; }

 private:
  std::string url_;
  LoadStats& stats_;
  ServiceUserOptions options_;
  std::atomic<bool> request_failed_{false};  // in the current visit; set on the client's thread
  std::unique_ptr<ServiceUser> user_;        // last: destroyed first, so no callback outlives the members above
};

// The factory `pavi stress --service URL` gives the driver: one ServiceLoadUser per virtual user, all on `client`.
LoadUserFactory service_user_factory(std::string service_url, gateway::ServiceClient& client);

}  // namespace pavi::sim
