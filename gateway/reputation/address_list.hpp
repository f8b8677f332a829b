// The ipblacklist and ipwhitelist files (config.md): one address per line, blanks around it ignored, read again at
// each check as the original does, so an operator's edit applies to the next connection without a reload.
#pragma once

#include <string>
#include <string_view>

namespace pavi::gateway::reputation {

// True when `file` lists `address` on a line of its own. An empty name or a missing file lists nobody.
bool address_listed(const std::string& file, std::string_view address);

}  // namespace pavi::gateway::reputation
