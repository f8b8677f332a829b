// The reputation rules as values: thresholds per listener, list files, the AbuseIPDB URL and reply parsing.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "gateway/reputation/abuseipdb_reply.hpp"
#include "gateway/reputation/address_list.hpp"
#include "gateway/reputation/reputation_policy.hpp"

namespace pavi::gateway::reputation {
namespace {

TEST(ReputationPolicy, UsersAreRefusedAbove30AndVisuWebAbove50) {  // gateway-behaviour.md §1, visuweb §1
  EXPECT_FALSE(refused(30, Audience::user));
  EXPECT_TRUE(refused(31, Audience::user));
  EXPECT_FALSE(refused(50, Audience::visuweb));
  EXPECT_TRUE(refused(51, Audience::visuweb));
  EXPECT_TRUE(refused(kBlacklistScore, Audience::user));
  EXPECT_TRUE(refused(kBlacklistScore, Audience::visuweb));
  EXPECT_FALSE(refused(kWhitelistScore, Audience::user));
}

TEST(ReputationPolicy, AListFileNamesAddressesOnLinesOfTheirOwn) {  // C-089
  const auto file = std::filesystem::temp_directory_path() / ("pavikit-list-" + std::to_string(::getpid()));
  std::ofstream(file) << "  10.0.0.1\t\r\n\n2001:db8::7\n10.0.0.20 # no comments in the original\n";
  EXPECT_TRUE(address_listed(file.string(), "10.0.0.1"));
  EXPECT_TRUE(address_listed(file.string(), "2001:db8::7"));
  EXPECT_FALSE(address_listed(file.string(), "10.0.0.2"));
  EXPECT_FALSE(address_listed(file.string(), "10.0.0.20"));
  EXPECT_FALSE(address_listed(file.string(), ""));
  EXPECT_FALSE(address_listed("", "10.0.0.1"));
  EXPECT_FALSE(address_listed((file.string() + ".missing"), "10.0.0.1"));
  std::filesystem::remove(file);
}

TEST(AbuseIpdbReply, TheCheckUrlEncodesTheAddress) {
  EXPECT_EQ(abuseipdb_check_url(kAbuseIpdbCheckUrl, "192.0.2.4"),
            "https://api.abuseipdb.com/api/v2/check?ipAddress=192.0.2.4&maxAgeInDays=90");
  EXPECT_EQ(abuseipdb_check_url("http://127.0.0.1:9/c?x=1", "2001:db8::1", 30),
            "http://127.0.0.1:9/c?x=1&ipAddress=2001%3Adb8%3A%3A1&maxAgeInDays=30");
  EXPECT_EQ(query_parameter("/api/v2/check?ipAddress=2001%3Adb8%3A%3A1&maxAgeInDays=30", "ipAddress"), "2001:db8::1");
  EXPECT_EQ(query_parameter("/api/v2/check?ipAddress=1.2.3.4&maxAgeInDays=30", "maxAgeInDays"), "30");
  EXPECT_EQ(query_parameter("/api/v2/check?x=1", "ipAddress"), "");
  EXPECT_EQ(query_parameter("/api/v2/check", "ipAddress"), "");
}

TEST(AbuseIpdbReply, TheScoreIsReadFromData) {
  EXPECT_EQ(abuseipdb_score(R"({"data":{"ipAddress":"1.2.3.4","abuseConfidenceScore":31,"isTor":false}})"), 31);
  EXPECT_EQ(abuseipdb_score(R"({"data":{"abuseConfidenceScore":0}})"), 0);
  EXPECT_EQ(abuseipdb_score(R"({"data":{"abuseConfidenceScore":100}})"), 100);
  EXPECT_EQ(abuseipdb_score(R"({"data":{"abuseConfidenceScore":30.0}})"), 30);
}

TEST(AbuseIpdbReply, AnythingElseIsNoScoreAndNeverThrows) {
  for (const std::string_view body :
       {"", "null", "[]", "{", "<html>502</html>", R"({"errors":[{"detail":"Daily rate limit","status":429}]})",
        R"({"data":null})", R"({"data":[]})", R"({"data":{}})", R"({"data":{"abuseConfidenceScore":"31"}})",
        R"({"data":{"abuseConfidenceScore":-1}})", R"({"data":{"abuseConfidenceScore":101}})",
        R"({"data":{"abuseConfidenceScore":30.5}})", R"({"data":{"abuseConfidenceScore":1e999}})",
        R"({"data":{"abuseConfidenceScore":true}})", "\xff\xfe{\"data\":1}"}) {
    EXPECT_FALSE(abuseipdb_score(body).has_value()) << body;
  }
  std::string deep(100000, '[');
  EXPECT_FALSE(abuseipdb_score(deep).has_value());
}

}  // namespace
}  // namespace pavi::gateway::reputation
