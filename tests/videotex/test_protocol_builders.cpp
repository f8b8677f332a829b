// PRO1/PRO2/PRO3 builders, the protocol code values and the ENQROM identities (videotex-terminal.md §7).
#include <gtest/gtest.h>

#include "tests/support/test_paths.hpp"
#include "videotex/codes.hpp"
#include "videotex/protocol.hpp"

namespace pavi::videotex {
namespace {

using test::bytes;

TEST(ProtocolBuilders, Pro1) {
  EXPECT_EQ(pro::pro1(pro::ENQROM), bytes("1B 39 7B"));
  EXPECT_EQ(pro::pro1(pro::STATUS_FONCTIONNEMENT), bytes("1B 39 72"));
  EXPECT_EQ(pro::pro1(pro::RESET), bytes("1B 39 7F"));
}

TEST(ProtocolBuilders, Pro2) {
  EXPECT_EQ(pro::pro2(pro::START, pro::MODE_PCE), bytes("1B 3A 69 44"));
  EXPECT_EQ(pro::pro2(pro::STOP, pro::MODE_ROLL), bytes("1B 3A 6A 43"));
  EXPECT_EQ(pro::pro2(pro::START, pro::MODE_LOWERCASE), bytes("1B 3A 69 45"));
  EXPECT_EQ(pro::pro2(pro::STATUS_CLAVIER, pro::RX_KEYBOARD), bytes("1B 3A 72 59"));
  EXPECT_EQ(pro::pro2(pro::TRANSPARENCE, 5), bytes("1B 3A 66 05"));
  EXPECT_EQ(pro::pro2(pro::TO, pro::RX_SCREEN), bytes("1B 3A 62 58"));
}

// What MiniPavi sends to a fresh modem connection (§7): no acknowledgement for keyboard, screen, modem, socket.
TEST(ProtocolBuilders, MinipaviGreetingSequences) {
  EXPECT_EQ(pro::pro2(pro::NO_ACK, pro::TX_KEYBOARD), bytes("1B 3A 64 51"));
  EXPECT_EQ(pro::pro2(pro::NO_ACK, pro::TX_SCREEN), bytes("1B 3A 64 50"));
  EXPECT_EQ(pro::pro2(pro::NO_ACK, pro::TX_MODEM), bytes("1B 3A 64 52"));
  EXPECT_EQ(pro::pro2(pro::NO_ACK, pro::TX_SOCKET), bytes("1B 3A 64 53"));
  EXPECT_EQ(pro::pro2(pro::ACK, pro::TX_MODEM), bytes("1B 3A 65 52"));
}

TEST(ProtocolBuilders, Pro3) {
  EXPECT_EQ(pro::pro3(pro::START, pro::RX_KEYBOARD, pro::KEYBOARD_EXTENDED), bytes("1B 3B 69 59 41"));
  EXPECT_EQ(pro::pro3(pro::STOP, pro::RX_KEYBOARD, pro::KEYBOARD_EXTENDED), bytes("1B 3B 6A 59 41"));
  EXPECT_EQ(pro::pro3(pro::START, pro::RX_KEYBOARD, pro::KEYBOARD_CURSOR_C0), bytes("1B 3B 69 59 43"));
  EXPECT_EQ(pro::pro3(pro::ON, pro::RX_SCREEN, pro::TX_KEYBOARD), bytes("1B 3B 61 58 51"));  // local echo
  EXPECT_EQ(pro::pro3(pro::OFF, pro::RX_SCREEN, pro::TX_SCREEN), bytes("1B 3B 60 58 50"));  // screen blocked
}

TEST(ProtocolCodes, AnswerCodes) {
  EXPECT_EQ(pro::REP_STATUS_FONCTIONNEMENT, 0x73);
  EXPECT_EQ(pro::REP_STATUS_TERMINAL, 0x71);
  EXPECT_EQ(pro::REP_STATUS_VITESSE, 0x75);
  EXPECT_EQ(pro::REP_STATUS_PROTOCOLE, 0x77);
  EXPECT_EQ(pro::REP_ROUTING, 0x63);
  EXPECT_EQ(pro::REP_KEYBOARD, 0x73);
  EXPECT_EQ(pro::STATUS_TERMINAL, 0x70);
  EXPECT_EQ(pro::STATUS_VITESSE, 0x74);
  EXPECT_EQ(pro::STATUS_PROTOCOLE, 0x76);
  EXPECT_EQ(pro::DECONNEXION, 0x67);
  EXPECT_EQ(pro::CONNEXION, 0x68);
  EXPECT_EQ(pro::PROG, 0x6B);
  EXPECT_EQ(pro::RX_MODEM, 0x5A);
  EXPECT_EQ(pro::RX_SOCKET, 0x5B);
}

TEST(ProtocolCodes, EscapeFinalsOfTheProtocol) {
  EXPECT_EQ(esc::PRO1, 0x39);
  EXPECT_EQ(esc::PRO2, 0x3A);
  EXPECT_EQ(esc::PRO3, 0x3B);
  EXPECT_EQ(esc::CURSOR_POSITION_REQUEST, 0x61);
  EXPECT_EQ(pro::pro1(pro::ENQROM).substr(0, 2), bytes("1B 39"));
}

TEST(Identity, ConstructedAnswer) {
  EXPECT_EQ(pro::make_identity('C', 'u', ';'), pro::kMinitel1B);
  const pro::Identity id = pro::make_identity('B', 'r', '0');  // Minitel 1 RTIC
  EXPECT_EQ(std::string(id.begin(), id.end()), bytes("01 42 72 30 04"));
}

TEST(Identity, KnownTerminals) {
  EXPECT_EQ(std::string(pro::kMinitel1B.begin(), pro::kMinitel1B.end()), bytes("01 43 75 3B 04"));
  EXPECT_EQ(std::string(pro::kMinitel2.begin(), pro::kMinitel2.end()), bytes("01 43 76 3B 04"));
  EXPECT_EQ(std::string(pro::kMinipaviEmulator.begin(), pro::kMinipaviEmulator.end()), bytes("01 45 6D 55 04"));
}

}  // namespace
}  // namespace pavi::videotex
