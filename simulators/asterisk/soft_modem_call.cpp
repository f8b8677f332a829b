// The soft-modem call's thread (see soft_modem_call.hpp). The thread owns the ModemLine and the socket; the far
// end's Transport only exchanges byte strings and flags with it under one mutex. Handlers run on the call's
// thread with no lock of ours held except the end's own delivery lock, so that the end's destructor can wait for
// a running handler, as the Transport contract asks.
#include "simulators/asterisk/soft_modem_call.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "simulators/asterisk/soft_modem_socket.hpp"

namespace pavi::sim {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kBlocksPerLook = 5;     // running ahead: 100 ms of line between looks at the socket
// Characters still in a demodulator when its transmitter is empty (a 1200 bit/s character lasts 8.3 ms).
constexpr double kTailSeconds = 0.03;
constexpr double kCloseTailSeconds = 0.1;  // after a hang-up: a last 75 bit/s character lasts 133 ms

}  // namespace

struct SoftModemCall::Engine {
  explicit Engine(SoftModemCallOptions opts) : options(std::move(opts)), started(Clock::now()) {
    thread = std::thread([this] { run(); });
  }

  ~Engine() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    changed.notify_all();
    socket.wake();
    if (thread.get_id() == std::this_thread::get_id()) {
      thread.detach();  // destroyed from a handler (a contract breach): do not deadlock
    } else {
      thread.join();
    }
  }

  void run();
  void step_line(ModemLine& line, bool ahead);
  void exchange(ModemLine& line);
  void deliver();
  void finish(std::string reason, std::optional<CloseInfo> far_close);
  void publish(const ModemLine& line);

  const SoftModemCallOptions options;
  const Clock::time_point started;
  ModemSocket socket;

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  // Guarded by mutex.
  std::string far_inbound;  // written by the far end, not yet put on the line
  bool far_close_requested = false;
  bool hang_up_requested = false;
  bool stopping = false;
  SoftModemCallStatus snapshot;

  // The far end's delivery; guarded by `delivery`, which is held while one of its handlers runs.
  std::recursive_mutex delivery;
  TransportHandlers handlers;
  bool has_handlers = false;
  bool detached = false;
  std::string undelivered;
  std::optional<CloseInfo> far_close_info;
  bool close_delivered = false;

  // Call thread only.
  bool gateway_closed = false;
  bool far_closing = false;
  double ahead_seconds = 0.0;
  std::uint64_t from_gateway = 0;
  std::uint64_t to_gateway = 0;
  bool tcp_connected = false;
  bool header_sent = false;
  bool ended = false;
  std::string end_reason;

  std::thread thread;
};

void SoftModemCall::Engine::publish(const ModemLine& line) {
  std::lock_guard lock(mutex);
  snapshot.line = line.status();
  snapshot.tcp_connected = tcp_connected;
  snapshot.header_sent = header_sent;
  snapshot.ended = ended;
  snapshot.end_reason = end_reason;
  snapshot.from_gateway = from_gateway;
  snapshot.to_gateway = to_gateway;
  snapshot.real_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  snapshot.ahead_line_seconds = ahead_seconds;
}

void SoftModemCall::Engine::deliver() {
  std::lock_guard lock(delivery);
  if (detached) {
    undelivered.clear();
    return;
  }
  if (!has_handlers) return;
  if (!undelivered.empty()) {
    const std::string bytes = std::exchange(undelivered, {});
    const auto on_data = handlers.on_data;  // a copy: the handler may replace the end's handlers
    if (on_data) on_data(bytes);
  }
  if (far_close_info && !close_delivered) {
    close_delivered = true;
    const auto on_closed = handlers.on_closed;
    if (on_closed) on_closed(*far_close_info);
  }
}

void SoftModemCall::Engine::finish(std::string reason, std::optional<CloseInfo> far_close) {
  socket.close();
  ended = true;
  end_reason = std::move(reason);
  std::lock_guard lock(delivery);
  if (!far_close_info) far_close_info = std::move(far_close);
}

// Moves bytes between the socket, the far end and the line.
void SoftModemCall::Engine::exchange(ModemLine& line) {
  std::string from_far;
  {
    std::lock_guard lock(mutex);
    from_far = std::exchange(far_inbound, {});
    if (far_close_requested) far_closing = true;
  }
  line.from_far_end(from_far);
  if (header_sent && !gateway_closed) {
    bool eof = false;
    const std::string bytes = socket.read_available(eof);
    from_gateway += bytes.size();
    line.from_gateway(bytes);
    if (eof) {
      gateway_closed = true;
      socket.close();  // nothing more can come, and a closed socket would keep every wait from waiting
    }
  }
  if (!header_sent && line.header_due()) {
    header_sent = true;
    publish(line);  // before the write: whoever reads the header on the other side sees a status that says so
    if (!socket.write_all(options.header)) gateway_closed = true;
  }
  const std::string up = line.take_for_gateway();
  if (!up.empty() && !gateway_closed) {
    if (socket.write_all(up)) {
      to_gateway += up.size();
    } else {
      gateway_closed = true;
    }
  }
  std::string down = line.take_for_far_end();
  if (!down.empty()) {
    std::lock_guard lock(delivery);
    if (!far_close_info) undelivered += down;
  }
}

void SoftModemCall::Engine::run() {
  ModemLine line(options.line);
  const std::string error = socket.connect(options.host, options.port, options.connect_timeout);
  if (error.empty()) {
    tcp_connected = true;
  } else {  // the loop below only delivers the close, as the far end may attach later
    finish("cannot connect to the gateway: " + error, CloseInfo{true, true, "the gateway is unreachable: " + error});
  }
  const double block_s = static_cast<double>(options.line.block_samples) / modem::kSampleRate;
  // Real-time pacing restarts from this pair whenever the line stops running ahead.
  std::optional<std::pair<Clock::time_point, double>> origin;
  double tail_until = 0.0;  // the last characters leave the demodulators until then
  double closing_since = -1.0;
  while (true) {
    {
      std::lock_guard lock(mutex);
      if (stopping) break;
      if (hang_up_requested && !ended) {
        finish("hung up", CloseInfo{false, false, "closed locally (hung up)"});
      }
    }
    if (ended) {
      // Over: the far end may still attach and must still hear the bytes and the close.
      publish(line);
      deliver();
      changed.notify_all();
      socket.wait(std::chrono::microseconds{100000});
      continue;
    }
    exchange(line);

    // Ending: the gateway's close once its bytes are played; the far end's once its bytes reached the socket.
    const bool closing = (gateway_closed && line.drained_to_far_end()) || (far_closing && line.drained_to_soft_modem());
    if (closing && closing_since < 0.0) closing_since = line.seconds();
    if (!closing) closing_since = -1.0;
    if (line.released()) {
      const std::string reason = "line released: " + line.status().release_reason;
      finish(reason, CloseInfo{true, true, reason});
      continue;
    }
    if (closing && line.seconds() - closing_since >= kCloseTailSeconds) {
      exchange(line);
      if (gateway_closed) {
        finish("gateway hung up", CloseInfo{true, false, "closed by peer (the gateway hung up)"});
      } else {
        finish("far end hung up", CloseInfo{false, false, "closed locally"});
      }
      continue;
    }

    const bool outbound = options.line.direction == CallDirection::outbound;
    // Ahead while there is something decided to play, then for the tail; re-checked after every block, so that a
    // single character does not carry the line kBlocksPerLook blocks on (silence the real call would not have).
    const auto may_run_ahead = [&] {
      const bool playing = line.setting_up() || !line.drained_to_far_end() ||
                           (outbound && !line.drained_to_soft_modem()) || closing;
      if (playing) tail_until = line.seconds() + kTailSeconds;
      // The tail plays at real-time pace when the line has one: run ahead, it would put silence after each burst
      // of the gateway's bytes that the real call does not have. A frozen line (idle_speed 0) must run it.
      const bool tail = options.idle_speed <= 0.0 && line.seconds() < tail_until;
      return options.run_ahead && (playing || tail);
    };
    if (may_run_ahead()) {
      origin.reset();
      const double before = line.seconds();
      for (int i = 0; i < kBlocksPerLook && !line.released(); ++i) {
        line.step();
        if (!may_run_ahead()) break;
      }
      ahead_seconds += line.seconds() - before;
      socket.wait(std::chrono::microseconds{0});
    } else if (options.idle_speed <= 0.0) {
      origin.reset();
      socket.wait(std::chrono::microseconds{20000});  // frozen: only the socket or the far end moves it
    } else {
      if (!origin) origin = std::make_pair(Clock::now(), line.seconds());
      const double due_s = (line.seconds() + block_s - origin->second) / options.idle_speed;
      const auto due = origin->first + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(due_s));
      const auto now = Clock::now();
      if (now >= due) {
        line.step();
      } else {
        socket.wait(std::chrono::duration_cast<std::chrono::microseconds>(due - now));
      }
    }
    publish(line);
    deliver();
    changed.notify_all();
  }
}

namespace {

class FarEnd final : public Transport {
 public:
  FarEnd(std::shared_ptr<SoftModemCall::Engine> engine, std::string description)
      : engine_(std::move(engine)), description_(std::move(description)) {}

  ~FarEnd() override {
    close();
    std::lock_guard lock(engine_->delivery);  // waits for a running handler
    engine_->detached = true;
    engine_->handlers = {};
  }

  void start(TransportHandlers handlers) override {
    {
      std::lock_guard lock(engine_->delivery);
      if (engine_->has_handlers) return;
      engine_->handlers = std::move(handlers);
      engine_->has_handlers = true;
    }
    engine_->socket.wake();
  }

  void send(std::string bytes) override {
    if (bytes.empty()) return;
    {
      std::lock_guard lock(engine_->mutex);
      if (engine_->far_close_requested || engine_->snapshot.ended) return;
      engine_->far_inbound += bytes;
    }
    engine_->socket.wake();
  }

  void close() override {
    {
      std::lock_guard lock(engine_->mutex);
      if (engine_->far_close_requested) return;
      engine_->far_close_requested = true;
    }
    engine_->socket.wake();
  }

  std::string description() const override { return description_; }

 private:
  std::shared_ptr<SoftModemCall::Engine> engine_;
  std::string description_;
};

}  // namespace

SoftModemCall::SoftModemCall(SoftModemCallOptions options) {
  const std::string name = options.description;
  engine_ = std::make_shared<Engine>(std::move(options));
  far_end_ = std::make_unique<FarEnd>(engine_, name);
}

SoftModemCall::~SoftModemCall() {
  far_end_.reset();
  hang_up();
  wait_ended(std::chrono::milliseconds(2000));
}

std::unique_ptr<Transport> SoftModemCall::far_end() { return std::move(far_end_); }

void SoftModemCall::hang_up() {
  {
    std::lock_guard lock(engine_->mutex);
    engine_->hang_up_requested = true;
  }
  engine_->socket.wake();
}

SoftModemCallStatus SoftModemCall::status() const {
  std::lock_guard lock(engine_->mutex);
  return engine_->snapshot;
}

bool SoftModemCall::wait_connected(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(engine_->mutex);
  engine_->changed.wait_for(lock, timeout, [&] { return engine_->snapshot.line.connected || engine_->snapshot.ended; });
  return engine_->snapshot.line.connected && !engine_->snapshot.ended;
}

bool SoftModemCall::wait_ended(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(engine_->mutex);
  return engine_->changed.wait_for(lock, timeout, [&] { return engine_->snapshot.ended; });
}

}  // namespace pavi::sim
