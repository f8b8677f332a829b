// Private: what an AcceptedSocket holds, for the transport factories.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include "simulators/net/listener.hpp"

namespace pavi::sim {

struct AcceptedSocket::Impl {
  explicit Impl(boost::asio::ip::tcp::socket s) : socket(std::move(s)) {}
  boost::asio::ip::tcp::socket socket;
};

}  // namespace pavi::sim
