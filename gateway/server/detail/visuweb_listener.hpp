// Private to gateway/server: the VisuWeb/WebMedia/metrics listener on `httpport` (visuweb-stats-recordings.md §1):
// plain HTTP, or HTTPS (TLS 1.3 only) when `ssl` is set. One request per connection, then close; the request
// head is bounded in size and time. The pages themselves come from gateway/visuweb.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/server/detail/server_shared.hpp"

namespace pavi::gateway::detail {

class VisuWebListener {
 public:
  // `tls` null: plain HTTP.
  VisuWebListener(boost::asio::io_context& io, ServerShared& shared, std::shared_ptr<boost::asio::ssl::context> tls);
  ~VisuWebListener();
  VisuWebListener(const VisuWebListener&) = delete;
  VisuWebListener& operator=(const VisuWebListener&) = delete;

  // Binds and listens ("" = every address, IPv6 and IPv4). "" on success, else "httpport <port>: <reason>".
  std::string open(const std::string& bind_address, std::uint16_t port);
  void start();   // begins accepting
  void close();   // stops accepting (connections under way finish on their own)
  std::uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The listener the config asks for (httpport > 0, or `port` when given; HTTPS when `ssl` is set), bound but not
// yet accepting; null when there is none or on a problem, which is added to `problems`.
std::unique_ptr<VisuWebListener> open_visuweb_listener(boost::asio::io_context& io, ServerShared& shared,
                                                       const std::string& bind_address,
                                                       std::optional<std::uint16_t> port,
                                                       std::vector<std::string>& problems);

// The TLS context of VisuWeb: the `ssl`/`sslkey` files, TLS 1.3 only as the original. Null + error on failure.
std::shared_ptr<boost::asio::ssl::context> load_visuweb_tls_context(const GatewayConfig& config, std::string& error);

}  // namespace pavi::gateway::detail
