// The phone line's thread and its two transport ends (see phone_line.hpp). The line thread owns the
// PhoneLineSimulation; the ends only exchange byte strings and flags with it under one mutex, and handlers run on
// the line thread with no lock of ours held except the end's own delivery lock (so that an end's destructor can
// wait for its running handler, as the Transport contract asks).
#include "simulators/line/phone_line.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace pavi::sim {

namespace {
constexpr int kTerminal = 0;
constexpr int kService = 1;
constexpr int kStepsPerBatch = 50;  // 1 s of line time between looks at the ends, about 1 ms of CPU
}  // namespace

struct PhoneLine::Engine {
  struct Side {
    // Guarded by Engine::mutex.
    std::string inbound;  // written by this end, not yet put on the line
    bool close_requested = false;
    bool ended = false;  // the line is over for this end: writes are ignored
    // Guarded by `delivery`, which is held while a handler of this end runs.
    std::recursive_mutex delivery;
    TransportHandlers handlers;
    bool has_handlers = false;
    bool detached = false;  // the end was destroyed
    // Line thread only.
    std::string undelivered;  // for this end, waiting for start()
    std::optional<CloseInfo> close_info;
    bool close_delivered = false;
  };

  explicit Engine(PhoneLineOptions opts) : options(std::move(opts)) {
    thread = std::thread([this] { run(); });
  }

  ~Engine() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    changed.notify_all();
    if (thread.get_id() == std::this_thread::get_id()) {
      thread.detach();  // destroyed from a handler (a contract breach): do not deadlock
    } else {
      thread.join();
    }
  }

  void wake() {
    {
      std::lock_guard lock(mutex);
      work = true;
    }
    changed.notify_all();
  }

  void run();
  void deliver(int side);
  void pace(double simulated_since, std::chrono::steady_clock::time_point real_origin) const;

  PhoneLineOptions options;
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  Side sides[2];
  bool work = false;
  bool stopping = false;
  std::uint64_t written = 0;  // writes by either end, so that wait_idle() knows the line has seen them all
  std::uint64_t absorbed = 0;
  PhoneLineStatus snapshot;
  bool line_idle = false;
  std::thread thread;
};

void PhoneLine::Engine::pace(double simulated_since, std::chrono::steady_clock::time_point real_origin) const {
  if (options.speed <= 0.0) return;
  const auto due = real_origin + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                     std::chrono::duration<double>(simulated_since / options.speed));
  std::this_thread::sleep_until(due);
}

void PhoneLine::Engine::deliver(int index) {
  Side& side = sides[index];
  std::lock_guard lock(side.delivery);
  if (side.detached) {
    side.undelivered.clear();
    return;
  }
  if (!side.has_handlers) return;
  if (!side.undelivered.empty()) {
    const std::string bytes = std::exchange(side.undelivered, {});
    const auto on_data = side.handlers.on_data;  // a copy: the handler may replace the end's handlers
    if (on_data) on_data(bytes);
  }
  if (side.close_info && !side.close_delivered) {
    side.close_delivered = true;
    const auto on_closed = side.handlers.on_closed;
    if (on_closed) on_closed(*side.close_info);
  }
}

void PhoneLine::Engine::run() {
  PhoneLineSimulation line(options.line);
  bool sim_idle = false;
  bool ended = false;
  int closed_first = -1;  // the end that closed first: the other one hears it once the line is idle
  auto real_origin = std::chrono::steady_clock::now();
  double simulated_origin = 0.0;
  while (true) {
    std::string from[2];
    bool close_requested[2];
    {
      std::unique_lock lock(mutex);
      const bool was_idle = sim_idle;
      changed.wait(lock, [&] { return stopping || work || !sim_idle; });
      if (stopping) return;
      work = false;
      for (int s = 0; s < 2; ++s) {
        from[s] = std::exchange(sides[s].inbound, {});
        close_requested[s] = sides[s].close_requested;
      }
      absorbed = written;
      if (was_idle) {  // pacing restarts after a pause: the idle time was not line time
        real_origin = std::chrono::steady_clock::now();
        simulated_origin = line.seconds();
      }
    }
    if (!ended) {
      line.send_to_terminal(from[kService]);
      line.send_to_service(from[kTerminal]);
      for (int s = 0; s < 2; ++s) {
        if (close_requested[s] && !sides[s].close_info) {
          sides[s].close_info = CloseInfo{false, false, "closed locally"};
          if (closed_first < 0) closed_first = s;
        }
      }
      const int batch = options.speed > 0.0 ? 1 : kStepsPerBatch;
      for (int i = 0; i < batch && !line.idle(); ++i) line.step();
      pace(line.seconds() - simulated_origin, real_origin);
      for (int s = 0; s < 2; ++s) {
        std::string bytes = s == kTerminal ? line.take_for_terminal() : line.take_for_service();
        if (!sides[s].close_info) sides[s].undelivered += bytes;
      }
      if (line.released()) {
        ended = true;
        const std::string reason = "line released: " + line.status().release_reason;
        for (Side& side : sides) {
          if (!side.close_info) side.close_info = CloseInfo{true, true, reason};
        }
      } else if (closed_first >= 0 && line.idle()) {
        ended = true;
        Side& other = sides[1 - closed_first];
        if (!other.close_info) other.close_info = CloseInfo{true, false, "closed by peer (line hung up)"};
      }
    } else {
      for (int s = 0; s < 2; ++s) {
        if (close_requested[s] && !sides[s].close_info) sides[s].close_info = CloseInfo{false, false, "closed locally"};
      }
    }
    // The status first, so that whoever a delivery wakes sees the line as it was when the bytes arrived; the
    // idle flag last, so that wait_idle() returns only once the handlers have had everything.
    {
      std::lock_guard lock(mutex);
      snapshot = line.status();
      if (ended) {
        for (Side& side : sides) side.ended = true;
      }
    }
    deliver(kTerminal);
    deliver(kService);
    sim_idle = ended || line.idle();
    {
      std::lock_guard lock(mutex);
      line_idle = sim_idle && absorbed == written;
    }
    changed.notify_all();
  }
}

namespace {

class LineEnd final : public Transport {
 public:
  LineEnd(std::shared_ptr<PhoneLine::Engine> engine, int index, std::string description)
      : engine_(std::move(engine)), side_(engine_->sides[index]), description_(std::move(description)) {}

  ~LineEnd() override {
    close();
    std::lock_guard lock(side_.delivery);  // waits for a running handler
    side_.detached = true;
    side_.handlers = {};
  }

  void start(TransportHandlers handlers) override {
    {
      std::lock_guard lock(side_.delivery);
      if (side_.has_handlers) return;
      side_.handlers = std::move(handlers);
      side_.has_handlers = true;
    }
    engine_->wake();
  }

  void send(std::string bytes) override {
    if (bytes.empty()) return;
    {
      std::lock_guard lock(engine_->mutex);
      if (side_.close_requested || side_.ended) return;
      side_.inbound += bytes;
      ++engine_->written;
      engine_->line_idle = false;
      engine_->work = true;
    }
    engine_->changed.notify_all();
  }

  void close() override {
    {
      std::lock_guard lock(engine_->mutex);
      if (side_.close_requested) return;
      side_.close_requested = true;
      engine_->work = true;
    }
    engine_->changed.notify_all();
  }

  std::string description() const override { return description_; }

 private:
  std::shared_ptr<PhoneLine::Engine> engine_;
  PhoneLine::Engine::Side& side_;
  std::string description_;
};

}  // namespace

PhoneLine::PhoneLine(PhoneLineOptions options) {
  const std::string name = options.description;
  engine_ = std::make_shared<Engine>(std::move(options));
  terminal_ = std::make_unique<LineEnd>(engine_, kTerminal, name + " (terminal end)");
  service_ = std::make_unique<LineEnd>(engine_, kService, name + " (service end)");
}

PhoneLine::~PhoneLine() = default;

std::unique_ptr<Transport> PhoneLine::terminal_end() { return std::move(terminal_); }
std::unique_ptr<Transport> PhoneLine::service_end() { return std::move(service_); }

PhoneLineStatus PhoneLine::status() const {
  std::lock_guard lock(engine_->mutex);
  return engine_->snapshot;
}

bool PhoneLine::wait_idle(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(engine_->mutex);
  return engine_->changed.wait_for(lock, timeout, [&] { return engine_->line_idle; });
}

bool PhoneLine::wait_connected(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(engine_->mutex);
  engine_->changed.wait_for(lock, timeout, [&] { return engine_->snapshot.connected || engine_->snapshot.released; });
  return engine_->snapshot.connected;
}

}  // namespace pavi::sim
