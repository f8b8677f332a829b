// Private to gateway/server: one AMI TCP session driven by a pure AMI state machine (telephony::AmiCall or
// telephony::AmiHangup): connect, bytes in and out, the machine's deadline as a timer. Runs on the caller's
// strand; the step callback sees answered/channel/failed progress. The connection closes when the machine says
// so, on EOF, or on stop().
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>
#include <string>

#include "gateway/telephony/ami_call.hpp"

namespace pavi::gateway::detail {

class AmiClient {
 public:
  using StepHandler = std::function<void(const telephony::AmiStep& step)>;
  virtual ~AmiClient() = default;
  // Closes the connection; no step follows.
  virtual void stop() = 0;
  // Steps from now on go to `on_step` (on the strand; the old handler may be the one running).
  virtual void set_handler(StepHandler on_step) = 0;
};

std::shared_ptr<AmiClient> start_ami_call(boost::asio::any_io_executor strand, const std::string& host,
                                          const std::string& port, telephony::AmiCall call,
                                          AmiClient::StepHandler on_step);
// Fire and forget: lives until its Hangup is answered or its deadline; `on_done(hung_up)` at the end.
void start_ami_hangup(boost::asio::any_io_executor strand, const std::string& host, const std::string& port,
                      telephony::AmiHangup hangup, std::function<void(bool hung_up)> on_done);

}  // namespace pavi::gateway::detail
