// Sequence scanner for the PCE Protocol commands (see pce_commands.hpp).
#include "modem/pce_commands.hpp"

#include <utility>

namespace pavi::modem::pce {

SequenceScanner::SequenceScanner(std::vector<std::vector<int>> patterns) : patterns_(std::move(patterns)) {}

bool SequenceScanner::is_prefix(const std::string& bytes) const {
  for (const auto& pattern : patterns_) {
    if (bytes.size() > pattern.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < bytes.size() && ok; ++i) {
      ok = pattern[i] < 0 || pattern[i] == static_cast<std::uint8_t>(bytes[i]);
    }
    if (ok) return true;
  }
  return false;
}

int SequenceScanner::full_match(const std::string& bytes) const {
  for (std::size_t p = 0; p < patterns_.size(); ++p) {
    const auto& pattern = patterns_[p];
    if (bytes.size() != pattern.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < bytes.size() && ok; ++i) {
      ok = pattern[i] < 0 || pattern[i] == static_cast<std::uint8_t>(bytes[i]);
    }
    if (ok) return static_cast<int>(p);
  }
  return -1;
}

int SequenceScanner::feed(std::uint8_t byte, std::string& released) {
  matched_.clear();
  held_ += static_cast<char>(byte);
  // Drop leading bytes until what is held can still become a sequence.
  while (!held_.empty() && !is_prefix(held_)) {
    released += held_.front();
    held_.erase(held_.begin());
  }
  const int match = full_match(held_);
  if (match >= 0) {
    matched_ = held_;
    held_.clear();
  }
  return match;
}

void SequenceScanner::flush(std::string& released) {
  released += held_;
  held_.clear();
}

}  // namespace pavi::modem::pce
