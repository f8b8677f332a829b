// Header order and spelling are the original's: the WebMedia page and the web emulators read these replies.
#include "gateway/visuweb/visuweb_reply.hpp"

#include "gateway/service_protocol/php_json.hpp"

namespace pavi::gateway::visuweb {

std::string ok_reply(std::string_view content_type, std::string_view body) {
  std::string reply = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\nContent-Type: ";
  reply.append(content_type);
  reply += "\r\n\r\n";
  reply.append(body);
  return reply;
}

std::string unauthorized_reply() {
  return "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"insert realm\", charset=\"UTF-8\"\r\n\r\n";
}

std::string bad_gateway_reply() { return "HTTP/1.1 502 Bad Gateway\r\n\r\n"; }

std::string page_footer(std::string_view version) {
  return "<hr>MiniPavi <a href=\"http://www.minipavi.fr\" target=\"_blank\">www.minipavi.fr</a> - " +
         std::string(version) + "</body></html>";
}

std::string webmedia_body(const std::optional<WebMediaPoll>& session) {
  service::Json value = service::Json::object();
  if (!session) {
    value["result"] = "KO";
  } else if (session->media) {
    value["result"] = "OK";
    value["content"] = "1";
    value["type"] = session->media->type;
    value["infos"] = session->media->infos;
  } else {
    value["result"] = "OK";
    value["content"] = "0";
  }
  return service::php_json_encode(value).text.value_or("{\"result\":\"KO\"}");
}

std::string webmedia_reply(std::string_view origin, const std::optional<WebMediaPoll>& session) {
  const std::string body = webmedia_body(session);
  std::string reply = "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ";
  reply.append(origin);
  reply += "\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nContent-Type: application/json; charset=utf-8\r\n\r\n" + body;
  return reply;
}

}  // namespace pavi::gateway::visuweb
