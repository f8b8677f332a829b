// The log files (visuweb-stats-recordings.md §5, C-143): the original's line format in lpath/YYYYMM.log and the
// structured line beside it, whole lines under concurrent writers, and no user input in clear.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <thread>
#include <vector>

#include "gateway/operations/gateway_log.hpp"
#include "tests/gateway/operations_test_folder.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::gateway {
namespace {

using test::TestFolder;

// The log's times are local: the tests pin the zone, and put it back.
class LogTimeZone : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    had_tz_ = tz != nullptr;
    if (had_tz_) saved_ = tz;
    ::setenv("TZ", "UTC0", 1);
    ::tzset();
  }
  void TearDown() override {
    if (had_tz_) {
      ::setenv("TZ", saved_.c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }

 private:
  bool had_tz_ = false;
  std::string saved_;
};

constexpr std::time_t kNov22 = 1795355218;  // 2026-11-22 13:46:58 UTC

using OperationsLog = LogTimeZone;

TEST_F(OperationsLog, FilePerMonthInLpath) {
  EXPECT_EQ(log_file_path("./logs/", 2026, 11), "./logs/202611.log");
  EXPECT_EQ(log_file_path("logs", 2026, 1), "logs/202601.log");
  EXPECT_EQ(event_file_path("./logs/", 2026, 11), "./logs/202611.events.log");
}

TEST_F(OperationsLog, TheOriginalsLineFormat) {  // C-143
  EXPECT_EQ(format_log_line(kNov22, "Démarrage..."), "[22/11/2026 13:46:58] Démarrage...\r\n");
  EXPECT_EQ(format_log_line(kNov22, "a\r\nb"), "[22/11/2026 13:46:58] a  b\r\n");  // one event, one line
}

TEST_F(OperationsLog, StructuredLinesQuoteWhatNeedsIt) {
  EXPECT_EQ(format_event_line(kNov22, "cnx", {{"uid", "17953552184589"}, {"ip", "127.0.0.1"}}),
            "time=2026-11-22T13:46:58+0000 event=cnx uid=17953552184589 ip=127.0.0.1\n");
  EXPECT_EQ(format_event_line(kNov22, "x", {{"url", "http://a/?b=c d"}, {"empty", ""}, {"q", "say \"hi\"\\\n"}}),
            "time=2026-11-22T13:46:58+0000 event=x url=\"http://a/?b=c d\" empty=\"\" q=\"say \\\"hi\\\"\\\\\\x0a\"\n");
}

TEST_F(OperationsLog, WritesBothFilesForTheEventsMonth) {
  TestFolder folder;
  GatewayLog log(folder.slash() + "logs");  // created, '/' added
  log.write(kNov22, "Connexion #1", "accept", {{"serial", "1"}});
  log.write(kNov22 + 1, "***CNX*** WS from 127.0.0.1 UID=1", "cnx", {{"uid", "1"}});
  log.write(kNov22 + 10 * 86400, "Arrêt", "stop");  // December
  EXPECT_EQ(pavi::test::read_file(folder.path() / "logs/202611.log"),
            "[22/11/2026 13:46:58] Connexion #1\r\n[22/11/2026 13:46:59] ***CNX*** WS from 127.0.0.1 UID=1\r\n");
  EXPECT_EQ(pavi::test::read_file(folder.path() / "logs/202611.events.log"),
            "time=2026-11-22T13:46:58+0000 event=accept serial=1\n"
            "time=2026-11-22T13:46:59+0000 event=cnx uid=1\n");
  EXPECT_EQ(pavi::test::read_file(folder.path() / "logs/202612.log"), "[02/12/2026 13:46:58] Arrêt\r\n");
}

TEST_F(OperationsLog, ConcurrentWritersNeverCutALine) {
  TestFolder folder;
  GatewayLog log(folder.slash());
  const std::string payload(3000, 'z');
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) log.write(kNov22, std::to_string(t) + payload, "x");
    });
  }
  for (auto& writer : writers) writer.join();
  std::istringstream lines(pavi::test::read_file(folder.path() / "202611.log"));
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    ASSERT_EQ(line.size(), std::string("[22/11/2026 13:46:58] ").size() + 1 + payload.size() + 1);  // + '\r'
  }
  EXPECT_EQ(count, 200);
}

TEST(OperationsLogInput, UserInputIsLoggedAsItsLengthOnly) {
  EXPECT_EQ(loggable_input("secret-password"), "<15 car.>");
  EXPECT_EQ(loggable_input(""), "");
}

}  // namespace
}  // namespace pavi::gateway
