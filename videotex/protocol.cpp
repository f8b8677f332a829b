// Builders for PRO1/PRO2/PRO3 sequences and terminal identities.
#include "videotex/protocol.hpp"

#include "videotex/codes.hpp"

namespace pavi::videotex::pro {

std::string pro1(std::uint8_t command) {
  return {static_cast<char>(c0::ESC), static_cast<char>(esc::PRO1), static_cast<char>(command)};
}

std::string pro2(std::uint8_t command, std::uint8_t argument) {
  return {static_cast<char>(c0::ESC), static_cast<char>(esc::PRO2), static_cast<char>(command),
          static_cast<char>(argument)};
}

std::string pro3(std::uint8_t command, std::uint8_t a, std::uint8_t b) {
  return {static_cast<char>(c0::ESC), static_cast<char>(esc::PRO3), static_cast<char>(command), static_cast<char>(a),
          static_cast<char>(b)};
}

Identity make_identity(char maker, char type, char version) {
  return {0x01, static_cast<std::uint8_t>(maker), static_cast<std::uint8_t>(type), static_cast<std::uint8_t>(version),
          0x04};
}

}  // namespace pavi::videotex::pro
