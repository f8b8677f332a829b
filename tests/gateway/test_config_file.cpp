// Loading MiniPavi XML config files: sections, nesting, trimming, PHP integers, defaults (config.md §1-§6).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gateway/config/gateway_config.hpp"

namespace pavi::gateway {
namespace {

class ConfigFile : public ::testing::Test {
 protected:
  std::string write(const std::string& xml) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("pavikit-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".xml");
    std::ofstream(path) << xml;
    paths_.push_back(path);
    return path.string();
  }
  void TearDown() override {
    for (const auto& p : paths_) std::filesystem::remove(p);
  }
  std::vector<std::filesystem::path> paths_;
};

// The example of config.md §9 (minipavi-base.conf).
constexpr const char* kBaseConf = R"(<?xml version="1.0" encoding="UTF-8"?>
<config>
  <general>
    <host>127.0.0.1</host>
    <verbose>1</verbose>
    <durl> http://www.example.org/service/ </durl>
    <maxc>20</maxc>
    <timeout>600</timeout>
    <maxhisto>40</maxhisto>
    <wsport>8182</wsport>
    <httpport>8080</httpport>
    <httpuser>minipavi</httpuser>
    <httppwd>1234</httppwd>
    <lpath>./logs</lpath>
    <spath>./stats</spath>
    <viewer>http://www.minipavi.fr/emulminitel/</viewer>
    <visuweb><allowip>10.0.0.1</allowip><allowip>10.0.0.2</allowip></visuweb>
  </general>
  <connecttocmd>
    <key>Key1234</key>
    <key>Other</key>
    <extcallurl>http://example.org/extcall</extcallurl>
    <visukey>secret</visukey>
  </connecttocmd>
  <recordings><rpath>./recordings</rpath></recordings>
</config>)";

TEST_F(ConfigFile, ReadsTheBaseExample) {
  const std::string path = write(kBaseConf);
  const LoadResult r = load_gateway_config({"--cfgfile", path});
  ASSERT_TRUE(r.errors.empty()) << r.errors.front().to_line();
  const GatewayConfig& c = r.config;
  EXPECT_EQ(c.cfgfile, path);
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_TRUE(c.verbose);
  EXPECT_EQ(c.durl, "http://www.example.org/service/");  // values are trimmed
  EXPECT_EQ(c.maxc, 20);
  EXPECT_EQ(c.maxhisto, 40);
  EXPECT_EQ(c.wsport, 8182);
  EXPECT_EQ(c.httpport, 8080);
  EXPECT_EQ(c.lpath, "./logs/");  // a trailing slash is added
  EXPECT_EQ(c.spath, "./stats/");
  EXPECT_EQ(c.rpath, "./recordings/");
  EXPECT_EQ(c.allowip, (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));  // <visuweb> nested in <general>
  EXPECT_EQ(c.keys, (std::vector<std::string>{"Key1234", "Other"}));         // <key> repeatable
  EXPECT_EQ(c.visukey, "secret");
  EXPECT_TRUE(c.has_connecttocmd);
  EXPECT_FALSE(c.asterisk.has_value());
}

TEST_F(ConfigFile, MissingKeysKeepTheirBuiltInValues) {
  const LoadResult r = load_gateway_config(
      {"--cfgfile", write("<config><general><host>h</host><durl>http://s/</durl><maxc>1</maxc>"
                          "<telnport>2323</telnport></general></config>")});
  ASSERT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.timeout, 600);
  EXPECT_TRUE(r.config.screensaver);
  EXPECT_EQ(r.config.maxcip, 0);
  EXPECT_EQ(r.config.lpath, "./");
  EXPECT_EQ(r.config.rpath, "");  // recordings off
  // (Q) fixed: an absent maxhisto is the documented default 30, not 0 (docs/COMPATIBILITY.md).
  EXPECT_EQ(r.config.maxhisto, kDefaultMaxHisto);
}

TEST_F(ConfigFile, IntegersFollowPhpSemanticsAndOddValuesAreReported) {
  const LoadResult r = load_gateway_config(
      {"--cfgfile", write("<config><general><host>h</host><durl>http://s/</durl><maxc>5x</maxc><timeout>-3</timeout>"
                          "<maxhisto>-1</maxhisto><telnport>2323</telnport><screensaver>NO</screensaver></general></config>")});
  ASSERT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.maxc, 5);
  EXPECT_EQ(r.config.timeout, 600);  // values <= 0 become 600
  EXPECT_EQ(r.config.maxhisto, 30);  // negative becomes the default
  EXPECT_TRUE(r.config.screensaver);  // only exactly "no" turns it off
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].to_line().find("general/maxc"), std::string::npos);
}

TEST_F(ConfigFile, ScreensaverNoTurnsItOff) {
  const LoadResult r = load_gateway_config(
      {"--cfgfile", write("<config><general><host>h</host><durl>http://s/</durl><maxc>1</maxc><telnport>1</telnport>"
                          "<screensaver>no</screensaver></general></config>")});
  EXPECT_FALSE(r.config.screensaver);
}

TEST_F(ConfigFile, AsteriskAndCaptureSections) {
  const LoadResult r = load_gateway_config(
      {"--cfgfile",
       write("<config><general><host>h</host><durl>http://s/</durl><maxc>1</maxc><astport>5000</astport></general>"
             "<connecttocmd><asterisk><sipchannel>PJSIP/ovh/sip:%NUM%@sbc</sipchannel><ip>127.0.0.1</ip>"
             "<port>5038</port><user>u</user><context>extcall</context><ext>999</ext><maxtime>300</maxtime>"
             "<calltimeout>30000</calltimeout></asterisk></connecttocmd>"
             "<capture><hlbrowser>chromium %URL% %IMAGEFILE%</hlbrowser><key>p</key><message>ok</message>"
             "<messagemax>max</messagemax><max>3</max></capture></config>")});
  ASSERT_TRUE(r.errors.empty()) << r.errors.front().to_line();  // pwd is not required
  ASSERT_TRUE(r.config.asterisk.has_value());
  EXPECT_EQ(r.config.asterisk->sipchannel, "PJSIP/ovh/sip:%NUM%@sbc");
  EXPECT_EQ(r.config.asterisk->calltimeout, "30000");
  EXPECT_EQ(r.config.capture.key, "P");  // first character, upper-cased
  EXPECT_TRUE(r.config.capture.enabled());
}

TEST_F(ConfigFile, UnreadableOrWrongFilesGiveOneClearError) {
  const LoadResult missing = load_gateway_config({"--cfgfile", "/nonexistent/minipavi.conf"});
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_NE(missing.errors[0].to_line().find("/nonexistent/minipavi.conf"), std::string::npos);

  const LoadResult broken = load_gateway_config({"--cfgfile", write("<config><general><host>h</general>")});
  ASSERT_EQ(broken.errors.size(), 1u);
  EXPECT_NE(broken.errors[0].reason.find("not valid XML"), std::string::npos);

  const LoadResult root = load_gateway_config({"--cfgfile", write("<minipavi><general/></minipavi>")});
  ASSERT_EQ(root.errors.size(), 1u);
  EXPECT_NE(root.errors[0].reason.find("<config>"), std::string::npos);
}

TEST(PhpInt, Semantics) {
  EXPECT_EQ(php_int("42"), 42);
  EXPECT_EQ(php_int("  7"), 7);
  EXPECT_EQ(php_int("12abc"), 12);
  EXPECT_EQ(php_int("abc"), 0);
  EXPECT_EQ(php_int(""), 0);
  EXPECT_EQ(php_int("-5"), -5);
  EXPECT_EQ(php_int("99999999999"), 2147483647);
}

}  // namespace
}  // namespace pavi::gateway
