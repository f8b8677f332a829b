// The in-memory link: a mailbox per direction and a delivery thread per end, so that handlers never run inside the
// sender's call (the Transport contract) and each end behaves like a socket seen from its own thread.
#include "simulators/net/memory_transport.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace pavi::sim {
namespace {

// One direction of the link.
struct Mailbox {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> chunks;
  bool writer_closed = false;  // the sending end closed: EOF after the queued chunks
  bool reader_closed = false;  // the receiving end closed locally
  bool stopping = false;       // the receiving end is being destroyed: no more handlers
  bool started = false;
};

class MemoryTransport final : public Transport {
 public:
  MemoryTransport(std::shared_ptr<Mailbox> inbox, std::shared_ptr<Mailbox> outbox, std::string description)
      : inbox_(std::move(inbox)), outbox_(std::move(outbox)), description_(std::move(description)) {}

  ~MemoryTransport() override {
    close_outbox();
    {
      std::lock_guard lock(inbox_->mutex);
      inbox_->stopping = true;
    }
    inbox_->changed.notify_all();
    if (delivery_.joinable()) {
      if (delivery_.get_id() == std::this_thread::get_id()) {
        delivery_.detach();  // contract breach (destroyed from its own handler): do not deadlock
      } else {
        delivery_.join();
      }
    }
  }

  void start(TransportHandlers handlers) override {
    {
      std::lock_guard lock(inbox_->mutex);
      if (inbox_->started) return;
      inbox_->started = true;
    }
    delivery_ = std::thread([this, handlers = std::move(handlers)] { deliver(handlers); });
  }

  void send(std::string bytes) override {
    if (bytes.empty()) return;
    {
      std::lock_guard lock(outbox_->mutex);
      if (outbox_->writer_closed || outbox_->reader_closed) return;
      outbox_->chunks.push_back(std::move(bytes));
    }
    outbox_->changed.notify_all();
  }

  void close() override {
    close_outbox();
    {
      std::lock_guard lock(inbox_->mutex);
      inbox_->reader_closed = true;
    }
    inbox_->changed.notify_all();
  }

  std::string description() const override { return description_; }

 private:
  void close_outbox() {
    {
      std::lock_guard lock(outbox_->mutex);
      outbox_->writer_closed = true;
    }
    outbox_->changed.notify_all();
  }

  void deliver(const TransportHandlers& handlers) {
    std::unique_lock lock(inbox_->mutex);
    while (true) {
      inbox_->changed.wait(lock, [&] {
        return inbox_->stopping || inbox_->reader_closed || inbox_->writer_closed || !inbox_->chunks.empty();
      });
      if (inbox_->stopping) return;
      if (inbox_->reader_closed) {
        lock.unlock();
        if (handlers.on_closed) handlers.on_closed({false, false, "closed locally"});
        return;
      }
      if (!inbox_->chunks.empty()) {
        std::string chunk = std::move(inbox_->chunks.front());
        inbox_->chunks.pop_front();
        lock.unlock();
        if (handlers.on_data) handlers.on_data(chunk);
        lock.lock();
        continue;
      }
      // writer closed and everything delivered
      inbox_->reader_closed = true;
      lock.unlock();
      close_outbox();
      if (handlers.on_closed) handlers.on_closed({true, false, "closed by peer"});
      return;
    }
  }

  std::shared_ptr<Mailbox> inbox_;
  std::shared_ptr<Mailbox> outbox_;
  std::string description_;
  std::thread delivery_;
};

}  // namespace

MemoryLink make_memory_link(const std::string& description) {
  auto a_to_b = std::make_shared<Mailbox>();
  auto b_to_a = std::make_shared<Mailbox>();
  return {std::make_unique<MemoryTransport>(b_to_a, a_to_b, description),
          std::make_unique<MemoryTransport>(a_to_b, b_to_a, description)};
}

}  // namespace pavi::sim
