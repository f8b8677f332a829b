// The startup banner (config.md §8): the original's lines, labels and order, so that operators' scripts and
// habits keep working; the version line also names PaviKit.
#include "gateway/config/gateway_config.hpp"

namespace pavi::gateway {
namespace {

std::string port_or_off(int port) { return port > 0 ? std::to_string(port) : "Désactivé"; }

std::string or_none(const std::string& value, const char* none = "**Aucune**") { return value.empty() ? none : value; }

}  // namespace

std::string startup_banner(const GatewayConfig& c, std::string_view version) {
  std::string out;
  const auto line = [&out](std::string_view text) {
    out.append(text);
    out += '\n';
  };
  line("***********************************");
  line("Démarrage MiniPavi 1.6 (PaviKit " + std::string(version) + ")");
  line("");
  line("Serveur: " + c.host);
  line(std::string("Verbose: ") + (c.verbose ? "Oui" : "Non"));
  line("Fichier configuration: " + or_none(c.cfgfile, "**Aucun**"));
  line("Maximum de connexions: " + std::to_string(c.maxc));
  line("Maximum de connexions/ip: " + (c.maxcip > 0 ? std::to_string(c.maxcip) : std::string("Aucune limite")));
  line("Maximum historique: " + std::to_string(c.maxhisto));
  line("Timout inactivité (sec.): " + std::to_string(c.timeout));
  line("Port TCP Websockets: " + port_or_off(c.wsport));
  if (c.wsport > 0) line("URL passerelle: ws://" + c.host + ":" + std::to_string(c.wsport) + "/");
  line("Port TCP SSL Websockets: " + port_or_off(c.wssport));
  if (c.wssport > 0) line("URL passerelle SSL: wss://" + c.host + ":" + std::to_string(c.wssport) + "/");
  line("Port TCP standard: " + port_or_off(c.telnport));
  line("Port TCP Asterisk: " + port_or_off(c.astport));
  line("Port TCP Visu web: " + port_or_off(c.httpport));
  if (c.httpport > 0) {
    line(std::string("URL VisuWeb: ") + (c.ssl.empty() ? "http" : "https") + "://" + c.host + ":" +
         std::to_string(c.httpport) + "/");
  }
  line("Service par défaut: " + c.durl);
  line("Emplacement des logs: " + c.lpath);
  line("Emplacement des stats: " + c.spath);
  line("Emplacement des enregistrements de sessions: " + or_none(c.rpath, "Inactif"));
  line("Clé AbuseIPDB: " + or_none(c.ipdbkey));
  line("Blacklist IP: " + or_none(c.ipblacklist));
  line("Whitelist IP: " + or_none(c.ipwhitelist));
  line(c.ssl.empty() ? std::string("SSL: Non") : "Cert SSL: " + c.ssl + " Key: " + c.sslkey);
  line(std::string("Economiseur d'écran minitel: ") + (c.screensaver ? "Activé" : "Désactivé"));
  line("");
  if (c.asterisk) {
    const AsteriskConfig& a = *c.asterisk;
    line(">>> Configuration AMI (Appels sortants Asterisk) <<<");
    line("Channel SIP: " + a.sipchannel);
    line("IP AMI: " + a.ip);
    line("Port AMI: " + a.port);
    line("Utilisateur AMI: " + a.user);
    line("Contexte Asterisk: " + a.context);
    line("Extension Asterisk: " + a.ext);
    line("Durée maximum: " + a.maxtime + " sec.");
    line("Timeout appel: " + a.calltimeout + " msec.");
  } else {
    line(">>> Aucune configuration AMI (Appels sortants Asterisk) <<<");
  }
  line("");
  line("***********************************");
  return out;
}

}  // namespace pavi::gateway
