// duplicateStream (gateway-behaviour.md §11): the viewer's bridge link is a viewer of the watched session.
// Copies arrive on the watched session's strand and are handed to the viewer's; the viewer's keys go nowhere.
#include <boost/asio/post.hpp>

#include "gateway/server/detail/bridge_link.hpp"

namespace pavi::gateway::detail {

namespace {

namespace asio = boost::asio;

class MirrorBridge final : public BridgeLink, public StreamViewer, public std::enable_shared_from_this<MirrorBridge> {
 public:
  MirrorBridge(asio::any_io_executor strand, BridgeEvents events)
      : strand_(std::move(strand)), events_(std::move(events)) {}

  // StreamViewer: on the watched session's strand.
  void mirrored(std::string bytes) override {
    asio::post(strand_, [self = shared_from_this(), bytes = std::move(bytes)]() mutable {
      if (!self->closed_) self->events_.data(std::move(bytes));
    });
  }
  void watched_ended() override {
    asio::post(strand_, [self = shared_from_this()] {
      if (self->closed_) return;
      self->closed_ = true;
      self->events_.closed();
    });
  }

  // Reported after the host has stored its link, as a connecting bridge would. A session that is not there
  // now fails at once rather than after the original's 5 s wait.
  void open(std::shared_ptr<LiveSession> watched) {
    if (watched) watched->add_viewer(weak_from_this());
    asio::post(strand_, [self = shared_from_this(), found = watched != nullptr] {
      if (!self->closed_) self->events_.opened(found);
    });
  }

  // BridgeLink: on the viewer's strand. The viewer's keystrokes are not forwarded (§11).
  void send(std::string) override {}
  void close() override { closed_ = true; }

 private:
  const asio::any_io_executor strand_;
  BridgeEvents events_;
  bool closed_ = false;  // on the viewer's strand only
};

}  // namespace

std::shared_ptr<BridgeLink> open_mirror_bridge(asio::any_io_executor strand, std::shared_ptr<LiveSession> watched,
                                               BridgeEvents events) {
  auto link = std::make_shared<MirrorBridge>(strand, std::move(events));
  link->open(std::move(watched));
  return link;
}

}  // namespace pavi::gateway::detail
