// The identities a simulated Minitel can answer to PRO1 ENQROM (videotex-terminal.md §7.1), by model name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "videotex/protocol.hpp"

namespace pavi::sim {

enum class TerminalModel : std::uint8_t {
  minitel_1b,  // Télic-Alcatel Minitel 1B VGP5: 01 "Cu;" 04
  minitel_2,   // Minitel 2: 01 "Cv;" 04
  emulator,    // MiniPavi's web emulator: 01 "EmU" 04 (the gateway turns its screensaver off for it)
};

videotex::pro::Identity identity_of(TerminalModel model);
std::string_view model_name(TerminalModel model);  // "minitel1b", "minitel2", "emulator"
// Accepts "minitel1b", "1b", "minitel2", "2", "emulator", "emu" (case-insensitive, '-' and '_' ignored).
std::optional<TerminalModel> terminal_model_from_name(std::string_view name);
// The three middle bytes, as the gateway reports them in `versionminitel` ("Cu;").
std::string identity_text(const videotex::pro::Identity& identity);

}  // namespace pavi::sim
