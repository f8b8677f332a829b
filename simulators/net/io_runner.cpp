// IoRunner: one io_context, one thread, kept alive by a work guard until stop().
#include "simulators/net/io_runner.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <exception>
#include <future>
#include <optional>
#include <thread>

namespace pavi::sim {

struct IoRunner::Impl {
  boost::asio::io_context context{1};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard{
      boost::asio::make_work_guard(context)};
  std::thread thread;
  std::thread::id thread_id;
};

IoRunner::IoRunner() : impl_(std::make_unique<Impl>()) {
  std::promise<void> started;
  auto ready = started.get_future();
  impl_->thread = std::thread([this, &started] {
    impl_->thread_id = std::this_thread::get_id();
    started.set_value();
    impl_->context.run();
  });
  ready.wait();
}

IoRunner::~IoRunner() { stop(); }

void IoRunner::stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  impl_->guard.reset();
  impl_->context.stop();
  if (impl_->thread.get_id() == std::this_thread::get_id()) {
    impl_->thread.detach();
  } else {
    impl_->thread.join();
  }
}

boost::asio::io_context& IoRunner::context() { return impl_->context; }

bool IoRunner::on_runner_thread() const { return std::this_thread::get_id() == impl_->thread_id; }

void IoRunner::post(std::function<void()> work) { boost::asio::post(impl_->context, std::move(work)); }

void IoRunner::run_sync(const std::function<void()>& work) {
  if (on_runner_thread()) {
    work();
    return;
  }
  std::promise<void> done;
  auto finished = done.get_future();
  boost::asio::post(impl_->context, [&] {
    try {
      work();
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  });
  finished.get();
}

}  // namespace pavi::sim
