// Admission checks, in the original's order: maxc, maxcip, reputation (black list, white list, AbuseIPDB). The
// original's AbuseIPDB lookup is synchronous and holds up every accept for seconds; here it is asynchronous and a
// connection waits for it at most the wait limit (see docs/COMPATIBILITY.md).
#include "gateway/server/admission.hpp"

#include <algorithm>

#include "gateway/reputation/address_list.hpp"

namespace pavi::gateway {

namespace {

reputation::CheckerSettings checker_settings(const AdmissionRules& rules) {
  reputation::CheckerSettings settings;
  settings.blacklist_file = rules.blacklist_file;
  return settings;
}

}  // namespace

std::string_view verdict_name(AdmissionVerdict verdict) {
  switch (verdict) {
    case AdmissionVerdict::admitted: return "admitted";
    case AdmissionVerdict::too_many: return "maxc reached";
    case AdmissionVerdict::too_many_from_address: return "maxcip reached";
    case AdmissionVerdict::blacklisted: return "blacklisted";
    case AdmissionVerdict::bad_reputation: return "bad reputation";
  }
  return "";
}

bool address_listed(const std::string& file, std::string_view address) {
  return reputation::address_listed(file, address);
}

Admission::Admission(AdmissionRules rules)
    : rules_(std::move(rules)), checker_(std::make_unique<reputation::ReputationChecker>(checker_settings(rules_))) {}

Admission::~Admission() { checker_.reset(); }

void Admission::use_lookups(reputation::Lookup lookup, reputation::Scheduler scheduler, std::string whitelist_file,
                            std::chrono::milliseconds wait_limit) {
  auto settings = checker_settings(rules_);
  settings.whitelist_file = std::move(whitelist_file);
  settings.wait_limit = wait_limit;
  checker_ = std::make_unique<reputation::ReputationChecker>(settings, std::move(lookup), std::move(scheduler));
}

AdmissionVerdict Admission::limits_verdict(const std::string& address) const {
  if (live_ >= static_cast<std::size_t>(std::max(rules_.maxc, 0))) return AdmissionVerdict::too_many;
  const bool exempt = !rules_.asterisk_ip.empty() && address == rules_.asterisk_ip;
  if (rules_.maxcip > 0 && !exempt) {
    const auto it = per_address_.find(address);
    if (it != per_address_.end() && it->second >= rules_.maxcip) return AdmissionVerdict::too_many_from_address;
  }
  return AdmissionVerdict::admitted;
}

AdmissionVerdict Admission::reserve(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (const auto verdict = limits_verdict(address); verdict != AdmissionVerdict::admitted) return verdict;
  ++live_;
  ++per_address_[address];
  return AdmissionVerdict::admitted;
}

void Admission::admit_async(const std::string& address, Done done) {
  if (const auto verdict = reserve(address); verdict != AdmissionVerdict::admitted) {
    return done(verdict, reputation::ReputationDecision{});
  }
  checker_->check(address, [this, address, done = std::move(done)](const reputation::ReputationDecision& decision) {
    if (!reputation::refused(decision.score, reputation::Audience::user)) return done(AdmissionVerdict::admitted, decision);
    release(address);
    done(decision.source == reputation::ScoreSource::blacklist ? AdmissionVerdict::blacklisted
                                                              : AdmissionVerdict::bad_reputation,
         decision);
  });
}

AdmissionVerdict Admission::admit(const std::string& address) {
  {
    std::lock_guard lock(mutex_);
    if (const auto verdict = limits_verdict(address); verdict != AdmissionVerdict::admitted) return verdict;
  }
  // The file is read outside the lock: a slow disk must not hold up other accepts.
  if (reputation::address_listed(rules_.blacklist_file, address)) return AdmissionVerdict::blacklisted;
  return reserve(address);
}

void Admission::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (live_ > 0) --live_;
  const auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
}

std::size_t Admission::live() const {
  std::lock_guard lock(mutex_);
  return live_;
}

void Admission::screen(const std::string& address, reputation::Audience audience, ScreenDone done) {
  checker_->check(address, [audience, done = std::move(done)](const reputation::ReputationDecision& decision) {
    done(!reputation::refused(decision.score, audience), decision);
  });
}

}  // namespace pavi::gateway
