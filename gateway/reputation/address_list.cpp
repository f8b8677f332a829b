// Reading a black or white list file line by line (see address_list.hpp).
#include "gateway/reputation/address_list.hpp"

#include <fstream>

namespace pavi::gateway::reputation {

bool address_listed(const std::string& file, std::string_view address) {
  if (file.empty() || address.empty()) return false;
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

}  // namespace pavi::gateway::reputation
