// Throwaway certificates made at run time with the OpenSSL API, for wss:// tests and local fake servers:
// a CA and a server certificate it signed. Nothing is written to disk.
#pragma once

#include <string>
#include <vector>

namespace pavi::sim {

struct TestCertificates {
  std::string ca_certificate_pem;      // trust this to accept the server
  std::string server_certificate_pem;  // the server's chain (its own certificate)
  std::string server_key_pem;
};

// `names` are the server's subject alternative names: host names, or IP addresses ("127.0.0.1", "::1").
// The first name is also the common name. EC P-256 keys, SHA-256, valid from one hour ago for `days`.
// Throws std::runtime_error if OpenSSL fails (it does not on a working installation).
TestCertificates make_test_certificates(const std::vector<std::string>& names = {"localhost", "127.0.0.1"}, int days = 2);

}  // namespace pavi::sim
