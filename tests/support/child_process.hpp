// Child processes for tests that run whole programs (pavi-gateway, pavi): a free 127.0.0.1 port, fork/exec with
// extra environment in a scratch directory, output to a file, bounded waits, and a stop by PID (SIGTERM, then
// SIGKILL) that the destructor makes if the test did not.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_paths.hpp"

extern char** environ;

namespace pavi::test {

// A port nobody listens on right now (the kernel's choice for port 0, released at once). Another process may take
// it before the child binds it: GatewayUnderTest retries when its ports turn out to be busy.
inline int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

// A program run by the test in a scratch directory of its own, its stdout and stderr in one file there. The
// destructor stops it if it still runs and removes the directory.
class ChildProcess {
 public:
  // argv[0] is the program's path; `environment` adds or replaces NAME=value entries of the test's environment.
  explicit ChildProcess(std::vector<std::string> argv, std::vector<std::string> environment = {}) {
    std::string pattern = (std::filesystem::temp_directory_path() / "pavikit-child-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return;
    directory_ = pattern;
    output_ = directory_ / "output.log";
    // Everything the child needs is built before fork: the parent has threads, so the child may only make
    // async-signal-safe calls until execve.
    std::vector<std::string> env = std::move(environment);
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string text = *entry;
      const std::string name = text.substr(0, text.find('=') + 1);
      bool replaced = false;
      for (const auto& e : env) replaced = replaced || e.rfind(name, 0) == 0;
      if (!replaced) env.push_back(text);
    }
    std::vector<char*> args, envp;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    const std::string output = output_.string();
    const std::string directory = directory_.string();
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      if (::chdir(directory.c_str()) != 0) ::_exit(126);
      ::execve(args[0], args.data(), envp.data());
      ::_exit(127);
    }
  }
  ~ChildProcess() {
    stop();
    if (!directory_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(directory_, ignored);
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int number) {
    if (pid_ > 0 && !exited_) ::kill(pid_, number);
  }
  const std::filesystem::path& directory() const { return directory_; }
  std::string output() const { return read_file(output_); }
  bool running() { return pid_ > 0 && !exited_ && poll() < 0; }

  // The exit status (128 + signal when killed by one), or -1 if it still runs after `timeout`.
  int wait(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      if (const int status = poll(); status >= 0) return status;
      if (std::chrono::steady_clock::now() >= deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  // Until the output contains `text` (true), the child exits or `timeout` passes (false).
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (output().find(text) != std::string::npos) return true;
      if (!running()) return output().find(text) != std::string::npos;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  // SIGTERM, then SIGKILL if it has not exited within `grace`; returns the exit status.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(10)) {
    if (pid_ <= 0) return -1;
    if (exited_) return status_;
    ::kill(pid_, SIGTERM);
    if (const int status = wait(grace); status >= 0) return status;
    ::kill(pid_, SIGKILL);
    return wait(grace);
  }

 private:
  int poll() {
    if (exited_) return status_;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return -1;
    exited_ = true;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return status_;
  }

  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = -1;
  std::filesystem::path directory_;
  std::filesystem::path output_;
};

}  // namespace pavi::test
