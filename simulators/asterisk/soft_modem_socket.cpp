// POSIX plumbing of the soft modem's TCP leg (see soft_modem_socket.hpp).
#include "simulators/asterisk/soft_modem_socket.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pavi::sim {

ModemSocket::ModemSocket() : wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

ModemSocket::~ModemSocket() {
  close();
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

std::string ModemSocket::connect(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout) {
  const std::string where = host + ":" + std::to_string(port) + ": ";
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) return where + "not an IPv4 address";
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return where + std::strerror(errno);
  int error = 0;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    if (errno != EINPROGRESS) {
      error = errno;
    } else {
      pollfd p{fd, POLLOUT, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
      if (ready <= 0) {
        error = ready == 0 ? ETIMEDOUT : errno;
      } else {
        socklen_t length = sizeof error;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
      }
    }
  }
  if (error != 0) {
    ::close(fd);
    return where + std::strerror(error);
  }
  const int one = 1;  // the app sends each character as it is decoded: no Nagle delay on keys
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  fd_ = fd;
  return {};
}

std::string ModemSocket::read_available(bool& eof) {
  std::string bytes;
  if (fd_ < 0) {
    eof = true;
    return bytes;
  }
  char buffer[4096];
  while (true) {
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n > 0) {
      bytes.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    eof = true;  // 0: orderly close; < 0: reset or another error
    break;
  }
  return bytes;
}

bool ModemSocket::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    if (fd_ < 0) return false;
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd_, POLLOUT, 0};
      ::poll(&p, 1, 1000);
      continue;
    }
    return false;
  }
  return true;
}

void ModemSocket::close() {
  if (fd_ < 0) return;
  ::shutdown(fd_, SHUT_RDWR);
  ::close(fd_);
  fd_ = -1;
}

void ModemSocket::wait(std::chrono::microseconds timeout) {
  pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {fd_, POLLIN, 0}};
  const nfds_t count = fd_ >= 0 ? 2 : 1;
  // poll() counts in milliseconds: round up, so that a wait never returns before its time with nothing done.
  const auto ms = timeout.count() <= 0 ? 0 : static_cast<int>((timeout.count() + 999) / 1000);
  if (::poll(fds, count, ms) > 0 && (fds[0].revents & POLLIN)) {
    std::uint64_t value = 0;
    [[maybe_unused]] const ssize_t ignored = ::read(wake_fd_, &value, sizeof value);
  }
}

void ModemSocket::wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t ignored = ::write(wake_fd_, &one, sizeof one);
}

}  // namespace pavi::sim
