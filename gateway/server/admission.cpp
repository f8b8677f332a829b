// Admission checks, in the original's order: maxc, maxcip, reputation (black list). The AbuseIPDB lookup of
// the original is not made: it blocks every accept for seconds (see docs/COMPATIBILITY.md).
#include "gateway/server/admission.hpp"

#include <algorithm>
#include <fstream>

namespace pavi::gateway {

std::string_view verdict_name(AdmissionVerdict verdict) {
  switch (verdict) {
    case AdmissionVerdict::admitted: return "admitted";
    case AdmissionVerdict::too_many: return "maxc reached";
    case AdmissionVerdict::too_many_from_address: return "maxcip reached";
    case AdmissionVerdict::blacklisted: return "blacklisted";
  }
  return "";
}

bool address_listed(const std::string& file, std::string_view address) {
  if (file.empty()) return false;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const auto last = line.find_last_not_of(" \t\r");
    if (std::string_view(line).substr(first, last - first + 1) == address) return true;
  }
  return false;
}

Admission::Admission(AdmissionRules rules) : rules_(std::move(rules)) {}

bool Admission::blacklisted(const std::string& address) const {
  return address_listed(rules_.blacklist_file, address);
}

AdmissionVerdict Admission::admit(const std::string& address) {
  {
    std::lock_guard lock(mutex_);
    if (live_ >= static_cast<std::size_t>(std::max(rules_.maxc, 0))) return AdmissionVerdict::too_many;
    const bool exempt = !rules_.asterisk_ip.empty() && address == rules_.asterisk_ip;
    if (rules_.maxcip > 0 && !exempt) {
      const auto it = per_address_.find(address);
      if (it != per_address_.end() && it->second >= rules_.maxcip) return AdmissionVerdict::too_many_from_address;
    }
  }
  // The file is read outside the lock: a slow disk must not hold up other accepts.
  if (blacklisted(address)) return AdmissionVerdict::blacklisted;
  std::lock_guard lock(mutex_);
  if (live_ >= static_cast<std::size_t>(std::max(rules_.maxc, 0))) return AdmissionVerdict::too_many;
  ++live_;
  ++per_address_[address];
  return AdmissionVerdict::admitted;
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

}  // namespace pavi::gateway
