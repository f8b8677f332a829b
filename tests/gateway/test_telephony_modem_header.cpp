// The soft modem's astport header (v23-modem.md §7.2-7.3): both call directions, and fuzz cases that must be
// refused cleanly or waited for (never thrown, never stuck past the 6 s wait).
#include <gtest/gtest.h>

#include <random>

#include "gateway/telephony/modem_header.hpp"

using namespace pavi::gateway::telephony;

TEST(TelephonyModemHeader, IncomingCallWithPce) {  // C-095, C-015
  const std::string bytes = "CALLFROM 0612345678\nSTARTURL http://svc/x\nPCE 1\n\x13\x53";
  const auto scan = scan_soft_modem_header(bytes);
  ASSERT_EQ(scan.status, HeaderStatus::complete);
  EXPECT_EQ(scan.header->direction, CallDirection::incoming);
  EXPECT_EQ(scan.header->caller, "0612345678");
  EXPECT_EQ(scan.header->start_url, "http://svc/x");
  EXPECT_TRUE(scan.header->pce);
  EXPECT_EQ(scan.header->first_line, "CALLFROM 0612345678");
  // The LF after PCE 1 is part of the header (the original left it as a user byte).
  EXPECT_EQ(bytes.substr(scan.consumed), "\x13\x53");
}

TEST(TelephonyModemHeader, IncomingCallSpecExampleBytes) {
  const auto scan = scan_soft_modem_header("CALLFROM 0612345678\nSTARTURL \nPCE 1\n");
  ASSERT_EQ(scan.status, HeaderStatus::complete);
  EXPECT_EQ(scan.header->start_url, "");
  EXPECT_TRUE(scan.header->pce);
}

TEST(TelephonyModemHeader, PceOnlyWhenExactlyPce1) {
  for (const char* third : {"PCE 0", "PCE 10", "PCE", "pce 1", ""}) {
    const auto scan = scan_soft_modem_header(std::string("CALLFROM 1\nSTARTURL \n") + third + "\n");
    ASSERT_EQ(scan.status, HeaderStatus::complete) << third;
    EXPECT_FALSE(scan.header->pce) << third;
  }
  EXPECT_TRUE(scan_soft_modem_header("CALLFROM 1\nSTARTURL \n PCE 1 \n").header->pce);
}

TEST(TelephonyModemHeader, LongCallerIdIsNotSplit) {  // the original cut line 1 at 29 bytes
  const std::string caller(40, '7');
  const auto scan = scan_soft_modem_header("CALLFROM " + caller + "\nSTARTURL u\nPCE 0\n");
  ASSERT_EQ(scan.status, HeaderStatus::complete);
  EXPECT_EQ(scan.header->caller, caller);
  EXPECT_EQ(scan.header->start_url, "u");
}

TEST(TelephonyModemHeader, OutgoingLeg) {
  const std::string bytes = "CALLTO 0358435150\nPID sockets/skminipavi-4242-17000000005555.sock\n\nDATA";
  const auto scan = scan_soft_modem_header(bytes);
  ASSERT_EQ(scan.status, HeaderStatus::complete);
  EXPECT_EQ(scan.header->direction, CallDirection::outgoing);
  EXPECT_EQ(scan.header->called, "0358435150");
  EXPECT_EQ(scan.header->pid, "sockets/skminipavi-4242-17000000005555.sock");
  EXPECT_EQ(bytes.substr(scan.consumed), "DATA");
}

TEST(TelephonyModemHeader, ByteByByteIsIncompleteUntilTheLastLf) {
  const std::string bytes = "CALLFROM 06\nSTARTURL \nPCE 0\n";
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_EQ(scan_soft_modem_header(bytes.substr(0, n)).status, HeaderStatus::incomplete) << n;
  }
  EXPECT_EQ(scan_soft_modem_header(bytes).status, HeaderStatus::complete);
}

TEST(TelephonyModemHeader, GarbageIsRefusedAtOnce) {
  EXPECT_EQ(scan_soft_modem_header("GET / HTTP/1.1\r\n").status, HeaderStatus::invalid);
  EXPECT_EQ(scan_soft_modem_header("X").status, HeaderStatus::invalid);
  EXPECT_EQ(scan_soft_modem_header("CALLFROMAGE 1\n").status, HeaderStatus::invalid);
  EXPECT_EQ(scan_soft_modem_header(std::string("CALLFROM \x01\x02\n", 12)).status, HeaderStatus::invalid);
  EXPECT_EQ(scan_soft_modem_header("CALLFROM 1\nSTART\xff\n").status, HeaderStatus::invalid);
  EXPECT_EQ(scan_soft_modem_header("CALLTO 1\nNOPID\n\n").status, HeaderStatus::invalid);
  EXPECT_EQ(scan_soft_modem_header("CALLTO 1\nPID \n\n").status, HeaderStatus::invalid);
}

TEST(TelephonyModemHeader, HugeLineIsRefusedWithoutWaiting) {
  EXPECT_EQ(scan_soft_modem_header("CALLFROM " + std::string(kMaxHeaderLine, '1')).status, HeaderStatus::invalid);
  EXPECT_EQ(scan_soft_modem_header("CALLFROM 1\n" + std::string(100000, 'u')).status, HeaderStatus::invalid);
}

TEST(TelephonyModemHeader, TruncatedOrNoLfEndsAtTheWait) {
  for (const char* bytes : {"", "CALLFR", "CALLFROM 0612", "CALLFROM 06\nSTARTURL ", "CALLTO 1\nPID p\n"}) {
    EXPECT_EQ(scan_soft_modem_header(bytes).status, HeaderStatus::incomplete) << bytes;
    EXPECT_EQ(scan_soft_modem_header(bytes, true).status, HeaderStatus::invalid) << bytes;
  }
  // A third line that came without its LF is still taken when the wait ends (the original read it as 5 bytes).
  const auto scan = scan_soft_modem_header("CALLFROM 06\nSTARTURL \nPCE 1", true);
  ASSERT_EQ(scan.status, HeaderStatus::complete);
  EXPECT_TRUE(scan.header->pce);
}

TEST(TelephonyModemHeader, RandomBytesNeverThrow) {
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 80, '\0');
    for (auto& c : bytes) c = static_cast<char>(random() % 3 == 0 ? '\n' : random() % 256);
    if (round % 2 == 0) bytes.insert(0, round % 4 == 0 ? "CALLFROM " : "CALLTO ");
    const auto scan = scan_soft_modem_header(bytes, round % 3 == 0);
    EXPECT_LE(scan.consumed, bytes.size());
    if (scan.status == HeaderStatus::complete) {
      EXPECT_TRUE(scan.header.has_value());
    }
  }
}
