// The terminal's API from several threads at once, and many terminals on one shared IoRunner (what `pavi stress`
// and the Python bindings do).
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "simulators/net/io_runner.hpp"
#include "simulators/servers/fake_server.hpp"
#include "simulators/terminal/terminal.hpp"

namespace pavi::sim {
namespace {

using namespace std::chrono_literals;

constexpr auto kTimeout = 20s;

TEST(TerminalThreads, TypingWaitingAndSnapshotsFromSeveralThreads) {
  FakeWebSocketServer server(ServerScript{}.with_echo());
  Terminal terminal;
  ASSERT_TRUE(terminal.connect(server.url()));
  constexpr int kPerThread = 60;
  const std::string letters = "ABCD";
  std::vector<std::thread> typists;
  for (const char letter : letters) {
    typists.emplace_back([&terminal, letter] {
      for (int i = 0; i < kPerThread; ++i) terminal.type(std::string(1, letter));
    });
  }
  std::thread observer([&terminal] {
    for (int i = 0; i < 200; ++i) {
      (void)terminal.text();
      (void)terminal.json();
      (void)terminal.modes();
      (void)terminal.transcript();
    }
  });
  for (auto& typist : typists) typist.join();
  observer.join();

  // Every echoed letter lands in its own cell (240 < 960): count them on the screen.
  const std::size_t total = letters.size() * kPerThread;
  const auto echoed = terminal.wait_until("the echo of every key", kTimeout, [&](const videotex::Screen& screen, const auto&) {
    std::size_t shown = 0;
    for (int row = 1; row < videotex::kRows; ++row) {
      for (int col = 1; col <= videotex::kColumns; ++col) shown += screen.at(row, col).kind == videotex::CellKind::alpha;
    }
    return shown == total;
  });
  ASSERT_TRUE(echoed) << echoed.describe();
  const std::string received = server.received();
  for (const char letter : letters) {
    EXPECT_EQ(std::count(received.begin(), received.end(), letter), kPerThread) << letter;
  }
  EXPECT_EQ(terminal.received_bytes(), received);
  EXPECT_EQ(terminal.sent_bytes(), received);
}

TEST(TerminalThreads, ManyTerminalsShareOneRunner) {
  IoRunner runner;
  FakeServerOptions server_options;
  server_options.runner = &runner;
  FakeWebSocketServer server(ServerScript{}.send("\x0c" "CONNECTE").on("\x13\x41", "OK"), server_options);
  TerminalOptions options;
  options.runner = &runner;
  std::vector<std::unique_ptr<Terminal>> terminals;
  for (int i = 0; i < 20; ++i) {
    terminals.push_back(std::make_unique<Terminal>(options));
    ASSERT_TRUE(terminals.back()->connect(server.url()));
  }
  for (auto& terminal : terminals) {
    ASSERT_TRUE(terminal->wait_for_text("CONNECTE", kTimeout));
    ASSERT_TRUE(terminal->press(videotex::FunctionKey::envoi));
  }
  for (auto& terminal : terminals) EXPECT_TRUE(terminal->wait_for_text("CONNECTEOK", kTimeout)) << terminal->text();
  EXPECT_EQ(server.connection_count(), 20u);
  terminals.clear();
  EXPECT_TRUE(server.wait_for_closed(19, kTimeout));
}

}  // namespace
}  // namespace pavi::sim
