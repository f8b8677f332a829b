// The directory of the embedded default service: paviacc.conf as MiniPaviAcc reads it, with clear errors.
#include <gtest/gtest.h>

#include "gateway/welcome/directory.hpp"

namespace pavi::gateway {
namespace {

TEST(WelcomeDirectory, ReadsServicesAsMiniPaviAccDoes) {
  const auto load = parse_directory(R"(<?xml version="1.0"?>
    <config><annuaire>
      <service code=" meteo "><url>https://meteo.example/index.php</url><infos>La météo</infos></service>
      <service code="JEUX"><url>http://127.0.0.1:8000/jeux</url></service>
    </annuaire></config>)", "paviacc.conf");
  ASSERT_TRUE(load.directory) << load.error;
  EXPECT_TRUE(load.warnings.empty());
  ASSERT_EQ(load.directory->entries.size(), 2u);
  EXPECT_EQ(load.directory->entries[0], (DirectoryEntry{"METEO", "https://meteo.example/index.php", "La météo"}));
  EXPECT_EQ(load.directory->entries[1].infos, "");
  ASSERT_NE(load.directory->find("  Meteo\t"), nullptr);  // trimmed and upper-cased, as getUrlFromCode()
  EXPECT_EQ(load.directory->find("Meteo")->code, "METEO");
  EXPECT_EQ(load.directory->find("METEOX"), nullptr);
  EXPECT_EQ(load.directory->find(""), nullptr);
}

TEST(WelcomeDirectory, SkipsWhatCannotWorkAndSaysWhy) {
  const auto load = parse_directory(R"(<config><annuaire>
      <service code="A"><url>http://a.example/</url></service>
      <service code="NOURL"/>
      <service code="BAD"><url>not a url</url></service>
      <service code="DUP"><url>http://one.example/</url></service>
      <service code="dup"><url>http://two.example/</url></service>
    </annuaire></config>)", "acc.xml");
  ASSERT_TRUE(load.directory);
  ASSERT_EQ(load.directory->entries.size(), 3u);
  EXPECT_EQ(load.directory->find("NOURL")->url, "");
  EXPECT_EQ(load.directory->find("BAD")->url, "");
  EXPECT_EQ(load.directory->find("dup")->url, "http://one.example/");
  ASSERT_EQ(load.warnings.size(), 3u);
  EXPECT_NE(load.warnings[0].find("acc.xml: annuaire/service code \"A\" skipped"), std::string::npos);
  EXPECT_NE(load.warnings[1].find("BAD: url \"not a url\" is not an absolute URL"), std::string::npos);
  EXPECT_NE(load.warnings[2].find("DUP appears twice"), std::string::npos);
}

TEST(WelcomeDirectory, BrokenFilesGiveOneLineNamingTheFile) {
  const auto broken = parse_directory("<config><annuaire>", "paviacc.conf");
  EXPECT_FALSE(broken.directory);
  EXPECT_EQ(broken.error.rfind("paviacc.conf: not valid XML", 0), 0u) << broken.error;
  const auto wrong_root = parse_directory("<minipavi/>", "paviacc.conf");
  EXPECT_FALSE(wrong_root.directory);
  EXPECT_EQ(wrong_root.error, "paviacc.conf: the root element is <minipavi>, expected <config>");
  const auto missing = load_directory("/nonexistent/paviacc.conf");
  EXPECT_FALSE(missing.directory);
  EXPECT_EQ(missing.error, "/nonexistent/paviacc.conf: cannot be read");
  EXPECT_EQ(broken.error.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace pavi::gateway
