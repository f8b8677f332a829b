// The terminal over an in-memory link (no sockets) against a scripted peer: protocol answers, keyboard bytes,
// local echo, waits, disconnection, bad input and transcripts.
#include <gtest/gtest.h>

#include <filesystem>

#include "simulators/net/memory_transport.hpp"
#include "simulators/servers/scripted_connection.hpp"
#include "simulators/terminal/identity.hpp"
#include "simulators/terminal/terminal.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;
using test::bytes;
using videotex::CursorKey;
using videotex::FunctionKey;

constexpr auto kTimeout = 10s;

// A terminal attached to one end of a memory link, a scripted peer on the other.
struct Session {
  explicit Session(ServerScript script = {}, TerminalOptions options = {}) : terminal(options) {
    MemoryLink link = make_memory_link("memory test");
    peer = std::make_unique<ScriptedPeer>(std::move(link.b), std::move(script));
    terminal.attach(std::move(link.a));
  }
  Terminal terminal;
  std::unique_ptr<ScriptedPeer> peer;

  // Sends `spec` bytes to the terminal and waits until it has processed them.
  void deliver(const std::string& data) {
    peer->send(data);
    const auto result = terminal.wait_for_received(data, kTimeout);
    ASSERT_TRUE(result) << result.describe();
  }
};

class TerminalIdentityAnswer : public ::testing::TestWithParam<TerminalModel> {};

TEST_P(TerminalIdentityAnswer, EnqromIsAnsweredWithTheConfiguredIdentity) {
  TerminalOptions options;
  options.identity = identity_of(GetParam());
  Session session(ServerScript{}.send(bytes("1B 39 7B")), options);
  const auto identity = identity_of(GetParam());
  const std::string answer(identity.begin(), identity.end());
  EXPECT_TRUE(session.peer->wait_for_received(answer, kTimeout)) << session.peer->received();
  EXPECT_EQ(session.peer->received(), answer);
}

INSTANTIATE_TEST_SUITE_P(Models, TerminalIdentityAnswer,
                         ::testing::Values(TerminalModel::minitel_1b, TerminalModel::minitel_2, TerminalModel::emulator));

TEST(TerminalMemory, MuteTerminalSendsNoProtocolAnswers) {
  TerminalOptions options;
  options.answer_protocol = false;
  Session session({}, options);
  session.deliver(bytes("1B 39 7B"));
  ASSERT_TRUE(session.terminal.type("X"));
  ASSERT_TRUE(session.peer->wait_for_received("X", kTimeout));
  EXPECT_EQ(session.peer->received(), "X");  // the answer would have been queued before the key
}

TEST(TerminalMemory, StatusQueriesAreAnswered) {
  Session session;
  session.deliver(bytes("1B 39 72"));  // PRO1 STATUS FONCTIONNEMENT
  EXPECT_TRUE(session.peer->wait_for_received(bytes("1B 3A 73"), kTimeout)) << session.peer->received();
}

TEST(TerminalMemory, TypedLettersAreUpperCaseUntilLowerCaseMode) {
  Session session;
  ASSERT_TRUE(session.terminal.type("abc"));
  ASSERT_TRUE(session.peer->wait_for_received("ABC", kTimeout));
  session.deliver(bytes("1B 3A 69 45"));  // PRO2 START lower case
  EXPECT_TRUE(session.terminal.modes().lowercase);
  ASSERT_TRUE(session.terminal.type("Abc"));
  EXPECT_TRUE(session.peer->wait_for_received("Abc", kTimeout)) << session.peer->received();
}

TEST(TerminalMemory, AccentsGoOnTheWireAsG2) {
  Session session;
  ASSERT_TRUE(session.terminal.type("été"));
  EXPECT_TRUE(session.peer->wait_for_received(bytes("19 42 65 \"T\" 19 42 65"), kTimeout)) << session.peer->received();
}

TEST(TerminalMemory, FunctionKeysSendSepCodes) {
  Session session;
  std::string expected;
  for (const FunctionKey key : videotex::kAllFunctionKeys) {
    ASSERT_TRUE(session.terminal.press(key));
    expected += videotex::key_bytes(key);
  }
  EXPECT_EQ(expected, bytes("13 41 13 42 13 43 13 44 13 45 13 46 13 47 13 48 13 49"));
  EXPECT_TRUE(session.peer->wait_for_received(expected, kTimeout)) << session.peer->received();
}

TEST(TerminalMemory, CursorKeysNeedAnExtendedKeyboard) {
  Session session;
  EXPECT_FALSE(session.terminal.press(CursorKey::up));
  session.deliver(bytes("1B 3B 69 59 41"));  // PRO3 START keyboard extended
  ASSERT_TRUE(session.terminal.press(CursorKey::up));
  ASSERT_TRUE(session.peer->wait_for_received(bytes("1B 5B 41"), kTimeout));
  session.deliver(bytes("1B 3B 69 59 43"));  // cursor keys as C0
  ASSERT_TRUE(session.terminal.press(CursorKey::left));
  ASSERT_TRUE(session.terminal.type("Z"));
  EXPECT_TRUE(session.peer->wait_for_received(bytes("08 \"Z\""), kTimeout)) << session.peer->received();
}

TEST(TerminalMemory, LocalEchoFollowsTheKeyboardToScreenRoute) {
  Session session;
  session.deliver(bytes("0C"));
  ASSERT_TRUE(session.terminal.type("ab"));
  ASSERT_TRUE(session.peer->wait_for_received("AB", kTimeout));
  EXPECT_EQ(session.terminal.row(1).substr(0, 2), "  ") << "no local echo by default";

  session.deliver(bytes("1B 3B 61 58 51"));  // PRO3 ON screen <- keyboard
  ASSERT_TRUE(session.terminal.modes().local_echo);
  ASSERT_TRUE(session.terminal.type("cd"));
  const auto shown = session.terminal.wait_for_text("CD", kTimeout);
  ASSERT_TRUE(shown) << shown.describe();
  EXPECT_EQ(shown.position, (ScreenPosition{1, 1}));

  session.deliver(bytes("1B 3B 60 58 51"));  // PRO3 OFF
  ASSERT_FALSE(session.terminal.modes().local_echo);
  ASSERT_TRUE(session.terminal.type("ef"));
  // Each routing change is answered with the new routing status of the screen module (bit 1: keyboard linked).
  const std::string expected = "AB" + bytes("1B 3B 63 58 47") + "CD" + bytes("1B 3B 63 58 45") + "EF";
  ASSERT_TRUE(session.peer->wait_for_received(expected, kTimeout)) << session.peer->received();
  EXPECT_EQ(session.terminal.row(1).substr(0, 4), "CD  ");
}

TEST(TerminalMemory, RawBytesAreSentAsTheyAreAndNeverEchoed) {
  Session session;
  session.deliver(bytes("1B 3B 61 58 51"));
  ASSERT_TRUE(session.terminal.send_raw(bytes("\"raw\" 00 FF")));
  ASSERT_TRUE(session.peer->wait_for_received(bytes("\"raw\" 00 FF"), kTimeout));
  EXPECT_FALSE(find_text(session.terminal.screen(), "raw"));
}

TEST(TerminalMemory, WaitForTextReturnsThePosition) {
  Session session(ServerScript{}.send(bytes(R"(0C 1F 44 4B "BIENVENUE")")));
  const auto result = session.terminal.wait_for_text("BIENVENUE", kTimeout);
  ASSERT_TRUE(result) << result.describe();
  EXPECT_EQ(result.position, (ScreenPosition{4, 11}));
  EXPECT_NE(result.screen.find("BIENVENUE"), std::string::npos);
}

TEST(TerminalMemory, WaitForRegexAtAPosition) {
  Session session(ServerScript{}.send(bytes(R"(0C 1F 40 41 "PIN:4821" 0A 1F 43 41 "Code ?")")));
  auto result = session.terminal.wait_for_regex("PIN:([0-9]+)", kTimeout, ScreenPosition{0, 1});
  ASSERT_TRUE(result) << result.describe();
  ASSERT_EQ(result.groups.size(), 2u);
  EXPECT_EQ(result.groups[1], "4821");
  result = session.terminal.wait_for_regex("Code", kTimeout, ScreenPosition{3, 0});
  EXPECT_TRUE(result) << result.describe();
}

TEST(TerminalMemory, AWaitThatTimesOutSaysWhatItWaitedForAndShowsTheScreen) {
  Session session(ServerScript{}.send(bytes(R"(0C "ACCUEIL")")));
  ASSERT_TRUE(session.terminal.wait_for_text("ACCUEIL", kTimeout));
  const auto result = session.terminal.wait_for_text("ABSENT", 100ms);
  EXPECT_FALSE(result);
  EXPECT_EQ(result.message, "timed out after 100 ms waiting for text \"ABSENT\" (connection open)");
  EXPECT_NE(result.describe().find("01|ACCUEIL"), std::string::npos) << result.describe();
}

TEST(TerminalMemory, BadRegexIsReportedNotThrown) {
  Session session;
  const auto result = session.terminal.wait_for_regex("([", 100ms);
  EXPECT_FALSE(result);
  EXPECT_EQ(result.message.rfind("invalid regex /([/", 0), 0u) << result.message;
}

TEST(TerminalMemory, WaitUntilQuietAfterABurst) {
  Session session(ServerScript{}.send("A").pause(20ms).send("B").pause(20ms).send("C"));
  const auto result = session.terminal.wait_until_quiet(300ms, kTimeout);
  EXPECT_TRUE(result) << result.describe();
}

TEST(TerminalMemory, WaitUntilQuietTimesOutWhileDataKeepsComing) {
  ServerScript chatty;
  for (int i = 0; i < 200; ++i) chatty.send("X").pause(10ms);
  Session session(chatty);
  const auto result = session.terminal.wait_until_quiet(1s, 150ms);
  EXPECT_FALSE(result);
  EXPECT_NE(result.message.find("data kept arriving"), std::string::npos) << result.message;
}

TEST(TerminalMemory, WaitUntilAnyCondition) {
  Session session(ServerScript{}.send(bytes("1B 3B 69 59 41")));
  const auto result = session.terminal.wait_until("an extended keyboard", kTimeout,
                                                  [](const auto&, const auto& modes) { return modes.extended_keyboard; });
  EXPECT_TRUE(result) << result.describe();
}

TEST(TerminalMemory, PeerCloseIsDetected) {
  Session session(ServerScript{}.send(bytes(R"(0C "AU REVOIR")")).close());
  const auto result = session.terminal.wait_for_disconnect(kTimeout);
  ASSERT_TRUE(result) << result.describe();
  EXPECT_FALSE(session.terminal.connected());
  EXPECT_EQ(session.terminal.close_reason(), "closed by peer");
  EXPECT_TRUE(find_text(session.terminal.screen(), "AU REVOIR")) << "the screen is kept";
  EXPECT_FALSE(session.terminal.type("X"));
}

TEST(TerminalMemory, WaitsGiveUpAtOnceWhenTheLineIsClosed) {
  Session session(ServerScript{}.close());
  ASSERT_TRUE(session.terminal.wait_for_disconnect(kTimeout));
  const auto result = session.terminal.wait_for_text("NEVER", kTimeout);
  EXPECT_FALSE(result);
  EXPECT_EQ(result.message, "gave up waiting for text \"NEVER\": connection closed: closed by peer");
  EXPECT_LT(result.elapsed, kTimeout);
}

TEST(TerminalMemory, TerminalHangUpClosesThePeer) {
  Session session;
  session.terminal.disconnect();
  EXPECT_TRUE(session.peer->wait_for_closed(kTimeout));
  EXPECT_EQ(session.terminal.close_reason(), "disconnected by the terminal");
  EXPECT_TRUE(session.terminal.wait_for_disconnect(0ms));
}

TEST(TerminalMemory, GarbageNeitherCrashesNorStopsTheTerminal) {
  Session session;
  std::string garbage;
  for (int i = 0; i < 20000; ++i) garbage += static_cast<char>((i * 2654435761u >> 7) & 0xFF);
  garbage += bytes("1B 3A 1B 39 1F 1B 5B 32 3B 12 19 1B 25");  // truncated sequences
  session.deliver(garbage);
  // Whatever state the garbage left: outlast a PRO2 TRANSPARENCE count, leave screen transparency, unblock.
  session.deliver(std::string(130, '\x18') + bytes(R"(1B 25 40 1B 2F 3F 1B 3B 61 58 50 0C 0F 1F 41 41 "STILL ALIVE")"));
  const auto result = session.terminal.wait_for_text("STILL ALIVE", kTimeout);
  EXPECT_TRUE(result) << result.describe();
  EXPECT_TRUE(session.terminal.connected());
}

TEST(TerminalMemory, CloseInTheMiddleOfASequence) {
  Session session(ServerScript{}.send(bytes(R"(0C "PARTIAL" 1B 5B 32)")).close());
  ASSERT_TRUE(session.terminal.wait_for_disconnect(kTimeout));
  EXPECT_TRUE(find_text(session.terminal.screen(), "PARTIAL"));
  EXPECT_FALSE(session.terminal.png().empty());
}

TEST(TerminalMemory, SnapshotsInThreeFormats) {
  Session session(ServerScript{}.send(bytes(R"(0C "PNG")")));
  ASSERT_TRUE(session.terminal.wait_for_text("PNG", kTimeout));
  EXPECT_EQ(session.terminal.text().rfind("00|", 0), 0u);
  EXPECT_NE(session.terminal.json().find("\"rows\""), std::string::npos);
  const auto png = session.terminal.png();
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(std::string(png.begin() + 1, png.begin() + 4), "PNG");
}

TEST(TerminalMemory, TranscriptReplayReproducesTheScreen) {
  Session session(ServerScript{}
                      .send(bytes(R"(1B 39 7B 0C 1F 41 41 "NOM ?" 1B 3B 61 58 51)"))
                      .expect("DUPONT")
                      .send(bytes(R"(1F 43 41 1B 41 "MERCI")")));
  ASSERT_TRUE(session.terminal.wait_for_text("NOM ?", kTimeout));
  ASSERT_TRUE(session.terminal.wait_until("local echo", kTimeout, [](const auto&, const auto& m) { return m.local_echo; }));
  ASSERT_TRUE(session.terminal.type("dupont"));
  ASSERT_TRUE(session.terminal.wait_for_text("MERCI", kTimeout));

  const Transcript transcript = session.terminal.transcript();
  EXPECT_EQ(transcript.endpoint, "memory test");
  ASSERT_GE(transcript.entries.size(), 4u);
  EXPECT_EQ(transcript.entries.front().kind, TranscriptEntry::Kind::event);
  EXPECT_EQ(transcript.sent(), bytes("01 43 75 3B 04") + bytes("1B 3B 63 58 47") + "DUPONT");
  for (std::size_t i = 1; i < transcript.entries.size(); ++i) {
    EXPECT_GE(transcript.entries[i].at, transcript.entries[i - 1].at);
  }

  const auto path = std::filesystem::path(PAVIKIT_BINARY_DIR) / "terminal_memory_transcript.jsonl";
  std::string error;
  ASSERT_TRUE(session.terminal.save_transcript(path.string(), error)) << error;
  const TranscriptLoad loaded = load_transcript(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(loaded.transcript) << loaded.error;
  EXPECT_EQ(*loaded.transcript, transcript);
  EXPECT_EQ(replay_screen(*loaded.transcript), session.terminal.screen());
}

TEST(TerminalMemory, ReconnectingStartsAFreshSession) {
  Terminal terminal;
  {
    MemoryLink link = make_memory_link("first");
    ScriptedPeer peer(std::move(link.b), ServerScript{}.send(bytes(R"(0C "ONE")")));
    terminal.attach(std::move(link.a));
    ASSERT_TRUE(terminal.wait_for_text("ONE", kTimeout));
  }
  MemoryLink link = make_memory_link("second");
  ScriptedPeer peer(std::move(link.b), ServerScript{}.send("TWO"));
  terminal.attach(std::move(link.a));
  ASSERT_TRUE(terminal.wait_for_text("TWO", kTimeout));
  EXPECT_FALSE(find_text(terminal.screen(), "ONE"));
  EXPECT_EQ(terminal.endpoint(), "second");
  EXPECT_EQ(terminal.transcript().received(), "TWO");
}

}  // namespace
}  // namespace pavi::sim
