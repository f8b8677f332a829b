// Who may connect (gateway-behaviour.md §1): maxc over every connection, maxcip per client address (except the
// Asterisk server's when an <asterisk> section exists), and the IP black and white lists, read again at each
// connection as the original does. Decided right after accept, before a byte is read or written. Thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace pavi::gateway {

struct AdmissionRules {
  int maxc = 1;
  int maxcip = 0;             // 0: no limit per address
  std::string asterisk_ip;    // exempt from maxcip when not empty
  std::string blacklist_file; // one address per line; "" = none
};

enum class AdmissionVerdict { admitted, too_many, too_many_from_address, blacklisted };

std::string_view verdict_name(AdmissionVerdict verdict);

class Admission {
 public:
  explicit Admission(AdmissionRules rules);

  // On `admitted` the connection counts until release(address).
  AdmissionVerdict admit(const std::string& address);
  void release(const std::string& address);
  std::size_t live() const;

 private:
  bool blacklisted(const std::string& address) const;

  AdmissionRules rules_;
  mutable std::mutex mutex_;
  std::size_t live_ = 0;
  std::map<std::string, int> per_address_;
};

// True when `file` lists `address` on a line of its own (blanks around it ignored). A missing file lists nobody.
bool address_listed(const std::string& file, std::string_view address);

}  // namespace pavi::gateway
