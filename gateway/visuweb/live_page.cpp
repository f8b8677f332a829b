// Table markup kept simple (ids on the tables, one row per connection) so that the browser test and scrapers can
// find their way; a little CSS, no script.
#include "gateway/visuweb/live_page.hpp"

#include "gateway/service_protocol/php_url.hpp"
#include "gateway/visuweb/visuweb_format.hpp"
#include "gateway/visuweb/visuweb_reply.hpp"

namespace pavi::gateway::visuweb {

namespace {

std::string port_text(int port) { return port > 0 ? std::to_string(port) : "Désactivé"; }

std::string connection_rows(const GatewayConfig& config, const std::vector<ConnectionEntry>& entries,
                            std::time_t now, bool history) {
  std::string rows;
  for (const ConnectionEntry& entry : entries) {
    const ConnectionTimes times = connection_times(entry, now);
    const std::string link = history ? replay_link(config, entry) : live_view_link(config, entry);
    const std::string id = html_escape(entry.unique_id);
    rows += "<tr><td>";
    rows += link.empty() ? id : "<a href=\"" + html_escape(link) + "\" target=\"_blank\">" + id + "</a>";
    rows += "</td><td>" + html_escape(entry.ip) + "</td><td>" + html_escape(connection_type(entry)) + "</td><td>" +
            std::to_string(entry.serial) + "</td><td>" + times.tcnx + "</td><td>" + times.tlastaction + " [" +
            times.duree + "]</td><td>" + html_escape(entry.url.value_or("")) + "</td><td>" +
            html_escape(entry.infos) + "</td></tr>\n";
  }
  return rows;
}

std::string connection_table(const char* id, std::string rows) {
  return std::string("<table id=\"") + id +
         "\"><tr><th>ID</th><th>IP</th><th>Type</th><th>PID</th><th>Heure connexion</th>"
         "<th>Dernière activité</th><th>URL</th><th>Infos</th></tr>\n" +
         rows + "</table>\n";
}

}  // namespace

std::string gateway_ws_url(const GatewayConfig& config) {
  if (config.wssport > 0) return "wss://" + config.host + ":" + std::to_string(config.wssport) + "/";
  if (config.wsport > 0) return "ws://" + config.host + ":" + std::to_string(config.wsport) + "/";
  return {};
}

std::string live_view_link(const GatewayConfig& config, const ConnectionEntry& entry) {
  const std::string gateway = gateway_ws_url(config);
  if (config.extcallurl.empty() || config.viewer.empty() || config.visukey.empty() || gateway.empty() ||
      entry.direction != Direction::in) {
    return {};
  }
  const std::string service =
      config.extcallurl + "?key=" + service::php_urlencode(config.visukey) + "&uniqueid=" + entry.unique_id;
  return config.viewer + "?nowebmedia=1&gw=" + service::php_urlencode(gateway) +
         "&url=" + service::php_urlencode(service);
}

std::string replay_link(const GatewayConfig& config, const ConnectionEntry& entry) {
  const std::string gateway = gateway_ws_url(config);
  if (config.viewer.empty() || gateway.empty() || entry.direction != Direction::in) return {};
  return config.viewer + "?nowebmedia=1&gw=" + service::php_urlencode(gateway + "?streamuniqueid=" + entry.unique_id);
}

std::string live_page(const GatewayConfig& config, const LivePageInput& input) {
  const std::string count = std::to_string(input.activity.live.size());
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"refresh\" content=\"30\"><title>[" + count + "] VisuWeb MiniPAVI</title>\n"
      "<style>body{font-family:sans-serif;font-size:13px}table{border-collapse:collapse;margin:6px 0}"
      "td,th{border:1px solid #999;padding:2px 6px;text-align:left}th{background:#ddd}"
      "pre{background:#f4f4f4;padding:6px}</style></head><body>\n"
      "<h1>MiniPAVI 1.6 | Visu direct | <a href=\"/action=stats\">Stats</a></h1>\n"
      "<p>Démarré le " + format_date_time(input.activity.started_at) + "</p>\n";
  page += "<table id=\"config\"><tr><th>Max. connexions</th><th>Port WS</th><th>Port WSS</th><th>Port TELN</th>"
          "<th>Port ASTERISK</th><th>Service par défaut</th><th>Logs</th><th>Stats</th></tr>\n<tr><td>" +
          std::to_string(config.maxc) + "</td><td>" + port_text(config.wsport) + "</td><td>" +
          port_text(config.wssport) + "</td><td>" + port_text(config.telnport) + "</td><td>" +
          port_text(config.astport) + "</td><td>" + html_escape(config.durl) + "</td><td>" +
          html_escape(config.lpath) + "</td><td>" + html_escape(config.spath) + "</td></tr></table>\n";
  page += "<p id=\"status\">" + count + " connexion(s) en cours | " + format_date_time(input.now) + " | Usage CPU " +
          format_comma_decimal(input.system.loadavg * 100) + "% | Disque " + format_thousands(input.system.free_mb) +
          " Mo libres</p>\n";
  page += connection_table("live", connection_rows(config, input.activity.live, input.now, false));
  page += "<h2>Dernières connexions</h2>\n";
  page += connection_table("history", connection_rows(config, input.activity.history, input.now, true));
  page += "<h2>Derniers logs</h2>\n<pre id=\"logs\">";
  for (const std::string& line : input.log_lines) page += html_escape(line) + "\n";
  page += "</pre>\n";
  page += page_footer(input.version);
  return page;
}

}  // namespace pavi::gateway::visuweb
