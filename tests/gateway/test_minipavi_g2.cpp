// MiniPavi's toG2 table for the gateway's own drawings (ERR pages, prefills).
#include <gtest/gtest.h>

#include "gateway/service_protocol/minipavi_g2.hpp"
#include "tests/support/test_paths.hpp"

namespace pavi::service {
namespace {

using test::bytes;

TEST(MiniPaviG2, TableCharacters) {
  EXPECT_EQ(minipavi_to_g2("é è à ç ê"), bytes("19 42 65 20 19 41 65 20 19 41 61 20 19 4B 63 20 19 43 65"));
  EXPECT_EQ(minipavi_to_g2("Ç ß β œ Œ"), bytes("19 4B 63 20 19 7B 20 19 7B 20 19 7A 20 19 6A"));
  EXPECT_EQ(minipavi_to_g2("£°±←↑→↓¼½¾Â"),
            bytes("19 23 19 30 19 31 19 2C 19 2D 19 2E 19 2F 19 3C 19 3D 19 3E 19 43 41"));
}

TEST(MiniPaviG2, CircumflexIIsWrittenWithADiaeresis) {  // the table's î bug, on the output side
  EXPECT_EQ(minipavi_to_g2("î"), bytes("19 48 69"));
}

TEST(MiniPaviG2, OtherBytesPassThrough) {
  EXPECT_EQ(minipavi_to_g2("ï€x"), "ï€x");  // not in the table: raw UTF-8
  EXPECT_EQ(minipavi_to_g2(std::string_view("\xFF\x0A", 2)), std::string("\xFF\x0A"));
}

}  // namespace
}  // namespace pavi::service
