// Who may connect (gateway-behaviour.md §1): maxc over every connection, maxcip per client address (except the
// Asterisk server's when an <asterisk> section exists), then the IP reputation: the black and white lists, read
// again at each connection as the original does, and the AbuseIPDB score when lookups are turned on
// (gateway/reputation). Decided right after accept, before a byte is read or written. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "gateway/reputation/reputation_checker.hpp"

namespace pavi::gateway {

struct AdmissionRules {
  int maxc = 1;
  int maxcip = 0;             // 0: no limit per address
  std::string asterisk_ip;    // exempt from maxcip when not empty
  std::string blacklist_file; // one address per line; "" = none
};

// blacklisted: the ipblacklist file names the address; bad_reputation: its AbuseIPDB score is above 30.
enum class AdmissionVerdict { admitted, too_many, too_many_from_address, blacklisted, bad_reputation };

std::string_view verdict_name(AdmissionVerdict verdict);

class Admission {
 public:
  using Done = std::function<void(AdmissionVerdict, const reputation::ReputationDecision&)>;
  using ScreenDone = std::function<void(bool allowed, const reputation::ReputationDecision&)>;

  explicit Admission(AdmissionRules rules);
  ~Admission();

  // Turns on AbuseIPDB lookups (when the config has an ipdbkey); addresses in `whitelist_file` skip them.
  // Before the first admission only.
  void use_lookups(reputation::Lookup lookup, reputation::Scheduler scheduler, std::string whitelist_file,
                   std::chrono::milliseconds wait_limit = std::chrono::milliseconds(2000));

  // The whole check for a user connection. maxc and maxcip are decided at once; an admitted connection then holds
  // its place while its reputation is checked (so a flood waiting for lookups still counts against maxc), and
  // gives it back if refused. `done` runs once, at once or on a lookup/timer thread, at most the wait limit later.
  // On `admitted` the connection counts until release(address).
  void admit_async(const std::string& address, Done done);
  // The same without a lookup (lists only): for callers that cannot wait.
  AdmissionVerdict admit(const std::string& address);
  void release(const std::string& address);
  std::size_t live() const;

  // The reputation check alone, with the threshold of `audience`, for listeners that maxc does not count
  // (VisuWeb: closed above 50). `done` runs as for admit_async.
  void screen(const std::string& address, reputation::Audience audience, ScreenDone done);

  const reputation::ReputationChecker& reputation() const { return *checker_; }

 private:
  // Reserves a place for `address`, or says why there is none.
  AdmissionVerdict reserve(const std::string& address);
  // maxc and maxcip (the Asterisk address exempt from maxcip); mutex_ held.
  AdmissionVerdict limits_verdict(const std::string& address) const;

  AdmissionRules rules_;
  mutable std::mutex mutex_;
  std::size_t live_ = 0;
  std::map<std::string, int> per_address_;
  // Last: destroyed first, so no lookup answer reaches the members above once they are going.
  std::unique_ptr<reputation::ReputationChecker> checker_;
};

// True when `file` lists `address` on a line of its own (blanks around it ignored). A missing file lists nobody.
bool address_listed(const std::string& file, std::string_view address);

}  // namespace pavi::gateway
