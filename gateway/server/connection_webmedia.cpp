// A WebMedia poll reaches the session on its strand; the reply always runs, even when the session has ended
// meanwhile, so that the VisuWeb connection waiting for it is never left hanging.
#include "gateway/server/detail/connection.hpp"

#include <boost/asio/post.hpp>
#include <chrono>

namespace pavi::gateway::detail {

void Connection::webmedia_poll(std::string last_event, WebMediaReply reply) {
  boost::asio::post(strand_, [weak = weak_from_this(), last_event = std::move(last_event), reply = std::move(reply)] {
    auto self = weak.lock();
    if (!self || !self->host_ || self->host_->closed()) {
      reply(std::nullopt);
      return;
    }
    reply(self->host_->on_webmedia_poll(last_event, std::chrono::steady_clock::now()));
  });
}

}  // namespace pavi::gateway::detail
