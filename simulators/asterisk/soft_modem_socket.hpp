// The soft modem's TCP leg to the gateway, as MiniPavi's app has it (v23-modem.md §7): one plain POSIX socket,
// read without blocking from the call's own thread, plus a wake-up descriptor so that the far end's writes can
// interrupt a wait. POSIX rather than Asio because the call's thread decides itself when to look at the socket:
// that is what paces the simulated line against the real one.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace pavi::sim {

class ModemSocket {
 public:
  ModemSocket();
  ~ModemSocket();  // closes both descriptors
  ModemSocket(const ModemSocket&) = delete;
  ModemSocket& operator=(const ModemSocket&) = delete;

  // Blocking connect, at most `timeout`. Empty on success, else one line ("127.0.0.1:8183: Connection refused").
  std::string connect(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout);
  bool connected() const { return fd_ >= 0; }

  // Everything readable now, without blocking. `eof` is set once the gateway closed (or the socket failed).
  std::string read_available(bool& eof);
  // Writes all of `bytes` (blocking while the socket is full); false if the socket is gone.
  bool write_all(std::string_view bytes);
  // Shuts the connection down and closes it; the gateway reads end of file. Idempotent.
  void close();

  // Waits until the socket is readable, wake() was called, or `timeout` passed (0: just looks).
  void wait(std::chrono::microseconds timeout);
  // Thread-safe: interrupts wait().
  void wake();

 private:
  int fd_ = -1;
  int wake_fd_ = -1;
};

}  // namespace pavi::sim
