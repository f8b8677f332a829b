// A deliberately badly behaved client for the server robustness tests: a plain blocking TCP socket that sends
// exactly what it is told, reads only when asked (so it can stall the gateway's writes), and can do a minimal
// WebSocket upgrade and build masked, unmasked or malformed frames. POSIX sockets, no Asio: nothing in it helps
// the gateway.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pavi::gateway::test {

class RawClient {
 public:
  RawClient() = default;
  ~RawClient() { close(); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // `receive_buffer` > 0 shrinks the socket's receive buffer before connecting, so that a client that does not
  // read fills up quickly and the gateway's writes stall.
  bool connect(std::uint16_t port, int receive_buffer = 0) {
    close();
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return false;
    if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  }

  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  // Reads what arrives within `timeout` (stops early once `until` is seen, when given). Sets closed() on EOF or
  // reset.
  std::string receive(std::chrono::milliseconds timeout, std::string_view until = {}) {
    std::string got = std::exchange(leftover_, {});
    if (!until.empty() && got.find(until) != std::string::npos) return got;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[65536];
      const ssize_t size = ::recv(fd_, buffer, sizeof buffer, 0);
      if (size <= 0) {
        closed_ = true;
        break;
      }
      got.append(buffer, static_cast<std::size_t>(size));
      if (!until.empty() && got.find(until) != std::string::npos) break;
    }
    return got;
  }

  // Reads until `count` bytes have arrived (or `timeout`, or the end of the connection); returns how many did.
  std::size_t receive_at_least(std::size_t count, std::chrono::milliseconds timeout) {
    std::size_t got = 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (got < count && !closed_ && std::chrono::steady_clock::now() < deadline) {
      got += receive(std::chrono::milliseconds(100)).size();
    }
    return got;
  }

  // Reads and drops everything until the gateway closes the connection; false if it is still open after `timeout`.
  bool wait_closed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_ && std::chrono::steady_clock::now() < deadline) {
      received_while_waiting_ += receive(std::chrono::milliseconds(100));
    }
    return closed_;
  }
  const std::string& received_while_waiting() const { return received_while_waiting_; }
  bool closed() const { return closed_; }

  // A WebSocket upgrade to `target`; true once the 101 has arrived.
  bool upgrade(std::string_view target = "/") {
    const std::string request = "GET " + std::string(target) +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    if (!send(request)) return false;
    std::string response = receive(std::chrono::seconds(5), "\r\n\r\n");
    const auto end = response.find("\r\n\r\n");
    if (end != std::string::npos) leftover_ = response.substr(end + 4);  // frames that came with the 101
    return response.rfind("HTTP/1.1 101", 0) == 0;
  }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    closed_ = false;
    leftover_.clear();
  }

 private:
  int fd_ = -1;
  bool closed_ = false;
  std::string received_while_waiting_;
  std::string leftover_;  // read past the upgrade response; returned by the next receive()
};

// One WebSocket frame as a client writes it: FIN set, the given opcode, masked unless told otherwise, with the
// shortest length encoding. A non-zero `claimed_length` is written instead of the payload's real length, to
// announce more than is sent.
inline std::string websocket_frame(std::uint8_t opcode, std::string_view payload, bool masked = true,
                                   std::uint64_t claimed_length = 0) {
  std::string frame;
  frame += static_cast<char>(0x80 | opcode);
  const std::uint64_t length = claimed_length != 0 ? claimed_length : payload.size();
  const char mask_bit = masked ? '\x80' : '\x00';
  if (length < 126) {
    frame += static_cast<char>(mask_bit | static_cast<char>(length));
  } else if (length <= 0xFFFF) {
    frame += static_cast<char>(mask_bit | 126);
    frame += static_cast<char>(length >> 8);
    frame += static_cast<char>(length & 0xFF);
  } else {
    frame += static_cast<char>(mask_bit | 127);
    for (int shift = 56; shift >= 0; shift -= 8) frame += static_cast<char>((length >> shift) & 0xFF);
  }
  const char key[4] = {0x12, 0x34, 0x56, 0x78};
  if (masked) frame.append(key, 4);
  for (std::size_t i = 0; i < payload.size(); ++i) frame += masked ? static_cast<char>(payload[i] ^ key[i % 4]) : payload[i];
  return frame;
}

// The opcodes of the complete server frames (unmasked, as a server sends them) at the start of `stream`, in order.
inline std::vector<int> websocket_opcodes(std::string_view stream) {
  std::vector<int> opcodes;
  while (stream.size() >= 2) {
    std::uint64_t length = static_cast<std::uint8_t>(stream[1]) & 0x7F;
    std::size_t header = 2;
    if (length >= 126) {
      const std::size_t bytes = length == 126 ? 2 : 8;
      if (stream.size() < 2 + bytes) break;
      length = 0;
      for (std::size_t i = 0; i < bytes; ++i) length = length << 8 | static_cast<std::uint8_t>(stream[2 + i]);
      header += bytes;
    }
    if (stream.size() < header + length) break;
    opcodes.push_back(static_cast<std::uint8_t>(stream[0]) & 0x0F);
    stream.remove_prefix(header + static_cast<std::size_t>(length));
  }
  return opcodes;
}

}  // namespace pavi::gateway::test
