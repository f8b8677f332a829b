// The VisuWeb home page (visuweb-stats-recordings.md §2.4): its parts in order, escaping, and the viewer links.
#include <gtest/gtest.h>

#include "gateway/visuweb/live_page.hpp"

namespace pavi::gateway::visuweb {
namespace {

GatewayConfig config() {
  GatewayConfig c;
  c.host = "gw.example";
  c.maxc = 20;
  c.wsport = 8182;
  c.durl = "http://svc/home";
  c.lpath = "./logs/";
  c.spath = "./stats/";
  return c;
}

ConnectionEntry entry(std::string uid, Direction direction, std::time_t at) {
  ConnectionEntry e;
  e.serial = 3;
  e.unique_id = std::move(uid);
  e.direction = direction;
  e.typesocket = "WS";
  e.ip = "192.0.2.1";
  e.connected_at = at;
  e.last_action = at + 65;
  return e;
}

LivePageInput input() {
  LivePageInput in;
  in.now = 1795354383;
  in.activity.started_at = in.now - 3600;
  in.system = SystemFigures{0.58, 79730};
  in.version = "PaviKit 0.1";
  return in;
}

std::size_t at(const std::string& page, const std::string& text) {
  const auto pos = page.find(text);
  EXPECT_NE(pos, std::string::npos) << text;
  return pos;
}

TEST(VisuWebLivePage, HasTheOriginalsPartsInOrder) {
  LivePageInput in = input();
  in.activity.live.push_back(entry("17953543836654", Direction::in, in.now - 100));
  in.activity.history.push_back(entry("17953500001111", Direction::in, in.now - 900));
  in.activity.history.push_back(entry("17953400002222", Direction::in, in.now - 1900));
  in.log_lines = {"[22/11/2026 13:40:19] newest", "[22/11/2026 13:40:18] older"};
  const std::string page = live_page(config(), in);
  EXPECT_NE(page.find("<meta http-equiv=\"refresh\" content=\"30\">"), std::string::npos);
  EXPECT_NE(page.find("<title>[1] VisuWeb MiniPAVI</title>"), std::string::npos);
  const auto heading = at(page, "MiniPAVI 1.6 | Visu direct | <a href=\"/action=stats\">Stats</a>");
  const auto started = at(page, "Démarré le ");
  const auto config_table = at(page, "<td>20</td><td>8182</td><td>Désactivé</td>");
  const auto status = at(page, "1 connexion(s) en cours | ");
  const auto live = at(page, ">17953543836654<");
  const auto history = at(page, "Dernières connexions");
  const auto newest = at(page, ">17953500001111<");
  const auto oldest = at(page, ">17953400002222<");
  const auto logs = at(page, "Derniers logs");
  const auto newest_log = at(page, "newest");
  const auto older_log = at(page, "older");
  const auto footer = at(page, "<hr>MiniPavi <a ");
  EXPECT_LT(heading, started);
  EXPECT_LT(started, config_table);
  EXPECT_LT(config_table, status);
  EXPECT_LT(status, live);
  EXPECT_LT(live, history);
  EXPECT_LT(history, newest);
  EXPECT_LT(newest, oldest);
  EXPECT_LT(oldest, logs);
  EXPECT_LT(logs, newest_log);
  EXPECT_LT(newest_log, older_log);
  EXPECT_LT(older_log, footer);
  EXPECT_NE(page.find("Usage CPU 58,00% | Disque 79 730 Mo libres"), std::string::npos);
  EXPECT_NE(page.find("[1:05]"), std::string::npos);  // last action [M:SS]
  EXPECT_TRUE(page.ends_with("PaviKit 0.1</body></html>"));
}

TEST(VisuWebLivePage, EscapesWhatUsersAndServicesWrote) {
  LivePageInput in = input();
  ConnectionEntry e = entry("1", Direction::in, in.now);
  e.url = "http://x/?a=<script>alert(1)</script>&b=\"";
  e.infos = "WSTO <evil> /";
  in.activity.live.push_back(e);
  in.log_lines = {"Appel service [ENVOI] [<b>pwd</b>] > http://x"};
  const std::string page = live_page(config(), in);
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_EQ(page.find("<evil>"), std::string::npos);
  EXPECT_EQ(page.find("<b>pwd"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;&amp;b=&quot;"), std::string::npos);
  EXPECT_NE(page.find("WSTO &lt;evil&gt; /"), std::string::npos);
}

TEST(VisuWebLivePage, LinksNeedTheirSettingsAndAnIncomingSession) {
  GatewayConfig c = config();
  const ConnectionEntry in = entry("17953543836654", Direction::in, 0);
  EXPECT_EQ(live_view_link(c, in), "");
  EXPECT_EQ(replay_link(c, in), "");
  c.viewer = "http://emu/";
  EXPECT_EQ(replay_link(c, in), "http://emu/?nowebmedia=1&gw=ws%3A%2F%2Fgw.example%3A8182%2F%3Fstreamuniqueid%3D17953543836654");
  EXPECT_EQ(live_view_link(c, in), "");  // extcallurl and visukey missing
  c.extcallurl = "http://svc/extcall.php";
  c.visukey = "K1";
  EXPECT_EQ(live_view_link(c, in), "http://emu/?nowebmedia=1&gw=ws%3A%2F%2Fgw.example%3A8182%2F&url=http%3A%2F%2Fsvc%2F"
                                   "extcall.php%3Fkey%3DK1%26uniqueid%3D17953543836654");
  c.wssport = 8443;  // wss is preferred
  EXPECT_NE(live_view_link(c, in).find("gw=wss%3A%2F%2Fgw.example%3A8443%2F"), std::string::npos);
  EXPECT_EQ(live_view_link(c, entry("1", Direction::replay, 0)), "");
  EXPECT_EQ(replay_link(c, entry("1", Direction::out, 0)), "");
  c.wsport = 0;
  c.wssport = 0;
  EXPECT_EQ(replay_link(c, in), "");
}

TEST(VisuWebLivePage, TheHistoryIdOpensTheReplayWithAnEscapedHref) {
  GatewayConfig c = config();
  c.viewer = "http://emu/";
  LivePageInput in = input();
  in.activity.history.push_back(entry("17953500001111", Direction::in, in.now - 900));
  const std::string page = live_page(c, in);
  EXPECT_NE(page.find("<a href=\"http://emu/?nowebmedia=1&amp;gw=ws%3A%2F%2Fgw.example%3A8182%2F%3Fstreamuniqueid%3D"
                      "17953500001111\" target=\"_blank\">17953500001111</a>"),
            std::string::npos);
}

}  // namespace
}  // namespace pavi::gateway::visuweb
