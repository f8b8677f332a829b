// The suite's bookkeeping: the catalogue accounts for all 150 checklist items, --only selection, the run's verdict
// with and without --strict-quirks, and the three report formats (JUnit XML well-formed, JSON parsable).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>

#include "simulators/conformance/catalogue.hpp"
#include "simulators/conformance/harness.hpp"
#include "simulators/conformance/report.hpp"
#include "simulators/conformance/suite.hpp"

namespace pavi::conformance {
namespace {

TEST(ConformanceCatalogue, AccountsForEveryChecklistItem) {
  std::set<std::string> ids, keys;
  for (const auto& c : all_checks()) {
    EXPECT_TRUE(keys.insert(c.key).second) << "duplicate key " << c.key;
    EXPECT_FALSE(c.ids.empty());
    EXPECT_TRUE(c.run || !c.skip_reason.empty()) << c.key << " has neither a scenario nor a skip reason";
    for (const auto& id : c.ids) {
      EXPECT_NE(category_of(id), '?') << id;
      ids.insert(id);
    }
  }
  EXPECT_EQ(ids.size(), 150u);
}

TEST(ConformanceCatalogue, CategoriesFollowTheChecklistHeadings) {
  EXPECT_EQ(category_of("C-001"), 'A');
  EXPECT_EQ(category_of("C-011"), 'A');
  EXPECT_EQ(category_of("C-012"), 'B');
  EXPECT_EQ(category_of("C-059"), 'D');
  EXPECT_EQ(category_of("C-100"), 'J');
  EXPECT_EQ(category_of("C-150"), 'P');
  EXPECT_EQ(category_of("C-151"), '?');
  EXPECT_EQ(category_of("X-1"), '?');
  EXPECT_EQ(category_title('G'), "Error pages");
}

TEST(ConformanceCatalogue, OnlySelectsByIdOrKey) {
  const auto& all = all_checks();
  auto s = select_checks(all, {"C-014"});
  ASSERT_TRUE(s.error.empty());
  EXPECT_EQ(s.checks.size(), 2u);  // C-014.ws and C-014.telnet
  s = select_checks(all, {"C-014.telnet", "C-036"});
  ASSERT_EQ(s.checks.size(), 2u);
  EXPECT_EQ(s.checks[0]->key, "C-014.telnet");
  EXPECT_EQ(s.checks[1]->key, "C-036");
  s = select_checks(all, {"C-999"});
  EXPECT_NE(s.error.find("C-999"), std::string::npos);
  EXPECT_EQ(select_checks(all, {}).checks.size(), all.size());
}

TEST(ConformanceCatalogue, UnmetNeedsBecomeSkipReasons) {
  Check c;
  c.run = [](Harness&) { return pass(); };
  c.needs = need_ws | need_durl;
  HarnessSettings settings;
  EXPECT_NE(unmet_need(c, settings).find("--gateway"), std::string::npos);
  settings.gateway_ws = "ws://127.0.0.1:1";
  EXPECT_NE(unmet_need(c, settings).find("durl"), std::string::npos);
  settings.durl_is_fake = true;
  EXPECT_EQ(unmet_need(c, settings), "");
  c.needs |= need_durl_apart;  // a durl that prefixes the checks' URLs makes them all "the default service"
  settings.service_base = "http://127.0.0.1:8090";
  settings.durl = "http://127.0.0.1:8090/";
  EXPECT_NE(unmet_need(c, settings).find("path of its own"), std::string::npos);
  settings.durl = "http://127.0.0.1:8090/home";
  EXPECT_EQ(unmet_need(c, settings), "");
}

SuiteReport sample(bool strict) {
  SuiteReport r;
  r.strict_quirks = strict;
  r.gateway = "ws://127.0.0.1:8182";
  r.durl = "http://127.0.0.1:8090/";
  r.results = {
      {"C-001", {"C-001"}, "POST & JSON <body>", false, pass(), std::chrono::milliseconds(12)},
      {"C-014.telnet", {"C-014"}, "typesocket TELN", false, skip("needs --telnet"), {}},
      {"C-021", {"C-021"}, "ï -> î", true, fail("got \"\xC3\xAF\" \x01"), std::chrono::milliseconds(3)},
  };
  return r;
}

TEST(ConformanceReport, QuirkFailuresCountOnlyWhenStrict) {
  EXPECT_FALSE(sample(false).failed());
  EXPECT_TRUE(sample(true).failed());
  auto with_failure = sample(false);
  with_failure.results[0].outcome = fail("no");
  EXPECT_TRUE(with_failure.failed());
  EXPECT_EQ(sample(false).counts(false).pass, 1u);
  EXPECT_EQ(sample(false).counts(false).skip, 1u);
  EXPECT_EQ(sample(false).counts(true).fail, 1u);
  EXPECT_EQ(sample(false).by_category().at('B').fail, 1u);
}

TEST(ConformanceReport, TextListsQuirksApart) {
  const auto text = text_report(sample(false));
  EXPECT_NE(text.find("PASS  C-001"), std::string::npos) << text;
  EXPECT_NE(text.find("skip  C-014 (C-014.telnet)"), std::string::npos) << text;
  EXPECT_LT(text.find("C-014"), text.find("(Q) items"));
  EXPECT_GT(text.find("FAIL  C-021"), text.find("(Q) items"));
  EXPECT_NE(text.find("result: PASSED"), std::string::npos);
  EXPECT_NE(text_report(sample(true)).find("result: FAILED"), std::string::npos);
}

TEST(ConformanceReport, JunitIsWellFormedXml) {
  for (const bool strict : {false, true}) {
    const auto xml = junit_report(sample(strict));
    pugi::xml_document doc;
    const auto parsed = doc.load_string(xml.c_str());
    ASSERT_TRUE(parsed) << parsed.description() << "\n" << xml;
    const auto suite = doc.child("testsuites").child("testsuite");
    EXPECT_EQ(std::distance(suite.children("testcase").begin(), suite.children("testcase").end()), 3);
    EXPECT_EQ(suite.attribute("failures").as_int(), strict ? 1 : 0);
    EXPECT_EQ(suite.attribute("skipped").as_int(), strict ? 1 : 2);
    const auto first = suite.child("testcase");
    EXPECT_STREQ(first.attribute("name").value(), "C-001 POST & JSON <body>");
    EXPECT_STREQ(first.attribute("classname").value(), "conformance.A");
  }
}

TEST(ConformanceReport, JsonParses) {
  const auto text = json_report(sample(false));
  const auto j = nlohmann::json::parse(text);
  EXPECT_TRUE(j["passed"].get<bool>());
  EXPECT_EQ(j["checks"]["pass"], 1);
  EXPECT_EQ(j["quirks"]["fail"], 1);
  ASSERT_EQ(j["results"].size(), 3u);
  EXPECT_EQ(j["results"][1]["key"], "C-014.telnet");
  EXPECT_EQ(j["results"][1]["verdict"], "skip");
  EXPECT_EQ(j["results"][2]["quirk"], true);
  EXPECT_EQ(j["sections"]["A"]["title"], "HTTP transport to services");
  ReportFormat f;
  EXPECT_TRUE(parse_report_format("junit", f));
  EXPECT_EQ(f, ReportFormat::junit);
  EXPECT_FALSE(parse_report_format("xml", f));
}

}  // namespace
}  // namespace pavi::conformance
