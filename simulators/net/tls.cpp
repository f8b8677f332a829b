// TLS contexts and checks. Name checks use OpenSSL's own X509_VERIFY_PARAM (host or IP), so the chain check and
// the name check fail the handshake together and SSL_get_verify_result explains both.
#include "simulators/net/tls.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>

namespace pavi::sim {
namespace {

std::string openssl_error(const std::string& what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return what;
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return what + ": " + text;
}

}  // namespace

std::shared_ptr<boost::asio::ssl::context> make_tls_client_context(const TlsClientSettings& settings, std::string& error) {
  try {
    auto context = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    if (!settings.verify) {
      context->set_verify_mode(boost::asio::ssl::verify_none);
      return context;
    }
    context->set_verify_mode(boost::asio::ssl::verify_peer);
    if (settings.system_trust) context->set_default_verify_paths();
    if (!settings.ca_file.empty()) context->load_verify_file(settings.ca_file);
    if (!settings.ca_pem.empty()) context->add_certificate_authority(boost::asio::buffer(settings.ca_pem));
    return context;
  } catch (const boost::system::system_error& e) {
    error = std::string("TLS client set-up failed: ") + e.what();
    ERR_clear_error();
    return nullptr;
  }
}

std::shared_ptr<boost::asio::ssl::context> make_tls_server_context(const std::string& certificate_chain_pem,
                                                                   const std::string& private_key_pem, std::string& error) {
  try {
    auto context = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    context->use_certificate_chain(boost::asio::buffer(certificate_chain_pem));
    context->use_private_key(boost::asio::buffer(private_key_pem), boost::asio::ssl::context::pem);
    return context;
  } catch (const boost::system::system_error& e) {
    error = std::string("TLS server set-up failed: ") + e.what();
    ERR_clear_error();
    return nullptr;
  }
}

bool prepare_tls_client(SSL* ssl, const std::string& host, bool verify, std::string& error) {
  boost::system::error_code not_ip;
  boost::asio::ip::make_address(host, not_ip);
  const bool is_ip = !not_ip;
  if (!is_ip && SSL_set_tlsext_host_name(ssl, host.c_str()) != 1) {
    error = openssl_error("cannot set the TLS server name");
    return false;
  }
  if (!verify) return true;
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  const int ok = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                       : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
  if (ok != 1) {
    error = openssl_error("cannot set the expected TLS peer name");
    return false;
  }
  return true;
}

std::string describe_tls_failure(SSL* ssl, const std::string& fallback) {
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return fallback;
  return std::string("certificate verify failed: ") + X509_verify_cert_error_string(result);
}

}  // namespace pavi::sim
