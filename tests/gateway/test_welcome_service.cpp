// The embedded default service driven through the session engine, as the gateway serves it: the welcome page,
// code entry and hand-over with DIRECTCNX, the directory listing and its paging.
#include <gtest/gtest.h>

#include "gateway/session/service_session.hpp"
#include "gateway/welcome/welcome_service.hpp"
#include "videotex/decoder.hpp"
#include "videotex/dump.hpp"
#include "videotex/keys.hpp"

namespace pavi::gateway {
namespace {

using videotex::FunctionKey;

Directory sample_directory(int extra = 0) {
  Directory directory;
  directory.entries.push_back({"METEO", "https://meteo.example/index.php?x=1", "La météo"});
  directory.entries.push_back({"SOON", "", "Bientôt"});
  for (int i = 0; i < extra; ++i) directory.entries.push_back({"S" + std::to_string(100 + i), "http://s.example/", ""});
  return directory;
}

// A user on a gateway whose default service is the welcome page: internal calls are answered in-process;
// the first call to anywhere else is kept for the test.
class WelcomeVisit {
 public:
  explicit WelcomeVisit(Directory directory)
      : directory_(std::move(directory)),
        session_(SessionSetup{"17953543836654", "127.0.0.1", "WS", std::string(kWelcomeUrl), "", ""}) {
    run(session_.start());
  }

  void type(std::string_view text) { run(session_.on_terminal(text)); }
  void press(FunctionKey key) { run(session_.on_terminal(videotex::key_bytes(key))); }
  std::string screen() const { return videotex::text_dump(decoder_.screen()); }
  const std::optional<ServiceCall>& outside_call() const { return outside_call_; }
  const ServiceSession& session() const { return session_; }

 private:
  void run(Step step) {
    for (;;) {
      decoder_.feed(step.output);
      if (!step.call) return;
      if (!is_internal_url(step.call->url)) {
        outside_call_ = step.call;
        return;
      }
      step = session_.on_result({false, welcome_reply(step.call->request, directory_, {"PaviKit", "v9", 14}),
                                 std::nullopt});
    }
  }

  Directory directory_;
  ServiceSession session_;
  videotex::Decoder decoder_;
  std::optional<ServiceCall> outside_call_;
};

TEST(WelcomeService, HomePageAsksForACode) {
  WelcomeVisit visit(sample_directory());
  EXPECT_NE(visit.screen().find("PaviKit"), std::string::npos);
  EXPECT_NE(visit.screen().find("Code du service :"), std::string::npos);
  EXPECT_NE(visit.screen().find("(2 services inscrits)"), std::string::npos);
  EXPECT_NE(visit.screen().find("v9"), std::string::npos);
  EXPECT_TRUE(visit.session().input_armed());
  EXPECT_FALSE(visit.outside_call());
}

TEST(WelcomeService, AKnownCodeHandsOverWithDirectCnx) {
  WelcomeVisit visit(sample_directory());
  visit.type("meteo");
  EXPECT_NE(visit.screen().find("meteo"), std::string::npos);  // echoed in the field
  visit.press(FunctionKey::envoi);
  ASSERT_TRUE(visit.outside_call());
  EXPECT_EQ(visit.outside_call()->url, "https://meteo.example/index.php?x=1");
  EXPECT_EQ(visit.outside_call()->request.fctn, "DIRECTCNX");  // the service starts as on a new connection
  EXPECT_NE(visit.screen().find("Connexion à METEO..."), std::string::npos);
}

TEST(WelcomeService, UnknownEmptyAndUnavailableCodesStayOnThePage) {
  WelcomeVisit visit(sample_directory());
  visit.type("nope");
  visit.press(FunctionKey::envoi);
  EXPECT_NE(visit.screen().find("Code inconnu : NOPE"), std::string::npos);
  visit.press(FunctionKey::envoi);
  EXPECT_NE(visit.screen().find("Tapez un code, puis Envoi"), std::string::npos);
  visit.type("soon");
  visit.press(FunctionKey::envoi);
  EXPECT_NE(visit.screen().find("Service SOON indisponible"), std::string::npos);
  EXPECT_FALSE(visit.outside_call());
  EXPECT_TRUE(visit.session().input_armed());
}

TEST(WelcomeService, GuideListsTheDirectoryPageByPage) {
  WelcomeVisit visit(sample_directory(20));  // 22 entries: 2 pages of 14
  visit.press(FunctionKey::guide);
  EXPECT_NE(visit.screen().find("Annuaire des services"), std::string::npos);
  EXPECT_NE(visit.screen().find("page 1/2"), std::string::npos);
  EXPECT_NE(visit.screen().find("METEO"), std::string::npos);
  EXPECT_NE(visit.screen().find("La météo"), std::string::npos);
  visit.press(FunctionKey::suite);
  EXPECT_NE(visit.screen().find("page 2/2"), std::string::npos);
  EXPECT_NE(visit.screen().find("S119"), std::string::npos);
  EXPECT_EQ(visit.screen().find("METEO"), std::string::npos);
  visit.press(FunctionKey::suite);  // stays on the last page
  EXPECT_NE(visit.screen().find("page 2/2"), std::string::npos);
  visit.press(FunctionKey::retour);
  EXPECT_NE(visit.screen().find("page 1/2"), std::string::npos);
  visit.type("s105");  // a code can be typed on the listing too
  visit.press(FunctionKey::envoi);
  ASSERT_TRUE(visit.outside_call());
  EXPECT_EQ(visit.outside_call()->url, "http://s.example/");
}

TEST(WelcomeService, SommaireAndRetourGoHome) {
  WelcomeVisit visit(sample_directory());
  visit.press(FunctionKey::guide);
  EXPECT_NE(visit.screen().find("Annuaire des services"), std::string::npos);
  visit.press(FunctionKey::sommaire);
  EXPECT_EQ(visit.screen().find("Annuaire des services"), std::string::npos);
  EXPECT_NE(visit.screen().find("Code du service :"), std::string::npos);
  visit.press(FunctionKey::guide);
  visit.press(FunctionKey::retour);
  EXPECT_EQ(visit.screen().find("Annuaire des services"), std::string::npos);
}

TEST(WelcomeService, AnEmptyDirectorySaysSo) {
  WelcomeVisit visit(Directory{});
  EXPECT_NE(visit.screen().find("Aucun service n'est encore inscrit"), std::string::npos);
  visit.press(FunctionKey::guide);
  EXPECT_NE(visit.screen().find("(vide)"), std::string::npos);
}

TEST(WelcomeService, InternalUrls) {
  EXPECT_TRUE(is_internal_url("internal:"));
  EXPECT_TRUE(is_internal_url(kWelcomeUrl));
  EXPECT_FALSE(is_internal_url("http://internal/"));
}

}  // namespace
}  // namespace pavi::gateway
