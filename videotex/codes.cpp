// Names of the Videotex colours.
#include "videotex/codes.hpp"

namespace pavi::videotex {

std::string_view colour_name(Colour colour) {
  static constexpr std::string_view kNames[] = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};
  return kNames[static_cast<int>(colour) & 7];
}

}  // namespace pavi::videotex
