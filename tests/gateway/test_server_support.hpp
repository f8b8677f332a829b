// A gateway on 127.0.0.1 with ephemeral ports for the server tests, and a service stand-in that answers on its
// own thread (as an HTTP client would) and records every request.
#pragma once

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "gateway/server/gateway_server.hpp"

namespace pavi::gateway::test {

class ScriptedService {
 public:
  using Answer = std::function<ServiceResult(const ServiceCall&)>;
  explicit ScriptedService(Answer answer) : answer_(std::move(answer)), worker_([this] { run(); }) {}
  ~ScriptedService() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
  }

  ServiceCaller caller() {
    return [this](ServiceCall call, std::function<void(ServiceResult)> done) {
      std::lock_guard lock(mutex_);
      queue_.emplace_back(std::move(call), std::move(done));
      changed_.notify_all();
    };
  }

  // The calls received so far, answered or not.
  std::vector<ServiceCall> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }

  // Until a request with this fctn has been answered (FINs too: the gateway does not wait for their answer).
  bool wait_for_fctn(std::string_view fctn, std::chrono::milliseconds timeout, std::size_t count = 1) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
      std::size_t seen = 0;
      for (const auto& answered : answered_) seen += answered == fctn ? 1 : 0;
      return seen >= count;
    });
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      auto [call, done] = std::move(queue_.front());
      queue_.pop_front();
      calls_.push_back(call);  // before the answer: a test that sees the page must see the call too
      changed_.notify_all();
      lock.unlock();
      done(answer_(call));
      done = nullptr;
      lock.lock();
      answered_.push_back(call.request.fctn);
      changed_.notify_all();
    }
  }

  Answer answer_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::pair<ServiceCall, std::function<void(ServiceResult)>>> queue_;
  std::vector<ServiceCall> calls_;      // as they arrive
  std::vector<std::string> answered_;  // their fctns, once the answer was handed back
  bool stopping_ = false;
  std::thread worker_;
};

// Where the server tests' gateways write their logs and statistics: out of the build tree, one folder per run.
// Removed when the test program exits.
inline std::string scratch_log_folder() {
  struct Folder {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("pavikit-server-tests-" + std::to_string(::getpid()));
    Folder() { std::filesystem::create_directories(path); }
    ~Folder() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };
  static const Folder folder;
  return folder.path.string() + "/";
}

inline GatewayConfig test_config(int maxc = 50) {
  GatewayConfig config;
  config.host = "127.0.0.1";
  config.lpath = scratch_log_folder();
  config.spath = scratch_log_folder();
  config.durl = "http://127.0.0.1:1/home";
  config.maxc = maxc;
  return config;
}

inline ServerOptions local_options(std::vector<ListenSpec> listen) {
  ServerOptions options;
  options.listen = std::move(listen);
  options.bind_address = "127.0.0.1";
  options.threads = 2;
  return options;
}

inline ServiceResult body(std::string text) { return ServiceResult{false, std::move(text), std::nullopt}; }

}  // namespace pavi::gateway::test
