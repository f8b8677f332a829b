// A blocking TCP client for the astport tests: plays the soft modem's side (header, then raw bytes), with
// bounded waits only.
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

namespace pavi::gateway::test {

class ModemSocket {
 public:
  explicit ModemSocket(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~ModemSocket() { close(); }
  ModemSocket(const ModemSocket&) = delete;
  ModemSocket& operator=(const ModemSocket&) = delete;

  bool connected() const { return connected_; }
  bool send(std::string_view bytes) {
    return connected_ && ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Reads until `text` has been received (true), EOF or the timeout (false).
  bool wait_for(std::string_view text, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (received_.find(text) == std::string::npos) {
      if (!read_some(end)) return false;
    }
    return true;
  }
  // True once the gateway closed the connection, within the timeout.
  bool wait_for_eof(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!eof_) {
      if (!read_some(end) && !eof_) return false;
    }
    return true;
  }
  const std::string& received() const { return received_; }

 private:
  bool read_some(std::chrono::steady_clock::time_point end) {
    if (eof_ || fd_ < 0) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd poll_fd{fd_, POLLIN, 0};
    if (::poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[4096];
    const auto size = ::recv(fd_, buffer, sizeof buffer, 0);
    if (size <= 0) {
      eof_ = true;
      return false;
    }
    received_.append(buffer, static_cast<std::size_t>(size));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool eof_ = false;
  std::string received_;
};

}  // namespace pavi::gateway::test
