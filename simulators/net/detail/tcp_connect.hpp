// Private: resolve + connect a TCP socket with a deadline, shared by the tcp, ws and wss clients.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace pavi::sim::detail {

// Call on the runner thread. `done` runs there with "" once connected, or with a one-line error; the caller keeps
// `socket` alive (capture its owner in `done`).
void connect_socket(boost::asio::ip::tcp::socket& socket, const std::string& host, std::uint16_t port,
                    std::chrono::milliseconds timeout, std::function<void(std::string error)> done);

// "closed by peer" / "read error: ..." for an error that ended a read loop.
std::string describe_read_error(const boost::system::error_code& ec, bool& by_peer, bool& error);

}  // namespace pavi::sim::detail
