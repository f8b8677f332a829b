// TLS 1.2 and later (the original accepts 1.3 only, which turns away some embedded clients).
#include "gateway/server/detail/tls_context.hpp"

namespace pavi::gateway::detail {

namespace ssl = boost::asio::ssl;

std::shared_ptr<ssl::context> load_tls_context(const std::string& certificate_file, const std::string& key_file,
                                               std::string& error) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::single_dh_use);
  boost::system::error_code code;
  context->use_certificate_chain_file(certificate_file, code);
  if (code) {
    error = "ssl " + certificate_file + ": " + code.message();
    return nullptr;
  }
  context->use_private_key_file(key_file, ssl::context::pem, code);
  if (code) {
    error = "sslkey " + key_file + ": " + code.message();
    return nullptr;
  }
  return context;
}

}  // namespace pavi::gateway::detail
