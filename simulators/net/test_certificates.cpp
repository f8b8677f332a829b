// Test PKI with OpenSSL 3: EVP_EC_gen keys, X509v3 extensions set through X509V3_EXT_conf_nid.
#include "simulators/net/test_certificates.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <memory>
#include <stdexcept>

namespace pavi::sim {
namespace {

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertDeleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

[[noreturn]] void fail(const std::string& what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  char text[256] = "no OpenSSL error";
  if (code != 0) ERR_error_string_n(code, text, sizeof text);
  throw std::runtime_error("test certificates: " + what + ": " + text);
}

void check(int ok, const std::string& what) {
  if (ok != 1) fail(what);
}

Key new_key() {
  Key key(EVP_EC_gen("P-256"));
  if (!key) fail("key generation");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (extension == nullptr) fail("extension " + value);
  const int ok = X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
  check(ok, "adding extension " + value);
}

Cert new_certificate(EVP_PKEY* key, const std::string& common_name, int days) {
  Cert cert(X509_new());
  if (!cert) fail("X509_new");
  check(X509_set_version(cert.get(), 2), "version");
  unsigned char serial[16];
  check(RAND_bytes(serial, sizeof serial), "serial");
  serial[0] &= 0x7F;  // positive
  BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
  if (number == nullptr || BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get())) == nullptr) {
    BN_free(number);
    fail("serial");
  }
  BN_free(number);
  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) == nullptr) fail("notBefore");
  if (X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L * days) == nullptr) fail("notAfter");
  check(X509_set_pubkey(cert.get(), key), "public key");
  X509_NAME* name = X509_get_subject_name(cert.get());
  check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("PaviKit tests"), -1, -1, 0),
        "subject");
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                   -1, 0),
        "subject");
  return cert;
}

std::string to_pem(X509* cert) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_X509(bio.get(), cert), "PEM certificate");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string to_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr), "PEM key");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

bool is_ip_address(const std::string& name) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(name, ec);
  return !ec;
}

}  // namespace

TestCertificates make_test_certificates(const std::vector<std::string>& names, int days) {
  if (names.empty()) throw std::runtime_error("test certificates: at least one name is needed");

  const Key ca_key = new_key();
  const Cert ca = new_certificate(ca_key.get(), "PaviKit test CA", days);
  check(X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())), "CA issuer");
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  if (X509_sign(ca.get(), ca_key.get(), EVP_sha256()) == 0) fail("signing the CA");

  const Key server_key = new_key();
  const Cert server = new_certificate(server_key.get(), names.front(), days);
  check(X509_set_issuer_name(server.get(), X509_get_subject_name(ca.get())), "server issuer");
  std::string alt_names;
  for (const auto& name : names) {
    if (!alt_names.empty()) alt_names += ",";
    alt_names += (is_ip_address(name) ? "IP:" : "DNS:") + name;
  }
  add_extension(server.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(server.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(server.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_extension(server.get(), ca.get(), NID_subject_alt_name, alt_names);
  add_extension(server.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
  if (X509_sign(server.get(), ca_key.get(), EVP_sha256()) == 0) fail("signing the server certificate");

  return {to_pem(ca.get()), to_pem(server.get()), to_pem(server_key.get())};
}

}  // namespace pavi::sim
