// Command-line flags over the file, validation messages, and the startup banner (config.md §2, §7, §8).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gateway/config/gateway_config.hpp"

namespace pavi::gateway {
namespace {

std::vector<std::string> minimal() { return {"--host", "h", "--durl", "http://s/", "--maxc", "10", "--telnport", "2323"}; }

bool has_error_for(const LoadResult& r, const std::string& key) {
  for (const auto& e : r.errors) {
    if (e.key == key) return true;
  }
  return false;
}

TEST(ConfigCommandLine, FlagsAloneMakeAValidConfig) {
  const LoadResult r = load_gateway_config(minimal());
  ASSERT_TRUE(r.errors.empty()) << r.errors.front().to_line();
  EXPECT_EQ(r.config.telnport, 2323);
  EXPECT_EQ(r.config.cfgfile, "");
}

TEST(ConfigCommandLine, BothValueFormsWork) {
  const LoadResult r = load_gateway_config({"--host=h", "--durl=http://s/", "--maxc=3", "--wsport", "8182"});
  ASSERT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.maxc, 3);
  EXPECT_EQ(r.config.wsport, 8182);
}

TEST(ConfigCommandLine, AFlagBeatsTheFileWhateverTheOrder) {
  const auto path = std::filesystem::temp_directory_path() / "pavikit-precedence.xml";
  std::ofstream(path) << "<config><general><host>filehost</host><durl>http://file/</durl><maxc>5</maxc>"
                         "<wsport>1111</wsport></general></config>";
  const LoadResult r = load_gateway_config({"--maxc", "9", "--cfgfile", path.string(), "--host", "flaghost"});
  std::filesystem::remove(path);
  ASSERT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.host, "flaghost");
  EXPECT_EQ(r.config.maxc, 9);
  EXPECT_EQ(r.config.durl, "http://file/");  // the file beats the built-in value
  EXPECT_EQ(r.config.wsport, 1111);
}

TEST(ConfigCommandLine, HelpAndUnknownOptions) {
  EXPECT_TRUE(load_gateway_config({"--help"}).help);
  auto args = minimal();
  args.push_back("--wsprot=8182");
  const LoadResult r = load_gateway_config(args);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.warnings.size(), 1u);  // the original ignores it silently; PaviKit says so
  EXPECT_NE(r.warnings[0].to_line().find("--wsprot"), std::string::npos);
}

TEST(ConfigCommandLine, BadNumbersAndMissingValuesAreErrors) {
  EXPECT_TRUE(has_error_for(load_gateway_config({"--host", "h", "--maxc", "ten"}), "--maxc"));
  EXPECT_TRUE(has_error_for(load_gateway_config({"--host", "h", "--durl"}), "--durl"));
}

TEST(ConfigValidation, TheOriginalsChecks) {
  EXPECT_TRUE(has_error_for(load_gateway_config({"--host", "h", "--durl", "u", "--telnport", "1"}), "general/maxc"));
  const LoadResult no_durl = load_gateway_config({"--host", "h", "--maxc", "1", "--telnport", "1"});
  EXPECT_TRUE(no_durl.errors.empty());
  EXPECT_EQ(no_durl.config.durl, "internal:");  // the embedded welcome service
  EXPECT_TRUE(has_error_for(load_gateway_config({"--host", "h", "--durl", "u", "--maxc", "1"}), "general/wsport"));
  EXPECT_TRUE(has_error_for(load_gateway_config({"--durl", "u", "--maxc", "1", "--telnport", "1"}), "general/host"));
  auto wss = minimal();
  wss.insert(wss.end(), {"--wssport", "8443"});
  EXPECT_TRUE(has_error_for(load_gateway_config(wss), "general/ssl"));
  wss.insert(wss.end(), {"--ssl", "/nonexistent.pem", "--sslkey", "/nonexistent.key"});
  EXPECT_TRUE(has_error_for(load_gateway_config(wss), "general/ssl"));  // check 7: the files must exist
  auto http = minimal();
  http.insert(http.end(), {"--httpport", "8080", "--httpuser", "a:b", "--httppwd", "p"});
  EXPECT_TRUE(has_error_for(load_gateway_config(http), "general/httpuser"));
}

TEST(ConfigValidation, PortsMustBeDistinctAndInRange) {
  auto same = minimal();
  same.insert(same.end(), {"--wsport", "2323"});
  const LoadResult clash = load_gateway_config(same);
  ASSERT_EQ(clash.errors.size(), 1u);
  EXPECT_EQ(clash.errors[0].to_line(), "general/telnport: port 2323 is already used by wsport");
  auto big = minimal();
  big.insert(big.end(), {"--wsport", "70000"});
  EXPECT_TRUE(has_error_for(load_gateway_config(big), "general/wsport"));
}

TEST(ConfigValidation, IncompleteAsteriskSection) {
  GatewayConfig c = load_gateway_config(minimal()).config;
  c.asterisk = AsteriskConfig{"PJSIP/x/%NUM%", "127.0.0.1", "5038", "user", "", "", "999", "300", "30000"};
  const auto errors = validate(c);
  ASSERT_EQ(errors.size(), 1u);  // pwd is not checked; context is
  EXPECT_EQ(errors[0].key, "connecttocmd/asterisk/context");
}

TEST(StartupBanner, LinesOfTheOriginal) {
  GatewayConfig c = load_gateway_config(minimal()).config;
  c.wsport = 8182;
  const std::string banner = startup_banner(c, "0.1.0");
  EXPECT_EQ(banner.rfind("***********************************\nDémarrage MiniPavi 1.6", 0), 0u);
  for (const char* expected :
       {"\nServeur: h\n", "\nVerbose: Non\n", "\nFichier configuration: **Aucun**\n", "\nMaximum de connexions: 10\n",
        "\nMaximum de connexions/ip: Aucune limite\n", "\nTimout inactivité (sec.): 600\n",
        "\nPort TCP Websockets: 8182\n", "\nURL passerelle: ws://h:8182/\n", "\nPort TCP SSL Websockets: Désactivé\n",
        "\nPort TCP standard: 2323\n", "\nPort TCP Asterisk: Désactivé\n", "\nService par défaut: http://s/\n",
        "\nEmplacement des enregistrements de sessions: Inactif\n", "\nClé AbuseIPDB: **Aucune**\n", "\nSSL: Non\n",
        "\nEconomiseur d'écran minitel: Activé\n", "\n>>> Aucune configuration AMI (Appels sortants Asterisk) <<<\n"}) {
    EXPECT_NE(banner.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(banner.find("URL passerelle SSL"), std::string::npos);  // only when wssport > 0
}

}  // namespace
}  // namespace pavi::gateway

namespace pavi::gateway {
namespace {

TEST(ConfigCommandLine, NoArgumentsAtAllIsTheQuickStart) {
  const LoadResult r = load_gateway_config({});
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.config.durl, "internal:");
  EXPECT_EQ(r.config.wsport, 8182);
  EXPECT_EQ(r.config.telnport, 8183);
  EXPECT_EQ(r.config.host, "localhost");
  EXPECT_GE(r.config.maxc, 1);
  EXPECT_TRUE(validate(r.config).empty());
}

TEST(ConfigCommandLine, AnnuaireFromFlagOrFile) {
  const LoadResult r = load_gateway_config({"--host", "h", "--maxc", "1", "--telnport", "1", "--annuaire", "acc.xml"});
  EXPECT_EQ(r.config.annuaire, "acc.xml");
}

}  // namespace
}  // namespace pavi::gateway
