// Golden dumps of the pages the project writes itself: each fixtures/pages/NAME.vdt, decoded from the power-on
// state, must give exactly NAME.dump (full_dump: text layer, attribute layer, state line; vdt-format.md §5).
// With PAVIKIT_UPDATE_GOLDEN=1 the .dump files are rewritten instead, and the test says so (it is then skipped):
// a rewritten dump must be reviewed against the spec before it is committed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_paths.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"

namespace {

namespace fs = std::filesystem;
using namespace pavi::videotex;

std::vector<std::string> page_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(pavi::test::fixtures_dir() / "pages", ec)) {
    if (entry.path().extension() == ".vdt") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool updating() {
  const char* flag = std::getenv("PAVIKIT_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

// "line N: expected ... / actual ..." for the first difference, to make a failure readable.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected);
  std::istringstream a(actual);
  std::string el;
  std::string al;
  for (int line = 1;; ++line) {
    const bool more_e = static_cast<bool>(std::getline(e, el));
    const bool more_a = static_cast<bool>(std::getline(a, al));
    if (!more_e && !more_a) return "no difference";
    if (!more_e || !more_a || el != al) {
      return "line " + std::to_string(line) + "\n  golden: " + (more_e ? el : "<end>") +
             "\n  actual: " + (more_a ? al : "<end>");
    }
  }
}

TEST(Golden, ProjectPagesAreThere) { EXPECT_GE(page_names().size(), 5U); }

class GoldenPage : public testing::TestWithParam<std::string> {};

TEST_P(GoldenPage, DecodesToItsDump) {
  const fs::path pages = pavi::test::fixtures_dir() / "pages";
  const fs::path vdt = pages / (GetParam() + ".vdt");
  const fs::path golden = pages / (GetParam() + ".dump");
  Decoder decoder;
  decoder.feed(pavi::test::read_file(vdt));
  const std::string dump = full_dump(decoder.screen());
  if (updating()) {
    std::ofstream(golden, std::ios::binary) << dump;
    GTEST_SKIP() << "PAVIKIT_UPDATE_GOLDEN=1: rewrote " << golden.string() << " (review it against the spec)";
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with PAVIKIT_UPDATE_GOLDEN=1 and review it";
  const std::string expected = pavi::test::read_file(golden);
  EXPECT_TRUE(expected == dump) << GetParam() << ": " << first_difference(expected, dump);
}

INSTANTIATE_TEST_SUITE_P(Pages, GoldenPage, testing::ValuesIn(page_names()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenPage);

}  // namespace
