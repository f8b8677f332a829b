// Model names and ENQROM identities.
#include "simulators/terminal/identity.hpp"

#include <cctype>

namespace pavi::sim {

videotex::pro::Identity identity_of(TerminalModel model) {
  switch (model) {
    case TerminalModel::minitel_1b: return videotex::pro::kMinitel1B;
    case TerminalModel::minitel_2: return videotex::pro::kMinitel2;
    case TerminalModel::emulator: return videotex::pro::kMinipaviEmulator;
  }
  return videotex::pro::kMinitel1B;
}

std::string_view model_name(TerminalModel model) {
  switch (model) {
    case TerminalModel::minitel_1b: return "minitel1b";
    case TerminalModel::minitel_2: return "minitel2";
    case TerminalModel::emulator: return "emulator";
  }
  return "?";
}

std::optional<TerminalModel> terminal_model_from_name(std::string_view name) {
  std::string key;
  for (const char c : name) {
    if (c == '-' || c == '_' || c == ' ') continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (key == "minitel1b" || key == "1b") return TerminalModel::minitel_1b;
  if (key == "minitel2" || key == "2") return TerminalModel::minitel_2;
  if (key == "emulator" || key == "emu") return TerminalModel::emulator;
  return std::nullopt;
}

std::string identity_text(const videotex::pro::Identity& identity) {
  return {static_cast<char>(identity[1]), static_cast<char>(identity[2]), static_cast<char>(identity[3])};
}

}  // namespace pavi::sim
