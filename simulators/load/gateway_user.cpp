// GatewayUser: one Terminal reused for every visit, as a Minitel that dials again.
#include "simulators/load/gateway_user.hpp"

namespace pavi::sim {

GatewayUser::GatewayUser(std::string url, ConnectOptions connect, TerminalOptions terminal)
    : url_(std::move(url)), connect_(std::move(connect)), terminal_(std::move(terminal)), target_(terminal_) {}

std::optional<std::string> GatewayUser::begin_visit() {
  const auto result = terminal_.connect(url_, connect_);
  if (result) return std::nullopt;
  last_error_ = result.error;
  return std::string("connect");
}

void GatewayUser::end_visit() { terminal_.disconnect(); }

}  // namespace pavi::sim
