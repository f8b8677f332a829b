// Decoder, protocol (videotex-terminal.md §2.2-2.6, §6, §7): the bytes a Minitel sends back (ENQROM, statuses,
// PRO2 START/STOP acknowledgements, PRO3 routing and keyboard answers, cursor position, RESET), the mode flags,
// PRO sequences taken out with priority, fixed-length unknown PRO commands, NUL inside sequences, transparency.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "tests/support/test_paths.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace {

using namespace pavi::videotex;
using pavi::test::bytes;

Decoder decoded(std::string_view spec, DecoderOptions options = {}) {
  Decoder decoder(std::move(options));
  decoder.feed(bytes(spec));
  return decoder;
}

std::string text(const Screen& screen, int row) {
  std::string line = row_text(screen, row);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// Feeds `spec` and returns what the terminal answers to it.
std::string answer(Decoder& decoder, std::string_view spec) {
  decoder.feed(bytes(spec));
  return decoder.take_replies();
}

std::string answer(std::string_view spec) {
  Decoder decoder;
  return answer(decoder, spec);
}

std::string identity_bytes(const pro::Identity& identity) { return {identity.begin(), identity.end()}; }

// The last byte of an answer (a status byte), or -1.
int status_byte(const std::string& reply) { return reply.empty() ? -1 : static_cast<unsigned char>(reply.back()); }

// §7, §7.1: ENQROM is answered with 01 maker type version 04; the default identity is a Minitel 1B "Cu;".
TEST(DecoderProtocol, EnqromDefaultIdentity) {
  Decoder decoder;
  EXPECT_EQ(answer(decoder, "1B 39 7B"), bytes("01 43 75 3B 04"));
  EXPECT_EQ(decoder.take_replies(), "");  // taken once
  EXPECT_EQ(text(decoder.screen(), 1), "");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 1}));
}

// §7.1: the identity is configurable.
TEST(DecoderProtocol, EnqromConfiguredIdentity) {
  DecoderOptions minitel2;
  minitel2.identity = pro::kMinitel2;
  Decoder decoder(minitel2);
  EXPECT_EQ(answer(decoder, "1B 39 7B"), bytes("01 43 76 3B 04"));

  DecoderOptions rtic;
  rtic.identity = pro::make_identity('B', 'r', '0');
  Decoder rtic_decoder(rtic);
  EXPECT_EQ(answer(rtic_decoder, "1B 39 7B"), bytes("01 42 72 30 04"));

  DecoderOptions emulator;
  emulator.identity = pro::kMinipaviEmulator;
  Decoder emulator_decoder(emulator);
  EXPECT_EQ(answer(emulator_decoder, "1B 39 7B"), bytes("01 45 6D 55 04"));
  EXPECT_EQ(identity_bytes(pro::kMinipaviEmulator), bytes(R"(01 "EmU" 04)"));
}

// The answers accumulate in order until taken.
TEST(DecoderProtocol, RepliesAccumulateInOrder) {
  EXPECT_EQ(answer("1B 39 7B 1B 39 72 1B 61"), bytes("01 43 75 3B 04 1B 3A 73 40 1F 41 41"));
}

// §7: PRO1 STATUS FONCTIONNEMENT; default 40.
TEST(DecoderProtocol, StatusFonctionnementDefault) { EXPECT_EQ(answer("1B 39 72"), bytes("1B 3A 73 40")); }

// §7: PRO2 START/STOP 43 (roll): acknowledged with status fonctionnement, bit 1 RL.
TEST(DecoderProtocol, StartStopRoll) {
  Decoder decoder;
  EXPECT_EQ(answer(decoder, "1B 3A 69 43"), bytes("1B 3A 73 42"));
  EXPECT_TRUE(decoder.screen().roll_mode);
  EXPECT_EQ(answer(decoder, "1B 39 72"), bytes("1B 3A 73 42"));
  EXPECT_EQ(answer(decoder, "1B 3A 6A 43"), bytes("1B 3A 73 40"));
  EXPECT_FALSE(decoder.screen().roll_mode);
}

// §7: PRO2 START/STOP 44 (PCE): 1B 3A 69 44 must be answered 1B 3A 73 44.
TEST(DecoderProtocol, StartStopPce) {
  Decoder decoder;
  EXPECT_EQ(answer(decoder, "1B 3A 69 44"), bytes("1B 3A 73 44"));
  EXPECT_TRUE(decoder.modes().pce);
  EXPECT_EQ(answer(decoder, "1B 3A 6A 44"), bytes("1B 3A 73 40"));
  EXPECT_FALSE(decoder.modes().pce);
}

// §7, §9: PRO2 START/STOP 45 (lower-case keyboard): bit 3 ME.
TEST(DecoderProtocol, StartStopLowercase) {
  Decoder decoder;
  EXPECT_EQ(answer(decoder, "1B 3A 69 45"), bytes("1B 3A 73 48"));
  EXPECT_TRUE(decoder.modes().lowercase);
  EXPECT_EQ(answer(decoder, "1B 3A 6A 45"), bytes("1B 3A 73 40"));
  EXPECT_FALSE(decoder.modes().lowercase);
}

// §7: the status byte carries every mode at once.
TEST(DecoderProtocol, StatusCombinesModes) {
  Decoder decoder;
  answer(decoder, "1B 3A 69 43");
  EXPECT_EQ(answer(decoder, "1B 3A 69 45"), bytes("1B 3A 73 4A"));
  EXPECT_EQ(answer(decoder, "1B 3A 69 44"), bytes("1B 3A 73 4E"));
}

// §7: after PRO2 64 52 (modem: no acknowledgement) the answers to 43/45 are suppressed, never the one to 44;
// 65 52 restores them. MiniPavi sends 1B 3A 64 52 on modem links.
TEST(DecoderProtocol, ModemNoAcknowledgement) {
  Decoder decoder;
  answer(decoder, "1B 3A 64 52");
  EXPECT_FALSE(decoder.modes().modem_acknowledges);
  EXPECT_EQ(answer(decoder, "1B 3A 69 43"), "");
  EXPECT_TRUE(decoder.screen().roll_mode);
  EXPECT_EQ(answer(decoder, "1B 3A 69 45"), "");
  EXPECT_TRUE(decoder.modes().lowercase);
  EXPECT_EQ(answer(decoder, "1B 3A 69 44"), bytes("1B 3A 73 4E"));
  answer(decoder, "1B 3A 65 52");
  EXPECT_TRUE(decoder.modes().modem_acknowledges);
  EXPECT_EQ(answer(decoder, "1B 3A 6A 45"), bytes("1B 3A 73 46"));
}

// §7: STATUS PROTOCOLE, b2 A1 = modem no-acknowledgement.
TEST(DecoderProtocol, StatusProtocole) {
  Decoder decoder;
  const std::string before = answer(decoder, "1B 39 76");
  ASSERT_EQ(before.size(), 4U);
  EXPECT_EQ(before.substr(0, 3), bytes("1B 3A 77"));
  EXPECT_EQ(status_byte(before) & 0x40, 0x40);
  EXPECT_EQ(status_byte(before) & 0x04, 0);
  answer(decoder, "1B 3A 64 52");
  EXPECT_EQ(status_byte(answer(decoder, "1B 39 76")) & 0x04, 0x04);
}

// §7: STATUS TERMINAL, b3 DP = connected; PRO1 DECONNEXION / CONNEXION.
TEST(DecoderProtocol, StatusTerminalAndConnection) {
  Decoder decoder;
  const std::string connected = answer(decoder, "1B 39 70");
  ASSERT_EQ(connected.size(), 4U);
  EXPECT_EQ(connected.substr(0, 3), bytes("1B 3A 71"));
  EXPECT_EQ(status_byte(connected) & 0x48, 0x48);
  answer(decoder, "1B 39 67");
  EXPECT_FALSE(decoder.modes().connected);
  EXPECT_EQ(status_byte(answer(decoder, "1B 39 70")) & 0x08, 0);
  answer(decoder, "1B 39 68");
  EXPECT_TRUE(decoder.modes().connected);
}

// §7: STATUS VITESSE; 1200/1200 = 64 (the socket's power-on speed).
TEST(DecoderProtocol, StatusVitesse) { EXPECT_EQ(answer("1B 39 74"), bytes("1B 3A 75 64")); }

// §7: PRO2 PROG is answered with a speed status.
TEST(DecoderProtocol, ProgSpeedAnswered) {
  const std::string reply = answer("1B 3A 6B 52");
  ASSERT_EQ(reply.size(), 4U);
  EXPECT_EQ(reply.substr(0, 3), bytes("1B 3A 75"));
}

// §7: PRO2 STATUS CLAVIER; by default neither extended nor C0 cursor keys.
TEST(DecoderProtocol, StatusClavier) { EXPECT_EQ(answer("1B 3A 72 59"), bytes("1B 3B 73 59 40")); }

// §7, §9: PRO3 keyboard options (b0 extended, b2 C0 cursor keys) with their answers.
TEST(DecoderProtocol, KeyboardOptions) {
  Decoder decoder;
  EXPECT_EQ(answer(decoder, "1B 3B 69 59 41"), bytes("1B 3B 73 59 41"));
  EXPECT_TRUE(decoder.modes().extended_keyboard);
  EXPECT_EQ(answer(decoder, "1B 3B 69 59 43"), bytes("1B 3B 73 59 45"));
  EXPECT_TRUE(decoder.modes().cursor_keys_c0);
  EXPECT_EQ(answer(decoder, "1B 3B 6A 59 41"), bytes("1B 3B 73 59 44"));
  EXPECT_FALSE(decoder.modes().extended_keyboard);
  EXPECT_EQ(answer(decoder, "1B 3B 6A 59 43"), bytes("1B 3B 73 59 40"));
  EXPECT_FALSE(decoder.modes().cursor_keys_c0);
}

// §7: PRO2 TO: routing status of the screen; the modem feeds it and the screen module is active.
TEST(DecoderProtocol, RoutingStatusOfScreen) {
  const std::string reply = answer("1B 3A 62 58");
  ASSERT_EQ(reply.size(), 5U);
  EXPECT_EQ(reply.substr(0, 4), bytes("1B 3B 63 58"));
  EXPECT_EQ(status_byte(reply) & 0x45, 0x45);  // bit 6, modem (b2), screen active (b0)
  EXPECT_EQ(status_byte(reply) & 0x02, 0);     // no local echo by default
}

// §7, §9: PRO3 ON / OFF 58 51 make / cut the keyboard -> screen route (local echo).
TEST(DecoderProtocol, LocalEchoRoute) {
  Decoder decoder;
  const std::string on = answer(decoder, "1B 3B 61 58 51");
  ASSERT_EQ(on.size(), 5U);
  EXPECT_EQ(on.substr(0, 4), bytes("1B 3B 63 58"));
  EXPECT_EQ(status_byte(on) & 0x02, 0x02);
  EXPECT_TRUE(decoder.modes().local_echo);
  const std::string off = answer(decoder, "1B 3B 60 58 51");
  EXPECT_EQ(status_byte(off) & 0x02, 0);
  EXPECT_FALSE(decoder.modes().local_echo);
}

// §7: PRO3 OFF / ON 58 50 (same module) block / unblock the screen.
TEST(DecoderProtocol, ScreenBlocking) {
  Decoder decoder;
  const std::string off = answer(decoder, "1B 3B 60 58 50");
  ASSERT_EQ(off.size(), 5U);
  EXPECT_EQ(off.substr(0, 4), bytes("1B 3B 63 58"));
  EXPECT_EQ(status_byte(off) & 0x01, 0);
  EXPECT_TRUE(decoder.modes().screen_blocked);
  const std::string on = answer(decoder, "1B 3B 61 58 50");
  EXPECT_EQ(status_byte(on) & 0x01, 0x01);
  EXPECT_FALSE(decoder.modes().screen_blocked);
}

// §4, §6: ESC 61 -> US (40 + row) (40 + column).
TEST(DecoderProtocol, CursorPositionRequest) {
  EXPECT_EQ(answer("1B 61"), bytes("1F 41 41"));
  EXPECT_EQ(answer("1F 45 59 1B 61"), bytes("1F 45 59"));
  EXPECT_EQ(answer("1F 40 45 1B 61"), bytes("1F 40 45"));
  EXPECT_EQ(answer("1F 58 68 1B 61"), bytes("1F 58 68"));
}

// §7: PRO1 RESET answers 13 5E; PCE stays active.
TEST(DecoderProtocol, ResetKeepsPce) {
  Decoder decoder;
  answer(decoder, "1B 3A 69 44");
  EXPECT_NE(answer(decoder, "1B 39 7F").find(bytes("13 5E")), std::string::npos);
  EXPECT_TRUE(decoder.modes().pce);
}

// §2.3: PRO sequences are taken out with priority inside US, REP, SS2 and CSI, which then go on.
TEST(DecoderProtocol, ProTakenOutInsideOtherSequences) {
  const std::string enqrom = bytes("01 43 75 3B 04");
  {
    Decoder decoder;
    EXPECT_EQ(answer(decoder, R"(1F 45 1B 39 7B 59 "A")"), enqrom);
    EXPECT_EQ(decoder.screen().at(5, 25).glyph, U'A');
  }
  {
    Decoder decoder;
    EXPECT_EQ(answer(decoder, R"("A" 12 1B 39 7B 42)"), enqrom);
    EXPECT_EQ(text(decoder.screen(), 1), "AAA");
  }
  {
    Decoder decoder;
    EXPECT_EQ(answer(decoder, "19 42 1B 39 7B 65"), enqrom);
    EXPECT_EQ(text(decoder.screen(), 1), "é");
  }
  {
    Decoder decoder;
    EXPECT_EQ(answer(decoder, "1F 45 45 1B 5B 32 1B 39 7B 41"), enqrom);
    EXPECT_EQ(decoder.screen().cursor, (Cursor{3, 5}));
  }
  {
    Decoder decoder;
    EXPECT_EQ(answer(decoder, R"(1F 45 1B 3A 69 43 59 "A")"), bytes("1B 3A 73 42"));
    EXPECT_EQ(decoder.screen().at(5, 25).glyph, U'A');
  }
}

// §2.3: ESC 61 is taken out with priority too.
TEST(DecoderProtocol, CursorRequestInsideUs) {
  Decoder decoder;
  EXPECT_EQ(answer(decoder, R"(1F 45 1B 61 59 "A")"), bytes("1F 41 41"));
  EXPECT_EQ(decoder.screen().at(5, 25).glyph, U'A');
}

// §2.3, §11.1: unknown PRO commands consume their fixed length (MiniPavi's 1B 3A 64 52 must not print "R").
TEST(DecoderProtocol, UnknownProConsumesFixedLength) {
  for (const char* sequence : {"1B 39 50", "1B 3A 50 51", "1B 3B 50 51 52", "1B 3A 64 52", "1B 3A 32 7D"}) {
    Decoder decoder;
    decoder.feed(bytes(sequence));
    decoder.feed(bytes(R"("D")"));
    EXPECT_EQ(text(decoder.screen(), 1), "D") << sequence;
    EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 2})) << sequence;
  }
  EXPECT_EQ(answer("1B 39 50"), "");
  EXPECT_EQ(answer("1B 3B 50 51 52"), "");
}

// §2.2: NUL inside ESC, PRO and US sequences is ignored.
TEST(DecoderProtocol, NulInsideSequences) {
  EXPECT_EQ(answer("1B 00 39 00 7B"), bytes("01 43 75 3B 04"));
  Decoder decoder;
  EXPECT_EQ(answer(decoder, "1B 3A 00 69 00 43"), bytes("1B 3A 73 42"));
  EXPECT_TRUE(decoder.screen().roll_mode);
  const Decoder colour = decoded(R"(1F 00 45 00 59 1B 00 41 "A")");
  EXPECT_EQ(colour.screen().at(5, 25).glyph, U'A');
  EXPECT_EQ(colour.screen().at(5, 25).fg, Colour::red);
}

// §2.6: ESC 25 starts screen transparency until ESC 25 40 or ESC 2F 3F; no resynchronisation on C0 inside.
TEST(DecoderProtocol, ScreenTransparency) {
  const Decoder decoder = decoded(R"("A" 1B 25 "BC" 0C 0A 1F 45 45 1B 25 40 "D")");
  EXPECT_EQ(text(decoder.screen(), 1), "AD");
  EXPECT_EQ(decoder.screen().cursor, (Cursor{1, 3}));
  EXPECT_EQ(decoder.stats().clears, 0U);
  const Decoder other_end = decoded(R"("A" 1B 25 "BC" 0D 1B 2F 3F "D")");
  EXPECT_EQ(text(other_end.screen(), 1), "AD");
}

// §7: PRO2 TRANSPARENCE: the next n bytes (1-127) are not interpreted; answered SEP 57.
TEST(DecoderProtocol, Pro2Transparence) {
  Decoder decoder;
  const std::string reply = answer(decoder, R"("A" 1B 3A 66 03 "BCD" "E")");
  EXPECT_EQ(text(decoder.screen(), 1), "AE");
  EXPECT_NE(reply.find(bytes("13 57")), std::string::npos);
  const Decoder controls = decoded(R"("A" 1B 3A 66 02 0C 0C "E")");
  EXPECT_EQ(text(controls.screen(), 1), "AE");
  EXPECT_EQ(controls.stats().clears, 0U);
}

}  // namespace
