// A minimal stand-in for a gateway's astport, for the soft modem's own tests: accepts one TCP connection on
// 127.0.0.1, records every byte, sends on request and closes on request. The end-to-end tests use the real
// gateway instead.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace pavi::test {

class AstportListener {
 public:
  AstportListener() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listen_fd_, 4);
    socklen_t length = sizeof address;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { run(); });
  }

  ~AstportListener() {
    ::shutdown(listen_fd_, SHUT_RDWR);
    {
      std::lock_guard lock(mutex_);
      if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
    }
    thread_.join();
    ::close(listen_fd_);
  }
  AstportListener(const AstportListener&) = delete;
  AstportListener& operator=(const AstportListener&) = delete;

  std::uint16_t port() const { return port_; }

  std::string received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

  bool wait_for_received(std::string_view bytes, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return received_.find(bytes) != std::string::npos; });
  }

  bool wait_for_eof(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return eof_; });
  }

  bool accepted() const {
    std::lock_guard lock(mutex_);
    return fd_ >= 0 || eof_;
  }

  void send(std::string_view bytes) {
    std::lock_guard lock(mutex_);
    if (fd_ >= 0) ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }

  // The gateway hangs up: closes its side (the soft modem reads end of file).
  void close() {
    std::lock_guard lock(mutex_);
    if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
  }

 private:
  void run() {
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    {
      std::lock_guard lock(mutex_);
      fd_ = fd;
    }
    changed_.notify_all();
    char buffer[4096];
    while (true) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      std::lock_guard lock(mutex_);
      if (n <= 0) {
        eof_ = true;
        ::close(fd_);
        fd_ = -1;
        changed_.notify_all();
        return;
      }
      received_.append(buffer, static_cast<std::size_t>(n));
      changed_.notify_all();
    }
  }

  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  int fd_ = -1;
  std::string received_;
  bool eof_ = false;
  std::thread thread_;
};

}  // namespace pavi::test
