// TLS set-up for the simulators (OpenSSL 3 through Asio's ssl::context): client contexts that check certificates
// unless told not to, server contexts from PEM text, and one-line descriptions of handshake failures.
#pragma once

#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}
using SSL = struct ssl_st;  // OpenSSL's connection object, as Asio's native_handle() gives it

namespace pavi::sim {

struct TlsClientSettings {
  bool verify = true;         // check the chain and the host name
  bool system_trust = true;   // the system's CA store
  std::string ca_pem;         // extra trust anchors, PEM text
  std::string ca_file;        // extra trust anchors, PEM file
};

// Null and `error` set on failure (unreadable CA file, bad PEM).
std::shared_ptr<boost::asio::ssl::context> make_tls_client_context(const TlsClientSettings& settings, std::string& error);
// A server context for a certificate chain and its private key, both PEM text. TLS 1.2 and later.
std::shared_ptr<boost::asio::ssl::context> make_tls_server_context(const std::string& certificate_chain_pem,
                                                                   const std::string& private_key_pem, std::string& error);

// Per connection, before the client handshake: SNI (for host names) and the expected name or IP address.
bool prepare_tls_client(SSL* ssl, const std::string& host, bool verify, std::string& error);
// "certificate verify failed: self-signed certificate" when the peer's certificate was rejected, else `fallback`.
std::string describe_tls_failure(SSL* ssl, const std::string& fallback);

}  // namespace pavi::sim
