// What PCE cannot do, whatever the implementation (docs/PCE.md, "Limits of the procedure"): STUM's single-bit
// correction accepts some 3-bit errors with wrong data, and blocks carry no number, so a block lost whole is
// not noticed. The strict receiver settings close both holes for PaviKit-to-PaviKit links.
#include <gtest/gtest.h>

#include <cstdio>

#include "modem/pce_block.hpp"
#include "modem/pce_receiver.hpp"
#include "tests/modem/test_pce_helpers.hpp"

namespace pce = pavi::modem::pce;
using namespace pce::test;
using pavi::modem::SimTime;

namespace {

pce::Block bonjour() {
  return pce::frame_message(
      std::vector<std::uint8_t>{'B', 'o', 'n', 'j', 'o', 'u', 'r', ' ', 'M', 'i', 'n', 'i', 't', 'e', 'l'})[0];
}

}  // namespace

TEST(PceLimits, SomeThreeBitErrorsAreCorrectedIntoWrongDataButNeverDetectedOnesWithoutCorrection) {
  const pce::Block original = bonjour();
  long stum_wrong = 0;
  long strict_wrong = 0;
  long patterns = 0;
  for (int a = 0; a < 136; ++a) {
    for (int b = a + 1; b < 136; ++b) {
      for (int c = b + 1; c < 136; ++c) {
        pce::Block damaged = original;
        for (const int bit : {a, b, c})
          damaged[static_cast<std::size_t>(bit / 8)] ^= static_cast<std::uint8_t>(1U << (bit % 8));
        ++patterns;
        const auto stum = pce::check_block(damaged, 0, true);
        if (stum.verdict != pce::BlockVerdict::bad && stum.block != original) ++stum_wrong;
        const auto strict = pce::check_block(damaged, 0, false);
        if (strict.verdict != pce::BlockVerdict::bad && strict.block != original) ++strict_wrong;
      }
    }
  }
  EXPECT_EQ(patterns, 136L * 135 * 134 / 6);
  EXPECT_GT(stum_wrong, 0) << "a (127,120) Hamming code decodes every 3-bit error to some single error";
  EXPECT_LT(stum_wrong, patterns / 50);
  EXPECT_EQ(strict_wrong, 0) << "without correction, parity + CRC-7 detect every 3-bit error";
  std::printf("[ limits ] 3-bit errors accepted with wrong data: STUM %ld of %ld, detection only %ld\n", stum_wrong,
              patterns, strict_wrong);
}

TEST(PceLimits, ABlockLostWholeIsNotNoticedBecauseBlocksCarryNoNumber) {
  const auto blocks = pce::frame_message(std::vector<std::uint8_t>(45, 'z'));
  std::string first(blocks[0].begin(), blocks[0].end());
  std::string third(blocks[2].begin(), blocks[2].end());
  SimTime t{};
  pce::Receiver stum;
  stum.activate(t);
  feed(stum, first + third, t);
  EXPECT_EQ(stum.take_data().size(), 30U) << "15 bytes silently missing";
  EXPECT_FALSE(stum.has_upstream());
}
