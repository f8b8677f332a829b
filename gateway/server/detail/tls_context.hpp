// Private to gateway/server: the TLS server context of the wss listener, from the PEM files of `ssl` and
// `sslkey`. Loaded at startup and again on SIGHUP; connections keep the context they started with.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace pavi::gateway::detail {

// nullptr and a one-line `error` naming the file when a file is missing or does not load.
std::shared_ptr<boost::asio::ssl::context> load_tls_context(const std::string& certificate_file,
                                                            const std::string& key_file, std::string& error);

}  // namespace pavi::gateway::detail
